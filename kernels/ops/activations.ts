/**
 * Activation functions and their derivatives. As in the book, each derivative is computed from
 * the activation's OUTPUT (the layer the forward pass already stored), not from its input:
 * relu2deriv(output) = output > 0, sigmoid' = s(1 - s), tanh' = 1 - t^2.
 * Each op is its loop; checks and `out` come from the op-authoring core (./core).
 */
import type { NDArray } from '../ndarray';
import { assertNever, lastAxisRows, sameShapeOp, unaryOp } from './core';
import { checkArray, outOrNew } from './check';

/** The elementwise activations and their derivatives from the output. */
export type ActivationName =
  | 'relu'
  | 'reluDerivFromOutput'
  | 'sigmoid'
  | 'sigmoidDerivFromOutput'
  | 'tanh'
  | 'tanhDerivFromOutput';

function activationKernel(name: ActivationName, x: Float64Array, o: Float64Array): void {
  const n = o.length;
  switch (name) {
    case 'relu':
      for (let i = 0; i < n; i++) o[i] = x[i] > 0 ? x[i] : 0;
      return;
    case 'reluDerivFromOutput':
      for (let i = 0; i < n; i++) o[i] = x[i] > 0 ? 1 : 0;
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) o[i] = 1 / (1 + Math.exp(-x[i]));
      return;
    case 'sigmoidDerivFromOutput':
      for (let i = 0; i < n; i++) o[i] = x[i] * (1 - x[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) o[i] = Math.tanh(x[i]);
      return;
    case 'tanhDerivFromOutput':
      for (let i = 0; i < n; i++) o[i] = 1 - x[i] * x[i];
      return;
    default:
      assertNever(name, 'activation');
  }
}

/**
 * max(0, x) elementwise.
 * @example relu(array([-1, 2])) // [0, 2]
 */
export function relu(x: NDArray, out?: NDArray): NDArray {
  return unaryOp('relu', x, out, activationKernel);
}

/**
 * The book's relu2deriv: 1 where the relu output is positive, else 0.
 * @example reluDerivFromOutput(array([0, 2])) // [0, 1]
 */
export function reluDerivFromOutput(output: NDArray, out?: NDArray): NDArray {
  return unaryOp('reluDerivFromOutput', output, out, activationKernel);
}

/**
 * 1 / (1 + e^-x) elementwise.
 * @example sigmoid(array([0])) // [0.5]
 */
export function sigmoid(x: NDArray, out?: NDArray): NDArray {
  return unaryOp('sigmoid', x, out, activationKernel);
}

/**
 * The sigmoid's derivative from its output s: s (1 - s).
 * @example sigmoidDerivFromOutput(array([0.5])) // [0.25]
 */
export function sigmoidDerivFromOutput(output: NDArray, out?: NDArray): NDArray {
  return unaryOp('sigmoidDerivFromOutput', output, out, activationKernel);
}

/**
 * tanh(x) elementwise.
 * @example tanh(array([0, 1])) // [0, 0.7615941559557649]
 */
export function tanh(x: NDArray, out?: NDArray): NDArray {
  return unaryOp('tanh', x, out, activationKernel);
}

/**
 * The book's tanh2deriv: 1 - t^2 from the tanh output t.
 * @example tanhDerivFromOutput(array([0, 0.5])) // [1, 0.75]
 */
export function tanhDerivFromOutput(output: NDArray, out?: NDArray): NDArray {
  return unaryOp('tanhDerivFromOutput', output, out, activationKernel);
}

/**
 * Softmax along the last axis (each row of a matrix sums to 1). The row maximum is subtracted
 * before exponentiating so large inputs cannot overflow; the result is the same as the book's
 * `np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)` wherever that one does not overflow.
 * @example softmax(array([[0, 0]])) // [[0.5, 0.5]]
 */
export function softmax(x: NDArray, out?: NDArray): NDArray {
  checkArray('softmax', 'x', x);
  const { rows, width } = lastAxisRows('softmax', x);
  const r = outOrNew('softmax', x.shape, out);
  const xd = x.data;
  const o = r.data;
  for (let p = 0; p < rows; p++) {
    const base = p * width;
    let m = xd[base];
    for (let j = 1; j < width; j++) if (xd[base + j] > m) m = xd[base + j];
    let s = 0;
    for (let j = 0; j < width; j++) {
      const e = Math.exp(xd[base + j] - m);
      o[base + j] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let j = 0; j < width; j++) o[base + j] *= inv;
  }
  return r;
}

function softmaxBackwardKernel(
  name: 'softmaxBackwardFromOutput',
  y: Float64Array,
  g: Float64Array,
  width: number,
  o: Float64Array,
): void {
  const rows = width === 0 ? 0 : o.length / width;
  for (let p = 0; p < rows; p++) {
    const base = p * width;
    let s = 0;
    for (let j = 0; j < width; j++) s += g[base + j] * y[base + j];
    for (let j = 0; j < width; j++) o[base + j] = y[base + j] * (g[base + j] - s);
  }
}

/**
 * The softmax's vector-Jacobian product from its output: given y = softmax(x) and an upstream
 * gradient g (same shape), returns dL/dx = y * (g - sum(g * y)) per row.
 * (With cross-entropy the book skips this and uses `prediction - target` directly.)
 * @example softmaxBackwardFromOutput(array([[0.5, 0.5]]), array([[1, 0]])) // [[0.25, -0.25]]
 */
export function softmaxBackwardFromOutput(output: NDArray, grad: NDArray, out?: NDArray): NDArray {
  checkArray('softmaxBackwardFromOutput', 'output', output);
  const { width } = lastAxisRows('softmaxBackwardFromOutput', output);
  return sameShapeOp('softmaxBackwardFromOutput', ['output', 'grad'], output, grad, width, out, softmaxBackwardKernel);
}
