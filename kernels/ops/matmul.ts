/**
 * Matrix products: matmul (A B), matmulTransposeA (A^T B), matmulTransposeB (A B^T), dot with
 * NumPy's rules for vectors, and outer. The transposed variants read the operand with swapped
 * strides instead of building the transpose, which is what backprop needs (`layer_1.T.dot(delta)`
 * is `matmulTransposeA(layer1, delta)`; `delta.dot(weights.T)` is `matmulTransposeB(delta, weights)`).
 */
import { NDArray, formatShape } from '../ndarray';
import { checkArray, checkNdim, checkNoAlias, outOrNew } from './check';
import { gemm } from './gemm';

/**
 * The matrix product A B of an [m,k] and a [k,n] matrix, as an [m,n] matrix.
 * @example matmul(array([[1, 2]]), array([[3], [4]])) // [[11]]
 */
export function matmul(a: NDArray, b: NDArray, out?: NDArray): NDArray {
  checkNdim('matmul', 'a', a, 2);
  checkNdim('matmul', 'b', b, 2);
  const [m, k] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2) {
    throw new Error(
      `matmul: cannot multiply ${formatShape(a.shape)} by ${formatShape(b.shape)} (inner sizes ${k} and ${k2} differ)`,
    );
  }
  const c = outOrNew('matmul', [m, n], out);
  checkNoAlias('matmul', c, a, b);
  gemm(m, n, k, a.data, k, 1, b.data, n, 1, c.data);
  return c;
}

/**
 * A^T B for A [k,m] and B [k,n], giving [m,n], without building A^T (the weight gradient
 * `layer_0.T.dot(layer_1_delta)`).
 * @example matmulTransposeA(layer0, layer1Delta) // same as matmul(transpose(layer0), layer1Delta)
 */
export function matmulTransposeA(a: NDArray, b: NDArray, out?: NDArray): NDArray {
  checkNdim('matmulTransposeA', 'a', a, 2);
  checkNdim('matmulTransposeA', 'b', b, 2);
  const [k, m] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2) {
    throw new Error(
      `matmulTransposeA: cannot multiply the transpose of ${formatShape(a.shape)} by ${formatShape(b.shape)} ` +
        `(the row counts ${k} and ${k2} must match)`,
    );
  }
  const c = outOrNew('matmulTransposeA', [m, n], out);
  checkNoAlias('matmulTransposeA', c, a, b);
  gemm(m, n, k, a.data, 1, m, b.data, n, 1, c.data);
  return c;
}

/**
 * A B^T for A [m,k] and B [n,k], giving [m,n], without building B^T (the backpropagated delta
 * `layer_2_delta.dot(weights_1_2.T)`).
 * @example matmulTransposeB(layer2Delta, weights12) // same as matmul(layer2Delta, transpose(weights12))
 */
export function matmulTransposeB(a: NDArray, b: NDArray, out?: NDArray): NDArray {
  checkNdim('matmulTransposeB', 'a', a, 2);
  checkNdim('matmulTransposeB', 'b', b, 2);
  const [m, k] = a.shape;
  const [n, k2] = b.shape;
  if (k !== k2) {
    throw new Error(
      `matmulTransposeB: cannot multiply ${formatShape(a.shape)} by the transpose of ${formatShape(b.shape)} ` +
        `(the column counts ${k} and ${k2} must match)`,
    );
  }
  const c = outOrNew('matmulTransposeB', [m, n], out);
  checkNoAlias('matmulTransposeB', c, a, b);
  gemm(m, n, k, a.data, k, 1, b.data, 1, k, c.data);
  return c;
}

/**
 * NumPy's `np.dot` for 1-d and 2-d arrays: vector·vector gives a 0-d array (read it with
 * `.data[0]` or use {@link vectorDot}), matrix·vector and vector·matrix give vectors,
 * matrix·matrix is {@link matmul}.
 * @example dot(array([1, 2]), array([[1, 0], [0, 1]])) // [1, 2]
 */
