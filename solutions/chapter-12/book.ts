/**
 * The book's chapter 12 training step as printed (listings 12.8-12.10), for `--faithful` runs.
 * Its forward pass and its `decoder` gradient are exact; its `start`, `embed` and `recurrent`
 * updates read the hidden deltas one step off (see the chapter's Errata). The program also
 * drops each training sentence's first word, as the book's `tokens[i][1:]` does.
 */
import { NDArray } from '../../kernels';
import { crossEntropyDeltas, rnnForward, type RnnModel } from './rnn';

/**
 * One step of listing 12.9-12.10. In the book's terms `layers[k]` (k = 0..T) holds
 * `hidden[k]`, `layers[k].output_delta` (k >= 1) is the delta of prediction k - 1, and
 * `layers[k].hidden_delta` is `g` of hidden[k - 1] in the exact recursion (for k >= 1; layer
 * 0's is pushed back once more). The updates then pair `hidden[k]` with layer k + 1's delta,
 * and read `start` after its own update, because the book's `layers[0]['hidden']` is `start`.
 */
export function bookRnnTrainStep(model: RnnModel, sentence: readonly number[], alpha: number): number {
  const { hidden, predictions, loss } = rnnForward(model, sentence);
  const outputDeltas = crossEntropyDeltas(predictions, sentence);
  const d = model.start.size;
  const vocabularySize = model.embed.shape[0];
  const steps = sentence.length;
  const R = model.recurrent.data;
  const D = model.decoder.data;
  // layerDeltas[k] = layers[k]['hidden_delta'], k = 0..T.
  const layerDeltas = Array.from({ length: steps + 1 }, () => new Float64Array(d));
  for (let k = steps; k >= 0; k--) {
    const delta = layerDeltas[k];
    if (k > 0) {
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let w = 0; w < vocabularySize; w++) s += outputDeltas.data[(k - 1) * vocabularySize + w] * D[i * vocabularySize + w];
        delta[i] = s;
      }
    }
    if (k < steps) {
      const next = layerDeltas[k + 1];
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += next[j] * R[i * d + j];
        delta[i] += s;
      }
    }
  }
  const step = alpha / steps;
  for (let i = 0; i < d; i++) model.start.data[i] -= layerDeltas[0][i] * step;
  for (let k = 0; k < steps; k++) {
    // layers[0]['hidden'] IS the array `start`, already updated in place by `start -= ...`.
    const h = k === 0 ? model.start.data : hidden.data.subarray(k * d, (k + 1) * d);
    for (let i = 0; i < d; i++) {
      for (let w = 0; w < vocabularySize; w++) D[i * vocabularySize + w] -= h[i] * outputDeltas.data[k * vocabularySize + w] * step;
    }
    const row = sentence[k] * d;
    for (let i = 0; i < d; i++) model.embed.data[row + i] -= layerDeltas[k][i] * step;
    const next = layerDeltas[k + 1];
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) R[i * d + j] -= h[i] * next[j] * step;
  }
  return loss;
}

/**
 * The book's printout (listing 12.11): for `layers[1:-1]`, the prediction made BEFORE each
 * printed input word (from hidden[t], t = 0..T-2). Combined with training on sentences without
 * their first word, it reads as a guess of the next word.
 */
export function bookPredictions(model: RnnModel, sentence: readonly number[]): number[] {
  const { predictions } = rnnForward(model, sentence);
  const vocabularySize = model.embed.shape[0];
  const guesses: number[] = [];
  for (let t = 0; t < sentence.length - 1; t++) {
    const row = new NDArray(predictions.data.subarray(t * vocabularySize, (t + 1) * vocabularySize), [vocabularySize]);
    let best = 0;
    for (let w = 1; w < vocabularySize; w++) if (row.data[w] > row.data[best]) best = w;
    guesses.push(best);
  }
  return guesses;
}
