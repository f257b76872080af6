/**
 * Activation functions and their derivatives. As in the book, each derivative is computed from
 * the activation's OUTPUT (the layer the forward pass already stored), not from its input:
 * relu2deriv(output) = output > 0, sigmoid' = s(1 - s), tanh' = 1 - t^2.
 */
import { NDArray, formatShape } from '../ndarray';
import { checkArray, normalizeAxis, outOrNew } from './check';

/**
 * max(0, x) elementwise.
 * @example relu(array([-1, 2])) // [0, 2]
 */
export function relu(x: NDArray, out?: NDArray): NDArray {
  checkArray('relu', 'x', x);
  const r = outOrNew('relu', x.shape, out);
  const xd = x.data;
  const o = r.data;
  for (let i = 0; i < o.length; i++) o[i] = xd[i] > 0 ? xd[i] : 0;
  return r;
}

/**
 * The book's relu2deriv: 1 where the relu output is positive, else 0.
 * @example reluDerivFromOutput(relu(array([-1, 2]))) // [0, 1]
 */
export function reluDerivFromOutput(output: NDArray, out?: NDArray): NDArray {
  checkArray('reluDerivFromOutput', 'output', output);
  const r = outOrNew('reluDerivFromOutput', output.shape, out);
  const d = output.data;
  const o = r.data;
  for (let i = 0; i < o.length; i++) o[i] = d[i] > 0 ? 1 : 0;
  return r;
}

/**
 * 1 / (1 + e^-x) elementwise.
 * @example sigmoid(array([0])) // [0.5]
 */
export function sigmoid(x: NDArray, out?: NDArray): NDArray {
  checkArray('sigmoid', 'x', x);
  const r = outOrNew('sigmoid', x.shape, out);
  const xd = x.data;
  const o = r.data;
  for (let i = 0; i < o.length; i++) o[i] = 1 / (1 + Math.exp(-xd[i]));
  return r;
}

/** The sigmoid's derivative from its output s: s (1 - s). */
export function sigmoidDerivFromOutput(output: NDArray, out?: NDArray): NDArray {
  checkArray('sigmoidDerivFromOutput', 'output', output);
  const r = outOrNew('sigmoidDerivFromOutput', output.shape, out);
  const d = output.data;
  const o = r.data;
  for (let i = 0; i < o.length; i++) o[i] = d[i] * (1 - d[i]);
  return r;
}

/** tanh(x) elementwise. */
export function tanh(x: NDArray, out?: NDArray): NDArray {
  checkArray('tanh', 'x', x);
  const r = outOrNew('tanh', x.shape, out);
  const xd = x.data;
  const o = r.data;
  for (let i = 0; i < o.length; i++) o[i] = Math.tanh(xd[i]);
  return r;
}

/** The book's tanh2deriv: 1 - t^2 from the tanh output t. */
export function tanhDerivFromOutput(output: NDArray, out?: NDArray): NDArray {
  checkArray('tanhDerivFromOutput', 'output', output);
  const r = outOrNew('tanhDerivFromOutput', output.shape, out);
  const d = output.data;
  const o = r.data;
  for (let i = 0; i < o.length; i++) o[i] = 1 - d[i] * d[i];
  return r;
}

/**
 * Softmax along the last axis (each row of a matrix sums to 1). The row maximum is subtracted
 * before exponentiating so large inputs cannot overflow; the result is the same as the book's
 * `np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)` wherever that one does not overflow.
 * @example softmax(array([[0, 0]])) // [[0.5, 0.5]]
 */
export function softmax(x: NDArray, out?: NDArray): NDArray {
  checkArray('softmax', 'x', x);
  if (x.ndim === 0) throw new Error(`softmax: needs at least one axis, got shape ${formatShape(x.shape)}`);
  normalizeAxis('softmax', -1, x.ndim, x.shape);
  const r = outOrNew('softmax', x.shape, out);
  const n = x.shape[x.ndim - 1];
  const rows = n === 0 ? 0 : x.size / n;
  const xd = x.data;
  const o = r.data;
  for (let p = 0; p < rows; p++) {
    const base = p * n;
    let m = xd[base];
    for (let j = 1; j < n; j++) if (xd[base + j] > m) m = xd[base + j];
    let s = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(xd[base + j] - m);
      o[base + j] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let j = 0; j < n; j++) o[base + j] *= inv;
  }
  return r;
}

/**
 * The softmax's vector-Jacobian product from its output: given y = softmax(x) and an upstream
 * gradient g (same shape), returns dL/dx = y * (g - sum(g * y)) per row.
 * (With cross-entropy the book skips this and uses `prediction - target` directly.)
 */
export function softmaxBackwardFromOutput(output: NDArray, grad: NDArray, out?: NDArray): NDArray {
  checkArray('softmaxBackwardFromOutput', 'output', output);
  checkArray('softmaxBackwardFromOutput', 'grad', grad);
  if (output.size !== grad.size || output.ndim !== grad.ndim || output.shape.some((d, i) => d !== grad.shape[i])) {
    throw new Error(
      `softmaxBackwardFromOutput: output ${formatShape(output.shape)} and grad ${formatShape(grad.shape)} must have the same shape`,
    );
  }
  if (output.ndim === 0) throw new Error('softmaxBackwardFromOutput: needs at least one axis, got shape []');
  const r = outOrNew('softmaxBackwardFromOutput', output.shape, out);
  const n = output.shape[output.ndim - 1];
  const rows = n === 0 ? 0 : output.size / n;
  const y = output.data;
  const g = grad.data;
  const o = r.data;
  for (let p = 0; p < rows; p++) {
    const base = p * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += g[base + j] * y[base + j];
    for (let j = 0; j < n; j++) o[base + j] = y[base + j] * (g[base + j] - s);
  }
  return r;
}
