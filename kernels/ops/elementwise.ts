/**
 * Elementwise arithmetic with NumPy broadcasting (scalars, rows against matrices, columns against
 * matrices, and the general rule: dimensions are matched from the right and a size 1 stretches).
 *
 * Every op takes an optional `out`. It must have the result's shape; it may be one of the
 * inputs, so `add(w, dw, w)` updates `w` in place without allocating.
 */
import { NDArray, formatShape, type Shape } from '../ndarray';
import { checkArray, outOrNew, sameShape } from './check';

/** An array or a plain number (a number broadcasts like a 0-d array). */
export type ArrayOrScalar = NDArray | number;

const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const NAMES = ['add', 'sub', 'mul', 'div'];

/**
 * The shape two shapes broadcast to, by NumPy's rule.
 * @example broadcastShapes([3, 1], [4]) // [3, 4]
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(
        `${op}: cannot broadcast ${formatShape(a)} with ${formatShape(b)} ` +
          `(sizes ${da} and ${db} differ in axis ${i} counted from the left of the longer shape, and neither is 1)`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Applies op to n elements: a[aOff + i*aStep] op b[bOff + i*bStep] -> o[oOff + i]. */
function loop(
  code: number,
  a: Float64Array,
  aOff: number,
  aStep: number,
  b: Float64Array,
  bOff: number,
  bStep: number,
  o: Float64Array,
  oOff: number,
  n: number,
): void {
  // One loop per op so the inner loop has no branch and no call.
  switch (code) {
    case ADD:
      for (let i = 0; i < n; i++) o[oOff + i] = a[aOff + i * aStep] + b[bOff + i * bStep];
      break;
    case SUB:
      for (let i = 0; i < n; i++) o[oOff + i] = a[aOff + i * aStep] - b[bOff + i * bStep];
      break;
    case MUL:
      for (let i = 0; i < n; i++) o[oOff + i] = a[aOff + i * aStep] * b[bOff + i * bStep];
      break;
    default:
      for (let i = 0; i < n; i++) o[oOff + i] = a[aOff + i * aStep] / b[bOff + i * bStep];
  }
}

const scalarA = new Float64Array(1);
const scalarB = new Float64Array(1);

function binary(code: number, a: ArrayOrScalar, b: ArrayOrScalar, out: NDArray | undefined): NDArray {
  const op = NAMES[code];
  if (typeof a === 'number' && typeof b === 'number') {
    throw new Error(`${op}: at least one argument must be an NDArray (both are numbers)`);
  }
  if (typeof a !== 'number') checkArray(op, 'a', a);
  if (typeof b !== 'number') checkArray(op, 'b', b);
  const aShape: Shape = typeof a === 'number' ? [] : a.shape;
  const bShape: Shape = typeof b === 'number' ? [] : b.shape;
  const shape = sameShape(aShape, bShape) ? aShape : broadcastShapes(op, aShape, bShape);
  const result = outOrNew(op, shape, out);
  const o = result.data;
  const n = o.length;
  // Scalars are read through a one-element buffer with step 0, so they share the loops below
  // and a scalar argument allocates nothing.
  let ad: Float64Array;
  let bd: Float64Array;
  if (typeof a === 'number') {
    scalarA[0] = a;
    ad = scalarA;
  } else ad = a.data;
  if (typeof b === 'number') {
    scalarB[0] = b;
    bd = scalarB;
  } else bd = b.data;
  if (sameShape(aShape, shape) && sameShape(bShape, shape)) {
    loop(code, ad, 0, 1, bd, 0, 1, o, 0, n);
    return result;
  }
  if (aShape.length === 0 || ad.length === 1) {
    if (sameShape(bShape, shape)) {
      loop(code, ad, 0, 0, bd, 0, 1, o, 0, n);
      return result;
    }
  }
  if (bShape.length === 0 || bd.length === 1) {
    if (sameShape(aShape, shape)) {
      loop(code, ad, 0, 1, bd, 0, 0, o, 0, n);
      return result;
    }
  }
  // Matrix against a row ([n] or [1,n]) or a column ([m,1]), the bias adds of every chapter:
  // handled row by row here so the common case builds no index bookkeeping.
  if (shape.length === 2 && sameShape(aShape, shape) && bd.length > 0) {
    const [m, n] = shape;
    const isRow = bd.length === n && (bShape.length === 1 || bShape[0] === 1);
    const isCol = bShape.length === 2 && bShape[1] === 1 && bd.length === m;
    if (isRow || isCol) {
      for (let r = 0; r < m; r++) loop(code, ad, r * n, 1, bd, isRow ? 0 : r, isRow ? 1 : 0, o, r * n, n);
      return result;
    }
  }
  broadcastLoop(code, ad, aShape, bd, bShape, o, shape);
  return result;
}

/** Element strides of `shape` seen from an output of `outShape`, with 0 where it broadcasts. */
function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const nd = outShape.length;
  const strides = new Array<number>(nd).fill(0);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const axis = nd - shape.length + i;
    strides[axis] = shape[i] === 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

