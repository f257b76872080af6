/**
 * Chapter 14: the LSTM over a whole window at once, the way a fast framework runs it. The four
 * gates' weights sit side by side in one matrix, so the input projections of all `bptt` steps are
 * ONE matrix product, and in the backward pass each weight gradient of the window is ONE product
 * too. Only the recurrent product `h_{t-1} W_h` has to go step by step.
 *
 * Column blocks of the fused matrices, each `nHidden` wide, in the book's order:
 * forget (xf/hf), input (xi/hi), output (xo/ho), candidate (xc/hc).
 *
 * A character model's inputs are rows of its embedding table, so a window may also be given as
 * token ids with the table ({@link EmbeddedTokens}): then the input side is computed on the table's
 * V rows instead of the window's steps * batch rows (see {@link lstmInputBackward}).
 */
import { NDArray, ResidentMatrix, formatShape, gatherRows, matmul, matmulTransposeA, matmulTransposeB, rowsView, scatterAddRows, sum, zeros } from '../../kernels';

/** The weights of the book's LSTMCell, fused by gate. */
export interface LSTMWeights {
  /** Input weights of the four gates, [nInputs, 4 nHidden] (the book's xf, xi, xo, xc). */
  readonly wx: NDArray;
  /** Their biases, [4 nHidden]. */
  readonly b: NDArray;
  /** Recurrent weights of the four gates, [nHidden, 4 nHidden] (hf, hi, ho, hc; no bias). */
  readonly wh: NDArray;
  /** The output layer, [nHidden, nOutput] (w_ho; no bias). */
  readonly wOut: NDArray;
  /**
   * Optional handles to the same three matrices kept packed in the WebAssembly kernel's memory
   * (kernels' `resident`), so the 25 recurrent products of a window, forward and backward, do not
   * re-pack `wh` every time. Whoever changes the weights invalidates them. Results are identical.
   */
  readonly resident?: ResidentLSTMWeights;
}

/** Resident handles of an {@link LSTMWeights}' matrices (each stands for the array of the same name). */
export interface ResidentLSTMWeights {
  readonly wx: ResidentMatrix;
  readonly wh: ResidentMatrix;
  readonly wOut: ResidentMatrix;
}

/**
 * A window's inputs given as characters: row r of the window is `embedding[tokens[r]]`. The
 * backward pass then gives dL/d(embedding) instead of dL/dx.
 */
export interface EmbeddedTokens {
  /** Token ids, time-major like x: entry t * batch + b. */
  readonly tokens: Int32Array;
  /** The embedding table, [vocabulary, nInputs]. */
  readonly embedding: NDArray;
}

/** A window's inputs: vectors x ([steps * batch, nInputs]), or characters and their embedding table. */
export type LSTMWindowInputs = NDArray | EmbeddedTokens;

/** The LSTM's two state vectors for a batch: hidden `h` and cell `c`, each [batch, nHidden]. */
export interface LSTMState {
  readonly h: NDArray;
  readonly c: NDArray;
}

/** What the forward pass keeps for the backward pass (all rows time-major: row t * batch + b). */
export interface LSTMWindowCache {
  readonly steps: number;
  readonly batch: number;
  /** The window's inputs, as they were given. */
  readonly inputs: LSTMWindowInputs;
  /**
   * The rows the input weights were multiplied with, [steps * batch, nInputs]: x itself, or the
   * gathered embedding rows of a window shorter than its table; null when the table itself was
   * projected (a window of characters with more rows than the table).
   */
  readonly x: NDArray | null;
  /** Gate values after their squashing, [steps * batch, 4 nHidden]: f, i, o (sigmoid), g (tanh). */
  readonly gates: NDArray;
  /** Cell states c_t, [steps * batch, nHidden]. */
  readonly cells: NDArray;
  /** tanh(c_t), [steps * batch, nHidden]. */
  readonly cellTanh: NDArray;
  /** h_{t-1} of every step (the initial h, then every h but the last), [steps * batch, nHidden]. */
  readonly previousHidden: NDArray;
  /** h_t of every step, [steps * batch, nHidden]. */
  readonly hidden: NDArray;
  /** The state the window started from. */
  readonly initial: LSTMState;
}

/**
 * Arrays a training loop reuses from window to window instead of allocating about 40 MB per
 * window of the book's LSTM (which the garbage collector then has to free): the forward pass's
 * cache and logits, the backward pass's scratch (dh through the window, dZ, the gates' gradients)
 * and its gradients. Make them once with {@link lstmWindowBuffers} for a window's steps and batch.
 * What a pass returns then lives in these arrays: it is valid until the next pass that uses them.
 */
