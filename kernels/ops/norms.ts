/** Norms, cosine similarity and clip-by-norm (embeddings in chapter 11, gradient clipping in 14). */
import { NDArray, formatShape } from '../ndarray';
import { checkArray, checkNdim, outOrNew } from './check';

/**
 * The Euclidean (L2) norm of all elements, sqrt(sum x^2).
 * @example norm(array([3, 4])) // 5
 */
export function norm(x: NDArray): number {
  checkArray('norm', 'x', x);
  const d = x.data;
  // Scaling by the largest magnitude keeps the squares from overflowing or underflowing.
  let scale = 0;
  for (let i = 0; i < d.length; i++) scale = Math.max(scale, Math.abs(d[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i] / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/**
 * The L2 norm of each row of a matrix: [m, n] -> [m].
 * @example rowNorms(array([[3, 4], [0, 1]])) // [5, 1]
 */
export function rowNorms(x: NDArray, out?: NDArray): NDArray {
  checkNdim('rowNorms', 'x', x, 2);
  const [m, n] = x.shape;
  const result = outOrNew('rowNorms', [m], out);
  for (let i = 0; i < m; i++) result.data[i] = norm(new NDArray(x.data.subarray(i * n, (i + 1) * n), [n]));
  return result;
}

/**
 * Cosine of the angle between two vectors of the same size: a.b / (|a| |b|); 0 if either is zero.
 * @example cosineSimilarity(array([1, 0]), array([1, 1])) // 0.7071...
 */
export function cosineSimilarity(a: NDArray, b: NDArray): number {
  checkArray('cosineSimilarity', 'a', a);
  checkArray('cosineSimilarity', 'b', b);
  if (a.size !== b.size) {
    throw new Error(`cosineSimilarity: ${formatShape(a.shape)} and ${formatShape(b.shape)} have different sizes`);
  }
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.size; i++) s += (a.data[i] / na) * (b.data[i] / nb);
  return s;
}

/**
 * Cosine similarity of every row of a matrix [m, n] with a vector of n values: [m]
 * (the nearest-word search of chapter 11).
 */
export function cosineSimilarityRows(matrix: NDArray, v: NDArray, out?: NDArray): NDArray {
  checkNdim('cosineSimilarityRows', 'matrix', matrix, 2);
  checkArray('cosineSimilarityRows', 'v', v);
  const [m, n] = matrix.shape;
  if (v.size !== n) {
    throw new Error(`cosineSimilarityRows: the vector ${formatShape(v.shape)} must have ${n} values to match ${formatShape(matrix.shape)}`);
  }
  const result = outOrNew('cosineSimilarityRows', [m], out);
  for (let i = 0; i < m; i++) {
    result.data[i] = cosineSimilarity(new NDArray(matrix.data.subarray(i * n, (i + 1) * n), [n]), v);
  }
  return result;
}

/**
 * Rescales `x` so its L2 norm is at most `maxNorm` (gradient clipping); unchanged if already within.
 * @example clipByNorm(array([3, 4]), 1) // [0.6, 0.8]
 */
export function clipByNorm(x: NDArray, maxNorm: number, out?: NDArray): NDArray {
  checkArray('clipByNorm', 'x', x);
  if (!(maxNorm >= 0)) throw new Error(`clipByNorm: maxNorm ${maxNorm} must be a non-negative number`);
  const result = outOrNew('clipByNorm', x.shape, out);
  const n = norm(x);
  const factor = n > maxNorm ? maxNorm / n : 1;
  const d = x.data;
  const o = result.data;
  for (let i = 0; i < d.length; i++) o[i] = d[i] * factor;
  return result;
}
