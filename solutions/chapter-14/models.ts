/**
 * Chapter 14: the two character models of the book behind one interface, so one training step
 * (training.ts) serves both: an embedding, then the RNN (L14.1) or the LSTM (L14.10) over a
 * window. Weights are initialised as the book's chapter 13 layers do: Linear weights
 * `randn * sqrt(2 / nInputs)` with zero biases, the embedding `(rand - 0.5) / dim`.
 *
 * Speed: each model keeps its matrices `resident` in the WebAssembly kernel's memory. SGD changes
 * every weight after every window, so the handles are invalidated at the start of each forward
 * pass: the weights are then packed once per window instead of once per product (the recurrent
 * `wh` is used 2 x bptt times a window). Anyone may change the weights between windows.
 *
 * A window comes as character ids (training, sampling) or as vectors (to look at dL/dx, flow.ts).
 * Given ids, the LSTM computes its input side on the embedding table rather than on the window's
 * rows (lstm-window.ts `EmbeddedTokens`); the RNN gathers the rows and scatters their gradient.
 *
 * The LSTM also reuses its window's arrays (lstm-window.ts `LSTMWindowBuffers`, one set per window
 * shape): a pass's logits and gradients are valid until the model's next forward pass, and a
 * backward pass after a later forward pass is refused (its cache would have been overwritten).
 */
import { NDArray, RandomState, gatherRows, mul, resident, scatterAddRows, zeros, zerosLike } from '../../kernels';
import { lstmWindowBackward, lstmWindowBuffers, lstmWindowForward, type LSTMWeights, type LSTMWindowBuffers } from './lstm-window';
import { rnnWindowBackward, rnnWindowForward, type RNNWeights } from './rnn-window';

/** One forward pass over a window, with the backward pass that goes with it. */
export interface WindowPass {
  /** Scores for the next character, [steps * batch, vocabulary]. */
  readonly logits: NDArray;
  /** The state after the window, to carry into the next one (truncation: as plain numbers). */
  readonly state: NDArray[];
  /** The gradients of the window's loss, from dL/dlogits. */
  backward(dLogits: NDArray): WindowGradients;
}

/** What {@link WindowPass.backward} gives. */
export interface WindowGradients {
  /** dL/d(each weight), in the order of the model's `weights`. */
  readonly gradients: NDArray[];
  /**
   * The gradient of the inputs the pass was given: dL/d(embedding), [vocabulary, dim], for
   * character ids; dL/dx, [steps * batch, dim], for vectors.
   */
  readonly dInputs: NDArray;
}

/** A character model: an embedding table and a recurrent cell with an output layer. */
export interface CharModel {
  readonly kind: 'rnn' | 'lstm';
  /** [vocabulary, dim]. */
  readonly embedding: NDArray;
  /** The cell's weights (not the embedding), in a fixed order: what SGD and checkpoints see. */
  readonly weights: NDArray[];
  /** The state at the start of an epoch. */
  initState(batch: number): NDArray[];
  /**
   * Runs the model over `steps` steps of a batch: of character ids (time-major, entry t * batch + b),
   * embedded by the model's table, or of vectors x ([steps * batch, dim]) given instead.
   */
  forward(inputs: Int32Array | NDArray, state: readonly NDArray[], steps: number): WindowPass;
}

/** The book's Linear initialisation: randn [nIn, nOut] * sqrt(2 / nIn). */
function linear(random: RandomState, nIn: number, nOut: number): NDArray {
  return mul(random.randn([nIn, nOut]), Math.sqrt(2 / nIn));
}

/** The book's Embedding initialisation: (rand - 0.5) / dim. */
function embeddingTable(random: RandomState, vocabulary: number, dim: number): NDArray {
  const table = random.rand(vocabulary, dim) as NDArray;
  for (let i = 0; i < table.size; i++) table.data[i] = (table.data[i] - 0.5) / dim;
  return table;
}

/** Writes `block` ([rows, width]) into columns [k * width, (k + 1) * width) of `target`. */
function setColumnBlock(target: NDArray, block: NDArray, k: number): void {
  const [rows, width] = block.shape;
  const stride = target.shape[1];
  for (let r = 0; r < rows; r++) target.data.set(block.data.subarray(r * width, (r + 1) * width), r * stride + k * width);
}

/** The sizes of a character model. */
export interface ModelSizes {
  readonly vocabulary: number;
  readonly dim: number;
  readonly hidden: number;
}

