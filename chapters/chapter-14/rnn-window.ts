/**
 * Chapter 14: the book's sigmoid RNNCell (chapter 13) run over a whole window at once, as
 * lstm-window.ts does for the LSTM: `h_t = sigmoid(x_t W_in + b + h_{t-1} W_h)`, scores
 * `h_t W_out + b_out`. The book's cell has a bias on both w_ih and w_hh; they always receive the
 * same gradient, so one bias `b` stands for their sum. (Given code: it is the chapter 13 cell.)
 */
import { NDArray, ResidentMatrix, add, formatShape, matmul, matmulTransposeA, matmulTransposeB, rowsView, sum, zeros } from '../../kernels';

/** The weights of the book's RNNCell. */
export interface RNNWeights {
  /** [nInputs, nHidden] (w_ih). */
  readonly wIn: NDArray;
  /** [nHidden] (the biases of w_ih and w_hh together). */
  readonly b: NDArray;
  /** [nHidden, nHidden] (w_hh). */
  readonly wh: NDArray;
  /** [nHidden, nOutput] (w_ho). */
  readonly wOut: NDArray;
  /** [nOutput] (the bias of w_ho). */
  readonly bOut: NDArray;
  /** Optional resident handles of the three matrices (see lstm-window.ts); results are identical. */
  readonly resident?: { readonly wIn: ResidentMatrix; readonly wh: ResidentMatrix; readonly wOut: ResidentMatrix };
}

/** What the RNN's forward pass keeps for its backward pass (rows time-major). */
export interface RNNWindowCache {
  readonly steps: number;
  readonly batch: number;
  readonly x: NDArray;
  readonly previousHidden: NDArray;
  readonly hidden: NDArray;
}

/** Forward pass of the sigmoid RNN over `steps` steps; nothing passed in is modified. */
export function rnnWindowForward(
  weights: RNNWeights,
  x: NDArray,
  h0: NDArray,
  steps: number,
): { logits: NDArray; state: NDArray; cache: RNNWindowCache } {
  const H = weights.wh.shape[0];
  const batch = h0.shape[0];
  if (x.ndim !== 2 || x.shape[0] !== steps * batch || x.shape[1] !== weights.wIn.shape[0] || h0.shape[1] !== H) {
    throw new Error(
      `rnnWindowForward: x ${formatShape(x.shape)} must be [${steps} steps * ${batch}, ${weights.wIn.shape[0]}] ` +
        `and h ${formatShape(h0.shape)} must be [batch, ${H}]`,
    );
  }
  const rows = steps * batch;
  const operands = weights.resident ?? weights;
  const z = add(matmul(x, operands.wIn), weights.b);
  const hidden = zeros([rows, H]);
  const previousHidden = zeros([rows, H]);
  const recurrent = zeros([batch, H]);
  let hPrev = h0;
  for (let t = 0; t < steps; t++) {
    previousHidden.data.set(hPrev.data, t * batch * H);
    matmul(hPrev, operands.wh, recurrent);
    const offset = t * batch * H;
    for (let k = 0; k < batch * H; k++) {
      hidden.data[offset + k] = 1 / (1 + Math.exp(-(z.data[offset + k] + recurrent.data[k])));
    }
    hPrev = rowsView(hidden, t * batch, (t + 1) * batch);
  }
  const logits = add(matmul(hidden, operands.wOut), weights.bOut);
  const state = new NDArray(hidden.data.slice((steps - 1) * batch * H), [batch, H]);
  return { logits, state, cache: { steps, batch, x, previousHidden, hidden } };
}

/** Backward pass of {@link rnnWindowForward}: weight gradients, dx and dL/dh_0. */
export function rnnWindowBackward(
  weights: RNNWeights,
  cache: RNNWindowCache,
  dLogits: NDArray,
): { weights: RNNWeights; dx: NDArray; initial: NDArray } {
  const H = weights.wh.shape[0];
  const { steps, batch } = cache;
  const operands = weights.resident ?? weights;
  const dHidden = matmulTransposeB(dLogits, operands.wOut);
  const dZ = zeros([steps * batch, H]);
  const dh = zeros([batch, H]);
  for (let t = steps - 1; t >= 0; t--) {
    const offset = t * batch * H;
    for (let k = 0; k < batch * H; k++) {
      const h = cache.hidden.data[offset + k];
      dZ.data[offset + k] = (dHidden.data[offset + k] + dh.data[k]) * h * (1 - h);
    }
    matmulTransposeB(rowsView(dZ, t * batch, (t + 1) * batch), operands.wh, dh);
  }
  return {
    weights: {
      wIn: matmulTransposeA(cache.x, dZ),
      b: sum(dZ, 0),
      wh: matmulTransposeA(cache.previousHidden, dZ),
      wOut: matmulTransposeA(cache.hidden, dLogits),
      bOut: sum(dLogits, 0),
    },
    dx: matmulTransposeB(dZ, operands.wIn),
    initial: dh,
  };
}
