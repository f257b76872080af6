/**
 * `npm run bench`: speed of the course's kernels at the sizes the chapters use, against the plain
 * reference implementations and TensorFlow.js (cpu and wasm backends, float32), measured in one
 * run on this machine. Prints a table and writes it to docs/benchmarks.md.
 *
 * Options: --quick (shorter timings, noisier), --no-write (print only).
 * Never used by tests: timings depend on the machine and on whatever else runs on it.
 */
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import {
  NDArray,
  im2col,
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  setGemmBackend,
  type GemmBackend,
} from '../kernels';
import { im2colReference } from '../kernels/ops/conv';
import {
  matmulReference,
  matmulTransposeAReference,
  matmulTransposeBReference,
} from '../kernels/ops/matmul';
import { maxRelativeError } from '../kernels/testing';
import { benchLstmWindow } from './bench-lstm';

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, 'no-write': { type: 'boolean', default: false } },
});
/** Total time spent measuring each cell. */
const BUDGET_MS = flags.quick ? 200 : 1000;
/** Calls are timed in short batches of about this length; the fastest batch counts. */
const BATCH_MS = 1;

/**
 * Best milliseconds per call. The machine is shared, so any batch of calls may be slowed by a
 * neighbour taking the core; the fastest of many short batches is the closest to the op's own
 * speed and is much steadier between runs than a mean.
 */
function time(run: () => void): number {
  const t0 = performance.now();
  run();
  run();
  for (let i = 0; i < 20 && performance.now() - t0 < 50; i++) run();
  const t1 = performance.now();
  run();
  const once = Math.max(1e-4, performance.now() - t1);
  const callsPerBatch = Math.max(1, Math.round(BATCH_MS / once));
  let best = Infinity;
  const start = performance.now();
  let batches = 0;
  while (batches < 3 || performance.now() - start < BUDGET_MS) {
    const b0 = performance.now();
    for (let i = 0; i < callsPerBatch; i++) run();
    best = Math.min(best, (performance.now() - b0) / callsPerBatch);
    batches++;
  }
  return best;
}

/** Deterministic pseudo-random values, so every implementation sees the same inputs. */
function filled(shape: number[], seed: number): NDArray {
  const x = NDArray.zeros(shape);
  for (let i = 0; i < x.size; i++) x.data[i] = Math.sin(seed * 1000 + i * 0.7311) * 0.5;
  return x;
}

type Variant = 'AB' | 'ATB' | 'ABT';

interface MatmulCase {
  label: string;
  /** Where the course uses it. */
  where: string;
  variant: Variant;
  /** C is m x n, inner size k. */
  m: number;
  k: number;
  n: number;
}

const MATMUL_CASES: MatmulCase[] = [
  { label: '1x784 · 784x40', where: 'ch 6/8 forward, batch 1', variant: 'AB', m: 1, k: 784, n: 40 },
  { label: '1x40 · 40x10', where: 'ch 8 output layer, batch 1', variant: 'AB', m: 1, k: 40, n: 10 },
  { label: '100x784 · 784x100', where: 'ch 8/9 forward, batch 100', variant: 'AB', m: 100, k: 784, n: 100 },
  { label: '(100x784)^T · 100x100', where: 'ch 8/9 weight gradient (A^T B)', variant: 'ATB', m: 784, k: 100, n: 100 },
  { label: '100x100 · (784x100)^T', where: 'ch 8/9 backprop delta (A B^T)', variant: 'ABT', m: 100, k: 100, n: 784 },
  { label: '80000x9 · 9x16', where: 'ch 10: 128 images x 625 patches, 16 kernels', variant: 'AB', m: 128 * 625, k: 9, n: 16 },
  { label: '32x512 · 512x2048', where: 'LSTM gates, batch 32, hidden 512', variant: 'AB', m: 32, k: 512, n: 2048 },
];

interface Row {
  op: string;
  where: string;
  /** GFLOP/s (or, for im2col, millions of patch values written per second) per implementation. */
  rates: Map<string, number>;
  unit: string;
}

const IMPLS = ['plain reference', 'js blocked', 'wasm simd', 'default (auto)', 'tfjs cpu (f32)', 'tfjs wasm (f32)'];

function operands(c: MatmulCase): [NDArray, NDArray] {
  // Shapes as the op receives them: A^T B takes A [k, m]; A B^T takes B [n, k].
  const a = c.variant === 'ATB' ? filled([c.k, c.m], 1) : filled([c.m, c.k], 1);
  const b = c.variant === 'ABT' ? filled([c.n, c.k], 2) : filled([c.k, c.n], 2);
  return [a, b];
}

function ours(variant: Variant): (a: NDArray, b: NDArray, out: NDArray) => NDArray {
  return variant === 'AB' ? matmul : variant === 'ATB' ? matmulTransposeA : matmulTransposeB;
}