/** The book's RNN character model (L14.1): Embedding(V, dim), sigmoid RNNCell(dim, hidden, V). */
export function createRnnModel(random: RandomState, sizes: ModelSizes): CharModel {
  const embedding = embeddingTable(random, sizes.vocabulary, sizes.dim);
  const w: RNNWeights = {
    wIn: linear(random, sizes.dim, sizes.hidden),
    wh: linear(random, sizes.hidden, sizes.hidden),
    wOut: linear(random, sizes.hidden, sizes.vocabulary),
    b: zeros([sizes.hidden]),
    bOut: zeros([sizes.vocabulary]),
  };
  const handles = { wIn: resident(w.wIn), wh: resident(w.wh), wOut: resident(w.wOut) };
  const operands: RNNWeights = { ...w, resident: handles };
  return {
    kind: 'rnn',
    embedding,
    weights: [w.wIn, w.b, w.wh, w.wOut, w.bOut],
    initState: (batch) => [zeros([batch, sizes.hidden])],
    forward(inputs, state, steps) {
      Object.values(handles).forEach((handle) => handle.invalidate());
      const x = inputs instanceof NDArray ? inputs : gatherRows(embedding, inputs);
      const pass = rnnWindowForward(operands, x, state[0], steps);
      return {
        logits: pass.logits,
        state: [pass.state],
        backward(dLogits) {
          const g = rnnWindowBackward(operands, pass.cache, dLogits);
          const gradients = [g.weights.wIn, g.weights.b, g.weights.wh, g.weights.wOut, g.weights.bOut];
          if (inputs instanceof NDArray) return { gradients, dInputs: g.dx };
          return { gradients, dInputs: scatterAddRows(zerosLike(embedding), inputs, g.dx) };
        },
      };
    },
  };
}

/**
 * The book's LSTM character model (L14.10): Embedding(V, dim), LSTMCell(dim, hidden, V) with the
 * output weights zeroed (so the first prediction is uniform: perplexity = V), and the initial
 * state with its first unit at 1 (the book's init_hidden).
 */
export function createLstmModel(random: RandomState, sizes: ModelSizes): CharModel {
  const embedding = embeddingTable(random, sizes.vocabulary, sizes.dim);
  const H = sizes.hidden;
  const wx = zeros([sizes.dim, 4 * H]);
  const wh = zeros([H, 4 * H]);
  // The book creates xf, xi, xo, xc, then hf, hi, ho, hc, then w_ho, in that order.
  for (let k = 0; k < 4; k++) setColumnBlock(wx, linear(random, sizes.dim, H), k);
  for (let k = 0; k < 4; k++) setColumnBlock(wh, linear(random, H, H), k);
  const wOut = mul(linear(random, H, sizes.vocabulary), 0);
  const w: LSTMWeights = { wx, b: zeros([4 * H]), wh, wOut };
  const handles = { wx: resident(wx), wh: resident(wh), wOut: resident(wOut) };
  const operands: LSTMWeights = { ...w, resident: handles };
  // One set of buffers per window shape: training windows, and the 1 x 1 steps of sampling.
  // The input side of a window of ids is computed on the table (lstm-window.ts EmbeddedTokens).
  const buffersByShape = new Map<string, LSTMWindowBuffers>();
  let passes = 0;
  return {
    kind: 'lstm',
    embedding,
    weights: [w.wx, w.b, w.wh, w.wOut],
    initState(batch) {
      const h = zeros([batch, H]);
      const c = zeros([batch, H]);
      for (let b = 0; b < batch; b++) {
        h.data[b * H] = 1;
        c.data[b * H] = 1;
      }
      return [h, c];
    },
    forward(inputs, state, steps) {
      Object.values(handles).forEach((handle) => handle.invalidate());
      const batch = state[0].shape[0];
      const vectors = inputs instanceof NDArray;
      const shape = `${steps}x${batch}${vectors ? ' vectors' : ''}`;
      const buffers = buffersByShape.get(shape) ?? lstmWindowBuffers(w, steps, batch, vectors ? undefined : sizes.vocabulary);
      buffersByShape.set(shape, buffers);
      const windowInputs = vectors ? inputs : { tokens: inputs, embedding };
      const pass = lstmWindowForward(operands, windowInputs, { h: state[0], c: state[1] }, steps, buffers);
      const thisPass = ++passes;
      return {
        logits: pass.logits,
        state: [pass.state.h, pass.state.c],
        backward(dLogits) {
          if (thisPass !== passes) {
            throw new Error('LSTM model: backward() of a pass after a later forward pass, which reused its buffers; call backward before the next forward');
          }
          const g = lstmWindowBackward(operands, pass.cache, dLogits, undefined, buffers);
          return { gradients: [g.weights.wx, g.weights.b, g.weights.wh, g.weights.wOut], dInputs: g.dInputs };
        },
      };
    },
  };
}
