/**
 * The op-authoring core: what every elementwise, activation and reduction op shares, so that an
 * op's own code is its loop and nothing else. An op calls one of the helpers below with its name
 * (a member of a string union, so a misspelt name does not compile) and a kernel; the helper
 * checks the arguments, finds or allocates `out`, and calls the kernel on plain Float64Arrays.
 *
 * Kernels switch over the op's name with one branch-free loop per case and end in
 * {@link assertNever}, so adding a name to a union without its loop is a compile error rather than
 * a silent fall-through.
 *
 * @example
 * type MyOp = 'double';
 * const kernel = (name: MyOp, x: Float64Array, o: Float64Array): void => {
 *   switch (name) {
 *     case 'double': for (let i = 0; i < o.length; i++) o[i] = 2 * x[i]; return;
 *     default: assertNever(name, 'unary op');
 *   }
 * };
 * const double = (x: NDArray, out?: NDArray) => unaryOp('double', x, out, kernel);
 */
import { NDArray, formatShape, type Shape } from '../ndarray';
import { checkArray, checkSameShape, outOrNew, sameShape } from './check';

/** An array or a plain number (a number broadcasts like a 0-d array). */
export type ArrayOrScalar = NDArray | number;

/**
 * The end of an exhaustive switch: TypeScript proves this line unreachable, and if a value gets
 * here anyway at run time (a JavaScript caller, a cast) the error names it.
 */
export function assertNever(value: never, what: string): never {
  throw new Error(`unknown ${what} '${String(value)}'`);
}

/** A unary kernel: writes f(x[i]) to o[i] for every i (x and o have the same length, and may be the same array). */
export type UnaryKernel<Name extends string> = (name: Name, x: Float64Array, o: Float64Array) => void;

/**
 * Runs an elementwise unary op: checks `x`, takes `out` (same shape as `x`; may be `x` itself)
 * or allocates the result, and lets the kernel fill it.
 */
export function unaryOp<Name extends string>(
  name: Name,
  x: NDArray,
  out: NDArray | undefined,
  kernel: UnaryKernel<Name>,
): NDArray {
  checkArray(name, 'x', x);
  const result = outOrNew(name, x.shape, out);
  kernel(name, x.data, result.data);
  return result;
}

/**
 * A binary kernel over strided runs: o[oOff + i] = a[aOff + i*aStep] op b[bOff + i*bStep] for
 * i < n. A step of 0 repeats one element (a scalar or a broadcast axis).
 */
export type BinaryKernel<Name extends string> = (
  name: Name,
  a: Float64Array,
  aOff: number,
  aStep: number,
  b: Float64Array,
  bOff: number,
  bStep: number,
  o: Float64Array,
  oOff: number,
  n: number,
) => void;

/**
 * The shape two shapes broadcast to, by NumPy's rule (dimensions matched from the right; a size
 * of 1 stretches).
 * @example broadcastShapes('add', [3, 1], [4]) // [3, 4]
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

// Scalars are read through one-element buffers with step 0, so they share the array loops and a
// scalar argument allocates nothing.
const scalarA = new Float64Array(1);
const scalarB = new Float64Array(1);

/**
 * Runs a broadcasting binary op: checks the arguments (at least one must be an array), works out
 * the result's shape, takes or allocates `out` (it may be one of the inputs, for in-place
 * updates), and drives the kernel over the fewest, longest runs the broadcast allows.
 */
export function binaryOp<Name extends string>(
  name: Name,
  a: ArrayOrScalar,
  b: ArrayOrScalar,
  out: NDArray | undefined,
  kernel: BinaryKernel<Name>,
): NDArray {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new Error(`${name}: at least one argument must be an NDArray (both are numbers)`);
  }
  if (typeof a !== 'number') checkArray(name, 'a', a);
  if (typeof b !== 'number') checkArray(name, 'b', b);
  const aShape: Shape = typeof a === 'number' ? [] : a.shape;
  const bShape: Shape = typeof b === 'number' ? [] : b.shape;
  const shape = sameShape(aShape, bShape) ? aShape : broadcastShapes(name, aShape, bShape);
  const result = outOrNew(name, shape, out);
  const o = result.data;
  const n = o.length;
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
  const aFull = sameShape(aShape, shape);
  const bFull = sameShape(bShape, shape);
  if (aFull && bFull) {
    kernel(name, ad, 0, 1, bd, 0, 1, o, 0, n);
    return result;
  }
  if (ad.length === 1 && bFull) {
    kernel(name, ad, 0, 0, bd, 0, 1, o, 0, n);
    return result;
  }
  if (bd.length === 1 && aFull) {
    kernel(name, ad, 0, 1, bd, 0, 0, o, 0, n);
    return result;
  }
  // Matrix against a row ([n] or [1,n]) or a column ([m,1]), the bias adds of every chapter:
  // row by row, so the common case builds no index bookkeeping.
  if (shape.length === 2 && aFull && bd.length > 0) {
    const [m, cols] = shape;
    const isRow = bd.length === cols && (bShape.length === 1 || bShape[0] === 1);
    const isCol = bShape.length === 2 && bShape[1] === 1 && bd.length === m;
    if (isRow || isCol) {
      for (let r = 0; r < m; r++) kernel(name, ad, r * cols, 1, bd, isRow ? 0 : r, isRow ? 1 : 0, o, r * cols, cols);
      return result;
    }
  }
  broadcastRuns(name, kernel, ad, aShape, bd, bShape, o, shape);
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

/** The general broadcast: walks the outer indices like an odometer; the last axis is one kernel run. */
function broadcastRuns<Name extends string>(
  name: Name,
  kernel: BinaryKernel<Name>,
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
  const idx = new Array<number>(nd).fill(0);
  let aOff = 0;
  let bOff = 0;
  for (let r = 0; r < outer; r++) {
    kernel(name, a, aOff, as[nd - 1], b, bOff, bs[nd - 1], o, r * inner, inner);
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

/** A kernel over two same-shape buffers and one number (a step size, say); o may alias a or b. */
export type PairKernel<Name extends string> = (name: Name, a: Float64Array, b: Float64Array, scalar: number, o: Float64Array) => void;

/**
 * Runs an op on two arrays of the same shape (no broadcasting): checks both, takes or allocates
 * `out` of that shape (it may be either input), and hands the kernel the three buffers and
 * `scalar` (a plain argument rather than a closure, so a training step allocates nothing).
 */
export function sameShapeOp<Name extends string>(
  name: Name,
  names: readonly [string, string],
  a: NDArray,
  b: NDArray,
  scalar: number,
  out: NDArray | undefined,
  kernel: PairKernel<Name>,
): NDArray {
  checkSameShape(name, names, a, b);
  const result = outOrNew(name, a.shape, out);
  kernel(name, a.data, b.data, scalar, result.data);
  return result;
}

/**
 * The last axis of `x` as rows: `rows` runs of `width` contiguous values (a matrix's rows, a
 * vector as one row). Throws for a 0-d array, which has no last axis.
 */
export function lastAxisRows(op: string, x: NDArray): { rows: number; width: number } {
  if (x.ndim === 0) throw new Error(`${op}: needs at least one axis, got shape ${formatShape(x.shape)}`);
  const width = x.shape[x.ndim - 1];
  return { rows: width === 0 ? 0 : x.size / width, width };
}
