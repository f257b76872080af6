/**
 * The WebAssembly SIMD matrix product (kernels/wasm/gemm.wat): A and B are packed into panels of
 * 4 rows / 4 columns in the module's memory, zero-padded to multiples of 4, multiplied with a
 * 4x4 f64x2 register block, and the valid part of C is copied back. Packing reads A and B through
 * strides, so the transposed variants cost nothing extra. Results are bit-identical to gemmJs.
 */
import { GEMM_WASM_BASE64 } from '../wasm/gemm-bytes';

/** The parts of the WebAssembly global this file uses (the project's lib settings do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

interface GemmExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  gemm(ap: number, bp: number, c: number, mb: number, nb: number, k: number, ldc: number): void;
}

let exportsCache: GemmExports | null | undefined;

/** Instantiates the module once; null when this runtime lacks WebAssembly SIMD. */
function instance(): GemmExports | null {
  if (exportsCache !== undefined) return exportsCache;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (api === undefined) throw new Error('no WebAssembly');
    const mod = new api.Module(Buffer.from(GEMM_WASM_BASE64, 'base64'));
    exportsCache = new api.Instance(mod, {}).exports as GemmExports;
  } catch {
    exportsCache = null;
  }
  return exportsCache;
}

/** True when the WebAssembly SIMD kernel can run here (Node 20 has SIMD on by default). */
export function wasmGemmAvailable(): boolean {
  return instance() !== null;
}

let heap = new Float64Array(0);

/** A Float64Array view of the module memory with room for `doubles` values. */
function memoryFor(wasm: GemmExports, doubles: number): Float64Array {
  const bytes = doubles * 8;
  const have = wasm.memory.buffer.byteLength;
  if (bytes > have) wasm.memory.grow(Math.ceil((bytes - have) / 65536));
  if (heap.buffer !== wasm.memory.buffer) heap = new Float64Array(wasm.memory.buffer);
  return heap;
}

/** C = A B with strided A and B (the stride convention of gemmJs), on the WebAssembly kernel. */
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
): void {
  const wasm = instance();
  if (wasm === null) throw new Error('matmul: the WebAssembly SIMD kernel is not available in this runtime');
  if (M === 0 || N === 0) return;
  const mb = Math.ceil(M / 4);
  const nb = Math.ceil(N / 4);
  const Mp = mb * 4;
  const Np = nb * 4;
  const apOff = 0;
  const bpOff = Mp * K;
  const cOff = bpOff + K * Np;
  const mem = memoryFor(wasm, cOff + Mp * Np);

  // Pack A: panel ib holds rows 4ib..4ib+3, interleaved by k; missing rows are zero.
  let p = apOff;
  for (let ib = 0; ib < mb; ib++) {
    const i0 = ib * 4;
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
  // Pack B: panel jb holds columns 4jb..4jb+3, interleaved by k; missing columns are zero.
  p = bpOff;
  for (let jb = 0; jb < nb; jb++) {
    const j0 = jb * 4;
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
  // The kernel keeps one A panel in L1 while it sweeps B panels; sweeping B in chunks of about
  // 192 KB keeps those in L2 too (without this, 32x512 by 512x2048 ran at 40% of the speed).
  const panelBytes = K * 32;
  const chunk = Math.max(1, Math.floor((192 * 1024) / Math.max(1, panelBytes)));
  for (let jb0 = 0; jb0 < nb; jb0 += chunk) {
    const count = Math.min(chunk, nb - jb0);
    wasm.gemm(apOff * 8, (bpOff + jb0 * K * 4) * 8, (cOff + jb0 * 4) * 8, mb, count, K, Np * 8);
  }
  // A plain loop rather than subarray views, so a training step allocates nothing here.
  for (let i = 0; i < M; i++) {
    const src = cOff + i * Np;
    const dst = i * N;
    for (let j = 0; j < N; j++) c[dst + j] = mem[src + j];
  }
}
