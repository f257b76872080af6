/**
 * `npm run bench`: speed of the course's kernels at the sizes the chapters use, against the plain
 * reference implementations, NumPy (numpy.dot, float64, when python3 with NumPy is present) and
 * TensorFlow.js (cpu and wasm backends, float32), measured in one run on this machine. Prints a
 * table and writes it to docs/benchmarks.md.
 *
 * Options: --quick (shorter timings, noisier), --no-write (print only). GDL_THREADS=1 keeps our
 * kernels on one thread (the "default" column then equals the one-thread column).
 * Never used by tests: timings depend on the machine and on whatever else runs on it.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// Gradients are registered separately from the ops in tfjs-core; the LSTM row needs them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import {
  NDArray,
  add,
  gatherRows,
  mul,
  scatterAddRows,
  sigmoid,
  sigmoidDerivFromOutput,
  softmax,
  sum,
  tanh,
  tanhDerivFromOutput,
  zeros,
  im2col,
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  getGemmThreads,
  setGemmBackend,
  setGemmThreads,
  resident,
  ResidentMatrix,
  type GemmBackend,
  type MatrixOperand,
} from '../kernels';
import { im2colReference } from '../kernels/ops/conv';
import {
  matmulReference,
  matmulTransposeAReference,
  matmulTransposeBReference,
} from '../kernels/ops/matmul';
import { maxRelativeError } from '../kernels/testing';
import { benchLstmWindow } from './bench-lstm';
import { parseToolArgs } from './lib/cli';
import { benchPaillier } from './bench-paillier';

const flags = parseToolArgs({
  usage: `usage: npm run bench [-- --quick] [--no-write] [--only TEXT]
  --quick      shorter timings (noisier)
  --no-write   print the table only (do not rewrite docs/benchmarks.md)
  --only TEXT  only the rows whose name contains TEXT (e.g. --only LSTM), printed, never written
  GDL_THREADS=1 keeps the kernels on one thread.`,
  options: {
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
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
  /** Fraction of A's entries that are zero (an MNIST image: about 0.8); default none. */
  zeros?: number;
  /**
   * Operands our kernels get as resident(...) handles, packed once before timing: 'b' a weight
   * (chapter 14), 'both' measures the WebAssembly kernel with nothing to pack (its ceiling).
   */
  resident?: 'b' | 'both';
}

const MATMUL_CASES: MatmulCase[] = [
  { label: '1x784 · 784x40', where: 'ch 6/8 forward, batch 1', variant: 'AB', m: 1, k: 784, n: 40 },
  { label: '1x784 (80% zeros) · 784x40', where: 'ch 6/8 forward, batch 1, an MNIST-like image', variant: 'AB', m: 1, k: 784, n: 40, zeros: 0.8 },
  { label: '1x40 · 40x10', where: 'ch 8 output layer, batch 1', variant: 'AB', m: 1, k: 40, n: 10 },
  { label: '100x784 · 784x100', where: 'ch 8/9 forward, batch 100', variant: 'AB', m: 100, k: 784, n: 100 },
  { label: '(100x784)^T · 100x100', where: 'ch 8/9 weight gradient (A^T B)', variant: 'ATB', m: 784, k: 100, n: 100 },
  { label: '100x100 · (784x100)^T', where: 'ch 8/9 backprop delta (A B^T)', variant: 'ABT', m: 100, k: 100, n: 784 },
  { label: '80000x9 · 9x16', where: 'ch 10: 128 images x 625 patches, 16 kernels', variant: 'AB', m: 128 * 625, k: 9, n: 16 },
  { label: '32x512 · 512x2048', where: 'LSTM gates, batch 32, hidden 512', variant: 'AB', m: 32, k: 512, n: 2048 },
  { label: '16x512 · 512x2048', where: 'ch 14 gates, batch 16, weight re-packed each call', variant: 'AB', m: 16, k: 512, n: 2048 },
  { label: '16x512 · 512x2048, weight resident', where: 'ch 14 gates, batch 16, resident(w)', variant: 'AB', m: 16, k: 512, n: 2048, resident: 'b' },
  { label: '16x2048 · (512x2048)^T, weight resident', where: 'ch 14 backward dh (A B^T), resident(w)', variant: 'ABT', m: 16, k: 2048, n: 512, resident: 'b' },
  { label: '100x784 · 784x100, both resident', where: 'the wasm kernel alone: nothing to pack', variant: 'AB', m: 100, k: 784, n: 100, resident: 'both' },
];