export interface LSTMWindowBuffers {
  readonly steps: number;
  readonly batch: number;
  /** The gates of the forward pass, [steps * batch, 4 nHidden]. */
  readonly gates: NDArray;
  /** Each [steps * batch, nHidden]: c_t, tanh(c_t), h_{t-1} and h_t. */
  readonly cells: NDArray;
  readonly cellTanh: NDArray;
  readonly previousHidden: NDArray;
  readonly hidden: NDArray;
  /** One step's recurrent product, [batch, 4 nHidden]. */
  readonly recurrent: NDArray;
  /** The scores, [steps * batch, nOutput]. */
  readonly logits: NDArray;
  /** Backward scratch: dL/dh_t from the output layer [steps * batch, nHidden], dZ [steps * batch, 4 nHidden], dh and dc [batch, nHidden]. */
  readonly dHidden: NDArray;
  readonly dZ: NDArray;
  readonly dh: NDArray;
  readonly dc: NDArray;
  /**
   * For windows of characters (made with a vocabulary): the table's projection in the forward
   * pass, then dZ summed per character in the backward pass, [vocabulary, 4 nHidden]; else null.
   */
  readonly tokenTable: NDArray | null;
  /** The gradients the backward pass writes (shapes of the weights, of the inputs, of the state). */
  readonly gradients: LSTMWindowGradients;
}

/**
 * Buffers for windows of `steps` steps of a batch of `batch` with these weights' sizes: windows of
 * vectors x, or, when `vocabulary` is given, windows of characters from a table of that many rows.
 * @example const buffers = lstmWindowBuffers(weights, 25, 16); lstmWindowForward(weights, x, state, 25, buffers)
 */
export function lstmWindowBuffers(weights: LSTMWeights, steps: number, batch: number, vocabulary?: number): LSTMWindowBuffers {
  const H = checkWeights('lstmWindowBuffers', weights);
  const rows = steps * batch;
  return {
    steps,
    batch,
    gates: zeros([rows, 4 * H]),
    cells: zeros([rows, H]),
    cellTanh: zeros([rows, H]),
    previousHidden: zeros([rows, H]),
    hidden: zeros([rows, H]),
    recurrent: zeros([batch, 4 * H]),
    logits: zeros([rows, weights.wOut.shape[1]]),
    dHidden: zeros([rows, H]),
    dZ: zeros([rows, 4 * H]),
    dh: zeros([batch, H]),
    dc: zeros([batch, H]),
    tokenTable: vocabulary === undefined ? null : zeros([vocabulary, 4 * H]),
    gradients: {
      weights: { wx: zeros(weights.wx.shape), b: zeros([4 * H]), wh: zeros(weights.wh.shape), wOut: zeros(weights.wOut.shape) },
      dInputs: zeros([vocabulary ?? rows, weights.wx.shape[0]]),
      initial: { h: zeros([batch, H]), c: zeros([batch, H]) },
    },
  };
}

function checkBuffers(op: string, buffers: LSTMWindowBuffers | undefined, steps: number, batch: number, inputs: LSTMWindowInputs): void {
  if (buffers === undefined) return;
  if (buffers.steps !== steps || buffers.batch !== batch) {
    throw new Error(`${op}: the buffers are for ${buffers.steps} steps of a batch of ${buffers.batch}, not ${steps} steps of ${batch}`);
  }
  const vocabulary = inputs instanceof NDArray ? null : inputs.embedding.shape[0];
  if ((buffers.tokenTable?.shape[0] ?? null) !== vocabulary) {
    const made = buffers.tokenTable === null ? 'vectors' : `characters of a ${buffers.tokenTable.shape[0]}-row table`;
    const given = vocabulary === null ? 'vectors' : `characters of a ${vocabulary}-row table`;
    throw new Error(`${op}: the buffers are for windows of ${made}, not ${given}`);
  }
}

/** Whether a window of characters projects its whole table: only worth it for more rows than the table has. */
function projectsTable(inputs: EmbeddedTokens): boolean {
  return inputs.tokens.length > inputs.embedding.shape[0];
}

/** The output of {@link lstmWindowForward}. */
export interface LSTMWindowForward {
  /** Unnormalised next-character scores, [steps * batch, nOutput]. */
  readonly logits: NDArray;
  /** The state after the last step (new arrays; the initial state is not modified). */
  readonly state: LSTMState;
  readonly cache: LSTMWindowCache;
}