export function dot(a: NDArray, b: NDArray, out?: NDArray): NDArray {
  checkArray('dot', 'a', a);
  checkArray('dot', 'b', b);
  if (a.ndim > 2 || b.ndim > 2 || a.ndim === 0 || b.ndim === 0) {
    throw new Error(
      `dot: only 1-d and 2-d arrays are supported, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const a2 = a.ndim === 1 ? new NDArray(a.data, [1, a.shape[0]]) : a;
  const b2 = b.ndim === 1 ? new NDArray(b.data, [b.shape[0], 1]) : b;
  if (a2.shape[1] !== b2.shape[0]) {
    throw new Error(
      `dot: cannot multiply ${formatShape(a.shape)} by ${formatShape(b.shape)} ` +
        `(inner sizes ${a2.shape[1]} and ${b2.shape[0]} differ)`,
    );
  }
  const shape: number[] = [];
  if (a.ndim === 2) shape.push(a.shape[0]);
  if (b.ndim === 2) shape.push(b.shape[1]);
  const c = outOrNew('dot', shape, out);
  checkNoAlias('dot', c, a, b);
  matmul(a2, b2, new NDArray(c.data, [a2.shape[0], b2.shape[1]]));
  return c;
}

/**
 * The dot product of two vectors of the same length, as a number (chapter 3's `w_sum`).
 * @example vectorDot(array([1, 2, 3]), array([4, 5, 6])) // 32
 */
export function vectorDot(a: NDArray, b: NDArray): number {
  checkArray('vectorDot', 'a', a);
  checkArray('vectorDot', 'b', b);
  if (a.size !== b.size) {
    throw new Error(
      `vectorDot: ${formatShape(a.shape)} and ${formatShape(b.shape)} have different sizes (${a.size} and ${b.size})`,
    );
  }
  const ad = a.data;
  const bd = b.data;
  let s = 0;
  for (let i = 0; i < ad.length; i++) s += ad[i] * bd[i];
  return s;
}

/**
 * The outer product u v^T of two vectors (any shape is read as a flat vector): [u.size, v.size].
 * @example outer(array([1, 2]), array([3, 4])) // [[3, 4], [6, 8]]
 */
export function outer(u: NDArray, v: NDArray, out?: NDArray): NDArray {
  checkArray('outer', 'u', u);
  checkArray('outer', 'v', v);
  const m = u.size;
  const n = v.size;
  const c = outOrNew('outer', [m, n], out);
  checkNoAlias('outer', c, u, v);
  const ud = u.data;
  const vd = v.data;
  const cd = c.data;
  for (let i = 0; i < m; i++) {
    const ui = ud[i];
    const row = i * n;
    for (let j = 0; j < n; j++) cd[row + j] = ui * vd[j];
  }
  return c;
}

/** Plain reference for {@link matmul}: the textbook triple loop. */
export function matmulReference(a: NDArray, b: NDArray): NDArray {
  const [m, k] = a.shape;
  const n = b.shape[1];
  const c = NDArray.zeros([m, n]);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.data[i * k + p] * b.data[p * n + j];
      c.data[i * n + j] = s;
    }
  }
  return c;
}

/** Plain reference for {@link matmulTransposeA}. */
export function matmulTransposeAReference(a: NDArray, b: NDArray): NDArray {
  const [k, m] = a.shape;
  const n = b.shape[1];
  const c = NDArray.zeros([m, n]);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.data[p * m + i] * b.data[p * n + j];
      c.data[i * n + j] = s;
    }
  }
  return c;
}

/** Plain reference for {@link matmulTransposeB}. */
export function matmulTransposeBReference(a: NDArray, b: NDArray): NDArray {
  const [m, k] = a.shape;
  const n = b.shape[0];
  const c = NDArray.zeros([m, n]);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.data[i * k + p] * b.data[j * k + p];
      c.data[i * n + j] = s;
    }
  }
  return c;
}
