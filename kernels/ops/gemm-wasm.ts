/**
 * The WebAssembly SIMD matrix product (kernels/wasm/gemm.wat): A and B are packed into panels of
 * 4 rows / 4 columns in the module's memory, zero-padded to multiples of 4, multiplied with a
 * 4x4 f64x2 register block, and the valid part of C is copied back. Packing reads A and B through
 * strides, so the transposed variants cost nothing extra. Results are bit-identical to gemmJs.
 *
 * The memory is a shared WebAssembly.Memory, so large products can be split across worker
 * threads (./gemm-threads) that run the same kernel on other panels; see `threads` below.
 */
import { GEMM_WASM_BASE64 } from '../wasm/gemm-bytes';
import { GemmWorkers, type ChunkedArgs } from './gemm-threads';

/** The parts of the WebAssembly global this file uses (the project's lib settings do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}

interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

interface GemmExports {
  gemm_chunked(...args: ChunkedArgs): void;
}

/** The memory's maximum, in 64 KiB pages (1 GiB; must match the WAT import). */
const MAX_PAGES = 16384;

/** One instance of the module, its shared memory, and (once a product needs them) its helper threads. */
class WasmGemm {
  private heap: Float64Array;
  private workers: GemmWorkers | null | undefined;
  /** Products that ran on more than one thread (read by the tests, so a threading test cannot pass vacuously). */
  threadedCalls = 0;

  constructor(
    private readonly module: object,
    private readonly memory: WasmMemory,
    private readonly exports: GemmExports,
  ) {
    this.heap = new Float64Array(memory.buffer);
  }

  /** A Float64Array view of the memory with room for `doubles` values. */
  memoryFor(doubles: number): Float64Array {
    const bytes = doubles * 8;
    const have = this.memory.buffer.byteLength;
    if (bytes > MAX_PAGES * 65536) throw new Error(`matmul: the operands need ${bytes} bytes of WebAssembly memory, more than its 1 GiB`);
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
    if (this.heap.buffer !== this.memory.buffer || this.heap.length * 8 !== this.memory.buffer.byteLength) {
      this.heap = new Float64Array(this.memory.buffer);
    }
    return this.heap;
  }

  /** Helper threads for `threads` in all (threads - 1 helpers), or null where workers cannot start. */
  helpers(threads: number): GemmWorkers | null {
    if (this.workers === undefined || (this.workers !== null && this.workers.size < threads - 1)) {
      this.workers?.stop();
      this.workers = GemmWorkers.start(this.module, this.memory, threads - 1);
    }
    return this.workers;
  }

  run(args: ChunkedArgs): void {
    this.exports.gemm_chunked(...args);
  }

  stopThreads(): void {
    this.workers?.stop();
    this.workers = undefined;
  }
}

let engine: WasmGemm | null | undefined;

/** Instantiates the module once; null when this runtime lacks WebAssembly SIMD or shared memory. */
function wasmEngine(): WasmGemm | null {
  if (engine !== undefined) return engine;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (api === undefined) throw new Error('no WebAssembly');
    const module = new api.Module(Buffer.from(GEMM_WASM_BASE64, 'base64'));
    const memory = new api.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    const instance = new api.Instance(module, { env: { memory } });
    engine = new WasmGemm(module, memory, instance.exports as GemmExports);
  } catch {
    engine = null;
  }
  return engine;
}

/** True when the WebAssembly SIMD kernel can run here (Node 20 has SIMD on by default). */
export function wasmGemmAvailable(): boolean {
  return wasmEngine() !== null;
}

/** How many products have run on more than one thread so far (for tests). */
export function threadedGemmCalls(): number {
  return wasmEngine()?.threadedCalls ?? 0;
}

/** Stops the helper threads; the next threaded product starts them again (for tests). */
export function stopGemmThreads(): void {
  wasmEngine()?.stopThreads();
}

/** Packs rows i0.. of A (strided) into panels of 4 rows interleaved by k, zero-padding missing rows. */
function packA(mem: Float64Array, at: number, M: number, K: number, a: Float64Array, aRow: number, aCol: number): void {
  let p = at;
  for (let i0 = 0; i0 < M; i0 += 4) {
    const rows = Math.min(4, M - i0);
    if (rows === 4) {
      let q0 = i0 * aRow;
      for (let k = 0; k < K; k++, p += 4, q0 += aCol) {
        mem[p] = a[q0];
        mem[p + 1] = a[q0 + aRow];
        mem[p + 2] = a[q0 + 2 * aRow];
        mem[p + 3] = a[q0 + 3 * aRow];
      }
    } else {
      for (let k = 0; k < K; k++, p += 4) {
        for (let r = 0; r < 4; r++) mem[p + r] = r < rows ? a[(i0 + r) * aRow + k * aCol] : 0;
      }
    }
  }
}