function reference(variant: Variant): (a: NDArray, b: NDArray) => NDArray {
  return variant === 'AB' ? matmulReference : variant === 'ATB' ? matmulTransposeAReference : matmulTransposeBReference;
}

function toTensor(x: NDArray): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(x.data), [x.shape[0], x.shape[1]]);
}

async function benchMatmul(c: MatmulCase): Promise<Row> {
  const [a, b] = operands(c);
  const flops = 2 * c.m * c.k * c.n;
  const rates = new Map<string, number>();
  const gflops = (ms: number): number => flops / ms / 1e6;
  const expected = reference(c.variant)(a, b);
  rates.set('plain reference', gflops(time(() => reference(c.variant)(a, b))));
  const out = NDArray.zeros([c.m, c.n]);
  const backends: [string, GemmBackend][] = [
    ['js blocked', 'js'],
    ['wasm simd', 'wasm'],
    ['default (auto)', 'auto'],
  ];
  for (const [name, backend] of backends) {
    setGemmBackend(backend);
    const op = ours(c.variant);
    op(a, b, out);
    const err = maxRelativeError(out, expected);
    if (err > 1e-12) throw new Error(`bench: ${name} disagrees with the reference on ${c.label} (relative error ${err})`);
    rates.set(name, gflops(time(() => op(a, b, out))));
  }
  setGemmBackend('auto');
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
    const ta = toTensor(a);
    const tb = toTensor(b);
    const run = (): void => {
      const y = tf.matMul(ta, tb, c.variant === 'ATB', c.variant === 'ABT');
      y.dataSync();
      y.dispose();
    };
    rates.set(`tfjs ${backend} (f32)`, gflops(time(run)));
    ta.dispose();
    tb.dispose();
  }
  return { op: `matmul ${c.label}`, where: c.where, rates, unit: 'GFLOP/s' };
}

/** Chapter 10's patch extraction alone: 128 images of 28x28, 3x3 patches at 25x25 positions. */
function benchIm2col(): Row {
  const images = filled([128, 28, 28], 3);
  const values = 128 * 625 * 9;
  const rate = (ms: number): number => values / ms / 1e3;
  const rates = new Map<string, number>();
  rates.set('plain reference', rate(time(() => im2colReference(images, 3, 3, 25, 25))));
  const out = NDArray.zeros([128 * 625, 9]);
  const fast = rate(time(() => im2col(images, 3, 3, { rows: 25, cols: 25, out })));
  rates.set('js blocked', fast);
  rates.set('default (auto)', fast);
  return { op: 'im2col 128x28x28, 3x3, 25x25 positions', where: 'ch 10 flattened_input', rates, unit: 'M values/s' };
}

/** A whole convolution layer: im2col + matmul against TF.js conv2d (26x26 valid positions for both). */
async function benchConv(): Promise<Row> {
  const images = filled([128, 28, 28], 3);
  const kernels = filled([9, 16], 4);
  const flops = 2 * 128 * 676 * 9 * 16;
  const gflops = (ms: number): number => flops / ms / 1e6;
  const rates = new Map<string, number>();
  const patches = NDArray.zeros([128 * 676, 9]);
  const out = NDArray.zeros([128 * 676, 16]);
  rates.set('plain reference', gflops(time(() => matmulReference(im2colReference(images, 3, 3), kernels))));
  for (const [name, backend] of [
    ['js blocked', 'js'],
    ['wasm simd', 'wasm'],
    ['default (auto)', 'auto'],
  ] as [string, GemmBackend][]) {
    setGemmBackend(backend);
    rates.set(name, gflops(time(() => matmul(im2col(images, 3, 3, { out: patches }), kernels, out))));
  }
  setGemmBackend('auto');
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
    const x = tf.tensor4d(Float32Array.from(images.data), [128, 28, 28, 1]);
    const w = tf.tensor4d(Float32Array.from(kernels.data), [3, 3, 1, 16]);
    const run = (): void => {
      const y = tf.conv2d(x, w, 1, 'valid');
      y.dataSync();
      y.dispose();
    };
    rates.set(`tfjs ${backend} (f32)`, gflops(time(run)));
    x.dispose();
    w.dispose();
  }
  return { op: 'conv layer 128x28x28, 16 3x3 kernels', where: 'ch 10 forward (im2col + matmul; tfjs conv2d)', rates, unit: 'GFLOP/s' };
}

function fmt(x: number | undefined): string {
  if (x === undefined) return '–';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined ? '–' : `${(a / b).toFixed(1)}x`;
}

