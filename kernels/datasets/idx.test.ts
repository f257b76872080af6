import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DatasetError } from './errors';
import { parseIdx, readIdxFile } from './idx';
import { readMnistSplit } from './mnist';

/** Builds IDX bytes of unsigned-byte values with the given dimensions. */
function idxBytes(dims: number[], values?: number[]): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  const bytes = new Uint8Array(4 + 4 * dims.length + count);
  const view = new DataView(bytes.buffer);
  bytes[2] = 0x08;
  bytes[3] = dims.length;
  dims.forEach((size, axis) => view.setUint32(4 + 4 * axis, size, false));
  for (let i = 0; i < count; i++) bytes[4 + 4 * dims.length + i] = values ? values[i] : i % 256;
  return bytes;
}

const expect0 = { dataset: 'mnist', file: 'fixture-images', fix: 'npm install' };

function errorOf(action: () => unknown): DatasetError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('parseIdx', () => {
  it('reads dimensions and values', () => {
    const parsed = parseIdx(idxBytes([2, 3, 2]), { ...expect0, dims: [2, 3, 2] });
    expect(parsed.dims).toEqual([2, 3, 2]);
    expect(Array.from(parsed.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('rejects a wrong magic number in one line naming the file and the fix', () => {
    const bytes = idxBytes([4]);
    bytes[2] = 0x0d; // float32 values: not what MNIST holds
    const error = errorOf(() => parseIdx(bytes, expect0));
    expect(error.message).toBe(
      'mnist: fixture-images is not an IDX file of unsigned bytes (magic number 0x00000d01): run npm install',
    );
    expect(error.message).not.toContain('\n');
  });

  it('rejects a gzip file that was never unpacked', () => {
    const gzip = new Uint8Array([0x1f, 0x8b, 0x08, 0x08, 0, 0, 0, 0]);
    expect(errorOf(() => parseIdx(gzip, expect0)).message).toContain('magic number 0x1f8b0808');
  });

  it('rejects labels where images were expected (wrong number of dimensions)', () => {
    const error = errorOf(() => parseIdx(idxBytes([5]), { ...expect0, dims: [5, 28, 28] }));
    expect(error.message).toContain('has 1 dimensions where 3 were expected');
    expect(error.message).toContain('expected 0x00000803');
  });

  it('rejects unexpected dimension sizes', () => {
    const error = errorOf(() => parseIdx(idxBytes([2, 3, 3]), { ...expect0, dims: [undefined, 28, 28] }));
    expect(error.message).toContain('has dimensions [2,3,3] where [*,28,28] were expected');
  });

  it.each([
    ['inside the header', 6],
    ['inside the values', 20],
  ])('rejects a file truncated %s', (_where, length) => {
    const error = errorOf(() => parseIdx(idxBytes([2, 3, 3]).subarray(0, length), expect0));
    expect(error.message).toMatch(/^mnist: fixture-images is truncated \(.*\): run npm install$/);
  });

  it('rejects trailing bytes after the values', () => {
    const bytes = new Uint8Array([...idxBytes([3]), 0]);
    expect(errorOf(() => parseIdx(bytes, expect0)).message).toContain('is corrupt (12 bytes, its header promises 11)');
  });
});

describe('readMnistSplit on fixture files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idx-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(name: string, bytes: Uint8Array): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  }

  it('reads matching images and labels', () => {
    const images = write('ok-images', idxBytes([3, 28, 28]));
    const labels = write('ok-labels', idxBytes([3], [7, 0, 9]));
    const split = readMnistSplit(images, labels, 'npm install');
    expect(split.count).toBe(3);
    expect(Array.from(split.labels)).toEqual([7, 0, 9]);
    expect(split.pixels.length).toBe(3 * 784);
  });

  it('rejects a label count that differs from the image count', () => {
    const images = write('n-images', idxBytes([3, 28, 28]));
    const labels = write('n-labels', idxBytes([2], [1, 2]));
    const error = errorOf(() => readMnistSplit(images, labels, 'npm install'));
    expect(error.message).toBe(
      `mnist: ${labels} holds 2 labels but n-images holds 3 images: run npm install`,
    );
  });

  it('rejects a count other than the official one', () => {
    const images = write('c-images', idxBytes([3, 28, 28]));
    const labels = write('c-labels', idxBytes([3], [1, 2, 3]));
    const error = errorOf(() => readMnistSplit(images, labels, 'npm install', 60000));
    expect(error.message).toContain('has dimensions [3,28,28] where [60000,28,28] were expected');
  });

  it('rejects a label that is not a digit', () => {
    const images = write('d-images', idxBytes([2, 28, 28]));
    const labels = write('d-labels', idxBytes([2], [3, 12]));
    expect(errorOf(() => readMnistSplit(images, labels, 'npm install')).message).toContain(
      'label 12 at index 1 is not a digit 0-9',
    );
  });

  it('names a missing file and the command that restores it', () => {
    const error = errorOf(() =>
      readIdxFile({ dataset: 'mnist', file: path.join(dir, 'absent'), fix: 'npm install' }),
    );
    expect(error.message).toMatch(/absent is missing or unreadable: run npm install$/);
  });
});
