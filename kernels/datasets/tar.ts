/**
 * A minimal reader of (ustar / GNU) tar archives, enough to unpack the downloaded bAbI and IMDB
 * archives without a dependency. Regular files only; directories and links are skipped.
 */

/** One regular file inside a tar archive. */
export interface TarEntry {
  /** The path inside the archive, e.g. "en/qa1_single-supporting-fact_train.txt". */
  readonly name: string;
  readonly data: Uint8Array;
}

const BLOCK = 512;

function readString(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return Buffer.from(end < 0 ? field : field.subarray(0, end)).toString('utf8');
}

function readOctal(block: Uint8Array, start: number, length: number): number {
  const text = readString(block, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/**
 * Lists the regular files of an uncompressed tar archive.
 * @throws Error with a one-line reason when the archive is truncated or not a tar file.
 */
export function readTar(archive: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return entries; // end-of-archive marker
    let checksum = 0;
    for (let i = 0; i < BLOCK; i++) checksum += i >= 148 && i < 156 ? 32 : header[i];
    if (checksum !== readOctal(header, 148, 8)) {
      throw new Error(`not a tar archive (bad header checksum at byte ${offset})`);
    }
    const size = readOctal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = readString(header, 345, 155);
    const baseName = readString(header, 0, 100);
    const dataStart = offset + BLOCK;
    if (dataStart + size > archive.length) {
      throw new Error(`truncated tar archive (${baseName} needs ${size} bytes past byte ${dataStart})`);
    }
    const data = archive.subarray(dataStart, dataStart + size);
    if (type === 'L') {
      longName = readString(data, 0, data.length); // GNU long name for the next entry
    } else {
      const name = longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
      longName = undefined;
      if (type === '0' || type === '7') entries.push({ name, data });
    }
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new Error('truncated tar archive (no end-of-archive marker)');
}

/** Builds a tar archive from files (used by tests to make fixtures). */
export function writeTar(files: readonly TarEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const file of files) {
    if (Buffer.byteLength(file.name) > 100) throw new Error(`writeTar: name too long: ${file.name}`);
    const header = new Uint8Array(BLOCK);
    const put = (text: string, start: number): void => {
      header.set(Buffer.from(text, 'utf8'), start);
    };
    put(file.name, 0);
    put('0000644\0', 100);
    put('0000000\0', 108);
    put('0000000\0', 116);
    put(file.data.length.toString(8).padStart(11, '0') + '\0', 124);
    put('00000000000\0', 136);
    put('0', 156);
    put('ustar\0' + '00', 257);
    let checksum = 0;
    for (let i = 0; i < BLOCK; i++) checksum += i >= 148 && i < 156 ? 32 : header[i];
    put(checksum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(header, file.data, new Uint8Array((BLOCK - (file.data.length % BLOCK)) % BLOCK));
  }
  blocks.push(new Uint8Array(2 * BLOCK));
  return Buffer.concat(blocks);
}