/** Packs columns of B (strided) into panels of 4 columns interleaved by k, zero-padding missing columns. */
function packB(mem: Float64Array, at: number, N: number, K: number, b: Float64Array, bRow: number, bCol: number): void {
  let p = at;
  for (let j0 = 0; j0 < N; j0 += 4) {
    const cols = Math.min(4, N - j0);
    if (cols === 4) {
      let q0 = j0 * bCol;
      for (let k = 0; k < K; k++, p += 4, q0 += bRow) {
        mem[p] = b[q0];
        mem[p + 1] = b[q0 + bCol];
        mem[p + 2] = b[q0 + 2 * bCol];
        mem[p + 3] = b[q0 + 3 * bCol];
      }
    } else {
      for (let k = 0; k < K; k++, p += 4) {
        for (let t = 0; t < 4; t++) mem[p + t] = t < cols ? b[k * bRow + (j0 + t) * bCol] : 0;
      }
    }
  }
}

/**
 * Splits the panel grid into `parts` contiguous ranges along its longer side, as arguments of
 * gemm_chunked (byte offsets).
 */
function splitPanels(parts: number, apB: number, bpB: number, cB: number, mb: number, nb: number, K: number, ldcB: number, chunk: number): ChunkedArgs[] {
  const panelB = K * 32;
  const alongColumns = nb >= mb;
  const total = alongColumns ? nb : mb;
  const out: ChunkedArgs[] = [];
  for (let p = 0; p < parts; p++) {
    const lo = Math.floor((total * p) / parts);
    const hi = Math.floor((total * (p + 1)) / parts);
    if (hi === lo) continue;
    out.push(
      alongColumns
        ? [apB, bpB + lo * panelB, cB + lo * 32, mb, hi - lo, K, ldcB, chunk]
        : [apB + lo * panelB, bpB, cB + lo * 4 * ldcB, hi - lo, nb, K, ldcB, chunk],
    );
  }
  return out;
}

/**
 * C = A B with strided A and B (the stride convention of gemmJs), on the WebAssembly kernel,
 * split over `threads` threads (1: the calling thread only).
 */
export function gemmWasm(
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
  threads = 1,
): void {
  const wasm = wasmEngine();
  if (wasm === null) throw new Error('matmul: the WebAssembly SIMD kernel is not available in this runtime');
  if (M === 0 || N === 0) return;
  const mb = Math.ceil(M / 4);
  const nb = Math.ceil(N / 4);
  const Mp = mb * 4;
  const Np = nb * 4;
  const apOff = 0;
  const bpOff = Mp * K;
  const cOff = bpOff + K * Np;
  const mem = wasm.memoryFor(cOff + Mp * Np);
  packA(mem, apOff, M, K, a, aRow, aCol);
  packB(mem, bpOff, N, K, b, bRow, bCol);
  // One A panel stays in L1 while the kernel sweeps B panels; sweeping them in chunks of about
  // 192 KB keeps those in L2 too (without this, 32x512 by 512x2048 ran at 40% of the speed).
  const chunk = Math.max(1, Math.floor((192 * 1024) / Math.max(1, K * 32)));
  const helpers = threads > 1 ? wasm.helpers(threads) : null;
  const parts = splitPanels(helpers === null ? 1 : threads, apOff * 8, bpOff * 8, cOff * 8, mb, nb, K, Np * 8, chunk);
  if (helpers !== null && parts.length > 1) {
    helpers.run(parts, (args) => wasm.run(args));
    wasm.threadedCalls++;
  } else {
    for (const part of parts) wasm.run(part);
  }
  copyBack(mem, cOff, M, N, Np, c);
}

/** Copies the valid M x N part of the padded C (row length Np) into c. */
function copyBack(mem: Float64Array, cOff: number, M: number, N: number, Np: number, c: Float64Array): void {
  if (N === Np) {
    // No padding columns: one block copy (a memcpy), which matters for tall results like chapter 10's.
    c.set(mem.subarray(cOff, cOff + M * N));
    return;
  }
  // A plain loop rather than subarray views, so a training step allocates nothing here.
  for (let i = 0; i < M; i++) {
    const src = cOff + i * Np;
    const dst = i * N;
    for (let j = 0; j < N; j++) c[dst + j] = mem[src + j];
  }
}
