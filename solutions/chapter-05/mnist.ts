/**
 * Chapter 5: what the weights of a real network learn. A single layer maps the 784 pixels of an
 * MNIST digit to 10 outputs, one per digit, and learns with the multi-input, multi-output rule of
 * this chapter. Images and labels come from `kernels/datasets` as NDArrays.
 */
import { NDArray } from '../../kernels/ndarray';

/**
 * Exercise 5.6: flattens an image (a list of rows) into one vector, row after row, so pixel
 * `(row, col)` lands at index `row * width + col`.
 * @throws when the rows have different lengths: "flatten: row 1 has length 2 but row 0 has length 3"
 */
export function flatten(image: readonly (readonly number[])[]): number[] {
  // #region solution 5.6
  const width = image.length === 0 ? 0 : image[0].length;
  const vector: number[] = [];
  image.forEach((row, r) => {
    if (row.length !== width) {
      throw new Error(`flatten: row ${r} has length ${row.length} but row 0 has length ${width}`);
    }
    vector.push(...row);
  });
  return vector;
  // #endregion
}

/**
 * Exercise 5.7: the inverse of {@link flatten}: cuts a vector into `rows` rows of `cols` values.
 * @throws when the sizes do not match: "unflatten: 784 values cannot fill 27 x 28"
 */
export function unflatten(vector: readonly number[], rows: number, cols: number): number[][] {
  // #region solution 5.7
  if (vector.length !== rows * cols) {
    throw new Error(`unflatten: ${vector.length} values cannot fill ${rows} x ${cols}`);
  }
  const image: number[][] = [];
  for (let r = 0; r < rows; r++) image.push(vector.slice(r * cols, (r + 1) * cols));
  return image;
  // #endregion
}

/** A trained single-layer MNIST network and how its training went. */
export interface MnistLayer {
  /** `[10, 784]`: row d holds the weights from every pixel into output d. */
  readonly weights: NDArray;
  /** Per pass over the data: the sum over images of the squared errors of all 10 outputs. */
  readonly errors: number[];
  /** Per pass: the fraction of images whose largest output was the right digit (before its update). */
  readonly accuracies: number[];
}

/**
 * Exercise 5.8: trains a 784-input, 10-output network on MNIST, one image at a time.
 *
 * Start from all-zero weights `[outputs, pixels]`. For each pass and each image `x` (a row of
 * `images`) with target row `y` of `labels`: `pred = weights x`, `delta = pred - y`, then
 * `weights -= alpha * outerProd(delta, x)` — exactly {@link mimoStep}, on 784 inputs.
 * Record each pass's summed squared error and the share of images whose `argmax(pred)` was the
 * label (first index wins a tie).
 *
 * @param images `[n, 784]` pixels in [0, 1].
 * @param labels `[n, 10]` one-hot targets.
 * @throws when the two have different numbers of rows: "trainMnistLayer: 5 images but 4 labels"
 */
export function trainMnistLayer(
  images: NDArray,
  labels: NDArray,
  alpha: number,
  iterations: number,
): MnistLayer {
  // #region solution 5.8
  const [count, pixels] = images.shape;
  const [labelCount, outputs] = labels.shape;
  if (count !== labelCount) {
    throw new Error(`trainMnistLayer: ${count} images but ${labelCount} labels`);
  }
  const weights = NDArray.zeros([outputs, pixels]);
  const w = weights.data;
  const pred = new Float64Array(outputs);
  const errors: number[] = [];
  const accuracies: number[] = [];
  for (let iteration = 0; iteration < iterations; iteration++) {
    let error = 0;
    let correct = 0;
    for (let n = 0; n < count; n++) {
      const x = images.data.subarray(n * pixels, (n + 1) * pixels);
      const y = labels.data.subarray(n * outputs, (n + 1) * outputs);
      let best = 0;
      for (let k = 0; k < outputs; k++) {
        let sum = 0;
        for (let j = 0; j < pixels; j++) sum += w[k * pixels + j] * x[j];
        pred[k] = sum;
        if (sum > pred[best]) best = k;
      }
      if (y[best] === 1) correct++;
      for (let k = 0; k < outputs; k++) {
        const delta = pred[k] - y[k];
        error += delta * delta;
        for (let j = 0; j < pixels; j++) w[k * pixels + j] -= alpha * delta * x[j];
      }
    }
    errors.push(error);
    accuracies.push(count === 0 ? 0 : correct / count);
  }
  return { weights, errors, accuracies };
  // #endregion
}

/**
 * Exercise 5.9: the 784 weights into output `digit`, as a 28 x 28 image (row d of `weights`,
 * unflattened), ready to draw as a heatmap: high weights where that digit's pixels tend to be on.
 * @throws when `digit` is not a row of `weights`: "weightsToImage: digit 10 is not an output (there are 10)"
 */
export function weightsToImage(weights: NDArray, digit: number, side = 28): number[][] {
  // #region solution 5.9
  const [outputs, pixels] = weights.shape;
  if (!Number.isInteger(digit) || digit < 0 || digit >= outputs) {
    throw new Error(`weightsToImage: digit ${digit} is not an output (there are ${outputs})`);
  }
  const row = Array.from(weights.data.subarray(digit * pixels, (digit + 1) * pixels));
  return unflatten(row, side, side);
  // #endregion
}
