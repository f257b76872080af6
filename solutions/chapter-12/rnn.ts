/**
 * Chapter 12's recurrent language model (listings 12.7-12.10), a linear RNN: the hidden state
 * starts at `start`, and each word updates it, `hidden_t+1 = hidden_t . recurrent + embed[w_t]`.
 * Before each word, `softmax(hidden_t . decoder)` predicts it; the loss is the sum of
 * `-log p(w_t)` over the sentence.
 *
 * Indexing used throughout: a sentence of T words has T + 1 hidden states. Row 0 is `start`
 * (the empty sentence), row t + 1 has read words 0..t. Prediction t is made from row t and
 * scored against word t.
 */
import {
  NDArray,
  eye,
  formatShape,
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  softmax,
  type RandomState,
} from '../../kernels';

/** The four parameters: `start` `[d]`, `embed` `[V, d]`, `recurrent` `[d, d]`, `decoder` `[d, V]`. */
export interface RnnModel {
  readonly start: NDArray;
  readonly embed: NDArray;
  readonly recurrent: NDArray;
  readonly decoder: NDArray;
}

/** Gradients of the loss, one per parameter, of the same shapes. */
export type RnnGradients = RnnModel;

/**
 * The book's initialisation (listing 12.7), in its order: `embed = (rand(V, d) - 0.5) * 0.1`,
 * `recurrent = I`, `start = 0`, `decoder = (rand(d, V) - 0.5) * 0.1`.
 */
export function initRnn(random: RandomState, vocabularySize: number, embedSize: number): RnnModel {
  const uniform = (shape: number[]): NDArray => {
    const w = random.random(shape) as NDArray;
    for (let i = 0; i < w.size; i++) w.data[i] = (w.data[i] - 0.5) * 0.1;
    return w;
  };
  const embed = uniform([vocabularySize, embedSize]);
  return { start: NDArray.zeros([embedSize]), embed, recurrent: eye(embedSize), decoder: uniform([embedSize, vocabularySize]) };
}

/** What {@link rnnForward} computed. */
export interface RnnForward {
  /** `[T + 1, d]`: row 0 is `start`, row t + 1 has read words 0..t. */
  readonly hidden: NDArray;
  /** `[T, V]`: `hidden[t] . decoder`, the scores of prediction t. */
  readonly logits: NDArray;
  /** `[T, V]`: softmax of each row of `logits`. */
  readonly predictions: NDArray;
  /** `-sum_t log predictions[t, w_t]`. */
  readonly loss: number;
}

function checkSentence(op: string, model: RnnModel, sentence: readonly number[]): void {
  const vocabularySize = model.embed.shape[0];
  for (const [t, w] of sentence.entries()) {
    if (!Number.isInteger(w) || w < 0 || w >= vocabularySize) {
      throw new Error(`${op}: word ${w} at position ${t} is out of range for a vocabulary of ${vocabularySize}`);
    }
  }
}

/**
 * Exercise 12.2: the forward pass through time over a sentence of word ids (see the module
 * comment for the indexing): every hidden state, the logits and softmax predictions made
 * before each word, and the loss. An empty sentence gives `hidden = [start]` and loss 0.
 * @throws an Error `rnnForward: word 90 at position 2 is out of range for a vocabulary of 82`
 */
export function rnnForward(model: RnnModel, sentence: readonly number[]): RnnForward {
  // #region solution 12.2
  checkSentence('rnnForward', model, sentence);
  const d = model.start.size;
  const vocabularySize = model.embed.shape[0];
  const steps = sentence.length;
  const hidden = NDArray.zeros([steps + 1, d]);
  hidden.data.set(model.start.data);
  for (let t = 0; t < steps; t++) {
    const previous = new NDArray(hidden.data.subarray(t * d, (t + 1) * d), [1, d]);
    const carried = matmul(previous, model.recurrent);
    const word = sentence[t] * d;
    for (let k = 0; k < d; k++) hidden.data[(t + 1) * d + k] = carried.data[k] + model.embed.data[word + k];
  }
  const logits = matmul(new NDArray(hidden.data.subarray(0, steps * d), [steps, d]), model.decoder);
  const predictions = softmax(logits);
  let loss = 0;
  for (let t = 0; t < steps; t++) loss -= Math.log(predictions.data[t * vocabularySize + sentence[t]]);
  return { hidden, logits, predictions, loss };
  // #endregion
}

/**
 * Exercise 12.3: backpropagation through time. Given the forward pass's `hidden` states and
 * `logitDeltas` `[T, V]` (the gradient of the loss with respect to each row of logits, for the
 * cross-entropy `predictions - onehot(words)`), returns the gradient of every parameter.
 * With `g_t` the gradient at `hidden[t]`: `g_T = 0`, `g_t = logitDeltas[t] . decoder^T +
 * g_t+1 . recurrent^T`; then `decoder += hidden[t]^T logitDeltas[t]`,
 * `recurrent += hidden[t]^T g_t+1`, `embed[w_t] += g_t+1`, `start = g_0`.
 * @throws an Error `rnnBackward: logitDeltas [4,82] must be [5,82] for a sentence of 5 words`
 */
