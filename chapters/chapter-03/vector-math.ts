/**
 * Vector math from scratch: the elementwise operations that pair up matching positions of two
 * vectors, the reductions that turn a vector into one number, and the dot product built from
 * them.
 */

import { NotImplementedError } from '../../kernels/not-implemented';

/**
 * Exercise 3.3: elementwise multiplication, `[a[0] * b[0], a[1] * b[1], ...]`.
 *
 * @throws an Error `elementwiseMultiply: vectors have different lengths 2 and 3` when the lengths differ
 * @example elementwiseMultiply([1, 2, 3], [4, 5, 6]) // [4, 10, 18]
 */
export function elementwiseMultiply(a: readonly number[], b: readonly number[]): number[] {
  // #region solution 3.3
  throw new NotImplementedError('3.3', 'elementwiseMultiply', 'chapters/chapter-03/README.md#exercise-3-3');
  // #endregion
}

/**
 * Exercise 3.4: elementwise addition, `[a[0] + b[0], a[1] + b[1], ...]`.
 *
 * @throws an Error `elementwiseAdd: vectors have different lengths 2 and 3` when the lengths differ
 * @example elementwiseAdd([1, 2, 3], [4, 5, 6]) // [5, 7, 9]
 */
export function elementwiseAdd(a: readonly number[], b: readonly number[]): number[] {
  // #region solution 3.4
  throw new NotImplementedError('3.4', 'elementwiseAdd', 'chapters/chapter-03/README.md#exercise-3-4');
  // #endregion
}

/**
 * Exercise 3.5: the sum of a vector's values (0 for an empty vector).
 *
 * @example vectorSum([1, 2, 3]) // 6
 */
export function vectorSum(a: readonly number[]): number {
  // #region solution 3.5
  throw new NotImplementedError('3.5', 'vectorSum', 'chapters/chapter-03/README.md#exercise-3-5');
  // #endregion
}

/**
 * Exercise 3.6: the mean of a vector's values.
 *
 * @throws an Error `vectorAverage: cannot average an empty vector` for `[]`
 * @example vectorAverage([1, 2, 3]) // 2
 */
export function vectorAverage(a: readonly number[]): number {
  // #region solution 3.6
  throw new NotImplementedError('3.6', 'vectorAverage', 'chapters/chapter-03/README.md#exercise-3-6');
  // #endregion
}

/**
 * Exercise 3.7: the dot product, built from two of the functions above: multiply elementwise,
 * then sum. It is the same number as `weightedSum`.
 *
 * @throws the length error of `elementwiseMultiply` when the lengths differ
 * @example dot([0, 1, 1, 0], [0, 1, 1, 0]) // 2
 */
export function dot(a: readonly number[], b: readonly number[]): number {
  // #region solution 3.7
  throw new NotImplementedError('3.7', 'dot', 'chapters/chapter-03/README.md#exercise-3-7');
  // #endregion
}
