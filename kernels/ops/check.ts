/**
 * Input checks shared by every op, so that errors read the same everywhere:
 * `op: what is wrong [shapes]`. Exported from 'kernels' for chapter code that writes its own
 * ops (a layer's forward pass, an optimizer step), so its errors read like the toolkit's.
 */
import { NDArray, formatShape, type Shape } from '../ndarray';

/** True when two shapes have the same dimensions. */
export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Throws unless `x` is an NDArray (a learner passing a nested array gets a clear message). */
export function checkArray(op: string, name: string, x: unknown): asserts x is NDArray {
  if (!(x instanceof NDArray)) {
    throw new Error(`${op}: ${name} must be an NDArray, got ${describe(x)}`);
  }
}

/**
 * Throws unless `a` and `b` are arrays of the same shape; `names` are how the error calls them.
 * @example checkSameShape('addScaled', ['a', 'b'], w, grad)
 */
export function checkSameShape(op: string, names: readonly [string, string], a: NDArray, b: NDArray): void {
  checkArray(op, names[0], a);
  checkArray(op, names[1], b);
  if (!sameShape(a.shape, b.shape)) {
    throw new Error(
      `${op}: ${names[0]} ${formatShape(a.shape)} and ${names[1]} ${formatShape(b.shape)} must have the same shape`,
    );
  }
}

/** Throws unless `x` has exactly `ndim` dimensions. */
export function checkNdim(op: string, name: string, x: NDArray, ndim: number): void {
  checkArray(op, name, x);
  if (x.shape.length !== ndim) {
    throw new Error(
      `${op}: ${name} must be ${ndim}-dimensional, got shape ${formatShape(x.shape)}`,
    );
  }
}

/**
 * Returns `out` if given (after checking its shape), or a fresh zero array of `shape`.
 * Ops that accept `out` overwrite it completely, so its previous contents never matter.
 */
export function outOrNew(op: string, shape: Shape, out: NDArray | undefined): NDArray {
  if (out === undefined) return NDArray.zeros(shape);
  checkArray(op, 'out', out);
  if (!sameShape(out.shape, shape)) {
    throw new Error(
      `${op}: out has shape ${formatShape(out.shape)} but the result has shape ${formatShape(shape)}`,
    );
  }
  return out;
}

/** Throws if `out` shares its buffer with one of the inputs (for ops that cannot work in place). */
export function checkNoAlias(op: string, out: NDArray, ...inputs: NDArray[]): void {
  for (const x of inputs) {
    if (x.data.buffer === out.data.buffer) {
      throw new Error(`${op}: out must not share memory with an input (the op cannot run in place)`);
    }
  }
}

/** Normalises an axis (negative counts from the end) and checks it is in range. */
export function normalizeAxis(op: string, axis: number, ndim: number, shape: Shape): number {
  const a = axis < 0 ? axis + ndim : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= ndim) {
    throw new Error(`${op}: axis ${axis} is out of range for shape ${formatShape(shape)}`);
  }
  return a;
}

function describe(x: unknown): string {
  if (Array.isArray(x)) return 'a JavaScript array (wrap it with array(...) or NDArray.fromNested)';
  if (x === null) return 'null';
  return typeof x;
}