function markdownTable(rows: Row[]): string {
  const head = ['op', 'used in', 'unit', ...IMPLS, 'default / reference', 'default / tfjs cpu', 'default / tfjs wasm'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) {
    const d = r.rates.get('default (auto)');
    lines.push(
      `| ${[
        r.op,
        r.where,
        r.unit,
        ...IMPLS.map((i) => fmt(r.rates.get(i))),
        ratio(d, r.rates.get('plain reference')),
        ratio(d, r.rates.get('tfjs cpu (f32)')),
        ratio(d, r.rates.get('tfjs wasm (f32)')),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  return (
    `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `${os.type()} ${os.release()}, Node ${process.version}, load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`
  );
}

const CHAPTER_SECTION = '## Chapter programs';

function page(table: string, description: string, date: string): string {
  // Keep whatever others wrote under "## Chapter programs" when the page is regenerated.
  const path = join(__dirname, '..', 'docs', 'benchmarks.md');
  let chapterSection =
    `${CHAPTER_SECTION}\n\nWall times of the chapter programs (per epoch, on the machine named with each entry) ` +
    `are added here as the chapters land.\n`;
  if (existsSync(path)) {
    const old = readFileSync(path, 'utf8');
    const at = old.indexOf(CHAPTER_SECTION);
    if (at >= 0) chapterSection = old.slice(at);
  }
  return `# Benchmarks

How fast the course's numeric kernels (\`kernels/\`) are at the sizes the chapters use, next to
the plain reference implementations they are tested against and TensorFlow.js 4.22.0.

## How to read this page

- Each cell is the best rate over short batches of calls (about ${BATCH_MS} ms each, for about
  ${BUDGET_MS} ms in all, at least 3 batches), after a warm-up, on one thread. Higher is better.
  Matrix products count 2·m·k·n floating-point operations.
- **plain reference**: the textbook triple loop each optimized kernel is checked against.
  **js blocked**: the TypeScript 4x4 register-blocked kernel. **wasm simd**: the WebAssembly f64x2
  kernel (\`kernels/wasm/gemm.wat\`). **default (auto)**: what \`matmul\` uses unless told otherwise
  (WebAssembly for products with at least 4 rows, 4 columns and an inner size of 4, TypeScript
  below that).
  All of ours compute in float64 and give bit-identical results.
- **TensorFlow.js computes in float32** (it has no float64), which halves the memory traffic and
  doubles the SIMD width, so its numbers are a generous yardstick rather than the same work.
  Its timings include \`dataSync()\`, as ours include writing the result.
- The ratio columns divide the default kernel's rate by the other's, measured in the same run.
- The machine may be shared (the load average at the start of the run is recorded below):
  absolute numbers move by tens of percent between runs; the ratios are steadier.

Rerun with \`npm run bench\` (about a minute; \`npm run bench -- --quick\` for a rough pass,
\`-- --no-write\` to leave this page alone). The table below is replaced; the chapter section is kept.

## Kernels

Measured ${date} on: ${description}.

${table}

Notes:

- The batch-1 rows (1x784 · 784x40, 1x40 · 40x10) are too small for packing operands into
  WebAssembly memory to pay off, so the default uses the TypeScript kernel there. TensorFlow.js's
  wasm backend wins 1x784 · 784x40 because its weights already live in WebAssembly memory (and
  in float32); at 1x40 · 40x10 its per-op overhead dominates.
- The transposed variants (A^T B, A B^T) read their operands with swapped strides instead of
  building a transpose; the WebAssembly kernel's packing step absorbs the strides, so they run as
  fast as the plain product. TensorFlow.js's wasm backend falls back to a slower path for them.
- With K = 9 (the chapter 10 kernel product) the work per packed value is small, so packing and
  copying the result limit our rate; the conv row adds the im2col copy on top.
- im2col is a copy, so it is measured in millions of patch values written per second; TensorFlow.js
  has no equivalent op in tfjs-core. The conv row compares a whole layer (all 26x26 valid
  positions for both, so both do the same work); the book's 25x25 positions are the im2col row.
- The float32 peers (TensorFlow.js wasm) move half the bytes and do twice the SIMD lanes per
  instruction, which is most of the gap where they lead.

${chapterSection}`;
}

async function main(): Promise<void> {
  const description = machine();
  console.log(`kernels benchmark on ${description}`);
  console.log('tfjs is float32; ours are float64.\n');
  const rows: Row[] = [];
  for (const c of MATMUL_CASES) {
    const row = await benchMatmul(c);
    rows.push(row);
    console.log(`${row.op.padEnd(40)} ${IMPLS.map((i) => `${i} ${fmt(row.rates.get(i))}`).join('  ')}`);
  }
  rows.push(benchIm2col());
  const conv = await benchConv();
  rows.push(conv);
  // --- Chapter 14: one LSTM training window end to end (see scripts/bench-lstm.ts) ---
  const lstm = benchLstmWindow(time);
  rows.push(lstm);
  console.log(`${lstm.op}: ${fmt(lstm.rates.get('default (auto)'))} ${lstm.unit}`);
  // --- end of chapter 14 ---
  const table = markdownTable(rows);
  console.log(`\n${table}\n`);
  if (!flags['no-write']) {
    const path = join(__dirname, '..', 'docs', 'benchmarks.md');
    writeFileSync(path, page(table, description, new Date().toISOString().slice(0, 10)));
    console.log('wrote docs/benchmarks.md');
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
