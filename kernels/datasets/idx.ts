/**
 * A reader for the IDX format, the little binary format MNIST is distributed in.
 *
 * An IDX file is a header followed by the raw values, all big-endian:
 *
 * | bytes | meaning |
 * | --- | --- |
 * | 0-1 | always zero |
 * | 2 | value type: 0x08 unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64 |
 * | 3 | number of dimensions `d` |
 * | 4 .. 4+4d | each dimension's size as an unsigned 32-bit integer |
 * | then | the values in row-major order |
 *
 * So MNIST's training images start with `00 00 08 03`, then 60000, 28, 28, and the labels with
 * `00 00 08 01`, then 60000. The file size is therefore fully determined by the header, which is
 * how a truncated download is caught.
 */
import * as fs from 'node:fs';
import { DatasetError } from './errors';

/** An IDX file's contents: its dimensions and its unsigned bytes in row-major order. */
export interface IdxArray {
  /** Dimension sizes, outermost first, e.g. `[60000, 28, 28]`. */
  readonly dims: readonly number[];
  /** The values, `dims` multiplied together of them. */
  readonly data: Uint8Array;
}

/** What the caller expects to find; every mismatch is reported as a DatasetError. */
export interface IdxExpectation {
  /** The dataset's name, the first word of an error message, e.g. "mnist". */
  readonly dataset: string;
  /** The file the bytes came from, for error messages. */
  readonly file: string;
  /** The command that fixes a bad file, e.g. "npm install". */
  readonly fix: string;
  /** Required dimensions; `undefined` in a slot accepts any size there. */
  readonly dims?: readonly (number | undefined)[];
}

const UNSIGNED_BYTE = 0x08;

/**
 * Parses IDX bytes of unsigned-byte values (the only type MNIST uses), checking the magic
 * number, the dimensions and that the file size is exactly what the header promises.
 *
 * @example
 * const bytes = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 3]);
 * parseIdx(bytes, { dataset: 'demo', file: 'labels', fix: 'npm install' });
 * // { dims: [2], data: Uint8Array [7, 3] }
 * @throws DatasetError on a wrong magic number, unexpected dimensions, or a wrong size.
 */
export function parseIdx(bytes: Uint8Array, expect: IdxExpectation): IdxArray {
  const fail = (problem: string): DatasetError =>
    new DatasetError(expect.dataset, expect.file, problem, expect.fix);
  if (bytes.length < 4) {
    throw fail(`is truncated (${bytes.length} bytes, shorter than an IDX header)`);
  }
  const magic = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  const ndim = bytes[3];
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== UNSIGNED_BYTE || ndim === 0) {
    throw fail(`is not an IDX file of unsigned bytes (magic number 0x${hex8(magic)})`);
  }
  if (expect.dims && expect.dims.length !== ndim) {
    throw fail(
      `has ${ndim} dimensions where ${expect.dims.length} were expected ` +
        `(magic number 0x${hex8(magic)}, expected 0x${hex8(0x800 + expect.dims.length)})`,
    );
  }
  const headerSize = 4 + 4 * ndim;
  if (bytes.length < headerSize) {
    throw fail(`is truncated (${bytes.length} bytes, shorter than its ${headerSize}-byte header)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let axis = 0; axis < ndim; axis++) dims.push(view.getUint32(4 + 4 * axis, false));
  const wanted = expect.dims;
  if (wanted && dims.some((size, axis) => wanted[axis] !== undefined && wanted[axis] !== size)) {
    const shown = wanted.map((size) => (size === undefined ? '*' : String(size)));
    throw fail(`has dimensions [${dims.join(',')}] where [${shown.join(',')}] were expected`);
  }
  const count = dims.reduce((product, size) => product * size, 1);
  const expectedSize = headerSize + count;
  if (bytes.length < expectedSize) {
    throw fail(`is truncated (${bytes.length} bytes, its header promises ${expectedSize})`);
  }
  if (bytes.length > expectedSize) {
    throw fail(`is corrupt (${bytes.length} bytes, its header promises ${expectedSize})`);
  }
  return { dims, data: bytes.subarray(headerSize, expectedSize) };
}

/**
 * Reads and parses an IDX file (see {@link parseIdx}).
 * @throws DatasetError when the file is missing or malformed.
 */
export function readIdxFile(expect: IdxExpectation): IdxArray {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(expect.file);
  } catch {
    throw new DatasetError(expect.dataset, expect.file, 'is missing or unreadable', expect.fix);
  }
  return parseIdx(bytes, expect);
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}
