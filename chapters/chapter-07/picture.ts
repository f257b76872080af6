/**
 * Chapter 7: a network written in letters. Layers are vectors `l0, l1, l2` (one row per example),
 * weights are matrices `W0, W1`, juxtaposition is the vector-matrix product, and the whole
 * three-layer network of chapter 6 is one line: `l2 = relu(l0 W0) W1`.
 */
import { NDArray, formatShape, matmul, relu } from '../../kernels';
import { NotImplementedError } from '../../kernels/not-implemented';

/**
 * Exercise 7.1: the shape of every weight matrix of a stack of layers. The matrix between a layer
 * of `n` nodes and a layer of `m` nodes is `[n, m]`: one row per input node, one column per output
 * node, so the layer sizes alone fix every matrix.
 *
 * @throws an Error `weightShapes: a network needs at least 2 layers, got 1` for fewer than two layers
 * @throws an Error `weightShapes: layer 1 has size 0; sizes must be positive integers` for a bad size
 * @example weightShapes([3, 4, 1]) // [[3, 4], [4, 1]] (the streetlight network)
 */
export function weightShapes(layerSizes: readonly number[]): Array<[rows: number, cols: number]> {
  // #region solution 7.1
  throw new NotImplementedError('7.1', 'weightShapes', 'chapters/chapter-07/README.md#exercise-7-1');
  // #endregion
}

/**
 * Exercise 7.2: the forward pass of a three-layer network, `l2 = relu(l0 W0) W1`, with the
 * kernels (`matmul`, `relu`). `l0` holds one example per row: `[examples, inputs]`; `W0` is
 * `[inputs, hidden]` and `W1` is `[hidden, outputs]`, and the result is `[examples, outputs]`.
 *
 * @throws an Error `forward: l0 [1,3] does not fit W0 [4,4] (3 inputs but 4 rows)` when the
 *   columns of `l0` do not match the rows of `W0`
 * @throws an Error `forward: W0 [3,4] does not fit W1 [5,1] (4 hidden nodes but 5 rows)` when the
 *   columns of `W0` do not match the rows of `W1`
 * @example forward(array([[1, 0, 1]]), W0, W1) // one streetlight pattern in, `[1, 1]` prediction out
 */
export function forward(l0: NDArray, W0: NDArray, W1: NDArray): NDArray {
  // #region solution 7.2
  throw new NotImplementedError('7.2', 'forward', 'chapters/chapter-07/README.md#exercise-7-2');
  // #endregion
}

/**
 * Exercise 7.3: as many layers as you like, `relu(relu(l0 W0) W1) ... W_last`: every weight matrix but
 * the last is followed by relu, and the last layer is left linear (as in chapter 6 and 8).
 * With two matrices it is exactly {@link forward}.
 *
 * @throws an Error `forwardStack: needs at least one weight matrix` for an empty list
 * @throws an Error `forwardStack: W1 [5,1] does not fit the layer before it (4 nodes)` when a
 *   matrix's rows do not match the size of the layer it multiplies
 */
export function forwardStack(l0: NDArray, weights: readonly NDArray[]): NDArray {
  // #region solution 7.3
  throw new NotImplementedError('7.3', 'forwardStack', 'chapters/chapter-07/README.md#exercise-7-3');
  // #endregion
}
