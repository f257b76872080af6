/**
 * Chapter 10: a convolutional layer as patches times kernels. Every 3 x 3 window of every image
 * becomes one row of a "patches" matrix (im2col); one matrix product with the kernels `[9, K]`
 * then applies all K kernels at every position at once. Backprop is two more products: the
 * kernel gradient `patches^T delta`, and, for the pixels, `delta kernels^T` added back onto the
 * windows the patches came from (col2im).
 *
 * Images are `[batch, rows, cols]`. Patches come image by image, then by window position in
 * reading order (row of the window's top-left corner, then its column), and each patch lists
 * its window row by row.
 */
import { NDArray, formatShape, matmul, matmulTransposeA, outOrNew } from '../../kernels';
import { NotImplementedError } from '../../kernels/not-implemented';

/** Which windows to take, and where to write. */
export interface PatchOptions {
  /** How many window rows (default `imageRows - kernelRows + 1`, every valid window). */
  rows?: number;
  /** How many window columns (default `imageCols - kernelCols + 1`). */
  cols?: number;
  /** A preallocated result to overwrite (it must have the result's shape). */
  out?: NDArray;
}

/**
 * The window rows and cols to take: the options', or every valid window by default. Throws
 * `im2col: 27 x 26 windows of 3 x 3 do not fit in images [2,28,28]`, named after the calling op.
 * Given: im2col (10.2) and col2im (10.5) both start with it.
 */
function windowCounts(op: string, shape: readonly number[], kernelRows: number, kernelCols: number, options: PatchOptions): [number, number] {
  const [, height, width] = shape;
  const rows = options.rows ?? height - kernelRows + 1;
  const cols = options.cols ?? width - kernelCols + 1;
  if (rows < 0 || cols < 0 || rows > height - kernelRows + 1 || cols > width - kernelCols + 1) {
    throw new Error(
      `${op}: ${rows} x ${cols} windows of ${kernelRows} x ${kernelCols} do not fit in images ${formatShape(shape)}`,
    );
  }
  return [rows, cols];
}

/**
 * Exercise 10.1: the same window `[rowFrom, rowTo) x [colFrom, colTo)` cut out of every image of
 * a batch `[batch, rows, cols]`, as `[batch, rowTo - rowFrom, colTo - colFrom]` (the book's
 * `get_image_section`).
 * @throws an Error `getImageSection: window rows 26..29 and cols 0..3 fall outside images [2,28,28]`
 * @example getImageSection(images, 0, 3, 0, 3) // the top-left 3 x 3 corner of each image
 */
export function getImageSection(images: NDArray, rowFrom: number, rowTo: number, colFrom: number, colTo: number): NDArray {
  // #region solution 10.1
  throw new NotImplementedError('10.1', 'getImageSection', 'chapters/chapter-10/README.md#exercise-10-1');
  // #endregion
}

/**
 * Exercise 10.2: every `kernelRows x kernelCols` window of every image as one row:
 * `[batch, height, width]` -> `[batch * rows * cols, kernelRows * kernelCols]`, in the order of
 * the module comment. `rows` and `cols` default to every valid window (26 x 26 for 3 x 3 windows
 * of 28 x 28 images); the book's loop took 25 x 25.
 * @throws an Error `im2col: 27 x 26 windows of 3 x 3 do not fit in images [2,28,28]`
 * @example im2col(images, 3, 3).shape // [batch * 676, 9]
 */
export function im2col(images: NDArray, kernelRows: number, kernelCols: number, options: PatchOptions = {}): NDArray {
  // #region solution 10.2
  throw new NotImplementedError('10.2', 'im2col', 'chapters/chapter-10/README.md#exercise-10-2');
  // #endregion
}

/**
 * Exercise 10.3: the convolution's forward pass from the patches: `patches kernels`, one row
 * per patch and one column per kernel, read as `[batch, positions * kernels]` (each image's row
 * lists position 0's K outputs, then position 1's, ...; the same numbers, only another shape).
 * Writes into `out` when given.
 * @param patches `[batch * positions, kernelSize]` from {@link im2col}
 * @param kernels `[kernelSize, K]`, one kernel per column
 * @throws an Error `convForward: patches [100,9] do not split into 3 images` when the rows do not divide by `batch`
 */
export function convForward(patches: NDArray, kernels: NDArray, batch: number, out?: NDArray): NDArray {
  // #region solution 10.3
  throw new NotImplementedError('10.3', 'convForward', 'chapters/chapter-10/README.md#exercise-10-3');
  // #endregion
}

/**
 * Exercise 10.4: the gradient of the kernels from the delta of the convolution's output
 * `[batch, positions * K]`: read the delta as `[batch * positions, K]` and return
 * `patches^T delta`, `[kernelSize, K]`. Every position where a kernel was applied adds its share,
 * which is what sharing one kernel across the image means. Writes into `out` when given.
 * @throws an Error `kernelGradient: delta [2,50] does not match patches [50,9]` when the sizes disagree
 */
export function kernelGradient(patches: NDArray, delta: NDArray, out?: NDArray): NDArray {
  // #region solution 10.4
  throw new NotImplementedError('10.4', 'kernelGradient', 'chapters/chapter-10/README.md#exercise-10-4');
  // #endregion
}

/**
 * Exercise 10.5: the way back from patches to pixels (col2im). Given one gradient row per
 * patch `[batch * rows * cols, kernelRows * kernelCols]`, adds each value onto the pixel it was
 * copied from, giving `[batch, height, width]`: a pixel that sat in 9 windows collects 9
 * contributions. With `patchGradient = delta kernels^T` it gives the gradient of the
 * convolution's input. Writes into `out` when given.
 * @throws an Error `col2im: patches [10,9] do not match 2 images of 4 x 4 with 3 x 3 windows (expected [8,9])`
 */
export function col2im(
  patchGradient: NDArray,
  imageShape: readonly [number, number, number],
  kernelRows: number,
  kernelCols: number,
  options: PatchOptions = {},
): NDArray {
  // #region solution 10.5
  throw new NotImplementedError('10.5', 'col2im', 'chapters/chapter-10/README.md#exercise-10-5');
  // #endregion
}
