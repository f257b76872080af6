/**
 * Matrices and the shape rule of matrix multiplication: an (a × b) matrix times a (b × c)
 * matrix is an (a × c) matrix, and the inner sizes must agree.
 */
import type { Matrix } from './forward';
import { NotImplementedError } from '../../kernels/not-implemented';

/**
 * The shape `[rows, columns]` of a matrix given as a list of rows (given, not an exercise).
 * An empty matrix has shape `[0, 0]`.
 *
 * @throws an Error `shape: row 1 has 2 values but row 0 has 3` when the rows have different lengths
 * @example shape([[1, 2, 3], [4, 5, 6]]) // [2, 3]
 */
export function shape(matrix: Matrix): [number, number] {
  const columns = matrix.length === 0 ? 0 : matrix[0].length;
  matrix.forEach((row, i) => {
    if (row.length !== columns) {
      throw new Error(`shape: row ${i} has ${row.length} values but row 0 has ${columns}`);
    }
  });
  return [matrix.length, columns];
}

/**
 * Exercise 3.11: the transpose: row `i` of the result is column `i` of the input, so an
 * (a × b) matrix becomes a (b × a) matrix.
 *
 * @throws the error of `shape` when the rows have different lengths
 * @example transpose([[1, 2, 3], [4, 5, 6]]) // [[1, 4], [2, 5], [3, 6]]
 */
export function transpose(matrix: Matrix): number[][] {
  // #region solution 3.11
  throw new NotImplementedError('3.11', 'transpose', 'chapters/chapter-03/README.md#exercise-3-11');
  // #endregion
}

/**
 * Exercise 3.12: the matrix product. For `a` of shape (n × k) and `b` of shape (k × m) the
 * result has shape (n × m), and entry `[i][j]` is the dot product of row `i` of `a` with
 * column `j` of `b`.
 *
 * @throws an Error `matMul: cannot multiply [2,3] by [4,5] (inner sizes 3 and 4 differ)` when the
 *   columns of `a` do not match the rows of `b` (and the error of `shape` for ragged rows)
 * @example matMul([[1, 2]], [[3], [4]]) // [[11]]
 */
export function matMul(a: Matrix, b: Matrix): number[][] {
  // #region solution 3.12
  throw new NotImplementedError('3.12', 'matMul', 'chapters/chapter-03/README.md#exercise-3-12');
  // #endregion
}
