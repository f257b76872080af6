/** Creation helpers: the counterparts of np.zeros, np.ones, np.full, np.eye, np.array, np.arange. */
import { NDArray, formatShape, shapeSize, type Nested, type Shape } from '../ndarray';
import { checkArray } from './check';

/**
 * A new array of zeros.
 * @example zeros([2, 3]) // [[0,0,0],[0,0,0]]
 */
export function zeros(shape: Shape): NDArray {
  return NDArray.zeros(shape);
}

/** A new array of ones. */
export function ones(shape: Shape): NDArray {
  return full(shape, 1);
}

/**
 * A new array filled with `value`.
 * @example full([2], 0.5) // [0.5, 0.5]
 */
export function full(shape: Shape, value: number): NDArray {
  const x = NDArray.zeros(shape);
  x.data.fill(value);
  return x;
}

/** Zeros with the same shape as `x`. */
export function zerosLike(x: NDArray): NDArray {
  checkArray('zerosLike', 'x', x);
  return NDArray.zeros(x.shape);
}

/**
 * The n x n identity matrix.
 * @example eye(2) // [[1,0],[0,1]]
 */
export function eye(n: number): NDArray {
  if (!Number.isInteger(n) || n < 0) throw new Error(`eye: size ${n} must be a non-negative integer`);
  const x = NDArray.zeros([n, n]);
  for (let i = 0; i < n; i++) x.data[i * n + i] = 1;
  return x;
}

/**
 * An array from nested JavaScript arrays (np.array).
 * @example array([[1, 2], [3, 4]]).shape // [2, 2]
 */
export function array(nested: Nested): NDArray {
  return NDArray.fromNested(nested);
}

/** A 1-d array holding a copy of `values`. */
export function fromArray(values: ArrayLike<number>, shape: Shape = [values.length]): NDArray {
  if (shapeSize(shape) !== values.length) {
    throw new Error(
      `fromArray: ${values.length} values cannot fill shape ${formatShape(shape)} (it needs ${shapeSize(shape)})`,
    );
  }
  return new NDArray(Float64Array.from(values), shape);
}

/**
 * `[start, start+step, ...)` below `stop` as a 1-d array (np.arange).
 * @example arange(0, 3) // [0, 1, 2]
 */
export function arange(start: number, stop?: number, step = 1): NDArray {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  if (step === 0 || !Number.isFinite(step)) throw new Error(`arange: step ${step} must be finite and non-zero`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const x = NDArray.zeros([n]);
  for (let i = 0; i < n; i++) x.data[i] = start + i * step;
  return x;
}

/** A copy of `x`: the same as `x.clone()`. */
export function copy(x: NDArray): NDArray {
  checkArray('copy', 'x', x);
  return x.clone();
}

/** Copies the values of `src` into `dst` (same number of elements); returns `dst`. */
export function copyInto(dst: NDArray, src: NDArray): NDArray {
  checkArray('copyInto', 'dst', dst);
  checkArray('copyInto', 'src', src);
  if (dst.size !== src.size) {
    throw new Error(
      `copyInto: cannot copy ${formatShape(src.shape)} into ${formatShape(dst.shape)} (sizes differ)`,
    );
  }
  dst.data.set(src.data);
  return dst;
}
