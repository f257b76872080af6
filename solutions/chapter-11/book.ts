/**
 * The book's chapter 11 code as it was printed, quirks included, for `--faithful` runs. The
 * chapter's Errata section explains each difference from the corrected exercises.
 */
import { NDArray, gatherRows, matmul, mean, reshape } from '../../kernels';
import type { Vocabulary } from '../../kernels/datasets';
import { predictSentiment, type SentimentNetwork, type SentimentStep } from './sentiment';
import type { CbowModel } from './negative-sampling';
import { topK, wordIndex, type Neighbour } from './similarity';

/**
 * Listing 11.2's step: `layer_1_delta = layer_2_delta . weights_1_2^T` with no sigmoid
 * derivative, and `weights_0_1[x] -= layer_1_delta * alpha` (x is a set, so each row once).
 */
export function bookSentimentStep(net: SentimentNetwork, wordIds: readonly number[], target: number, alpha: number): SentimentStep {
  const { hidden, output } = predictSentiment(net, wordIds);
  const layer2Delta = output - target;
  const w12 = net.weights12.data;
  const hiddenSize = hidden.size;
  const layer1Delta = new Float64Array(hiddenSize);
  for (let j = 0; j < hiddenSize; j++) layer1Delta[j] = layer2Delta * w12[j];
  for (const id of new Set(wordIds)) {
    for (let j = 0; j < hiddenSize; j++) net.weights01.data[id * hiddenSize + j] -= layer1Delta[j] * alpha;
  }
  for (let j = 0; j < hiddenSize; j++) w12[j] -= hidden.data[j] * layer2Delta * alpha;
  return { output, error: Math.abs(layer2Delta) };
}

/**
 * Listing 11.5's step: the full `layer_1_delta` goes to each context row (no `1 / |context|`),
 * and NumPy's fancy-index `-=` writes each repeated row once (for `weights_1_2`, the last
 * occurrence's update wins).
 */
export function bookCbowStep(model: CbowModel, context: readonly number[], targets: readonly number[], alpha: number): void {
  const hiddenSize = model.weights01.shape[1];
  const hidden = mean(gatherRows(model.weights01, context), 0);
  const outputRows = gatherRows(model.weights12, targets);
  const logits = matmul(outputRows, reshape(hidden, [hiddenSize, 1]));
  const layer1Delta = new Float64Array(hiddenSize);
  const deltas = logits.data.map((z, j) => 1 / (1 + Math.exp(-z)) - (j === 0 ? 1 : 0));
  for (let j = 0; j < targets.length; j++) {
    for (let k = 0; k < hiddenSize; k++) layer1Delta[k] += deltas[j] * outputRows.data[j * hiddenSize + k];
  }
  for (const c of new Set(context)) {
    for (let k = 0; k < hiddenSize; k++) model.weights01.data[c * hiddenSize + k] -= layer1Delta[k] * alpha;
  }
  // w[idx] -= v computes w[idx] - v from the old rows, then assigns in order: the last write wins.
  for (let j = 0; j < targets.length; j++) {
    for (let k = 0; k < hiddenSize; k++) {
      model.weights12.data[targets[j] * hiddenSize + k] = outputRows.data[j * hiddenSize + k] - deltas[j] * hidden.data[k] * alpha;
    }
  }
}

/**
 * Listing 11.6's `analogy`: the rows are multiplied by their SQUARED norms (not divided by the
 * norm), the query is built from those scaled rows but compared with the unscaled ones by
 * Euclidean distance, and the best hit is dropped: ranks 2 to 10.
 */
export function bookAnalogy(weights: NDArray, vocabulary: Vocabulary, positive: readonly string[], negative: readonly string[]): Neighbour[] {
  const [rows, hiddenSize] = weights.shape;
  const query = new Float64Array(hiddenSize);
  for (const [words, sign] of [[positive, 1], [negative, -1]] as const) {
    for (const word of words) {
      const i = wordIndex('bookAnalogy', vocabulary, word);
      let squaredNorm = 0;
      for (let k = 0; k < hiddenSize; k++) squaredNorm += weights.data[i * hiddenSize + k] ** 2;
      for (let k = 0; k < hiddenSize; k++) query[k] += sign * squaredNorm * weights.data[i * hiddenSize + k];
    }
  }
  const scores = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let squared = 0;
    for (let k = 0; k < hiddenSize; k++) squared += (weights.data[i * hiddenSize + k] - query[k]) ** 2;
    scores[i] = -Math.sqrt(squared);
  }
  return topK(scores, vocabulary, 10).slice(1);
}