/** The gradients of {@link lstmWindowBackward}. */
export interface LSTMWindowGradients {
  /** dL/dW for each weight, same shapes as the weights. */
  readonly weights: LSTMWeights;
  /**
   * The gradient of the inputs: dL/dx, [steps * batch, nInputs], for a window of vectors;
   * dL/d(embedding), [vocabulary, nInputs], for a window of characters.
   */
  readonly dInputs: NDArray;
  /** dL/dh_0 and dL/dc_0 (what would flow into the previous window without truncation). */
  readonly initial: LSTMState;
}

function checkWeights(op: string, w: LSTMWeights): number {
  const hidden = w.wh.shape[0];
  const ok =
    w.wx.ndim === 2 && w.wx.shape[1] === 4 * hidden && w.b.size === 4 * hidden &&
    w.wh.ndim === 2 && w.wh.shape[1] === 4 * hidden && w.wOut.ndim === 2 && w.wOut.shape[0] === hidden;
  if (!ok) {
    throw new Error(
      `${op}: inconsistent LSTM weights wx ${formatShape(w.wx.shape)}, b ${formatShape(w.b.shape)}, ` +
        `wh ${formatShape(w.wh.shape)}, wOut ${formatShape(w.wOut.shape)} (expected [n, 4h], [4h], [h, 4h], [h, v])`,
    );
  }
  return hidden;
}

function checkInputs(inputs: LSTMWindowInputs, rows: number, nInputs: number, steps: number, batch: number): void {
  if (inputs instanceof NDArray) {
    if (inputs.ndim !== 2 || inputs.shape[0] !== rows || inputs.shape[1] !== nInputs) {
      throw new Error(`lstmWindowForward: x ${formatShape(inputs.shape)} must be [${steps} steps * ${batch}, ${nInputs}]`);
    }
  } else if (inputs.tokens.length !== rows || inputs.embedding.ndim !== 2 || inputs.embedding.shape[1] !== nInputs) {
    throw new Error(
      `lstmWindowForward: tokens ${formatShape([inputs.tokens.length])} must be [${steps} steps * ${batch}] ` +
        `and the embedding ${formatShape(inputs.embedding.shape)} must be [vocabulary, ${nInputs}]`,
    );
  }
}

/**
 * Runs the LSTM over `steps` time steps of a batch: for each step t (rows t * batch ... of x),
 * `f, i, o = sigmoid(x W + b + h W_h)` (their blocks), `g = tanh(...)`, `c = f c_prev + i g`,
 * `h = o tanh(c)`, and the scores `h W_out`. The input projection of the whole window is one
 * product: `x W_x`, or for characters `(E W_x)[tokens]` when the window has more rows than the
 * table E (the same numbers, bit for bit: each entry is the same sum in the same order).
 * Nothing passed in is modified, except `buffers` when given (see {@link LSTMWindowBuffers}:
 * the logits and the cache are then those arrays; the final state is always new arrays).
 * @throws naming the shapes when the inputs, the state and the weights do not fit together
 */
