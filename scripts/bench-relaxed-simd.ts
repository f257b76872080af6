/**
 * Does relaxed-SIMD fused multiply-add pay off for the course's matrix kernel? Builds the kernel
 * of kernels/wasm/gemm.wat twice, as committed (separate f64x2.mul and f64x2.add) and with every
 * multiply-add replaced by f64x2.relaxed_madd, and times the kernel alone on operands already in
 * its memory (no packing, no copying), at the course's sizes and at an L1-resident size that
 * shows the kernel's ceiling per core. It also counts how many elements of a small product round
 * differently, which is why the course does not use FMA by default (kernels/README.md).
 *
 * Node 20 needs the flag: `node --experimental-wasm-relaxed-simd --import tsx scripts/bench-relaxed-simd.ts`
 * (Node 22+ has relaxed SIMD on by default: `npx tsx scripts/bench-relaxed-simd.ts`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { compileWat } from '../kernels/wasm/build';

interface Kernel {
  gemm_chunked(...args: number[]): void;
}

/** The parts of the WebAssembly global used here (the project's lib settings do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => { buffer: ArrayBufferLike };
}

const WASM = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const MULTIPLY_ADD = /\(f64x2\.add \(local\.get (\$c\d\d)\) \(f64x2\.mul \(local\.get \$a\) \(local\.get (\$b\d)\)\)\)/g;

/** [label, m, k, n] */
const SHAPES: [string, number, number, number][] = [
  ['4x64 · 64x16 (in L1: the kernel ceiling)', 4, 64, 16],
  ['100x784 · 784x100', 100, 784, 100],
  ['32x512 · 512x2048', 32, 512, 2048],
  ['80000x9 · 9x16', 80000, 9, 16],
];

function instantiate(bytes: Uint8Array): { kernel: Kernel; heap: Float64Array } {
  const memory = new WASM.Memory({ initial: 4096, maximum: 16384, shared: true });
  const instance = new WASM.Instance(new WASM.Module(bytes), { env: { memory } });
  return { kernel: instance.exports as Kernel, heap: new Float64Array(memory.buffer) };
}

/** GFLOP/s of the kernel alone on packed panels of an m x k by k x n product (best of 15 batches). */
function rate(kernel: Kernel, m: number, k: number, n: number): number {
  const mb = Math.ceil(m / 4);
  const nb = Math.ceil(n / 4);
  const bp = mb * 4 * k * 8;
  const c = bp + nb * 4 * k * 8;
  const chunk = Math.max(1, Math.floor((192 * 1024) / (k * 32)));
  const flop = 2 * mb * 4 * nb * 4 * k;
  const reps = Math.max(1, Math.floor(2e7 / flop));
  let best = Infinity;
  for (let r = 0; r < 15; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) kernel.gemm_chunked(0, bp, c, mb, nb, k, nb * 32, chunk, 0);
    best = Math.min(best, (performance.now() - t0) / reps);
  }
  return flop / best / 1e6;
}

async function main(): Promise<void> {
  const wat = readFileSync(join(__dirname, '..', 'kernels', 'wasm', 'gemm.wat'), 'utf8');
  const fused = wat.replace(MULTIPLY_ADD, '(f64x2.relaxed_madd (local.get $a) (local.get $2) (local.get $1))');
  const plain = instantiate(await compileWat('gemm.wat', wat));
  let relaxed: ReturnType<typeof instantiate>;
  try {
    relaxed = instantiate(await compileWat('gemm-fma.wat', fused, { simd: true, threads: true, relaxed_simd: true }));
  } catch (e) {
    console.error(`relaxed SIMD is not available in this runtime (${(e as Error).message}); on Node 20 run with --experimental-wasm-relaxed-simd`);
    process.exit(1);
  }
  for (const { heap } of [plain, relaxed]) for (let i = 0; i < 8 * 1024 * 1024; i++) heap[i] = Math.sin(i * 1.37) * 3;
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  // Warm both up first: V8 runs new WebAssembly code in its baseline compiler until it tiers up,
  // which would favour whichever module is measured second.
  for (const { kernel } of [plain, relaxed]) for (const [, m, k, n] of SHAPES) rate(kernel, m, k, n);
  console.log('kernel alone, one thread, GFLOP/s (best of 3 alternating rounds) | plain (mul + add) | relaxed fma | fma / plain');
  for (const [label, m, k, n] of SHAPES) {
    let p = 0;
    let f = 0;
    for (let round = 0; round < 3; round++) {
      p = Math.max(p, rate(plain.kernel, m, k, n));
      f = Math.max(f, rate(relaxed.kernel, m, k, n));
    }
    console.log(`${label} | ${p.toFixed(1)} | ${f.toFixed(1)} | ${(f / p).toFixed(2)}x`);
  }
  // Rounding: a 4x64 by 64x4 product on the same inputs.
  const outs = [plain, relaxed].map(({ kernel, heap }) => {
    kernel.gemm_chunked(0, 4 * 64 * 8, 2 * 4 * 64 * 8, 1, 1, 64, 32, 1, 0);
    return heap.slice(2 * 4 * 64, 2 * 4 * 64 + 16);
  });
  const differ = outs[0].filter((x, i) => !Object.is(x, outs[1][i])).length;
  console.log(`elements of a 4x64 · 64x4 product that round differently with fma: ${differ} of 16`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
