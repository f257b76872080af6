/**
 * Chapter 11's sentiment network (listing 11.2): an embedding layer that sums the rows of a
 * review's words, a sigmoid hidden layer, and one sigmoid output, the probability that the
 * review is positive. Trained one review at a time on binary cross-entropy.
 */
import { NDArray, flatten, gatherRows, matmul, reshape, scatterAddRows, sigmoid, sum } from '../../kernels';
import type { RandomState } from '../../kernels';

/** The two weight matrices: `weights01` `[vocabulary, hidden]` (the embeddings), `weights12` `[hidden, 1]`. */
export interface SentimentNetwork {
  readonly weights01: NDArray;
  readonly weights12: NDArray;
}

/**
 * The book's initialisation: `weights01` uniform in [-0.1, 0.1), then `weights12` the same, in
 * that order from `random` (`0.2 * np.random.random(shape) - 0.1`).
 */
export function initSentimentNetwork(random: RandomState, vocabularySize: number, hiddenSize: number): SentimentNetwork {
  const uniform = (shape: number[]): NDArray => {
    const w = random.random(shape) as NDArray;
    for (let i = 0; i < w.size; i++) w.data[i] = 0.2 * w.data[i] - 0.1;
    return w;
  };
  return { weights01: uniform([vocabularySize, hiddenSize]), weights12: uniform([hiddenSize, 1]) };
}

/** The hidden layer `[hidden]` and the output probability of a review given as word ids. */
export function predictSentiment(net: SentimentNetwork, wordIds: readonly number[]): { hidden: NDArray; output: number } {
  const hiddenSize = net.weights01.shape[1];
  const summed = wordIds.length === 0 ? NDArray.zeros([hiddenSize]) : sum(gatherRows(net.weights01, wordIds), 0);
  const hidden = sigmoid(summed);
  const output = sigmoid(matmul(reshape(hidden, [1, hiddenSize]), net.weights12)).data[0];
  return { hidden, output };
}

/** What one training step saw: the prediction before the update and its distance from the label. */
export interface SentimentStep {
  /** The predicted probability of "positive", before the update. */
  readonly output: number;
  /** `|output - target|`; the book counts a review as correct when it is below 0.5. */
  readonly error: number;
}

/**
 * Exercise 11.4: one step of gradient descent on the binary cross-entropy of one review, in
 * place. Forward: `hidden = sigmoid(sum of the rows of weights01 at wordIds)`,
 * `output = sigmoid(hidden . weights12)`. Backward: `layer2Delta = output - target`,
 * `layer1Delta = layer2Delta * weights12^T * hidden * (1 - hidden)`. Update: `weights12` by
 * `alpha * hidden^T layer2Delta` and only the rows at `wordIds` by `alpha * layer1Delta`.
 * @param target 1 for a positive review, 0 for a negative one
 * @throws an Error `sentimentTrainStep: target 2 must be 0 or 1`
 */
export function sentimentTrainStep(
  net: SentimentNetwork,
  wordIds: readonly number[],
  target: number,
  alpha: number,
): SentimentStep {
  // #region solution 11.4
  if (target !== 0 && target !== 1) throw new Error(`sentimentTrainStep: target ${target} must be 0 or 1`);
  const { hidden, output } = predictSentiment(net, wordIds);
  const layer2Delta = output - target;
  const w12 = net.weights12.data;
  const layer1Delta = NDArray.zeros([hidden.size]);
  for (let j = 0; j < hidden.size; j++) {
    const h = hidden.data[j];
    layer1Delta.data[j] = layer2Delta * w12[j] * h * (1 - h);
  }
  for (let j = 0; j < hidden.size; j++) w12[j] -= alpha * hidden.data[j] * layer2Delta;
  scatterAddRows(net.weights01, wordIds, flatten(layer1Delta), -alpha);
  return { output, error: Math.abs(layer2Delta) };
  // #endregion
}