interface Row {
  op: string;
  where: string;
  /** GFLOP/s (or, for im2col, millions of patch values written per second) per implementation. */
  rates: Map<string, number>;
  unit: string;
}

const IMPLS = [
  'plain reference',
  'js blocked',
  'wasm simd, 1 thread',
  'default (auto)',
  'numpy (f64)',
  'tfjs cpu (f32)',
  'tfjs wasm (f32)',
];
/** Thread settings of the default column (GDL_THREADS or the core count), restored after each 1-thread run. */
const DEFAULT_THREADS = getGemmThreads();

/** Our kernels as the columns show them: name, backend, threads. */
const OUR_KERNELS: readonly [string, GemmBackend, number][] = [
  ['js blocked', 'js', 1],
  ['wasm simd, 1 thread', 'wasm', 1],
  ['default (auto)', 'auto', DEFAULT_THREADS.threads],
];

function useKernel(backend: GemmBackend, threads: number): void {
  setGemmBackend(backend);
  setGemmThreads(threads, { minWork: DEFAULT_THREADS.minWork });
}

/**
 * numpy.dot on the same shapes, timed the same way (best of ~1 ms batches) in a python3 child
 * process started by this run. Reads the cases as JSON on stdin, prints GFLOP/s per case.
 */
const NUMPY_SCRIPT = `
import json, sys, time
import numpy as np
cases, budget, batch = json.load(sys.stdin)
out = []
for c in cases:
    m, k, n, v = c["m"], c["k"], c["n"], c["variant"]
    fill = lambda shape, seed: (np.sin(seed * 1000 + np.arange(np.prod(shape)) * 0.7311) * 0.5).reshape(shape)
    a = fill((k, m), 1) if v == "ATB" else fill((m, k), 1)
    b = fill((n, k), 2) if v == "ABT" else fill((k, n), 2)
    run = {"AB": lambda: a.dot(b), "ATB": lambda: a.T.dot(b), "ABT": lambda: a.dot(b.T)}[v]
    for _ in range(3): run()
    t = time.perf_counter(); run(); once = max(1e-7, time.perf_counter() - t)
    calls = max(1, round(batch / once))
    best = float("inf"); start = time.perf_counter(); batches = 0
    while batches < 3 or time.perf_counter() - start < budget:
        t = time.perf_counter()
        for _ in range(calls): run()
        best = min(best, (time.perf_counter() - t) / calls); batches += 1
    out.append(2 * m * k * n / best / 1e9)
print(json.dumps({"rates": out, "numpy": np.__version__}))
`;

/** NumPy's rates for the cases, or the reason there are none. */
function numpyRates(cases: readonly MatmulCase[]): { rates: number[]; version: string } | { missing: string } {
  const input = JSON.stringify([cases.map((c) => ({ m: c.m, k: c.k, n: c.n, variant: c.variant })), BUDGET_MS / 1000, BATCH_MS / 1000]);
  const child = spawnSync('python3', ['-c', NUMPY_SCRIPT], { input, encoding: 'utf8', timeout: 600_000 });
  if (child.error !== undefined || child.status !== 0) {
    return { missing: `python3 with NumPy is not available (${child.error?.message ?? child.stderr.trim().split('\n').pop() ?? 'no output'})` };
  }
  const parsed = JSON.parse(child.stdout) as { rates: number[]; numpy: string };
  return { rates: parsed.rates, version: parsed.numpy };
}

