/**
 * The computing parts of the site's live demos, in node: the MNIST subset file reads back what
 * was written and refuses anything else; chapter 6's stepper reproduces the book's pass errors;
 * chapter 10's output map is the window sums; chapter 8's training learns a toy problem.
 */
import { decodeSubset, encodeSubset, SUBSET_PIXELS } from './mnist-subset';
import { StreetlightRun } from './demo-streetlights';
import { DEMO_KERNELS, outputMap } from './demo-conv';
import { DemoTraining } from './mnist-training';

/** `count` images of 784 bytes whose pixels depend on image and position, labels cycling 0-9. */
function split(count: number, seed: number): { pixels: Uint8Array; labels: Uint8Array; count: number } {
  const pixels = Uint8Array.from({ length: count * SUBSET_PIXELS }, (_, i) => (i * 7 + seed * 13) % 256);
  const labels = Uint8Array.from({ length: count }, (_, i) => (i + seed) % 10);
  return { pixels, labels, count };
}

describe('the MNIST subset file', () => {
  test('decodes to the splits it was encoded from', () => {
    const train = split(3, 1);
    const test = split(2, 2);
    const decoded = decodeSubset(encodeSubset(train, test));
    expect(decoded.train).toEqual(train);
    expect(decoded.test).toEqual(test);
  });

  test('refuses a truncated file or one that is not the subset, naming the fix', () => {
    const bytes = encodeSubset(split(2, 1), split(1, 2));
    expect(() => decodeSubset(bytes.subarray(0, bytes.length - 1))).toThrow(/not the course's MNIST subset .*npm run docs/);
    const wrong = bytes.slice();
    wrong[0] ^= 1;
    expect(() => decodeSubset(wrong)).toThrow(/not the course's MNIST subset/);
  });
});

describe("chapter 6's streetlight stepper", () => {
  test("one step on pattern 1 moves the lit lamps' weights by 0.1 * 0.2, and the passes cost the book's errors", () => {
    const run = new StreetlightRun();
    run.step();
    expect(Array.from(run.weights.data).map((w) => Number(w.toFixed(12)))).toEqual([0.52, 0.48, -0.68]);
    expect(run.last?.prediction).toBeCloseTo(-0.2, 12);
    for (let i = 1; i < 6 * 40; i++) run.step();
    expect(run.passErrors).toHaveLength(40);
    expect(run.passErrors[0]).toBeCloseTo(2.6561231104, 9);
    expect(run.passErrors[1]).toBeCloseTo(0.962870177672, 9);
    expect(run.passErrors[39]).toBeCloseTo(0.000533736773285, 12);
  });
});

describe("chapter 10's output map", () => {
  test('each cell is the sum of its 3 x 3 window times the kernel', () => {
    const digit = Float64Array.from({ length: 784 }, (_, i) => ((i * 37) % 101) / 100);
    const kernel = DEMO_KERNELS['rising diagonals'];
    const map = outputMap(digit, kernel);
    expect(map).toHaveLength(26 * 26);
    for (const [row, col] of [[0, 0], [0, 25], [13, 7], [25, 25]]) {
      let sum = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) sum += digit[(row + i) * 28 + col + j] * kernel[i * 3 + j];
      expect(map[row * 26 + col]).toBeCloseTo(sum, 12);
    }
  });
});

describe("chapter 8's demo training", () => {
  test('learns a separable toy problem with and without dropout', () => {
    // Two classes, each image lit in its own block of pixels: trivially separable.
    const make = (count: number): { pixels: Uint8Array; labels: Uint8Array; count: number } => {
      const labels = Uint8Array.from({ length: count }, (_, i) => i % 2);
      const pixels = new Uint8Array(count * SUBSET_PIXELS);
      labels.forEach((label, i) => pixels.fill(255, i * SUBSET_PIXELS + label * 392, i * SUBSET_PIXELS + label * 392 + 100));
      return { pixels, labels, count };
    };
    for (const dropout of [false, true]) {
      const training = new DemoTraining(make(40), make(20), dropout);
      expect(training.start().epoch).toBe(0);
      let point = training.step();
      for (let pass = 1; pass < 5; pass++) point = training.step();
      expect({ dropout, epoch: point.epoch, test: point.test }).toEqual({ dropout, epoch: 5, test: 1 });
    }
  });
});
