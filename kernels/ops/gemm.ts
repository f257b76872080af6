/**
 * Chooses the kernel behind matmul and its variants. For now the plain-TypeScript blocked kernel;
 * a WebAssembly SIMD kernel can be selected with {@link setGemmBackend}.
 */
import { gemmJs } from './gemm-js';

/** Which implementation runs matrix products. */
export type GemmBackend = 'js';

/** Every backend, so tests can run each one. */
export const GEMM_BACKENDS: readonly GemmBackend[] = ['js'];

let backend: GemmBackend = 'js';

/** Selects the matrix-product kernel (tests run every backend; results agree to 1e-12). */
export function setGemmBackend(name: GemmBackend): void {
  backend = name;
}

/** The current matrix-product kernel. */
export function getGemmBackend(): GemmBackend {
  return backend;
}

/** C = A B with strided A and B (see gemmJs for the stride convention). */
export function gemm(
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
): void {
  gemmJs(M, N, K, a, aRow, aCol, b, bRow, bCol, c);
}