function operands(c: MatmulCase): [NDArray, NDArray] {
  // Shapes as the op receives them: A^T B takes A [k, m]; A B^T takes B [n, k].
  const a = c.variant === 'ATB' ? filled([c.k, c.m], 1) : filled([c.m, c.k], 1);
  const b = c.variant === 'ABT' ? filled([c.n, c.k], 2) : filled([c.k, c.n], 2);
  // Zeros at scattered positions, as the black pixels of an image are to a product.
  if (c.zeros !== undefined) for (let i = 0; i < a.size; i++) if ((i * 0.618034) % 1 < c.zeros) a.data[i] = 0;
  return [a, b];
}

function ours(variant: Variant): (a: MatrixOperand, b: MatrixOperand, out: NDArray) => NDArray {
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
  const ra = c.resident === 'both' ? resident(a) : a;
  const rb = c.resident !== undefined ? resident(b) : b;
  for (const [name, backend, threads] of OUR_KERNELS) {
    useKernel(backend, threads);
    const op = ours(c.variant);
    op(ra, rb, out);
    const err = maxRelativeError(out, expected);
    if (err > 1e-12) throw new Error(`bench: ${name} disagrees with the reference on ${c.label} (relative error ${err})`);
    rates.set(name, gflops(time(() => op(ra, rb, out))));
  }
  for (const h of [ra, rb]) if (h instanceof ResidentMatrix) h.release();
  useKernel('auto', DEFAULT_THREADS.threads);
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
  for (const [name, backend, threads] of OUR_KERNELS) {
    useKernel(backend, threads);
    rates.set(name, gflops(time(() => matmul(im2col(images, 3, 3, { out: patches }), kernels, out))));
  }
  useKernel('auto', DEFAULT_THREADS.threads);
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

/** Chapter 14's model: embedding 512, hidden 512, vocabulary 62, batch 16, windows of 25 steps. */
const LSTM = { vocab: 62, embed: 512, hidden: 512, batch: 16, steps: 25 } as const;
/** The four gates in the order the weights are kept: forget, input, output, candidate. */
const GATES = 4;

interface LstmWeights {
  embed: NDArray;
  wx: NDArray[];
  wh: NDArray[];
  b: NDArray[];
  wo: NDArray;
  bo: NDArray;
}

function lstmWeights(): LstmWeights {
  const small = (shape: number[], seed: number): NDArray => mul(filled(shape, seed), 0.1);
  const { vocab, embed, hidden } = LSTM;
  const gate = (offset: number, shape: number[]): NDArray[] => Array.from({ length: GATES }, (_, q) => small(shape, offset + q));
  return {
    embed: small([vocab, embed], 10),
    wx: gate(20, [embed, hidden]),
    wh: gate(30, [hidden, hidden]),
    b: gate(40, [hidden]),
    wo: small([hidden, vocab], 50),
    bo: small([vocab], 51),
  };
}

/** Token ids of one window: inputs[t][r] and the next-character targets[t][r]. */
function lstmTokens(): { inputs: number[][]; targets: number[][] } {
  const id = (t: number, r: number): number => (t * 7 + r * 13 + ((t * r) % 5)) % LSTM.vocab;
  const inputs = Array.from({ length: LSTM.steps }, (_, t) => Array.from({ length: LSTM.batch }, (_, r) => id(t, r)));
  const targets = Array.from({ length: LSTM.steps }, (_, t) => Array.from({ length: LSTM.batch }, (_, r) => id(t + 1, r)));
  return { inputs, targets };
}

interface StepCache {
  x: NDArray;
  hPrev: NDArray;
  cPrev: NDArray;
  gates: NDArray[];
  tanhC: NDArray;
  h: NDArray;
  probs: NDArray;
}

/**
 * One window forward and backward with our ops, as chapter 14's code does it (summed
 * cross-entropy, gradients for every weight). Returns the loss and the output layer's gradient
 * (to check against TF.js).
 */
function lstmWindowOurs(w: LstmWeights, tokens: { inputs: number[][]; targets: number[][] }): { loss: number; dWo: NDArray } {
  const { batch, hidden, vocab } = LSTM;
  let h = zeros([batch, hidden]);
  let c = zeros([batch, hidden]);
  let loss = 0;
  const cache: StepCache[] = [];
  for (let t = 0; t < LSTM.steps; t++) {
    const x = gatherRows(w.embed, tokens.inputs[t]);
    const z = w.wx.map((wx, q) => add(add(matmul(x, wx), matmul(h, w.wh[q])), w.b[q]));
    const gates = [sigmoid(z[0], z[0]), sigmoid(z[1], z[1]), sigmoid(z[2], z[2]), tanh(z[3], z[3])];
    const cNext = add(mul(gates[0], c), mul(gates[1], gates[3]));
    const tanhC = tanh(cNext);
    const hNext = mul(gates[2], tanhC);
    const probs = softmax(add(matmul(hNext, w.wo), w.bo));
    for (let r = 0; r < batch; r++) loss -= Math.log(probs.data[r * vocab + tokens.targets[t][r]]);
    cache.push({ x, hPrev: h, cPrev: c, gates, tanhC, h: hNext, probs });
    h = hNext;
    c = cNext;
  }
  const dWx = w.wx.map((m) => zeros(m.shape));
  const dWh = w.wh.map((m) => zeros(m.shape));
  const db = w.b.map((m) => zeros(m.shape));
  const dWo = zeros(w.wo.shape);
  const dEmbed = zeros(w.embed.shape);
  let dhNext = zeros([batch, hidden]);
  let dcNext = zeros([batch, hidden]);
  for (let t = LSTM.steps - 1; t >= 0; t--) {
    const { x, hPrev, cPrev, gates, tanhC, probs } = cache[t];
    const [f, i, o, g] = gates;
    const dLogits = probs.clone();
    for (let r = 0; r < batch; r++) dLogits.data[r * vocab + tokens.targets[t][r]] -= 1;
    add(dWo, matmulTransposeA(cache[t].h, dLogits), dWo);
    const dh = add(matmulTransposeB(dLogits, w.wo), dhNext);
    const dc = add(mul(mul(dh, o), tanhDerivFromOutput(tanhC)), dcNext);
    const dz = [
      mul(mul(dc, cPrev), sigmoidDerivFromOutput(f)),
      mul(mul(dc, g), sigmoidDerivFromOutput(i)),
      mul(mul(dh, tanhC), sigmoidDerivFromOutput(o)),
      mul(mul(dc, i), tanhDerivFromOutput(g)),
    ];
    dcNext = mul(dc, f);
    const dx = zeros([batch, LSTM.embed]);
    dhNext = zeros([batch, hidden]);
    for (let q = 0; q < GATES; q++) {
      add(dWx[q], matmulTransposeA(x, dz[q]), dWx[q]);
      add(dWh[q], matmulTransposeA(hPrev, dz[q]), dWh[q]);
      add(db[q], sum(dz[q], 0), db[q]);
      add(dx, matmulTransposeB(dz[q], w.wx[q]), dx);
      add(dhNext, matmulTransposeB(dz[q], w.wh[q]), dhNext);
    }
    scatterAddRows(dEmbed, tokens.inputs[t], dx);
  }
  return { loss, dWo };
}

/** The same window in TF.js: tf.variableGrads over the same cell and loss. */
function lstmWindowTf(
  v: { embed: tf.Variable; wx: tf.Variable[]; wh: tf.Variable[]; b: tf.Variable[]; wo: tf.Variable; bo: tf.Variable },
  inputs: tf.Tensor2D[],
  targets: tf.Tensor2D[],
): { loss: number; dWo: Float32Array } {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      let h: tf.Tensor2D = tf.zeros([LSTM.batch, LSTM.hidden]);
      let c: tf.Tensor2D = tf.zeros([LSTM.batch, LSTM.hidden]);
      let loss: tf.Scalar = tf.scalar(0);
      for (let t = 0; t < LSTM.steps; t++) {
        // One-hot rows times the table: tfjs-backend-wasm has no gradient kernel for gather.
        const x = tf.matMul(inputs[t], v.embed as tf.Tensor2D);
        const z = v.wx.map((wx, q) => tf.add(tf.add(tf.matMul(x, wx as tf.Tensor2D), tf.matMul(h, v.wh[q] as tf.Tensor2D)), v.b[q]) as tf.Tensor2D);
        const [f, i, o, g] = [tf.sigmoid(z[0]), tf.sigmoid(z[1]), tf.sigmoid(z[2]), tf.tanh(z[3])];
        c = tf.add(tf.mul(f, c), tf.mul(i, g));
        h = tf.mul(o, tf.tanh(c));
        const logits = tf.add(tf.matMul(h, v.wo as tf.Tensor2D), v.bo) as tf.Tensor2D;
        loss = tf.sub(loss, tf.sum(tf.mul(targets[t], tf.logSoftmax(logits))));
      }
      return loss;
    });
    const names = Object.keys(grads);
    for (const name of names) grads[name].dataSync();
    return { loss: value.dataSync()[0], dWo: grads[v.wo.name].dataSync() as Float32Array };
  });
}

