/**
 * Reductions: sum, mean, max, min and argmax, over the whole array (giving a number) or along one
 * axis (giving an array without that axis, or with it kept as size 1 when `keepDims` is set, so
 * the result broadcasts back against the input, as `np.sum(x, axis=1, keepdims=True)` does).
 */
import { NDArray, formatShape } from '../ndarray';
import { checkArray, normalizeAxis, outOrNew } from './check';

/** Options of an axis reduction. */
export interface ReduceOptions {
  /** Keep the reduced axis with size 1 (default false). */
  keepDims?: boolean;
  /** Where to write the result; it must have the result's shape. */
  out?: NDArray;
}

const SUM = 0;
const MAX = 1;
const MIN = 2;
const ARGMAX = 3;

function reduceAxis(
  op: string,
  code: number,
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
  if (len === 0 && code !== SUM && outer * inner > 0) {
    throw new Error(`${op}: cannot reduce axis ${axisIn} of ${formatShape(x.shape)} because it is empty`);
  }
  const shape = x.shape.slice();
  if (options?.keepDims) shape[axis] = 1;
  else shape.splice(axis, 1);
  const result = outOrNew(op, shape, options?.out);
  const xd = x.data;
  const o = result.data;
  for (let p = 0; p < outer; p++) {
    const base = p * len * inner;
    for (let q = 0; q < inner; q++) {
      let pos = base + q;
      let acc = code === SUM ? 0 : xd[pos];
      let best = 0;
      if (code === SUM) {
        for (let l = 0; l < len; l++, pos += inner) acc += xd[pos];
      } else if (code === MIN) {
        for (let l = 0; l < len; l++, pos += inner) if (xd[pos] < acc) acc = xd[pos];
      } else {
        // Strict > keeps the first maximum, as np.argmax does.
        for (let l = 0; l < len; l++, pos += inner) {
          if (xd[pos] > acc) {
            acc = xd[pos];
            best = l;
          }
        }
      }
      o[p * inner + q] = code === ARGMAX ? best : acc;
    }
  }
  return result;
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
  if (axis !== undefined) return reduceAxis('sum', SUM, x, axis, options);
  checkArray('sum', 'x', x);
  let s = 0;
  const d = x.data;
  for (let i = 0; i < d.length; i++) s += d[i];
  return s;
}

/**
 * Mean of all elements, or along `axis` (NaN for an empty array, as in NumPy).
 * @example mean(array([1, 2, 3, 4])) // 2.5
 */
export function mean(x: NDArray): number;
export function mean(x: NDArray, axis: number, options?: ReduceOptions): NDArray;
export function mean(x: NDArray, axis?: number, options?: ReduceOptions): number | NDArray {
  if (axis === undefined) return sum(x) / x.size;
  const s = reduceAxis('mean', SUM, x, axis, options);
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
  if (axis !== undefined) return reduceAxis('max', MAX, x, axis, options);
  checkArray('max', 'x', x);
  checkNotEmpty('max', x);
  const d = x.data;
  let m = d[0];
  for (let i = 1; i < d.length; i++) if (d[i] > m) m = d[i];
  return m;
}

/** Smallest element, or the smallest along `axis`. */
export function min(x: NDArray): number;
export function min(x: NDArray, axis: number, options?: ReduceOptions): NDArray;
export function min(x: NDArray, axis?: number, options?: ReduceOptions): number | NDArray {
  if (axis !== undefined) return reduceAxis('min', MIN, x, axis, options);
  checkArray('min', 'x', x);
  checkNotEmpty('min', x);
  const d = x.data;
  let m = d[0];
  for (let i = 1; i < d.length; i++) if (d[i] < m) m = d[i];
  return m;
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
  if (axis !== undefined) return reduceAxis('argmax', ARGMAX, x, axis, options);
  checkArray('argmax', 'x', x);
  checkNotEmpty('argmax', x);
  const d = x.data;
  let best = 0;
  for (let i = 1; i < d.length; i++) if (d[i] > d[best]) best = i;
  return best;
}
