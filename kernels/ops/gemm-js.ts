/**
 * The signature every matrix-product kernel shares (with kernel-specific `extra` arguments):
 * C[i,j] = sum_k A(i,k) * B(k,j) for i < M, j < N, k < K, where A(i,k) = a[i*aRow + k*aCol] and
 * B(k,j) = b[k*bRow + j*bCol], written row-major into c (M x N). Passing strides instead of
 * copying is how A^T B and A B^T avoid materialising a transpose.
 */
export type GemmKernel<Extra extends unknown[] = []> = (
  M: number,
  N: number,
  K: number,
  a: Float64Array,
  aRow: number,
  aCol: number,
  b: Float64Array,
  bRow: number,
  bCol: number,
  c: Float64Array,
  ...extra: Extra
) => void;

/**
 * The plain-TypeScript optimized matrix product, shared by matmul and its transposed variants.
 *
 * 4x4 register blocking keeps 16 partial sums in locals, so each loaded value of A and B is
 * used 4 times; that alone is about 5x faster than the i-j-k loop (docs/benchmarks.md).
 */
export const gemmJs: GemmKernel = (M, N, K, a, aRow, aCol, b, bRow, bCol, c) => {
  const a2 = 2 * aRow;
  const a3 = 3 * aRow;
  const b2 = 2 * bCol;
  const b3 = 3 * bCol;
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let pa = i * aRow;
      let pb = j * bCol;
      for (let k = 0; k < K; k++) {
        const a0 = a[pa], a1 = a[pa + aRow], a2v = a[pa + a2], a3v = a[pa + a3];
        const b0 = b[pb], b1 = b[pb + bCol], b2v = b[pb + b2], b3v = b[pb + b3];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2v; c03 += a0 * b3v;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2v; c13 += a1 * b3v;
        c20 += a2v * b0; c21 += a2v * b1; c22 += a2v * b2v; c23 += a2v * b3v;
        c30 += a3v * b0; c31 += a3v * b1; c32 += a3v * b2v; c33 += a3v * b3v;
        pa += aCol;
        pb += bRow;
      }
      let pc = i * N + j;
      c[pc] = c00; c[pc + 1] = c01; c[pc + 2] = c02; c[pc + 3] = c03;
      pc += N;
      c[pc] = c10; c[pc + 1] = c11; c[pc + 2] = c12; c[pc + 3] = c13;
      pc += N;
      c[pc] = c20; c[pc + 1] = c21; c[pc + 2] = c22; c[pc + 3] = c23;
      pc += N;
      c[pc] = c30; c[pc + 1] = c31; c[pc + 2] = c32; c[pc + 3] = c33;
    }
    // Leftover columns: one column of 4 rows at a time.
    for (; j < N; j++) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      let pa = i * aRow;
      let pb = j * bCol;
      for (let k = 0; k < K; k++) {
        const bv = b[pb];
        c0 += a[pa] * bv; c1 += a[pa + aRow] * bv; c2 += a[pa + a2] * bv; c3 += a[pa + a3] * bv;
        pa += aCol;
        pb += bRow;
      }
      const pc = i * N + j;
      c[pc] = c0; c[pc + N] = c1; c[pc + 2 * N] = c2; c[pc + 3 * N] = c3;
    }
  }
  // Leftover rows (all rows when M < 4, as in batch-1 training): 1x8, then 1x4 blocks along the row.
  const b4 = 4 * bCol, b5 = 5 * bCol, b6 = 6 * bCol, b7 = 7 * bCol;
  for (; i < M; i++) {
    let j = 0;
    for (; j + 8 <= N; j += 8) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
      let pa = i * aRow;
      let pb = j * bCol;
      for (let k = 0; k < K; k++) {
        const av = a[pa];
        c0 += av * b[pb]; c1 += av * b[pb + bCol]; c2 += av * b[pb + b2]; c3 += av * b[pb + b3];
        c4 += av * b[pb + b4]; c5 += av * b[pb + b5]; c6 += av * b[pb + b6]; c7 += av * b[pb + b7];
        pa += aCol;
        pb += bRow;
      }
      const pc = i * N + j;
      c[pc] = c0; c[pc + 1] = c1; c[pc + 2] = c2; c[pc + 3] = c3;
      c[pc + 4] = c4; c[pc + 5] = c5; c[pc + 6] = c6; c[pc + 7] = c7;
    }
    for (; j + 4 <= N; j += 4) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      let pa = i * aRow;
      let pb = j * bCol;
      for (let k = 0; k < K; k++) {
        const av = a[pa];
        c0 += av * b[pb]; c1 += av * b[pb + bCol]; c2 += av * b[pb + b2]; c3 += av * b[pb + b3];
        pa += aCol;
        pb += bRow;
      }
      const pc = i * N + j;
      c[pc] = c0; c[pc + 1] = c1; c[pc + 2] = c2; c[pc + 3] = c3;
    }
    for (; j < N; j++) {
      let s = 0;
      let pa = i * aRow;
      let pb = j * bCol;
      for (let k = 0; k < K; k++) {
        s += a[pa] * b[pb];
        pa += aCol;
        pb += bRow;
      }
      c[i * N + j] = s;
    }
  }
};

