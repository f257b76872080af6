/**
 * Chapter 11: the embedding layer. Multiplying a one-hot vector by `weights01` adds up the rows
 * of the words that are present, so the layer skips the multiplication and sums those rows;
 * its backward pass changes only those rows.
 */
import { NDArray, copyInto, flatten, formatShape, gatherRows, scatterAddRows, sum } from '../../kernels';

/**
 * Exercise 11.2: the embedding layer's forward pass: the sum of the rows of `weights01`
 * (`[vocabulary, hidden]`) at `wordIds`, `[hidden]`. Equal to `oneHot(wordIds) . weights01`
 * for distinct ids; a repeated id counts as often as it appears. Writes into `out` when given.
 * @throws an Error `gatherRows: index 7 at position 0 is out of range for 5 rows` for a bad id
 * @example embedForward(weights01, [0, 1, 3]) // weights01[0] + weights01[1] + weights01[3]
 */
export function embedForward(weights01: NDArray, wordIds: readonly number[], out?: NDArray): NDArray {
  // #region solution 11.2
  const hidden = weights01.shape[1];
  if (out !== undefined && (out.ndim !== 1 || out.size !== hidden)) {
    throw new Error(`embedForward: out has shape ${formatShape(out.shape)} but the result has shape [${hidden}]`);
  }
  // With no ids the gathered table is [0, hidden] and its column sums are zeros.
  const total = sum(gatherRows(weights01, wordIds), 0);
  return out === undefined ? total : copyInto(out, total);
  // #endregion
}

/**
 * Exercise 11.3: the embedding layer's update, in place: subtracts `alpha * layer1Delta`
 * (`[hidden]`, the gradient at the layer's output) from the row of every id in `wordIds`, and
 * leaves every other row untouched. A repeated id is updated once per occurrence, which is the
 * exact gradient of {@link embedForward}. Returns `weights01`.
 * @throws an Error `embedBackward: layer1Delta [3] must have 4 values for weights01 [5,4]`
 */
export function embedBackward(weights01: NDArray, wordIds: readonly number[], layer1Delta: NDArray, alpha: number): NDArray {
  // #region solution 11.3
  const hidden = weights01.shape[1];
  if (layer1Delta.size !== hidden) {
    throw new Error(
      `embedBackward: layer1Delta ${formatShape(layer1Delta.shape)} must have ${hidden} values for weights01 ${formatShape(weights01.shape)}`,
    );
  }
  return scatterAddRows(weights01, wordIds, flatten(layer1Delta), -alpha);
  // #endregion
}
