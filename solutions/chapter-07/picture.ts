/**
 * Chapter 7: a network written in letters. Layers are vectors `l0, l1, l2` (one row per example),
 * weights are matrices `W0, W1`, juxtaposition is the vector-matrix product, and the whole
 * three-layer network of chapter 6 is one line: `l2 = relu(l0 W0) W1`.
 */
import { NDArray, formatShape, matmul, relu } from '../../kernels';

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
  if (layerSizes.length < 2) {
    throw new Error(`weightShapes: a network needs at least 2 layers, got ${layerSizes.length}`);
  }
  layerSizes.forEach((size, k) => {
    if (!Number.isInteger(size) || size <= 0) {
      throw new Error(`weightShapes: layer ${k} has size ${size}; sizes must be positive integers`);
    }
  });
  return layerSizes.slice(1).map((cols, k): [number, number] => [layerSizes[k], cols]);
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
  if (l0.shape[1] !== W0.shape[0]) {
    throw new Error(
      `forward: l0 ${formatShape(l0.shape)} does not fit W0 ${formatShape(W0.shape)} ` +
        `(${l0.shape[1]} inputs but ${W0.shape[0]} rows)`,
    );
  }
  if (W0.shape[1] !== W1.shape[0]) {
    throw new Error(
      `forward: W0 ${formatShape(W0.shape)} does not fit W1 ${formatShape(W1.shape)} ` +
        `(${W0.shape[1]} hidden nodes but ${W1.shape[0]} rows)`,
    );
  }
  const l1 = relu(matmul(l0, W0));
  return matmul(l1, W1);
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
  if (weights.length === 0) throw new Error('forwardStack: needs at least one weight matrix');
  let layer = l0;
  weights.forEach((W, k) => {
    if (layer.shape[1] !== W.shape[0]) {
      throw new Error(
        `forwardStack: W${k} ${formatShape(W.shape)} does not fit the layer before it (${layer.shape[1]} nodes)`,
      );
    }
    const product = matmul(layer, W);
    layer = k < weights.length - 1 ? relu(product) : product;
  });
  return layer;
  // #endregion
}
