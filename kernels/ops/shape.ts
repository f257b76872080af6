/** Shape changes: transpose, reshape, flatten, and copying out rows (the book's `images[i:i+1]`). */
import { NDArray, formatShape, shapeSize, type Shape } from '../ndarray';
import { checkArray, checkNoAlias, outOrNew } from './check';

/**
 * The transpose: axes reversed by default (rows become columns for a matrix), or permuted by `axes`.
 * Returns a copy (arrays never share data).
 * @example transpose(array([[1, 2, 3]])) // [[1], [2], [3]]
 */
export function transpose(x: NDArray, axes?: readonly number[], out?: NDArray): NDArray {
  checkArray('transpose', 'x', x);
  const nd = x.ndim;
  const perm = axes ?? x.shape.map((_, i) => nd - 1 - i);
  const seen = new Set(perm);
  if (perm.length !== nd || seen.size !== nd || perm.some((p) => !Number.isInteger(p) || p < 0 || p >= nd)) {
    throw new Error(`transpose: axes [${perm.join(',')}] are not a permutation of the axes of ${formatShape(x.shape)}`);
  }
  const shape = perm.map((p) => x.shape[p]);
  const result = outOrNew('transpose', shape, out);
  checkNoAlias('transpose', result, x);
  const xd = x.data;
  const o = result.data;
  if (nd === 2 && perm[0] === 1) {
    const [m, n] = x.shape;
    // 8x8 tiles keep both the reads and the writes within a few cache lines.
    for (let i0 = 0; i0 < m; i0 += 8) {
      const iEnd = Math.min(i0 + 8, m);
      for (let j0 = 0; j0 < n; j0 += 8) {
        const jEnd = Math.min(j0 + 8, n);
        for (let i = i0; i < iEnd; i++) {
          for (let j = j0; j < jEnd; j++) o[j * m + i] = xd[i * n + j];
        }
      }
    }
    return result;
  }
  // General case: walk the output in order, tracking the source offset with the source strides.
  const srcStrides = new Array<number>(nd);
  let stride = 1;
  for (let i = nd - 1; i >= 0; i--) {
    srcStrides[i] = stride;
    stride *= x.shape[i];
  }
  const strides = perm.map((p) => srcStrides[p]);
  const idx = new Array<number>(nd).fill(0);
  let src = 0;
  for (let k = 0; k < o.length; k++) {
    o[k] = xd[src];
    for (let axis = nd - 1; axis >= 0; axis--) {
      idx[axis]++;
      src += strides[axis];
      if (idx[axis] < shape[axis]) break;
      src -= strides[axis] * shape[axis];
      idx[axis] = 0;
    }
  }
  return result;
}

/**
 * The same data with a new shape (one dimension may be -1 and is then inferred).
 * Shares the data with `x`, like NumPy's reshape of a contiguous array: writing to one writes to both.
 * @example reshape(arange(6), [2, -1]).shape // [2, 3]
 */
export function reshape(x: NDArray, shape: Shape): NDArray {
  checkArray('reshape', 'x', x);
  const inferred = shape.filter((d) => d === -1).length;
  if (inferred > 1) throw new Error(`reshape: at most one dimension may be -1, got ${formatShape(shape)}`);
  let target = shape.slice();
  if (inferred === 1) {
    const known = shapeSize(shape.filter((d) => d !== -1));
    if (known === 0 || x.size % known !== 0) {
      throw new Error(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} values) into ${formatShape(shape)}`);
    }
    target = shape.map((d) => (d === -1 ? x.size / known : d));
  }
  if (shapeSize(target) !== x.size || target.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new Error(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} values) into ${formatShape(shape)}`);
  }
  return new NDArray(x.data, target);
}

/** The array as one row of values, shape [size], sharing data with `x`. */
export function flatten(x: NDArray): NDArray {
  checkArray('flatten', 'x', x);
  return new NDArray(x.data, [x.size]);
}

/**
 * Rows `start` (inclusive) to `end` (exclusive) along the first axis, copied (NumPy's `x[start:end]`).
 * @example sliceRows(images, 0, 100) // the first batch of 100 images
 */
export function sliceRows(x: NDArray, start: number, end: number, out?: NDArray): NDArray {
  checkArray('sliceRows', 'x', x);
  if (x.ndim === 0) throw new Error('sliceRows: a 0-d array has no rows');
  const rows = x.shape[0];
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > rows || start > end) {
    throw new Error(`sliceRows: rows ${start}..${end} are out of range for ${formatShape(x.shape)}`);
  }
  const rowSize = rows === 0 ? 0 : x.size / rows;
  const shape = [end - start, ...x.shape.slice(1)];
  const result = outOrNew('sliceRows', shape, out);
  result.data.set(x.data.subarray(start * rowSize, end * rowSize));
  return result;
}

/**
 * Row `i` of a matrix as a [1, n] matrix, copied (the book's `images[i:i+1]`).
 * @example row(array([[1, 2], [3, 4]]), 1) // [[3, 4]]
 */
export function row(x: NDArray, i: number, out?: NDArray): NDArray {
  return sliceRows(x, i, i + 1, out);
}

/**
 * A view of rows `start` to `end` sharing data with `x` (no copy): cheap, but writes go through.
 * @example rowsView(weights, 2, 3) // row 2 as [1, n], writes change weights
 */
export function rowsView(x: NDArray, start: number, end: number): NDArray {
  checkArray('rowsView', 'x', x);
  if (x.ndim === 0) throw new Error('rowsView: a 0-d array has no rows');
  const rows = x.shape[0];
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > rows || start > end) {
    throw new Error(`rowsView: rows ${start}..${end} are out of range for ${formatShape(x.shape)}`);
  }
  const rowSize = rows === 0 ? 0 : x.size / rows;
  return new NDArray(x.data.subarray(start * rowSize, end * rowSize), [end - start, ...x.shape.slice(1)]);
}

/**
 * Stacks arrays along the first axis (np.concatenate(..., axis=0)); all other dims must match.
 * @example concatRows([array([[1, 2]]), array([[3, 4]])]) // [[1, 2], [3, 4]]
 */
export function concatRows(xs: readonly NDArray[]): NDArray {
  if (xs.length === 0) throw new Error('concatRows: needs at least one array');
  xs.forEach((x, i) => checkArray('concatRows', `xs[${i}]`, x));
  const tail = xs[0].shape.slice(1);
  let rows = 0;
  for (const x of xs) {
    if (x.ndim !== tail.length + 1 || x.shape.slice(1).some((d, i) => d !== tail[i])) {
      throw new Error(
        `concatRows: shapes ${xs.map((y) => formatShape(y.shape)).join(' and ')} differ outside the first axis`,
      );
    }
    rows += x.shape[0];
  }
  const result = NDArray.zeros([rows, ...tail]);
  let offset = 0;
  for (const x of xs) {
    result.data.set(x.data, offset);
    offset += x.size;
  }
  return result;
}
