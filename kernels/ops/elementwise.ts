/**
 * Elementwise arithmetic with NumPy broadcasting (scalars, rows against matrices, columns against
 * matrices, and the general rule: dimensions are matched from the right and a size 1 stretches),
 * and the elementwise math functions. Each op is its loop; checks, `out` and broadcasting come
 * from the op-authoring core (./core).
 *
 * Every op takes an optional `out`. It must have the result's shape; it may be one of the
 * inputs, so `add(w, dw, w)` updates `w` in place without allocating.
 */
import type { NDArray } from '../ndarray';
import { assertNever, binaryOp, sameShapeOp, unaryOp, type ArrayOrScalar, type BinaryKernel } from './core';
import { checkArray, outOrNew } from './check';

export { broadcastShapes } from './core';
export type { ArrayOrScalar } from './core';

/** The broadcasting binary ops. */
export type BinaryOpName = 'add' | 'sub' | 'mul' | 'div';

/** The elementwise unary math ops of this file (the activations are in ./activations). */
export type MathOpName = 'neg' | 'exp' | 'log' | 'square' | 'abs' | 'sqrt';

const binaryKernel: BinaryKernel<BinaryOpName> = (name, a, aOff, aStep, b, bOff, bStep, o, oOff, n) => {
  // One loop per op, so the inner loop has no branch and no call.
  switch (name) {
    case 'add':
      for (let i = 0; i < n; i++) o[oOff + i] = a[aOff + i * aStep] + b[bOff + i * bStep];
      return;
    case 'sub':
      for (let i = 0; i < n; i++) o[oOff + i] = a[aOff + i * aStep] - b[bOff + i * bStep];
      return;
    case 'mul':
      for (let i = 0; i < n; i++) o[oOff + i] = a[aOff + i * aStep] * b[bOff + i * bStep];
      return;
    case 'div':
      for (let i = 0; i < n; i++) o[oOff + i] = a[aOff + i * aStep] / b[bOff + i * bStep];
      return;
    default:
      assertNever(name, 'binary op');
  }
};

function mathKernel(name: MathOpName, x: Float64Array, o: Float64Array): void {
  const n = o.length;
  switch (name) {
    case 'neg':
      for (let i = 0; i < n; i++) o[i] = -x[i];
      return;
    case 'exp':
      for (let i = 0; i < n; i++) o[i] = Math.exp(x[i]);
      return;
    case 'log':
      for (let i = 0; i < n; i++) o[i] = Math.log(x[i]);
      return;
    case 'square':
      for (let i = 0; i < n; i++) o[i] = x[i] * x[i];
      return;
    case 'abs':
      for (let i = 0; i < n; i++) o[i] = Math.abs(x[i]);
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) o[i] = Math.sqrt(x[i]);
      return;
    default:
      assertNever(name, 'math op');
  }
}

/**
 * a + b elementwise, with broadcasting.
 * @example add(array([[1, 2], [3, 4]]), array([10, 20])) // [[11, 22], [13, 24]]
 */
export function add(a: ArrayOrScalar, b: ArrayOrScalar, out?: NDArray): NDArray {
  return binaryOp('add', a, b, out, binaryKernel);
}

/**
 * a - b elementwise, with broadcasting.
 * @example sub(array([5, 7]), array([1, 2])) // [4, 5]
 */
export function sub(a: ArrayOrScalar, b: ArrayOrScalar, out?: NDArray): NDArray {
  return binaryOp('sub', a, b, out, binaryKernel);
}

/**
 * a * b elementwise (not the matrix product; see matmul), with broadcasting.
 * @example mul(array([1, 2]), 3) // [3, 6]
 */
export function mul(a: ArrayOrScalar, b: ArrayOrScalar, out?: NDArray): NDArray {
  return binaryOp('mul', a, b, out, binaryKernel);
}

/**
 * a / b elementwise, with broadcasting.
 * @example div(array([1, 3]), 2) // [0.5, 1.5]
 */
export function div(a: ArrayOrScalar, b: ArrayOrScalar, out?: NDArray): NDArray {
  return binaryOp('div', a, b, out, binaryKernel);
}

function addScaledKernel(name: 'addScaled', a: Float64Array, b: Float64Array, alpha: number, o: Float64Array): void {
  for (let i = 0; i < o.length; i++) o[i] = a[i] + alpha * b[i];
}

/**
 * a + alpha * b for arrays of the same shape: the weight update `w -= alpha * delta` in one pass
 * and without a temporary (`addScaled(w, grad, -alpha, w)`).
 * @example addScaled(array([1, 2]), array([10, 20]), -0.1) // [0, 0]
 */
export function addScaled(a: NDArray, b: NDArray, alpha: number, out?: NDArray): NDArray {
  return sameShapeOp('addScaled', ['a', 'b'], a, b, alpha, out, addScaledKernel);
}

/**
 * Applies `fn` to every element (for one-off transforms; the named ops are faster in hot loops).
 * @example map(array([1, 4]), (v) => v + 1) // [2, 5]
 */
export function map(x: NDArray, fn: (value: number) => number, out?: NDArray): NDArray {
  checkArray('map', 'x', x);
  if (typeof fn !== 'function') throw new Error(`map: fn must be a function, got ${typeof fn}`);
  const result = outOrNew('map', x.shape, out);
  const xd = x.data;
  const o = result.data;
  for (let i = 0; i < o.length; i++) o[i] = fn(xd[i]);
  return result;
}

/**
 * -x elementwise.
 * @example neg(array([1, -2])) // [-1, 2]
 */
export function neg(x: NDArray, out?: NDArray): NDArray {
  return unaryOp('neg', x, out, mathKernel);
}

/**
 * e^x elementwise.
 * @example exp(array([0, 1])) // [1, 2.718281828459045]
 */
export function exp(x: NDArray, out?: NDArray): NDArray {
  return unaryOp('exp', x, out, mathKernel);
}

/**
 * Natural logarithm elementwise (NaN below 0 and -Infinity at 0, as in NumPy).
 * @example log(array([1, 2.718281828459045])) // [0, 1]
 */
export function log(x: NDArray, out?: NDArray): NDArray {
  return unaryOp('log', x, out, mathKernel);
}

/**
 * x^2 elementwise (the squared error of chapter 4).
 * @example square(array([3, -2])) // [9, 4]
 */
export function square(x: NDArray, out?: NDArray): NDArray {
  return unaryOp('square', x, out, mathKernel);
}

/**
 * |x| elementwise.
 * @example abs(array([-1.5, 2])) // [1.5, 2]
 */
export function abs(x: NDArray, out?: NDArray): NDArray {
  return unaryOp('abs', x, out, mathKernel);
}

/**
 * Square root elementwise (NaN below 0, as in NumPy).
 * @example sqrt(array([4, 2.25])) // [2, 1.5]
 */
export function sqrt(x: NDArray, out?: NDArray): NDArray {
  return unaryOp('sqrt', x, out, mathKernel);
}
