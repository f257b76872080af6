import fc from 'fast-check';
import { assertProperty } from '../../kernels/testing';
import { mnistForBook } from '../../kernels/datasets';
import { NDArray } from '../../kernels/ndarray';
import { expectClose } from '../../kernels/testing/close';
import { flatten, trainMnistLayer, unflatten, weightsToImage } from './mnist';
// Other tasks' functions come from the reference solutions: each task's tests judge that task alone.
import * as mnistReference from '../../solutions/chapter-05/mnist';

const RUNS = { numRuns: 100 };
const value = fc.double({ min: -5, max: 5, noNaN: true });
const image = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([rows, cols]) => fc.array(fc.array(value, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));

/** A small slice of MNIST keeps these tests fast; the program trains on the book's 1,000 images. */
const slice = mnistForBook({ trainCount: 60, testCount: 0 });

describe('task 5.6 flatten', () => {
  test('reads the image row by row', () => {
    expect(flatten([[1, 2, 3], [4, 5, 6]])).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('puts pixel (row, col) at row * width + col', () => {
    assertProperty(
      fc.property(image, (img) => {
        const vector = flatten(img);
        const width = img[0].length;
        expect(vector).toHaveLength(img.length * width);
        img.forEach((row, r) => row.forEach((x, c) => expect(vector[r * width + c]).toBe(x)));
      }),
      RUNS,
    );
  });

  test('rejects ragged rows', () => {
    expect(() => flatten([[1, 2, 3], [4, 5]])).toThrow(/flatten: row 1 has length 2 but row 0 has length 3/);
  });
});

describe('task 5.7 unflatten', () => {
  test('cuts a vector into rows', () => {
    expect(unflatten([1, 2, 3, 4, 5, 6], 3, 2)).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  test('undoes flatten, and flatten undoes it', () => {
    assertProperty(
      fc.property(image, (img) => {
        const rows = img.length;
        const cols = img[0].length;
        expect(unflatten(mnistReference.flatten(img), rows, cols)).toEqual(img);
        const vector = img.flat();
        expect(mnistReference.flatten(unflatten(vector, rows, cols))).toEqual(vector);
      }),
      RUNS,
    );
  });

  test('rejects sizes that do not match', () => {
    expect(() => unflatten(new Array<number>(784).fill(0), 27, 28)).toThrow(/unflatten: 784 values cannot fill 27 x 28/);
  });
});

/** The multi-input, multi-output rule written out naively, one image at a time. */
function referenceTraining(images: NDArray, labels: NDArray, alpha: number, iterations: number) {
  const [count, pixels] = images.shape;
  const outputs = labels.shape[1];
  const weights = Array.from({ length: outputs }, () => new Array<number>(pixels).fill(0));
  const errors: number[] = [];
  for (let it = 0; it < iterations; it++) {
    let error = 0;
    for (let n = 0; n < count; n++) {
      const x = Array.from(images.data.subarray(n * pixels, (n + 1) * pixels));
      const y = Array.from(labels.data.subarray(n * outputs, (n + 1) * outputs));
      const delta = weights.map((row, k) => row.reduce((s, w, j) => s + w * x[j], 0) - y[k]);
      error += delta.reduce((s, d) => s + d * d, 0);
      weights.forEach((row, k) => row.forEach((_, j) => (row[j] -= alpha * delta[k] * x[j])));
    }
    errors.push(error);
  }
  return { weights, errors };
}

describe('task 5.8 trainMnistLayer', () => {
  test('applies the outer-product update image by image from zero weights', () => {
    const layer = trainMnistLayer(slice.images, slice.labels, 0.003, 2);
    const reference = referenceTraining(slice.images, slice.labels, 0.003, 2);
    expect(layer.weights.shape).toEqual([10, 784]);
    expectClose(layer.errors, reference.errors, { rtol: 1e-9 });
    expectClose(layer.weights, reference.weights, { rtol: 1e-8, atol: 1e-12 });
  });

  test('the first pass starts at the all-zero prediction and later passes do better', () => {
    const layer = trainMnistLayer(slice.images, slice.labels, 0.003, 3);
    expect(layer.errors).toHaveLength(3);
    expect(layer.errors[0]).toBeLessThan(60); // all-zero predictions alone would cost 1 per image
    expect(layer.errors[1]).toBeLessThan(layer.errors[0]);
    expect(layer.errors[2]).toBeLessThan(layer.errors[1]);
    expect(layer.accuracies[2]).toBeGreaterThan(layer.accuracies[0]);
    layer.accuracies.forEach((a) => expect(a >= 0 && a <= 1).toBe(true));
  });

  test('counts an image as correct when its largest output is the label', () => {
    // Two identical one-pixel "images" labelled 1: the first sees zero weights (argmax 0, wrong),
    // the second sees weights that already favour output 1.
    const images = new NDArray(new Float64Array([1, 1]), [2, 1]);
    const labels = new NDArray(new Float64Array([0, 1, 0, 1]), [2, 2]);
    const layer = trainMnistLayer(images, labels, 0.5, 1);
    expect(layer.accuracies).toEqual([0.5]);
    expectClose(layer.errors, [1.25]);
  });

  test('rejects images and labels of different lengths', () => {
    expect(() => trainMnistLayer(NDArray.zeros([5, 784]), NDArray.zeros([4, 10]), 0.01, 1)).toThrow(
      /trainMnistLayer: 5 images but 4 labels/,
    );
  });
});

describe('task 5.9 weightsToImage', () => {
  test("returns a digit's 784 weights as 28 rows of 28", () => {
    const data = new Float64Array(10 * 784).map((_, i) => i);
    const weights = new NDArray(data, [10, 784]);
    const picture = weightsToImage(weights, 2);
    expect(picture).toHaveLength(28);
    picture.forEach((row, r) => {
      expect(row).toHaveLength(28);
      row.forEach((w, c) => expect(w).toBe(2 * 784 + r * 28 + c));
    });
  });

  test('after training, the weights for a digit are highest on pixels of that digit', () => {
    const layer = mnistReference.trainMnistLayer(slice.images, slice.labels, 0.003, 2);
    const digit = slice.trainDigits[0];
    const picture = weightsToImage(layer.weights, digit);
    const x = slice.images.data.subarray(0, 784);
    const onPixels = picture.flat().filter((_, i) => x[i] > 0.5);
    const offPixels = picture.flat().filter((_, i) => x[i] === 0);
    const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
    expect(mean(onPixels)).toBeGreaterThan(mean(offPixels));
  });

  test('rejects a digit that is not an output', () => {
    expect(() => weightsToImage(NDArray.zeros([10, 784]), 10)).toThrow(
      /weightsToImage: digit 10 is not an output \(there are 10\)/,
    );
  });
});