export function lstmWindowForward(
  weights: LSTMWeights,
  inputs: LSTMWindowInputs,
  state: LSTMState,
  steps: number,
  buffers?: LSTMWindowBuffers,
): LSTMWindowForward {
  const H = checkWeights('lstmWindowForward', weights);
  const batch = state.h.shape[0];
  const rows = steps * batch;
  checkInputs(inputs, rows, weights.wx.shape[0], steps, batch);
  if (state.h.ndim !== 2 || state.h.shape[1] !== H || state.c.shape[0] !== batch || state.c.shape[1] !== H) {
    throw new Error(
      `lstmWindowForward: the state h ${formatShape(state.h.shape)}, c ${formatShape(state.c.shape)} must be [batch, ${H}]`,
    );
  }
  checkBuffers('lstmWindowForward', buffers, steps, batch, inputs);
  const G = 4 * H;
  // One product for every step's input projection, then the bias.
  const operands = weights.resident ?? weights;
  let x: NDArray | null;
  let gates: NDArray;
  if (!(inputs instanceof NDArray) && projectsTable(inputs)) {
    x = null;
    const table = matmul(inputs.embedding, operands.wx, buffers?.tokenTable ?? undefined);
    gates = gatherRows(table, inputs.tokens, buffers?.gates);
  } else {
    x = inputs instanceof NDArray ? inputs : gatherRows(inputs.embedding, inputs.tokens);
    gates = matmul(x, operands.wx, buffers?.gates);
  }
  const gd = gates.data;
  const bias = weights.b.data;
  for (let r = 0; r < rows; r++) for (let j = 0; j < G; j++) gd[r * G + j] += bias[j];
  // Every element of these is written below, so reused buffers need no clearing.
  const cells = buffers?.cells ?? zeros([rows, H]);
  const cellTanh = buffers?.cellTanh ?? zeros([rows, H]);
  const hidden = buffers?.hidden ?? zeros([rows, H]);
  const previousHidden = buffers?.previousHidden ?? zeros([rows, H]);
  previousHidden.data.set(state.h.data, 0);
  const recurrent = buffers?.recurrent ?? zeros([batch, G]);
  let hPrev = state.h;
  let cPrev = state.c.data;
  for (let t = 0; t < steps; t++) {
    matmul(hPrev, operands.wh, recurrent);
    const rd = recurrent.data;
    const cd = cells.data;
    const td = cellTanh.data;
    const hd = hidden.data;
    for (let b = 0; b < batch; b++) {
      const row = t * batch + b;
      const z = row * G;
      const s = row * H;
      const p = b * H;
      for (let j = 0; j < H; j++) {
        const f = 1 / (1 + Math.exp(-(gd[z + j] + rd[b * G + j])));
        const i = 1 / (1 + Math.exp(-(gd[z + H + j] + rd[b * G + H + j])));
        const o = 1 / (1 + Math.exp(-(gd[z + 2 * H + j] + rd[b * G + 2 * H + j])));
        const g = Math.tanh(gd[z + 3 * H + j] + rd[b * G + 3 * H + j]);
        gd[z + j] = f;
        gd[z + H + j] = i;
        gd[z + 2 * H + j] = o;
        gd[z + 3 * H + j] = g;
        const c = f * cPrev[p + j] + i * g;
        const tc = Math.tanh(c);
        cd[s + j] = c;
        td[s + j] = tc;
        hd[s + j] = o * tc;
      }
    }
    hPrev = rowsView(hidden, t * batch, (t + 1) * batch);
    cPrev = cd.subarray(t * batch * H, (t + 1) * batch * H);
    if (t + 1 < steps) previousHidden.data.set(hPrev.data, (t + 1) * batch * H);
  }
  const logits = matmul(hidden, operands.wOut, buffers?.logits);
  const last = (steps - 1) * batch * H;
  const finalState: LSTMState = {
    h: new NDArray(hidden.data.slice(last, last + batch * H), [batch, H]),
    c: new NDArray(cells.data.slice(last, last + batch * H), [batch, H]),
  };
  return {
    logits,
    state: finalState,
    cache: { steps, batch, inputs, x, gates, cells, cellTanh, previousHidden, hidden, initial: state },
  };
}

/**
 * The input side of the backward pass, once the window's dZ ([steps * batch, 4 nHidden]) is known:
 * dL/dW_x and the gradient of the inputs. For vectors x, `dW_x = x^T dZ` and `dx = dZ W_x^T`. For
 * characters the rows of x are rows of the embedding E, so both products can be taken over the
 * table instead: with S the rows of dZ summed per character (S[v] = the sum of dZ[r] over the rows
 * r whose token is v), `dW_x = E^T S` and `dL/dE = S W_x^T`, products of V rows instead of
 * steps * batch. (A window shorter than its table multiplies its gathered rows, and scatters dx
 * into dL/dE.) `wx` may be the resident handle; `buffers` as in {@link lstmWindowBackward}.
 */
export function lstmInputBackward(
  cache: LSTMWindowCache,
  dZ: NDArray,
  wx: NDArray | ResidentMatrix,
  buffers?: LSTMWindowBuffers,
): { wx: NDArray; dInputs: NDArray } {
  const out = buffers?.gradients;
  const { inputs, x } = cache;
  if (x === null) {
    const table = inputs as EmbeddedTokens;
    const sums = buffers?.tokenTable ?? zeros([table.embedding.shape[0], dZ.shape[1]]);
    sums.data.fill(0);
    scatterAddRows(sums, table.tokens, dZ);
    return { wx: matmulTransposeA(table.embedding, sums, out?.weights.wx), dInputs: matmulTransposeB(sums, wx, out?.dInputs) };
  }
  const dWx = matmulTransposeA(x, dZ, out?.weights.wx);
  if (inputs instanceof NDArray) return { wx: dWx, dInputs: matmulTransposeB(dZ, wx, out?.dInputs) };
  const dEmbedding = out?.dInputs ?? zeros(inputs.embedding.shape);
  dEmbedding.data.fill(0);
  scatterAddRows(dEmbedding, inputs.tokens, matmulTransposeB(dZ, wx));
  return { wx: dWx, dInputs: dEmbedding };
}

