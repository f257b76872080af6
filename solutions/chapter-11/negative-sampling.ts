/**
 * Chapter 11's fill-in-the-blank embeddings (listings 11.4 and 11.5): predict a word from the
 * mean of its neighbours' embeddings. Instead of a softmax over the whole vocabulary, each step
 * scores only the true word and a few random "negative" words, with one sigmoid each (negative
 * sampling): the true word should score 1, the negatives 0.
 */
import { NDArray, flatten, gatherRows, mean, scatterAddRows } from '../../kernels';
import type { RandomState } from '../../kernels';

/** `weights01` `[vocabulary, hidden]` (the embeddings read), `weights12` `[vocabulary, hidden]` (one output row per word). */
export interface CbowModel {
  readonly weights01: NDArray;
  readonly weights12: NDArray;
}

/**
 * The book's initialisation: `weights01 = (rand(V, H) - 0.5) * 0.2`, then `weights12 = rand(V, H) * 0`
 * (all zeros, but drawn, so the generator advances as in the book).
 */
export function initCbow(random: RandomState, vocabularySize: number, hiddenSize: number): CbowModel {
  const weights01 = random.random([vocabularySize, hiddenSize]) as NDArray;
  for (let i = 0; i < weights01.size; i++) weights01.data[i] = (weights01.data[i] - 0.5) * 0.2;
  random.random([vocabularySize, hiddenSize]);
  return { weights01, weights12: NDArray.zeros([vocabularySize, hiddenSize]) };
}

/**
 * The context of position `targetIndex` in `review`: up to `window` words on its left and up
 * to `window` on its right (`rightWindow` words in the book's code, which stopped at
 * `target_i + window` exclusive: one word on the right for window 2).
 */
export function contextWindow(review: readonly number[], targetIndex: number, window: number, rightWindow = window): number[] {
  return [
    ...review.slice(Math.max(0, targetIndex - window), targetIndex),
    ...review.slice(targetIndex + 1, Math.min(review.length, targetIndex + 1 + rightWindow)),
  ];
}

/**
 * The targets of one step: the true word, then `negative` words drawn uniformly from the corpus
 * stream `concatenated` (so with probability proportional to their counts), as the book's
 * `concatenated[(np.random.rand(negative) * len(concatenated)).astype('int')]`. A negative may
 * be the true word itself.
 */
export function sampleTargets(trueWord: number, concatenated: Int32Array, negative: number, random: RandomState): number[] {
  const draws = random.random([negative]) as NDArray;
  const targets = [trueWord];
  for (let j = 0; j < negative; j++) targets.push(concatenated[Math.floor(draws.data[j] * concatenated.length)]);
  return targets;
}

/** log(sigmoid(z)) without overflow for large |z|. */
export function logSigmoid(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}

/**
 * Exercise 11.6: one step of negative sampling, in place, and its loss before the update.
 * Forward: `hidden = mean of the rows of weights01 at context`, `z_j = weights12[targets[j]] . hidden`,
 * `output_j = sigmoid(z_j)` against the target `[1, 0, ..., 0]` (the first target is the true
 * word). Loss: `-log sigmoid(z_0) - sum_{j >= 1} log(1 - sigmoid(z_j))`. Backward:
 * `delta_j = output_j - target_j`, `layer1Delta = sum_j delta_j weights12[targets[j]]`.
 * Update: `weights12[targets[j]] -= alpha * delta_j * hidden` and
 * `weights01[c] -= alpha * layer1Delta / |context|` for every context word `c`; repeated
 * indices accumulate (the exact gradient).
 * @throws an Error `negativeSamplingStep: the context is empty (a one-word review has none)`
 */
export function negativeSamplingStep(model: CbowModel, context: readonly number[], targets: readonly number[], alpha: number): number {
  // #region solution 11.6
  if (context.length === 0) throw new Error('negativeSamplingStep: the context is empty (a one-word review has none)');
  const hidden = mean(gatherRows(model.weights01, context), 0);
  const outputRows = gatherRows(model.weights12, targets);
  const hiddenSize = hidden.size;
  const deltas = NDArray.zeros([targets.length, hiddenSize]);
  const layer1Delta = NDArray.zeros([hiddenSize]);
  let loss = 0;
  for (let j = 0; j < targets.length; j++) {
    let z = 0;
    for (let k = 0; k < hiddenSize; k++) z += outputRows.data[j * hiddenSize + k] * hidden.data[k];
    const output = 1 / (1 + Math.exp(-z));
    loss -= j === 0 ? logSigmoid(z) : logSigmoid(-z);
    const delta = output - (j === 0 ? 1 : 0);
    for (let k = 0; k < hiddenSize; k++) {
      layer1Delta.data[k] += delta * outputRows.data[j * hiddenSize + k];
      deltas.data[j * hiddenSize + k] = delta * hidden.data[k];
    }
  }
  scatterAddRows(model.weights12, targets, deltas, -alpha);
  scatterAddRows(model.weights01, context, flatten(layer1Delta), -alpha / context.length);
  return loss;
  // #endregion
}
