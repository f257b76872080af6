/**
 * Closeness checks with readable diffs. They throw plain Errors (no jest globals), so they work in
 * any test runner and inside fast-check properties.
 */
import { NDArray, formatShape, type Nested } from '../ndarray';

/** Tolerances of a closeness check: |actual - expected| <= atol + rtol * |expected| per element. */
export interface CloseOptions {
  /** Relative tolerance (default 1e-9: float64 results that should agree up to rounding). */
  rtol?: number;
  /** Absolute tolerance (default 1e-12: lets values near zero agree). */
  atol?: number;
  /** How many differing elements to list in the error (default 5). */
  maxReport?: number;
  /** A name for the value, shown first in the error (e.g. 'layer_1 after one step'). */
  label?: string;
}

/** What {@link expectClose} and {@link allClose} accept: an NDArray, nested arrays, a typed array or a number. */
export type Numeric = NDArray | Nested | Float64Array | readonly number[] | number;

/** One element that is not close enough. */
export interface Mismatch {
  /** Multi-index of the element. */
  index: number[];
  actual: number;
  expected: number;
}

function toArray(x: Numeric): NDArray {
  if (x instanceof NDArray) return x;
  if (x instanceof Float64Array) return new NDArray(x, [x.length]);
  return NDArray.fromNested(x as Nested);
}

/** The multi-index of a row-major flat position in `shape` (for messages that name an element). */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}

function isClose(a: number, e: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(e)) return Number.isNaN(a) && Number.isNaN(e);
  if (a === e) return true; // also equal infinities
  return Math.abs(a - e) <= atol + rtol * Math.abs(e);
}

/**
 * Every element that differs by more than atol + rtol*|expected| (NaN matches only NaN).
 * @throws if the shapes differ.
 */
export function closeMismatches(actual: Numeric, expected: Numeric, options: CloseOptions = {}): Mismatch[] {
  const a = toArray(actual);
  const e = toArray(expected);
  const rtol = options.rtol ?? 1e-9;
  const atol = options.atol ?? 1e-12;
  if (a.ndim !== e.ndim || a.shape.some((d, i) => d !== e.shape[i])) {
    throw new Error(
      `${options.label ? options.label + ': ' : ''}shape ${formatShape(a.shape)} differs from the expected ${formatShape(e.shape)}`,
    );
  }
  const out: Mismatch[] = [];
  for (let i = 0; i < a.size; i++) {
    if (!isClose(a.data[i], e.data[i], rtol, atol)) {
      out.push({ index: unravel(i, a.shape), actual: a.data[i], expected: e.data[i] });
    }
  }
  return out;
}

/**
 * True when shapes match and every element is close (NumPy's allclose with our defaults).
 * @example allClose(array([1, 2]), [1, 2 + 1e-12]) // true
 */
export function allClose(actual: Numeric, expected: Numeric, options: CloseOptions = {}): boolean {
  try {
    return closeMismatches(actual, expected, options).length === 0;
  } catch {
    return false;
  }
}

/**
 * Throws an Error listing the first differing elements (index, actual, expected, difference) unless
 * `actual` is close to `expected` elementwise.
 * @example expectClose(softmax(x), [[0.5, 0.5]], { rtol: 1e-12 })
 */
export function expectClose(actual: Numeric, expected: Numeric, options: CloseOptions = {}): void {
  const rtol = options.rtol ?? 1e-9;
  const atol = options.atol ?? 1e-12;
  const bad = closeMismatches(actual, expected, options);
  if (bad.length === 0) return;
  const a = toArray(actual);
  const maxReport = options.maxReport ?? 5;
  const lines = bad.slice(0, maxReport).map((m) => {
    const diff = Math.abs(m.actual - m.expected);
    const allowed = atol + rtol * Math.abs(m.expected);
    return `  at [${m.index.join(',')}]: actual ${m.actual}, expected ${m.expected}, |diff| ${diff.toExponential(3)} > allowed ${allowed.toExponential(3)}`;
  });
  if (bad.length > maxReport) lines.push(`  ... and ${bad.length - maxReport} more`);
  throw new Error(
    `${options.label ? options.label + ': ' : ''}${bad.length} of ${a.size} elements of ${formatShape(a.shape)} differ ` +
      `(rtol ${rtol}, atol ${atol})\n${lines.join('\n')}`,
  );
}

/**
 * Largest relative error max|a - b| / max(floor, |a| + |b|) over elements (the gradient-check measure).
 * @example maxRelativeError(array([1]), array([1.000001])) // about 5e-7
 */
export function maxRelativeError(a: Numeric, b: Numeric, floor = 1e-8): number {
  const x = toArray(a);
  const y = toArray(b);
  if (x.size !== y.size) {
    throw new Error(`maxRelativeError: sizes differ, ${formatShape(x.shape)} and ${formatShape(y.shape)}`);
  }
  let worst = 0;
  for (let i = 0; i < x.size; i++) {
    const r = relativeError(x.data[i], y.data[i], floor);
    if (r > worst || Number.isNaN(r)) worst = r;
  }
  return worst;
}

/** |a - b| / max(floor, |a| + |b|): 0 for equal values, at most 1 (NaN if either is NaN). */
export function relativeError(a: number, b: number, floor = 1e-8): number {
  return Math.abs(a - b) / Math.max(floor, Math.abs(a) + Math.abs(b));
}
