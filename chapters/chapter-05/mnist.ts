/**
 * Chapter 5: what the weights of a real network learn. A single layer maps the 784 pixels of an
 * MNIST digit to 10 outputs, one per digit, and learns with the multi-input, multi-output rule of
 * this chapter. Images and labels come from `kernels/datasets` as NDArrays.
 */
import { NDArray } from '../../kernels/ndarray';
import { NotImplementedError } from '../../kernels/not-implemented';

/**
 * Exercise 5.6: flattens an image (a list of rows) into one vector, row after row, so pixel
 * `(row, col)` lands at index `row * width + col`.
 * @throws when the rows have different lengths: "flatten: row 1 has length 2 but row 0 has length 3"
 */
export function flatten(image: readonly (readonly number[])[]): number[] {
  // #region solution 5.6
  throw new NotImplementedError('5.6', 'flatten', 'chapters/chapter-05/README.md#exercise-5-6');
  // #endregion
}

/**
 * Exercise 5.7: the inverse of {@link flatten}: cuts a vector into `rows` rows of `cols` values.
 * @throws when the sizes do not match: "unflatten: 784 values cannot fill 27 x 28"
 */
export function unflatten(vector: readonly number[], rows: number, cols: number): number[][] {
  // #region solution 5.7
  throw new NotImplementedError('5.7', 'unflatten', 'chapters/chapter-05/README.md#exercise-5-7');
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
  throw new NotImplementedError('5.8', 'trainMnistLayer', 'chapters/chapter-05/README.md#exercise-5-8');
  // #endregion
}

/**
 * Exercise 5.9: the 784 weights into output `digit`, as a 28 x 28 image (row d of `weights`,
 * unflattened), ready to draw as a heatmap: high weights where that digit's pixels tend to be on.
 * @throws when `digit` is not a row of `weights`: "weightsToImage: digit 10 is not an output (there are 10)"
 */
export function weightsToImage(weights: NDArray, digit: number, side = 28): number[][] {
  // #region solution 5.9
  throw new NotImplementedError('5.9', 'weightsToImage', 'chapters/chapter-05/README.md#exercise-5-9');
  // #endregion
}
