/**
 * Chooses the kernel behind matmul, matmulTransposeA, matmulTransposeB and dot.
 *
 * - 'auto' (default): the WebAssembly SIMD kernel for products big enough to repay packing
 *   (at least 4 rows, 4 columns and an inner size of 4), the TypeScript kernel otherwise
 *   (batch-1 layers, and outer-product-like weight updates with inner size 1 to 3).
 * - 'wasm': always WebAssembly SIMD. - 'js': always the plain-TypeScript blocked kernel.
 * Every backend gives bit-identical results (same summation order, no fused multiply-add), and the
 * tests run each one.
 */
import { gemmJs } from './gemm-js';
import { gemmWasm, wasmGemmAvailable } from './gemm-wasm';

/** Which implementation runs matrix products. */
export type GemmBackend = 'auto' | 'js' | 'wasm';

/** Every backend, so tests can run each one. */
export const GEMM_BACKENDS: readonly GemmBackend[] = ['js', 'wasm', 'auto'];

let backend: GemmBackend = 'auto';

/** Selects the matrix-product kernel; throws for 'wasm' where WebAssembly SIMD is missing. */
export function setGemmBackend(name: GemmBackend): void {
  if (!GEMM_BACKENDS.includes(name)) throw new Error(`setGemmBackend: unknown backend '${String(name)}' (use auto, js or wasm)`);
  if (name === 'wasm' && !wasmGemmAvailable()) {
    throw new Error('setGemmBackend: WebAssembly SIMD is not available in this runtime; use js');
  }
  backend = name;
}

/** The current matrix-product backend. */
export function getGemmBackend(): GemmBackend {
  return backend;
}

/**
 * Below this many multiply-adds, or with an inner size under 4, the TypeScript kernel wins:
 * packing the operands and copying the result back cost more than the SIMD saves
 * (784x1 by 1x40: 38 us in TypeScript, 72 us in WebAssembly; they cross near K = 4).
 */
const WASM_MIN_WORK = 4096;

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
  const useWasm =
    backend === 'wasm' ||
    (backend === 'auto' && M >= 4 && N >= 4 && K >= 4 && M * N * K >= WASM_MIN_WORK && wasmGemmAvailable());
  if (useWasm) gemmWasm(M, N, K, a, aRow, aCol, b, bRow, bCol, c);
  else gemmJs(M, N, K, a, aRow, aCol, b, bRow, bCol, c);
}