function broadcastLoop(
  code: number,
  a: Float64Array,
  aShape: Shape,
  b: Float64Array,
  bShape: Shape,
  o: Float64Array,
  shape: Shape,
): void {
  const nd = shape.length;
  if (o.length === 0) return;
  const as = broadcastStrides(aShape, shape);
  const bs = broadcastStrides(bShape, shape);
  const inner = shape[nd - 1];
  const outer = o.length / inner;
  // Walk the outer indices like an odometer; the last axis is the branch-free inner loop.
  const idx = new Array<number>(nd).fill(0);
  let aOff = 0;
  let bOff = 0;
  for (let r = 0; r < outer; r++) {
    loop(code, a, aOff, as[nd - 1], b, bOff, bs[nd - 1], o, r * inner, inner);
    for (let axis = nd - 2; axis >= 0; axis--) {
      idx[axis]++;
      aOff += as[axis];
      bOff += bs[axis];
      if (idx[axis] < shape[axis]) break;
      aOff -= as[axis] * shape[axis];
      bOff -= bs[axis] * shape[axis];
      idx[axis] = 0;
    }
  }
}

/**
 * a + b elementwise, with broadcasting.
 * @example add(array([[1, 2], [3, 4]]), array([10, 20])) // [[11, 22], [13, 24]]
 */
export function add(a: ArrayOrScalar, b: ArrayOrScalar, out?: NDArray): NDArray {
  return binary(ADD, a, b, out);
}

/** a - b elementwise, with broadcasting. */
export function sub(a: ArrayOrScalar, b: ArrayOrScalar, out?: NDArray): NDArray {
  return binary(SUB, a, b, out);
}

/**
 * a * b elementwise (not the matrix product; see matmul), with broadcasting.
 * @example mul(array([1, 2]), 3) // [3, 6]
 */
export function mul(a: ArrayOrScalar, b: ArrayOrScalar, out?: NDArray): NDArray {
  return binary(MUL, a, b, out);
}

/** a / b elementwise, with broadcasting. */
export function div(a: ArrayOrScalar, b: ArrayOrScalar, out?: NDArray): NDArray {
  return binary(DIV, a, b, out);
}

/**
 * a + alpha * b for arrays of the same shape: the weight update `w += alpha * delta` in one pass.
 * @example addScaled(w, grad, -0.1, w) // w -= 0.1 * grad, in place
 */
export function addScaled(a: NDArray, b: NDArray, alpha: number, out?: NDArray): NDArray {
  checkArray('addScaled', 'a', a);
  checkArray('addScaled', 'b', b);
  if (!sameShape(a.shape, b.shape)) {
    throw new Error(
      `addScaled: a and b must have the same shape, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const result = outOrNew('addScaled', a.shape, out);
  const ad = a.data;
  const bd = b.data;
  const o = result.data;
  for (let i = 0; i < o.length; i++) o[i] = ad[i] + alpha * bd[i];
  return result;
}

/**
 * Applies `fn` to every element (for one-off transforms; the named ops are faster in hot loops).
 * @example map(array([1, 4]), Math.sqrt) // [1, 2]
 */
export function map(x: NDArray, fn: (value: number) => number, out?: NDArray): NDArray {
  checkArray('map', 'x', x);
  const result = outOrNew('map', x.shape, out);
  const xd = x.data;
  const o = result.data;
  for (let i = 0; i < o.length; i++) o[i] = fn(xd[i]);
  return result;
}

/** -x elementwise. */
export function neg(x: NDArray, out?: NDArray): NDArray {
  return mul(x, -1, out);
}

/** e^x elementwise. */
export function exp(x: NDArray, out?: NDArray): NDArray {
  checkArray('exp', 'x', x);
  const result = outOrNew('exp', x.shape, out);
  const xd = x.data;
  const o = result.data;
  for (let i = 0; i < o.length; i++) o[i] = Math.exp(xd[i]);
  return result;
}

/** Natural logarithm elementwise. */
export function log(x: NDArray, out?: NDArray): NDArray {
  checkArray('log', 'x', x);
  const result = outOrNew('log', x.shape, out);
  const xd = x.data;
  const o = result.data;
  for (let i = 0; i < o.length; i++) o[i] = Math.log(xd[i]);
  return result;
}

/** x^2 elementwise (the squared error of chapter 4). */
export function square(x: NDArray, out?: NDArray): NDArray {
  checkArray('square', 'x', x);
  const result = outOrNew('square', x.shape, out);
  const xd = x.data;
  const o = result.data;
  for (let i = 0; i < o.length; i++) o[i] = xd[i] * xd[i];
  return result;
}

/** |x| elementwise. */
export function abs(x: NDArray, out?: NDArray): NDArray {
  checkArray('abs', 'x', x);
  const result = outOrNew('abs', x.shape, out);
  const xd = x.data;
  const o = result.data;
  for (let i = 0; i < o.length; i++) o[i] = Math.abs(xd[i]);
  return result;
}

/** Square root elementwise. */
export function sqrt(x: NDArray, out?: NDArray): NDArray {
  checkArray('sqrt', 'x', x);
  const result = outOrNew('sqrt', x.shape, out);
  const xd = x.data;
  const o = result.data;
  for (let i = 0; i < o.length; i++) o[i] = Math.sqrt(xd[i]);
  return result;
}
