/**
 * Matrix products: matmul (A B), matmulTransposeA (A^T B), matmulTransposeB (A B^T), dot with
 * NumPy's rules for vectors, and outer. The transposed variants read the operand with swapped
 * strides instead of building the transpose, which is what backprop needs (`layer_1.T.dot(delta)`
 * is `matmulTransposeA(layer1, delta)`; `delta.dot(weights.T)` is `matmulTransposeB(delta, weights)`).
 */
import { NDArray, formatShape } from '../ndarray';
import { checkArray, checkNdim, checkNoAlias, outOrNew } from './check';
import { gemm } from './gemm';
import type { PackedOperands } from './gemm-wasm';
import { ResidentMatrix, operandArray, type PanelLayout } from './resident';

/** A matrix operand of the products: an array, or a weight matrix kept packed ({@link resident}). */
export type MatrixOperand = NDArray | ResidentMatrix;

/** The three products, each with which operand is read transposed. */
const PRODUCTS = {
  matmul: { transA: false, transB: false },
  matmulTransposeA: { transA: true, transB: false },
  matmulTransposeB: { transA: false, transB: true },
} as const;

type ProductName = keyof typeof PRODUCTS;

function innerSizeError(op: ProductName, a: NDArray, b: NDArray, k: number, k2: number): Error {
  const sa = formatShape(a.shape);
  const sb = formatShape(b.shape);
  switch (op) {
    case 'matmul':
      return new Error(`matmul: cannot multiply ${sa} by ${sb} (inner sizes ${k} and ${k2} differ)`);
    case 'matmulTransposeA':
      return new Error(`matmulTransposeA: cannot multiply the transpose of ${sa} by ${sb} (the row counts ${k} and ${k2} must match)`);
    case 'matmulTransposeB':
      return new Error(`matmulTransposeB: cannot multiply ${sa} by the transpose of ${sb} (the column counts ${k} and ${k2} must match)`);
  }
}

/**
 * The one prologue of the three products: checks both operands and `out`, reads the transposed
 * operand through swapped strides, and hands resident operands' panels to the kernel. The panels
 * a product needs follow from the layout shared by both packed operands (./gemm-pack): an A read
 * straight, or a B read transposed, is packed by rows; the other two by columns.
 */
function product(op: ProductName, aIn: MatrixOperand, bIn: MatrixOperand, out: NDArray | undefined): NDArray {
  const { transA, transB } = PRODUCTS[op];
  const a = operandArray(aIn);
  const b = operandArray(bIn);
  checkNdim(op, 'a', a, 2);
  checkNdim(op, 'b', b, 2);
  const [m, k] = transA ? [a.shape[1], a.shape[0]] : a.shape;
  const [k2, n] = transB ? [b.shape[1], b.shape[0]] : b.shape;
  if (k !== k2) throw innerSizeError(op, a, b, k, k2);
  const c = outOrNew(op, [m, n], out);
  checkNoAlias(op, c, a, b);
  const packed: PackedOperands = {};
  if (aIn instanceof ResidentMatrix) {
    aIn.checkUsable(op);
    const layout: PanelLayout = transA ? 'columns' : 'rows';
    packed.a = () => aIn.panels(layout, op);
  }
  if (bIn instanceof ResidentMatrix) {
    bIn.checkUsable(op);
    const layout: PanelLayout = transB ? 'rows' : 'columns';
    packed.b = () => bIn.panels(layout, op);
  }
  const [aRow, aCol] = transA ? [1, m] : [k, 1];
  const [bRow, bCol] = transB ? [1, k] : [n, 1];
  gemm(m, n, k, a.data, aRow, aCol, b.data, bRow, bCol, c.data, packed);
  return c;
}

/**
 * The matrix product A B of an [m,k] and a [k,n] matrix, as an [m,n] matrix. Either operand may
 * be a {@link resident} weight matrix.
 * @example matmul(array([[1, 2]]), array([[3], [4]])) // [[11]]
 */
export function matmul(a: MatrixOperand, b: MatrixOperand, out?: NDArray): NDArray {
  return product('matmul', a, b, out);
}

/**
 * A^T B for A [k,m] and B [k,n], giving [m,n], without building A^T (the weight gradient
 * `layer_0.T.dot(layer_1_delta)`). Either operand may be a {@link resident} weight matrix.
 * @example matmulTransposeA(layer0, layer1Delta) // same as matmul(transpose(layer0), layer1Delta)
 */
export function matmulTransposeA(a: MatrixOperand, b: MatrixOperand, out?: NDArray): NDArray {
  return product('matmulTransposeA', a, b, out);
}

/**
 * A B^T for A [m,k] and B [n,k], giving [m,n], without building B^T (the backpropagated delta
 * `layer_2_delta.dot(weights_1_2.T)`). Either operand may be a {@link resident} weight matrix.
 * @example matmulTransposeB(layer2Delta, weights12) // same as matmul(layer2Delta, transpose(weights12))
 */
export function matmulTransposeB(a: MatrixOperand, b: MatrixOperand, out?: NDArray): NDArray {
  return product('matmulTransposeB', a, b, out);
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
