/**
 * Chooses the kernel behind matmul, matmulTransposeA, matmulTransposeB and dot.
 *
 * - 'auto' (default): the WebAssembly SIMD kernel for products big enough to repay packing
 *   (at least 4 rows, 4 columns and an inner size of 4), the TypeScript kernel otherwise
 *   (batch-1 layers, and outer-product-like weight updates with inner size 1 to 3).
 *   A few rows (at most {@link SPARSE_MAX_ROWS}) that are at least half zeros, such as a batch-1
 *   MNIST image, take a path that skips the zeros (bit-identical for finite weights; see
 *   gemmSparseRowsJs).
 * - 'wasm': always WebAssembly SIMD. - 'js': always the plain-TypeScript blocked kernel.
 * Every backend gives bit-identical results (same summation order, no fused multiply-add), and the
 * tests run each one.
 *
 * Threads: WebAssembly products of at least {@link GemmThreadOptions.minWork} multiply-adds are
 * split over several threads (the main thread and worker threads on shared memory). The result
 * is bit-identical to one thread, since each element is still computed whole by one thread.
 * `GDL_THREADS=1` in the environment (or `setGemmThreads(1)`) keeps everything on one thread.
 */
import { availableParallelism } from 'node:os';
import { countZeros, gemmJs, gemmSparseRowsJs, type GemmKernel } from './gemm-js';
import { gemmWasm, wasmGemmAvailable, type PackedOperands } from './gemm-wasm';

/** Which implementation runs matrix products. */
export type GemmBackend = 'auto' | 'js' | 'wasm';

/** Every backend, so tests can run each one. */
export const GEMM_BACKENDS: readonly GemmBackend[] = ['js', 'wasm', 'auto'];

/** How matrix products use threads. */
export interface GemmThreadOptions {
  /** Threads in all, the calling one included (1: no worker threads). */
  threads: number;
  /**
   * Products with fewer multiply-adds (m·k·n) stay on one thread: waking a worker costs tens of
   * microseconds, which a product of a million multiply-adds (about 100 us) repays.
   */
  minWork: number;
}

/** The default thread count: GDL_THREADS if set, else the machine's cores (at most 4). */
function defaultThreads(): number {
  const fromEnv = process.env.GDL_THREADS;
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv);
    if (!Number.isInteger(n) || n < 1) throw new Error(`GDL_THREADS must be a positive integer, got '${fromEnv}'`);
    return n;
  }
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** The process-wide matrix-product settings (one object, so they are read and reset in one place). */
const settings: { backend: GemmBackend } & GemmThreadOptions = {
  backend: 'auto',
  threads: defaultThreads(),
  minWork: 1 << 20,
};

/**
 * Sets how many threads large matrix products use (1 for none) and, optionally, from how many
 * multiply-adds on. Results do not depend on either.
 * @example setGemmThreads(1) // one thread, as GDL_THREADS=1 does
 */
export function setGemmThreads(threads: number, options: { minWork?: number } = {}): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new Error(`setGemmThreads: threads must be an integer from 1 to 64, got ${threads}`);
  }
  const minWork = options.minWork ?? settings.minWork;
  if (!Number.isInteger(minWork) || minWork < 0) throw new Error(`setGemmThreads: minWork must be a non-negative integer, got ${minWork}`);
  settings.threads = threads;
  settings.minWork = minWork;
}

/** The current thread settings of matrix products. */
export function getGemmThreads(): GemmThreadOptions {
  return { threads: settings.threads, minWork: settings.minWork };
}

/** Selects the matrix-product kernel; throws for 'wasm' where WebAssembly SIMD is missing. */
export function setGemmBackend(name: GemmBackend): void {
  if (!GEMM_BACKENDS.includes(name)) throw new Error(`setGemmBackend: unknown backend '${String(name)}' (use auto, js or wasm)`);
  if (name === 'wasm' && !wasmGemmAvailable()) {
    throw new Error('setGemmBackend: WebAssembly SIMD is not available in this runtime; use js');
  }
  settings.backend = name;
}

/** The current matrix-product backend. */
export function getGemmBackend(): GemmBackend {
  return settings.backend;
}

/**
 * Below this many multiply-adds, or with an inner size under 4, the TypeScript kernel wins:
 * packing the operands and copying the result back cost more than the SIMD saves
 * (784x1 by 1x40: 38 us in TypeScript, 72 us in WebAssembly; they cross near K = 4).
 */
const WASM_MIN_WORK = 4096;

/** Batches up to this many rows are checked for zeros (counting them costs one pass over A). */
export const SPARSE_MAX_ROWS = 4;

/**
 * C = A B with strided A and B (see gemmJs for the stride convention). `packed` gives the panels
 * of resident operands, which the WebAssembly kernel uses instead of packing `a` or `b` (the
 * TypeScript kernels read `a` and `b`, which hold the same values).
 */
export const gemm: GemmKernel<[packed?: PackedOperands]> = (M, N, K, a, aRow, aCol, b, bRow, bCol, c, packed) => {
  const { backend } = settings;
  const work = M * N * K;
  const useWasm =
    backend === 'wasm' || (backend === 'auto' && M >= 4 && N >= 4 && K >= 4 && work >= WASM_MIN_WORK && wasmGemmAvailable());
  if (useWasm) gemmWasm(M, N, K, a, aRow, aCol, b, bRow, bCol, c, work >= settings.minWork ? settings.threads : 1, packed);
  else if (backend === 'auto' && M <= SPARSE_MAX_ROWS && 2 * countZeros(M, K, a, aRow, aCol) >= M * K && K > 0) {
    gemmSparseRowsJs(M, N, K, a, aRow, aCol, b, bRow, bCol, c);
  } else gemmJs(M, N, K, a, aRow, aCol, b, bRow, bCol, c);
};
