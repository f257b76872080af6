import fc from 'fast-check';
import { arrayArb, assertProperty, expectInputsUnchanged, oneHotArb, valueArb } from '../../kernels/testing';
import { freshProperty, rowsOf } from '../chapter-03/vectors.fixtures';
import { mnistForBook } from '../../kernels/datasets';
import { NDArray } from '../../kernels/ndarray';
import { expectClose } from '../../kernels/testing/close';
import { flatten, trainMnistLayer, unflatten, weightsToImage } from './mnist';
// Other tasks' functions come from the reference solutions: each task's tests judge that task alone.
import * as mnistReference from '../../solutions/chapter-05/mnist';

const RUNS = { numRuns: 100 };
const value = valueArb({ min: -5, max: 5 });
const image = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([rows, cols]) => fc.array(fc.array(value, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));

/** A small slice of MNIST keeps these tests fast; the program trains on the book's 1,000 images. */
const slice = mnistForBook({ trainCount: 60, testCount: 0 });

describe('task 5.6 flatten', () => {
  test('reads the image row by row', () => {
    expect(flatten([[1, 2, 3], [4, 5, 6]])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(flatten([])).toEqual([]);
    expect(flatten([[], []])).toEqual([]);
  });

  test('puts pixel (row, col) at row * width + col', () => {
    assertProperty(
      freshProperty(image, (img) => {
        const vector = flatten(img);
        const width = img[0].length;
        expect(vector).toHaveLength(img.length * width);
        img.forEach((row, r) => row.forEach((x, c) => expect(vector[r * width + c]).toBe(x)));
      }),
      RUNS,
    );
  });

  test('leaves every row of the image unchanged and shares no array with it', () => {
    assertProperty(
      freshProperty(image, (img) => {
        const vector = expectInputsUnchanged('flatten', rowsOf('image', img), () => flatten(img));
        expect(img).not.toContain(vector);
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
      freshProperty(image, (img) => {
        const rows = img.length;
        const cols = img[0].length;
        expect(unflatten(mnistReference.flatten(img), rows, cols)).toEqual(img);
        const vector = img.flat();
        expect(mnistReference.flatten(unflatten(vector, rows, cols))).toEqual(vector);
      }),
      RUNS,
    );
  });

  test('leaves the vector unchanged and returns rows of its own', () => {
    assertProperty(
      freshProperty(image, (img) => {
        const vector = img.flat();
        const rows = expectInputsUnchanged('unflatten', { vector }, () => unflatten(vector, img.length, img[0].length));
        rows.forEach((row) => expect(row).not.toBe(vector));
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
  const accuracies: number[] = [];
  for (let it = 0; it < iterations; it++) {
    let error = 0;
    let correct = 0;
    for (let n = 0; n < count; n++) {
      const x = Array.from(images.data.subarray(n * pixels, (n + 1) * pixels));
      const y = Array.from(labels.data.subarray(n * outputs, (n + 1) * outputs));
      const pred = weights.map((row) => row.reduce((s, w, j) => s + w * x[j], 0));
      const best = pred.indexOf(Math.max(...pred)); // the first index wins a tie
      if (y[best] === 1) correct++;
      const delta = pred.map((p, k) => p - y[k]);
      error += delta.reduce((s, d) => s + d * d, 0);
      weights.forEach((row, k) => row.forEach((_, j) => (row[j] -= alpha * delta[k] * x[j])));
    }
    errors.push(error);
    accuracies.push(correct / count);
  }
  return { weights, errors, accuracies };
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

  /** Small random data sets: 1-4 images of 1-6 pixels in [0, 1], one-hot labels over 1-4 classes. */
  const smallData = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }))
    .chain(([count, pixels, classes]) => fc.tuple(arrayArb([count, pixels], { min: 0, max: 1 }), oneHotArb(count, classes)));

  test('matches the rule written out for any small data set, alpha and number of passes', () => {
    assertProperty(
      freshProperty(smallData, valueArb({ min: 0.01, max: 0.5 }), fc.integer({ min: 1, max: 3 }), ([images, labels], alpha, iterations) => {
        const layer = trainMnistLayer(images, labels, alpha, iterations);
        const reference = referenceTraining(images, labels, alpha, iterations);
        expect(layer.weights.shape).toEqual([labels.shape[1], images.shape[1]]);
        // Same operations in the same order as the reference, up to the order of one sum: a few
        // roundings of numbers below 10 in size.
        expectClose(layer.errors, reference.errors, { rtol: 1e-9, atol: 1e-12 });
        expectClose(layer.weights, reference.weights, { rtol: 1e-9, atol: 1e-12 });
        expect(layer.accuracies).toEqual(reference.accuracies);
      }),
      { numRuns: 60 },
    );
  });

  test('leaves the images and the labels unchanged', () => {
    assertProperty(
      freshProperty(smallData, valueArb({ min: 0.01, max: 0.5 }), ([images, labels], alpha) => {
        expectInputsUnchanged('trainMnistLayer', { images, labels }, () => trainMnistLayer(images, labels, alpha, 2));
      }),
      { numRuns: 30 },
    );
  });

  test('with no images, every pass has error 0 and accuracy 0 (not 0 / 0)', () => {
    const layer = trainMnistLayer(NDArray.zeros([0, 4]), NDArray.zeros([0, 3]), 0.1, 2);
    expect(layer.errors).toEqual([0, 0]);
    expect(layer.accuracies).toEqual([0, 0]);
    expect(layer.weights.shape).toEqual([3, 4]);
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

  const weightsCase = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }))
    .chain(([outputs, side]) =>
      fc.tuple(arrayArb([outputs, side * side], { min: -1, max: 1 }), fc.constant(side), fc.integer({ min: 0, max: outputs - 1 })),
    );

  test('puts weight [digit, r * side + c] at [r][c], for any number of outputs, side and digit', () => {
    assertProperty(
      freshProperty(weightsCase, ([weights, side, digit]) => {
        const pixels = side * side;
        const picture = expectInputsUnchanged('weightsToImage', { weights }, () => weightsToImage(weights, digit, side));
        expect(picture).toHaveLength(side);
        picture.forEach((row, r) => {
          expect(row).toHaveLength(side);
          row.forEach((w, c) => expect(w).toBe(weights.data[digit * pixels + r * side + c]));
        });
      }),
      RUNS,
    );
  });

  test('rejects every digit that is not a row of the weights', () => {
    assertProperty(
      freshProperty(weightsCase, fc.oneof(fc.integer({ min: -3, max: -1 }), fc.integer({ min: 0, max: 3 })), ([weights, side], past) => {
        const outputs = weights.shape[0];
        const digit = past < 0 ? past : outputs + past;
        expect(() => weightsToImage(weights, digit, side)).toThrow(`weightsToImage: digit ${digit} is not an output (there are ${outputs})`);
        expect(() => weightsToImage(weights, 0.5, side)).toThrow(`weightsToImage: digit 0.5 is not an output (there are ${outputs})`);
      }),
      RUNS,
    );
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
