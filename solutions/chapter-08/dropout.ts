/**
 * Dropout: during training, switch off a random half of the hidden units at every step, and
 * double the ones that stay on so the next layer sees the same total signal on average.
 */
import { NDArray, RandomState, formatShape } from '../../kernels';

/**
 * Exercise 8.6: a dropout mask of the given shape: each entry 0 or 1 with probability 1/2, drawn
 * as the book does (`np.random.randint(2, size=shape)`, i.e. `rng.randint(0, 2, shape)`), so a
 * seeded generator gives the book's masks.
 * @example dropoutMask(new RandomState(1), [1, 4]) // [[1, 1, 0, 0]]
 */
export function dropoutMask(rng: RandomState, shape: readonly number[]): NDArray {
  // #region solution 8.6
  return rng.randint(0, 2, shape);
  // #endregion
}

/**
 * Exercise 8.7: applies a dropout mask: `layer * mask * 2`. Units where the mask is 0 are
 * switched off; the others are doubled, because half of the units are kept on average and the
 * next layer's weighted sum must keep its size (1 / keep probability = 2). Dropout is linear, so
 * the same function also carries a delta back through it.
 *
 * Writes into `out` when it is given (it may be `layer` itself) and returns it.
 * @throws an Error `applyDropout: mask [1,3] does not match the layer [1,4]` when the shapes differ
 * @example applyDropout(array([[0.5, 1, 2]]), array([[1, 0, 1]])) // [[1, 0, 4]]
 */
export function applyDropout(layer: NDArray, mask: NDArray, out?: NDArray): NDArray {
  // #region solution 8.7
  if (mask.shape.length !== layer.shape.length || mask.shape.some((d, k) => d !== layer.shape[k])) {
    throw new Error(`applyDropout: mask ${formatShape(mask.shape)} does not match the layer ${formatShape(layer.shape)}`);
  }
  const result = out ?? NDArray.zeros(layer.shape);
  const x = layer.data;
  const m = mask.data;
  const o = result.data;
  for (let i = 0; i < o.length; i++) o[i] = x[i] * m[i] * 2;
  return result;
  // #endregion
}