/** Reused list of the nonzero positions of one row of A (grown as needed). */
let nonzeroScratch = new Int32Array(0);

/**
 * C = A B for a few rows of A that are mostly zeros (an MNIST image is about 80% black pixels,
 * a relu layer about half zeros): each row's nonzero positions are listed once, and only those
 * rows of B are read. The terms are summed in the same k order as gemmJs, so the result is
 * bit-identical to it whenever B is finite (a skipped 0 * b adds exactly +-0); with an infinite
 * or NaN weight, gemmJs gives NaN where this gives the sum of the other terms.
 */
export const gemmSparseRowsJs: GemmKernel = (M, N, K, a, aRow, aCol, b, bRow, bCol, c) => {
  if (nonzeroScratch.length < K) nonzeroScratch = new Int32Array(K);
  const nz = nonzeroScratch;
  const b2 = 2 * bCol, b3 = 3 * bCol, b4 = 4 * bCol, b5 = 5 * bCol, b6 = 6 * bCol, b7 = 7 * bCol;
  for (let i = 0; i < M; i++) {
    let count = 0;
    for (let k = 0, pa = i * aRow; k < K; k++, pa += aCol) if (a[pa] !== 0) nz[count++] = k;
    let j = 0;
    for (; j + 8 <= N; j += 8) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
      for (let t = 0; t < count; t++) {
        const k = nz[t];
        const av = a[i * aRow + k * aCol];
        const pb = k * bRow + j * bCol;
        c0 += av * b[pb]; c1 += av * b[pb + bCol]; c2 += av * b[pb + b2]; c3 += av * b[pb + b3];
        c4 += av * b[pb + b4]; c5 += av * b[pb + b5]; c6 += av * b[pb + b6]; c7 += av * b[pb + b7];
      }
      const pc = i * N + j;
      c[pc] = c0; c[pc + 1] = c1; c[pc + 2] = c2; c[pc + 3] = c3;
      c[pc + 4] = c4; c[pc + 5] = c5; c[pc + 6] = c6; c[pc + 7] = c7;
    }
    for (; j < N; j++) {
      let s = 0;
      for (let t = 0; t < count; t++) {
        const k = nz[t];
        s += a[i * aRow + k * aCol] * b[k * bRow + j * bCol];
      }
      c[i * N + j] = s;
    }
  }
};

/** The number of zeros among the first M rows of A (strided), to choose the sparse path. */
export function countZeros(M: number, K: number, a: Float64Array, aRow: number, aCol: number): number {
  let zeros = 0;
  for (let i = 0; i < M; i++) {
    for (let k = 0, pa = i * aRow; k < K; k++, pa += aCol) if (a[pa] === 0) zeros++;
  }
  return zeros;
}