export function rnnBackward(model: RnnModel, sentence: readonly number[], hidden: NDArray, logitDeltas: NDArray): RnnGradients {
  // #region solution 12.3
  checkSentence('rnnBackward', model, sentence);
  const d = model.start.size;
  const vocabularySize = model.embed.shape[0];
  const steps = sentence.length;
  if (logitDeltas.ndim !== 2 || logitDeltas.shape[0] !== steps || logitDeltas.shape[1] !== vocabularySize) {
    throw new Error(
      `rnnBackward: logitDeltas ${formatShape(logitDeltas.shape)} must be [${steps},${vocabularySize}] for a sentence of ${steps} words`,
    );
  }
  if (hidden.ndim !== 2 || hidden.shape[0] !== steps + 1 || hidden.shape[1] !== d) {
    throw new Error(`rnnBackward: hidden ${formatShape(hidden.shape)} must be [${steps + 1},${d}] (start and one row per word)`);
  }
  // Every g_t at once: row t of hiddenDeltas is the gradient at hidden[t].
  const hiddenDeltas = NDArray.zeros([steps + 1, d]);
  const fromOutput = matmulTransposeB(logitDeltas, model.decoder);
  for (let t = steps - 1; t >= 0; t--) {
    const next = new NDArray(hiddenDeltas.data.subarray((t + 1) * d, (t + 2) * d), [1, d]);
    const carried = matmulTransposeB(next, model.recurrent);
    for (let k = 0; k < d; k++) hiddenDeltas.data[t * d + k] = carried.data[k] + fromOutput.data[t * d + k];
  }
  const before = new NDArray(hidden.data.subarray(0, steps * d), [steps, d]);
  const after = new NDArray(hiddenDeltas.data.subarray(d), [steps, d]);
  const embed = NDArray.zeros(model.embed.shape);
  for (let t = 0; t < steps; t++) {
    for (let k = 0; k < d; k++) embed.data[sentence[t] * d + k] += after.data[t * d + k];
  }
  return {
    start: new NDArray(hiddenDeltas.data.slice(0, d), [d]),
    embed,
    recurrent: matmulTransposeA(before, after),
    decoder: matmulTransposeA(before, logitDeltas),
  };
  // #endregion
}

/** The cross-entropy's logit deltas: `predictions - onehot(sentence)`, `[T, V]`. */
export function crossEntropyDeltas(predictions: NDArray, sentence: readonly number[]): NDArray {
  const deltas = predictions.clone();
  const vocabularySize = predictions.shape[1];
  for (const [t, w] of sentence.entries()) deltas.data[t * vocabularySize + w] -= 1;
  return deltas;
}

/**
 * Exercise 12.4: one training step on one sentence, in place: forward, the cross-entropy's
 * logit deltas, BPTT, and every parameter moved by `-(alpha / T)` times its gradient (the
 * book's step: alpha divided by the sentence length). Returns the loss before the update.
 * @throws an Error `rnnTrainStep: the sentence is empty`
 */
export function rnnTrainStep(model: RnnModel, sentence: readonly number[], alpha: number): number {
  // #region solution 12.4
  if (sentence.length === 0) throw new Error('rnnTrainStep: the sentence is empty');
  const { hidden, predictions, loss } = rnnForward(model, sentence);
  const gradients = rnnBackward(model, sentence, hidden, crossEntropyDeltas(predictions, sentence));
  const step = alpha / sentence.length;
  for (const name of ['start', 'embed', 'recurrent', 'decoder'] as const) {
    const w = model[name].data;
    const g = gradients[name].data;
    for (let i = 0; i < w.length; i++) w[i] -= step * g[i];
  }
  return loss;
  // #endregion
}

/**
 * Exercise 12.5: perplexity, `exp(loss / words)`: the number of equally likely words the model
 * is choosing between, on average. 1 when it is sure and right; V for a uniform guess.
 * @throws an Error `perplexity: words must be a positive integer, got 0`
 */
export function perplexity(loss: number, words: number): number {
  // #region solution 12.5
  if (!Number.isInteger(words) || words <= 0) throw new Error(`perplexity: words must be a positive integer, got ${words}`);
  return Math.exp(loss / words);
  // #endregion
}

/**
 * Exercise 12.6: the model's guess for the next word after each prefix of the sentence: entry
 * t is the most likely word after reading words 0..t, `argmax(hidden[t + 1] . decoder)` (ties
 * go to the lowest id). The last entry guesses the word after the sentence.
 */
export function predictNextWords(model: RnnModel, sentence: readonly number[]): number[] {
  // #region solution 12.6
  const { hidden } = rnnForward(model, sentence);
  const d = model.start.size;
  const scores = matmul(new NDArray(hidden.data.subarray(d), [sentence.length, d]), model.decoder);
  const vocabularySize = model.embed.shape[0];
  const guesses: number[] = [];
  for (let t = 0; t < sentence.length; t++) {
    let best = 0;
    for (let w = 1; w < vocabularySize; w++) if (scores.data[t * vocabularySize + w] > scores.data[t * vocabularySize + best]) best = w;
    guesses.push(best);
  }
  return guesses;
  // #endregion
}
