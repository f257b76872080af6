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
import type { GemmKernel } from './gemm-js';
import { packPanels, packedSize } from './gemm-pack';
import { GemmWorkers, type ChunkedArgs } from './gemm-threads';
import { MAX_PAGES, WasmArena, type WasmMemory } from './wasm-arena';

/** The parts of the WebAssembly global this file uses (the project's lib settings do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}

interface GemmExports {
  gemm_chunked(...args: ChunkedArgs): void;
}

/** One instance of the module, its shared memory, and (once a product needs them) its helper threads. */
class WasmGemm {
  readonly arena: WasmArena;
  private workers: GemmWorkers | null | undefined;
  /** The per-call block: packed operands and the padded result, reused by every product. */
  private scratch = { start: 0, doubles: 0 };
  /** Products that ran on more than one thread (read by the tests, so a threading test cannot pass vacuously). */
  threadedCalls = 0;
  /** Pieces of threaded products that helper threads ran (0 would mean the helpers never work). */
  helperPieces = 0;

  constructor(
    private readonly module: object,
    private readonly memory: WasmMemory,
    private readonly exports: GemmExports,
  ) {
    this.arena = new WasmArena(memory);
  }

  /** The offset (doubles) of a scratch block of at least `doubles`, grown when a product needs more. */
  scratchFor(doubles: number): number {
    if (doubles > this.scratch.doubles) {
      if (this.scratch.doubles > 0) this.arena.release(this.scratch.start, this.scratch.doubles);
      this.scratch = { start: this.arena.alloc(doubles), doubles };
    }
    return this.scratch.start;
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
    // atob rather than Buffer: the site's training demo runs these kernels in a browser worker.
    const module = new api.Module(Uint8Array.from(atob(GEMM_WASM_BASE64), (char) => char.charCodeAt(0)));
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

/** The allocator of the kernel's memory, for resident matrices; null without WebAssembly SIMD. */
export function gemmArena(): WasmArena | null {
  return wasmEngine()?.arena ?? null;
}

/** How many products have run on more than one thread so far (for tests). */
export function threadedGemmCalls(): number {
  return wasmEngine()?.threadedCalls ?? 0;
}

/** Test hook: with helpersOnly, threaded products leave every piece to the helper threads. */
export const threadTest = { helpersOnly: false };

/** How many pieces of threaded products the helper threads have run so far (for tests). */
export function helperGemmPieces(): number {
  return wasmEngine()?.helperPieces ?? 0;
}

/** Stops the helper threads; the next threaded product starts them again (for tests). */
export function stopGemmThreads(): void {
  wasmEngine()?.stopThreads();
}

/**
 * Operands already packed in the kernel's memory (resident matrices): each function returns the
 * offset, in doubles, of the operand's panels, packing them first if they are out of date. They
 * are called before the scratch is laid out, since packing may grow the memory.
 */
export interface PackedOperands {
  a?: () => number;
  b?: () => number;
}

/**
 * Up to this many columns of B, a contiguous A is copied as it is rather than packed: packing
 * costs about as much as 5 multiply-adds per element of A, which is a third of the work at 16
 * columns and nothing at the LSTM's 2048 (measured: 80000x9 by 9x16 spends 0.55 ms of 2.3 packing).
 */
const RAW_A_MAX_COLUMNS = 32;

/**
 * How to cut a threaded product into pieces: along the longer side of the panel grid, in pieces
 * of at most one cache chunk of column panels (so each piece keeps the chunk's B panels in L2, as
 * one thread does), and at least about 4 pieces per thread, so a thread that is not scheduled can
 * have its share taken over by the others.
 */
function piecesOf(mb: number, nb: number, chunk: number, threads: number): { alongColumns: boolean; piece: number } {
  const alongColumns = nb >= mb;
  const total = alongColumns ? nb : mb;
  const even = Math.max(1, Math.ceil(total / (4 * threads)));
  return { alongColumns, piece: alongColumns ? Math.min(chunk, even) : even };
}

/**
 * C = A B with strided A and B (the stride convention of gemmJs), on the WebAssembly kernel,
 * split over `threads` threads (1: the calling thread only).
 */
export const gemmWasm: GemmKernel<[threads?: number, packed?: PackedOperands]> = (M, N, K, a, aRow, aCol, b, bRow, bCol, c, threads = 1, packed = {}) => {
  const wasm = wasmEngine();
  if (wasm === null) throw new Error('matmul: the WebAssembly SIMD kernel is not available in this runtime');
  if (M === 0 || N === 0) return;
  const mb = Math.ceil(M / 4);
  const nb = Math.ceil(N / 4);
  const Np = nb * 4;
  const residentA = packed.a?.();
  const residentB = packed.b?.();
  // Many rows against few columns (chapter 10's 80000x9 by 9x16): the kernel reads a plain
  // row-major A, copied in one block, instead of panels packed element by element.
  const rawA = residentA === undefined && N <= RAW_A_MAX_COLUMNS && aCol === 1 && aRow === K;
  const aDoubles = residentA === undefined ? packedSize(M, K) : 0;
  const bDoubles = residentB === undefined ? packedSize(N, K) : 0;
  const scratch = wasm.scratchFor(aDoubles + bDoubles + mb * 4 * Np);
  const apOff = residentA ?? scratch;
  const bpOff = residentB ?? scratch + aDoubles;
  const cOff = scratch + aDoubles + bDoubles;
  const mem = wasm.arena.heap();
  if (rawA) {
    mem.set(a.subarray(0, M * K), apOff);
    mem.fill(0, apOff + M * K, apOff + aDoubles); // the padding rows of the last block
  } else if (residentA === undefined) packPanels(mem, apOff, M, K, a, aRow, aCol);
  if (residentB === undefined) packPanels(mem, bpOff, N, K, b, bCol, bRow);
  // One A panel stays in L1 while the kernel sweeps B panels; sweeping them in chunks of about
  // 192 KB keeps those in L2 too (without this, 32x512 by 512x2048 ran at 40% of the speed).
  const chunk = Math.max(1, Math.floor((192 * 1024) / Math.max(1, K * 32)));
  const job: ChunkedArgs = [apOff * 8, bpOff * 8, cOff * 8, mb, nb, K, Np * 8, chunk, rawA ? 1 : 0];
  const helpers = threads > 1 && Math.max(mb, nb) > 1 ? wasm.helpers(threads) : null;
  if (helpers !== null) {
    const { alongColumns, piece } = piecesOf(mb, nb, chunk, threads);
    helpers.run(job, alongColumns, piece, threads - 1, (args) => wasm.run(args), threadTest.helpersOnly);
    wasm.threadedCalls++;
    wasm.helperPieces += helpers.lastHelperPieces;
  } else {
    wasm.run(job);
  }
  copyBack(mem, cOff, M, N, Np, c);
};

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