/** Products of one window: forward 4+4 gate products and the output per step, backward twice that. */
function lstmWindowFlops(): number {
  const { batch, embed, hidden, vocab, steps } = LSTM;
  const forward = GATES * 2 * batch * (embed + hidden) * hidden + 2 * batch * hidden * vocab;
  return 3 * forward * steps;
}

/** Best milliseconds of `runs` calls after one warm-up call, for work of a second or more per call. */
function timeWindows(run: () => void, runs = flags.quick ? 2 : 4): number {
  run();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** One LSTM window, forward and backward: ours (float64) against TF.js tf.variableGrads (float32). */
async function benchLstm(): Promise<Row> {
  const w = lstmWeights();
  const tokens = lstmTokens();
  const gflops = (ms: number): number => lstmWindowFlops() / ms / 1e6;
  const rates = new Map<string, number>();
  const ours = lstmWindowOurs(w, tokens);
  // A window is seconds of work for the slow implementations, so the plain-TypeScript kernel and
  // TF.js's cpu backend are left out and each cell is the best of a few whole windows.
  for (const [name, backend, threads] of OUR_KERNELS.filter(([, backend]) => backend !== 'js')) {
    useKernel(backend, threads);
    rates.set(name, gflops(timeWindows(() => lstmWindowOurs(w, tokens))));
  }
  useKernel('auto', DEFAULT_THREADS.threads);
  for (const backend of ['wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
    const variable = (x: NDArray): tf.Variable => tf.variable(tf.tensor(Float32Array.from(x.data), [...x.shape]));
    const v = { embed: variable(w.embed), wx: w.wx.map(variable), wh: w.wh.map(variable), b: w.b.map(variable), wo: variable(w.wo), bo: variable(w.bo) };
    const inputs = tokens.inputs.map((ids) => tf.cast(tf.oneHot(tf.tensor1d(ids, 'int32'), LSTM.vocab), 'float32') as tf.Tensor2D);
    const targets = tokens.targets.map((ids) => tf.cast(tf.oneHot(tf.tensor1d(ids, 'int32'), LSTM.vocab), 'float32') as tf.Tensor2D);
    const theirs = lstmWindowTf(v, inputs, targets);
    // The same cell: the losses and the output layer's gradients agree to float32 accuracy.
    const lossError = Math.abs(theirs.loss - ours.loss) / Math.abs(ours.loss);
    const gradError = maxRelativeError(new NDArray(Float64Array.from(theirs.dWo), ours.dWo.shape), ours.dWo);
    if (lossError > 1e-4 || gradError > 1e-2) {
      throw new Error(`bench: the TF.js ${backend} LSTM disagrees with ours (loss ${theirs.loss} vs ${ours.loss}, output gradient error ${gradError})`);
    }
    rates.set(`tfjs ${backend} (f32)`, gflops(timeWindows(() => lstmWindowTf(v, inputs, targets))));
    tf.dispose([...Object.values(v).flat(), ...inputs, ...targets]);
  }
  return {
    op: 'LSTM window, forward + backward',
    where: 'ch 14: embedding 512, hidden 512, vocabulary 62, batch 16, 25 steps',
    rates,
    unit: 'GFLOP/s',
  };
}

function fmt(x: number | undefined): string {
  if (x === undefined) return '–';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function ratio(a: number | undefined, b: number | undefined, digits = 1): string {
  return a === undefined || b === undefined ? '–' : `${(a / b).toFixed(digits)}x`;
}

function markdownTable(rows: Row[]): string {
  const head = ['op', 'used in', 'unit', ...IMPLS, 'default / reference', 'default / 1 thread', 'default / numpy', 'default / tfjs wasm'];
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
        ratio(d, r.rates.get('wasm simd, 1 thread')),
        ratio(d, r.rates.get('numpy (f64)'), 2),
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
    `${os.type()} ${os.release()}, Node ${process.version}, our threads ${DEFAULT_THREADS.threads}, load average at start ${loadAverage()}`
  );
}

/** The 1, 5 and 15 minute load averages, as `uptime` prints them. */
function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

const CHAPTER_SECTION = '## Chapter programs';
/** Chapter 15's offline model: its vocabulary of words in at least two SpamAssassin training emails. */
const PAILLIER_MODEL_WEIGHTS = 32_927;

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
  ${BUDGET_MS} ms in all, at least 3 batches), after a warm-up. Higher is better. Matrix products
  count 2·m·k·n floating-point operations; the LSTM row counts the products of one window
  (forward, and the two products per forward product of the backward pass).
- **plain reference**: the textbook triple loop each optimized kernel is checked against.
  **js blocked**: the TypeScript 4x4 register-blocked kernel. **wasm simd, 1 thread**: the
  WebAssembly f64x2 kernel (\`kernels/wasm/gemm.wat\`) on the calling thread only.
  **default (auto)**: what \`matmul\` uses unless told otherwise: WebAssembly for products with at
  least 4 rows, 4 columns and an inner size of 4, split over the threads named above once a
  product has 2^20 multiply-adds (in pieces that every thread claims from a shared counter, so
  a thread the machine does not schedule leaves its pieces to the others); TypeScript below
  that, skipping zeros in batch-1 rows that are at least half zeros. All of ours compute in
  float64 without fused multiply-add and give bit-identical results, whatever the thread count.
- **resident** rows pass the weight as \`resident(w)\` (kernels/ops/resident.ts): it is packed
  into WebAssembly memory once, before timing, as chapter 14's weights are between optimizer
  steps; the row without it re-packs the 8 MB weight on every call. "both resident" leaves the
  kernel nothing to pack: the rate of the WebAssembly kernel itself plus writing the result.
- **numpy (f64)**: \`numpy.dot\` on the same shapes in a python3 child process of the same run,
  timed the same way, with OpenBLAS's own threads: the library the book's readers use.
- **TensorFlow.js computes in float32** (it has no float64), which halves the memory traffic and
  doubles the SIMD width, so its numbers are a generous yardstick rather than the same work.
  Its timings include \`dataSync()\`, as ours include writing the result.
- The ratio columns divide the default kernel's rate by the other's, measured in the same run.
- The machine may be shared: the load average (as \`uptime\` prints it) at the start and end of
  the run is recorded below. On a busy machine the best-of-batches rates still move by tens of
  percent between runs, and a second thread only helps when a core is free, so the
  "default / 1 thread" column is only meaningful on an idle machine.

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
- With K = 9 and 16 columns (the chapter 10 kernel product) there are 16 multiply-adds per element
  of A, so moving A in and the 80000x16 result out costs about as much as the arithmetic; A is
  copied in one block (not packed) and the kernel reads it row-major. The conv row adds the
  im2col copy on top.
- **Relaxed-SIMD FMA** (\`f64x2.relaxed_madd\`) is measured by \`scripts/bench-relaxed-simd.ts\`
  (Node 20: \`node --experimental-wasm-relaxed-simd --import tsx scripts/bench-relaxed-simd.ts\`),
  the kernel alone against itself with FMA. It is not used: on this machine it measured 0.99x to
  1.29x of the plain kernel at the course's sizes, within the noise of a shared machine, while it
  rounds 8 of 16 elements of a 4x64 · 64x4 product differently, which would end the bit-identity
  between backends and the \`--faithful\` runs' book numbers. The plain SIMD kernel is the only one.
- im2col is a copy, so it is measured in millions of patch values written per second; TensorFlow.js
  has no equivalent op in tfjs-core. The conv row compares a whole layer (all 26x26 valid
  positions for both, so both do the same work); the book's 25x25 positions are the im2col row.
- The float32 peers (TensorFlow.js wasm) move half the bytes and do twice the SIMD lanes per
  instruction, which is most of the gap where they lead.

${chapterSection}`;
}

/** `--only TEXT`: the rows whose name contains TEXT (case-insensitive), printed as a table; the page is left alone. */
async function onlyRows(text: string): Promise<void> {
  const wanted = (name: string): boolean => name.toLowerCase().includes(text.toLowerCase());
  const rows: Row[] = [];
  for (const c of MATMUL_CASES.filter((c) => wanted(`matmul ${c.label} ${c.where}`))) rows.push(await benchMatmul(c));
  if (wanted('im2col')) rows.push(benchIm2col());
  if (wanted('conv layer')) rows.push(await benchConv());
  if (wanted('LSTM window, forward + backward')) rows.push(await benchLstm());
  if (wanted('LSTM window 16x25 training step')) rows.push(benchLstmWindow(time));
  if (rows.length === 0) throw new Error(`bench: no row matches --only ${text}`);
  console.log(`\n${markdownTable(rows)}\n\nload average at the end: ${loadAverage()}`);
}

async function main(): Promise<void> {
  const description = machine();
  console.log(`kernels benchmark on ${description}`);
  console.log('tfjs is float32; ours are float64.\n');
  if (flags.only !== undefined) {
    await onlyRows(flags.only);
    return;
  }
  const rows: Row[] = [];
  for (const c of MATMUL_CASES) {
    const row = await benchMatmul(c);
    rows.push(row);
    console.log(`${row.op.padEnd(40)} ${IMPLS.map((i) => `${i} ${fmt(row.rates.get(i))}`).join('  ')}`);
  }
  const numpy = numpyRates(MATMUL_CASES);
  if ('missing' in numpy) console.log(`numpy column skipped: ${numpy.missing}`);
  else MATMUL_CASES.forEach((_, i) => rows[i].rates.set('numpy (f64)', numpy.rates[i]));
  rows.push(benchIm2col());
  const conv = await benchConv();
  rows.push(conv);
  rows.push(await benchLstm());
  // --- Chapter 14: one LSTM training window through the chapter's own code (scripts/bench-lstm.ts) ---
  const lstm = benchLstmWindow(time);
  rows.push(lstm);
  console.log(`${lstm.op}: ${fmt(lstm.rates.get('default (auto)'))} ${lstm.unit}`);
  // --- end of chapter 14 ---
  // Chapter 15's encryption cost: its own section (scripts/bench-paillier.ts).
  const paillier = benchPaillier(BUDGET_MS, PAILLIER_MODEL_WEIGHTS);
  const table = `${markdownTable(rows)}\n\n${paillier}`;
  const loadAtEnd = loadAverage();
  console.log(`\n${table}\n\nload average at the end: ${loadAtEnd}`);
  const numpyNote =
    'missing' in numpy ? `The NumPy column is empty: ${numpy.missing}.` : `NumPy ${numpy.version} (numpy.dot, float64, its own BLAS threads)`;
  if (!flags['no-write']) {
    const path = join(__dirname, '..', 'docs', 'benchmarks.md');
    writeFileSync(path, page(table, `${description}; load average at the end ${loadAtEnd}. ${numpyNote}`, new Date().toISOString().slice(0, 10)));
    console.log('wrote docs/benchmarks.md');
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
