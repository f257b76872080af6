/**
 * The panel layout of the WebAssembly kernel (kernels/wasm/gemm.wat), in one place.
 *
 * Both operands are packed the same way: an operand with P "panelled" lines (the rows of A, the
 * columns of B) and inner size K is cut into panels of 4 lines, each stored interleaved by k:
 * element (p, k) lands at ((floor(p/4)*K + k)*4 + p%4), and a short last panel is zero-padded.
 * The source is read through strides (element (p, k) is x[p*pStride + k*kStride]), so A^T and
 * B^T cost nothing extra. Consequence used by resident matrices: the row panels of X are at once
 * the packed A of X and the packed B of X^T, and its column panels the packed B of X and A of X^T.
 */

/** Packs P lines of inner size K from x (strided) into panels at `at` in `mem`. */
export function packPanels(mem: Float64Array, at: number, P: number, K: number, x: Float64Array, pStride: number, kStride: number): void {
  let q = at;
  for (let p0 = 0; p0 < P; p0 += 4) {
    const lines = Math.min(4, P - p0);
    if (lines === 4) {
      let s = p0 * pStride;
      for (let k = 0; k < K; k++, q += 4, s += kStride) {
        mem[q] = x[s];
        mem[q + 1] = x[s + pStride];
        mem[q + 2] = x[s + 2 * pStride];
        mem[q + 3] = x[s + 3 * pStride];
      }
    } else {
      for (let k = 0; k < K; k++, q += 4) {
        for (let r = 0; r < 4; r++) mem[q + r] = r < lines ? x[(p0 + r) * pStride + k * kStride] : 0;
      }
    }
  }
}

/** Doubles that P lines of inner size K take once packed (P rounded up to whole panels). */
export function packedSize(P: number, K: number): number {
  return Math.ceil(P / 4) * 4 * K;
}

/** Where element (p, k) of the source sits in the packed panels, relative to their start. */
export function packedIndex(p: number, k: number, K: number): number {
  return ((p >> 2) * K + k) * 4 + (p & 3);
}

/**
 * The index into x of the first element whose packed copy differs (bit for bit, so NaN equals
 * NaN and -0 differs from 0), or -1 when the panels still hold x.
 */
export function firstMismatch(mem: Float64Array, at: number, P: number, K: number, x: Float64Array, pStride: number, kStride: number): number {
  for (let p = 0; p < P; p++) {
    let q = at + packedIndex(p, 0, K);
    let s = p * pStride;
    for (let k = 0; k < K; k++, q += 4, s += kStride) {
      if (!Object.is(mem[q], x[s])) return s;
    }
  }
  return -1;
}
