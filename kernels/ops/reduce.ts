/**
 * Reductions: sum, mean, max, min and argmax, over the whole array (giving a number) or along one
 * axis (giving an array without that axis, or with it kept as size 1 when `keepDims` is set, so
 * the result broadcasts back against the input, as `np.sum(x, axis=1, keepdims=True)` does).
 */
import { NDArray, formatShape } from '../ndarray';
import { checkArray, checkNoAlias, normalizeAxis, outOrNew } from './check';
import { assertNever } from './core';

/** Options of an axis reduction. */
export interface ReduceOptions {
  /** Keep the reduced axis with size 1 (default false). */
  keepDims?: boolean;
  /** Where to write the result; it must have the result's shape. */
  out?: NDArray;
}

/** The reductions that share the axis loop (mean is sum divided by the axis length). */
export type ReduceOpName = 'sum' | 'max' | 'min' | 'argmax';

/**
 * Reduces `len` values at stride `step` starting at `pos`. Strict comparisons keep the first
 * extreme, as np.argmax does; max and min propagate no NaN specially (a NaN never wins a
 * comparison), as the book's code never meets one.
 */
function reduceRun(name: ReduceOpName, x: Float64Array, pos: number, len: number, step: number): number {
  switch (name) {
    case 'sum': {
      let acc = 0;
      for (let l = 0; l < len; l++, pos += step) acc += x[pos];
      return acc;
    }
    case 'max': {
      let acc = x[pos];
      for (let l = 0; l < len; l++, pos += step) if (x[pos] > acc) acc = x[pos];
      return acc;
    }
    case 'min': {
      let acc = x[pos];
      for (let l = 0; l < len; l++, pos += step) if (x[pos] < acc) acc = x[pos];
      return acc;
    }
    case 'argmax': {
      let acc = x[pos];
      let best = 0;
      for (let l = 0; l < len; l++, pos += step) {
        if (x[pos] > acc) {
          acc = x[pos];
          best = l;
        }
      }
      return best;
    }
    default:
      return assertNever(name, 'reduction');
  }
}

function reduceAxis(
  op: string,
  name: ReduceOpName,
  x: NDArray,
  axisIn: number,
  options: ReduceOptions | undefined,
): NDArray {
  checkArray(op, 'x', x);
  const axis = normalizeAxis(op, axisIn, x.ndim, x.shape);
  const len = x.shape[axis];
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= x.shape[i];
  let inner = 1;
  for (let i = axis + 1; i < x.ndim; i++) inner *= x.shape[i];
  if (len === 0 && name !== 'sum' && outer * inner > 0) {
    throw new Error(`${op}: cannot reduce axis ${axisIn} of ${formatShape(x.shape)} because it is empty`);
  }
  const shape = x.shape.slice();
  if (options?.keepDims) shape[axis] = 1;
  else shape.splice(axis, 1);
  const result = outOrNew(op, shape, options?.out);
  checkNoAlias(op, result, x);
  const xd = x.data;
  const o = result.data;
  for (let p = 0; p < outer; p++) {
    const base = p * len * inner;
    for (let q = 0; q < inner; q++) o[p * inner + q] = reduceRun(name, xd, base + q, len, inner);
  }
  return result;
}

/** A whole-array reduction (the flattened array is one run). */
function reduceAll(op: string, name: ReduceOpName, x: NDArray): number {
  checkArray(op, 'x', x);
  if (name !== 'sum') checkNotEmpty(op, x);
  return reduceRun(name, x.data, 0, x.size, 1);
}

function checkNotEmpty(op: string, x: NDArray): void {
  if (x.size === 0) throw new Error(`${op}: the array ${formatShape(x.shape)} is empty`);
}

/**
 * Sum of all elements, or along `axis`.
 * @example sum(array([[1, 2], [3, 4]]))    // 10
 * @example sum(array([[1, 2], [3, 4]]), 0) // [4, 6]
 */
export function sum(x: NDArray): number;
export function sum(x: NDArray, axis: number, options?: ReduceOptions): NDArray;
export function sum(x: NDArray, axis?: number, options?: ReduceOptions): number | NDArray {
  if (axis !== undefined) return reduceAxis('sum', 'sum', x, axis, options);
  return reduceAll('sum', 'sum', x);
}

/**
 * Mean of all elements, or along `axis` (NaN for an empty array, as in NumPy).
 * @example mean(array([1, 2, 3, 4])) // 2.5
 */
export function mean(x: NDArray): number;
export function mean(x: NDArray, axis: number, options?: ReduceOptions): NDArray;
export function mean(x: NDArray, axis?: number, options?: ReduceOptions): number | NDArray {
  if (axis === undefined) return reduceAll('mean', 'sum', x) / x.size;
  const s = reduceAxis('mean', 'sum', x, axis, options);
  const len = x.shape[normalizeAxis('mean', axis, x.ndim, x.shape)];
  const d = s.data;
  for (let i = 0; i < d.length; i++) d[i] /= len;
  return s;
}

/**
 * Largest element, or the largest along `axis`.
 * @example max(array([[1, 5], [3, 4]]), 1) // [5, 4]
 */
export function max(x: NDArray): number;
export function max(x: NDArray, axis: number, options?: ReduceOptions): NDArray;
export function max(x: NDArray, axis?: number, options?: ReduceOptions): number | NDArray {
  if (axis !== undefined) return reduceAxis('max', 'max', x, axis, options);
  return reduceAll('max', 'max', x);
}

/**
 * Smallest element, or the smallest along `axis`.
 * @example min(array([[1, 5], [3, 4]]), 1) // [1, 3]
 */
export function min(x: NDArray): number;
export function min(x: NDArray, axis: number, options?: ReduceOptions): NDArray;
export function min(x: NDArray, axis?: number, options?: ReduceOptions): number | NDArray {
  if (axis !== undefined) return reduceAxis('min', 'min', x, axis, options);
  return reduceAll('min', 'min', x);
}

/**
 * Index of the largest element (first one on ties), in the flattened array or along `axis`
 * (indices are stored as float64 numbers).
 * @example argmax(array([0.1, 0.7, 0.2]))          // 1
 * @example argmax(array([[1, 9], [8, 2]]), 1)     // [1, 0]
 */
export function argmax(x: NDArray): number;
export function argmax(x: NDArray, axis: number, options?: ReduceOptions): NDArray;
export function argmax(x: NDArray, axis?: number, options?: ReduceOptions): number | NDArray {
  if (axis !== undefined) return reduceAxis('argmax', 'argmax', x, axis, options);
  return reduceAll('argmax', 'argmax', x);
}
