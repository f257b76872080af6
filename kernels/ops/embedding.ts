/**
 * Row gather and scatter-add: the embedding lookups of chapters 11-14. Selecting the rows of
 * the words in a sentence is `gatherRows(weights01, wordIds)`; updating only those rows is
 * `scatterAddRows(weights01, wordIds, delta, -alpha)`.
 */
import { NDArray, formatShape } from '../ndarray';
import { checkArray, checkNoAlias, outOrNew } from './check';

/** Row indices: a JavaScript array, a typed array or an NDArray of integer values. */
export type Indices = ArrayLike<number> | NDArray;

function indexList(op: string, indices: Indices, rows: number): ArrayLike<number> {
  const list = indices instanceof NDArray ? indices.data : indices;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!Number.isInteger(v) || v < 0 || v >= rows) {
      throw new Error(`${op}: index ${v} at position ${i} is out of range for ${rows} rows`);
    }
  }
  return list;
}

function rowShape(op: string, table: NDArray): number {
  checkArray(op, 'table', table);
  if (table.ndim < 1) throw new Error(`${op}: table must have rows, got shape ${formatShape(table.shape)}`);
  return table.shape[0] === 0 ? 0 : table.size / table.shape[0];
}

/**
 * The rows of `table` at `indices`, copied: [n, ...rowShape] (NumPy's `table[indices]`).
 * @example gatherRows(array([[1, 2], [3, 4], [5, 6]]), [2, 0]) // [[5, 6], [1, 2]]
 */
export function gatherRows(table: NDArray, indices: Indices, out?: NDArray): NDArray {
  const width = rowShape('gatherRows', table);
  const list = indexList('gatherRows', indices, table.shape[0]);
  const result = outOrNew('gatherRows', [list.length, ...table.shape.slice(1)], out);
  checkNoAlias('gatherRows', result, table);
  const t = table.data;
  const o = result.data;
  for (let i = 0; i < list.length; i++) {
    const src = list[i] * width;
    const dst = i * width;
    for (let j = 0; j < width; j++) o[dst + j] = t[src + j];
  }
  return result;
}

/**
 * Adds `scale * rows[i]` into `table[indices[i]]` for each i, in place, and returns `table`.
 * Repeated indices accumulate (like np.add.at). `rows` is [n, width], or a single row [width]
 * or [1, width] that is added at every index.
 *
 * Note: NumPy's `w[idx] -= alpha * delta`, used in the book's chapter 11, applies a repeated
 * index only once; pass unique indices to match it exactly.
 * @example scatterAddRows(weights01, wordIds, layer1Delta, -alpha)
 */
export function scatterAddRows(table: NDArray, indices: Indices, rows: NDArray, scale = 1): NDArray {
  const width = rowShape('scatterAddRows', table);
  checkArray('scatterAddRows', 'rows', rows);
  const list = indexList('scatterAddRows', indices, table.shape[0]);
  const single = rows.size === width && (rows.ndim === 1 || rows.shape[0] === 1);
  if (!single && rows.size !== list.length * width) {
    throw new Error(
      `scatterAddRows: rows ${formatShape(rows.shape)} must hold one row of ${width} values per index ` +
        `(${list.length} indices) or a single row, for table ${formatShape(table.shape)}`,
    );
  }
  checkNoAlias('scatterAddRows', table, rows);
  const t = table.data;
  const r = rows.data;
  for (let i = 0; i < list.length; i++) {
    const dst = list[i] * width;
    const src = single ? 0 : i * width;
    for (let j = 0; j < width; j++) t[dst + j] += scale * r[src + j];
  }
  return table;
}

/** Plain reference for {@link gatherRows}. */
export function gatherRowsReference(table: NDArray, indices: readonly number[]): NDArray {
  const width = table.size / Math.max(1, table.shape[0]);
  const out = NDArray.zeros([indices.length, ...table.shape.slice(1)]);
  indices.forEach((index, i) => {
    for (let j = 0; j < width; j++) out.data[i * width + j] = table.data[index * width + j];
  });
  return out;
}

/** Plain reference for {@link scatterAddRows} (returns a new table). */
export function scatterAddRowsReference(table: NDArray, indices: readonly number[], rows: NDArray, scale = 1): NDArray {
  const out = table.clone();
  const width = table.size / Math.max(1, table.shape[0]);
  const single = rows.size === width && (rows.ndim === 1 || rows.shape[0] === 1);
  indices.forEach((index, i) => {
    for (let j = 0; j < width; j++) out.data[index * width + j] += scale * rows.data[(single ? 0 : i) * width + j];
  });
  return out;
}