/**
 * Exercise 14.5: backpropagation through a whole window of {@link lstmWindowForward}, given
 * `dLogits = dL/dlogits` ([steps * batch, nOutput]) and optionally the gradient arriving at the
 * final state (zero by default: truncation cuts it). Walk the steps backwards carrying dh and dc:
 * `do = dh tanh(c)`, `dc += dh o (1 - tanh(c)^2)`, `df = dc c_prev`, `di = dc g`, `dg = dc i`,
 * `dc_prev = dc f`; the pre-activation gradients are `df f (1 - f)`, `di i (1 - i)`,
 * `do o (1 - o)`, `dg (1 - g^2)`, and `dh_prev = dz W_h^T`. Then each weight gradient of the
 * window is ONE product over all its rows: `dW_h = h_prev^T dZ`, `dW_out = h^T dLogits`, `db`
 * the column sums of dZ, and the input side `dW_x = x^T dZ`, `dx = dZ W_x^T` (given: call
 * {@link lstmInputBackward}, which also handles windows of characters). Nothing is modified,
 * except `buffers` when given: then use its scratch (dHidden, dZ, dh, dc) instead of new arrays and
 * write every gradient into `buffers.gradients`, returning it (whatever the buffers held before).
 * @example lstmWindowBackward(weights, forward.cache, dLogits).weights.wx // [nInputs, 4 nHidden]
 */
export function lstmWindowBackward(
  weights: LSTMWeights,
  cache: LSTMWindowCache,
  dLogits: NDArray,
  dFinal?: LSTMState,
  buffers?: LSTMWindowBuffers,
): LSTMWindowGradients {
  // #region solution 14.5
  const H = checkWeights('lstmWindowBackward', weights);
  const { steps, batch } = cache;
  const rows = steps * batch;
  if (dLogits.ndim !== 2 || dLogits.shape[0] !== rows || dLogits.shape[1] !== weights.wOut.shape[1]) {
    throw new Error(
      `lstmWindowBackward: dLogits ${formatShape(dLogits.shape)} must be [${rows}, ${weights.wOut.shape[1]}] like the logits`,
    );
  }
  checkBuffers('lstmWindowBackward', buffers, steps, batch, cache.inputs);
  const G = 4 * H;
  const operands = weights.resident ?? weights;
  const dHidden = matmulTransposeB(dLogits, operands.wOut, buffers?.dHidden);
  // dZ is written whole below; dh and dc start at the final state's gradient (zero: truncation).
  const dZ = buffers?.dZ ?? zeros([rows, G]);
  const dh = buffers?.dh ?? zeros([batch, H]);
  const dc = buffers?.dc.data ?? new Float64Array(batch * H);
  if (dFinal) {
    dh.data.set(dFinal.h.data);
    dc.set(dFinal.c.data);
  } else {
    dh.data.fill(0);
    dc.fill(0);
  }
  const gd = cache.gates.data;
  const cd = cache.cells.data;
  const td = cache.cellTanh.data;
  const c0 = cache.initial.c.data;
  const zd = dZ.data;
  const dHd = dHidden.data;
  for (let t = steps - 1; t >= 0; t--) {
    for (let b = 0; b < batch; b++) {
      const row = t * batch + b;
      const z = row * G;
      const s = row * H;
      const p = b * H;
      for (let j = 0; j < H; j++) {
        const f = gd[z + j];
        const i = gd[z + H + j];
        const o = gd[z + 2 * H + j];
        const g = gd[z + 3 * H + j];
        const tc = td[s + j];
        const cPrev = t > 0 ? cd[s - batch * H + j] : c0[p + j];
        const dhTotal = dHd[s + j] + dh.data[p + j];
        const dcTotal = dc[p + j] + dhTotal * o * (1 - tc * tc);
        zd[z + j] = dcTotal * cPrev * f * (1 - f);
        zd[z + H + j] = dcTotal * g * i * (1 - i);
        zd[z + 2 * H + j] = dhTotal * tc * o * (1 - o);
        zd[z + 3 * H + j] = dcTotal * i * (1 - g * g);
        dc[p + j] = dcTotal * f;
      }
    }
    matmulTransposeB(rowsView(dZ, t * batch, (t + 1) * batch), operands.wh, dh);
  }
  const out = buffers?.gradients;
  const initial = out ? out.initial : { h: zeros([batch, H]), c: zeros([batch, H]) };
  initial.h.data.set(dh.data);
  initial.c.data.set(dc);
  const input = lstmInputBackward(cache, dZ, operands.wx, buffers);
  return {
    weights: {
      wx: input.wx,
      b: sum(dZ, 0, { out: out?.weights.b }),
      wh: matmulTransposeA(cache.previousHidden, dZ, out?.weights.wh),
      wOut: matmulTransposeA(cache.hidden, dLogits, out?.weights.wOut),
    },
    dInputs: input.dInputs,
    initial,
  };
  // #endregion
}
