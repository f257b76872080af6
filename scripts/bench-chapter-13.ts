/**
 * `npx tsx scripts/bench-chapter-13.ts`: what chapter 13's framework costs per training step,
 * against the same step written by hand with kernels (no graph, no closures, no Maps).
 *
 * The work is the book's bAbI step (listing 13.20): batch 100, an embedding of 16 for 83 tokens,
 * an RNNCell with 16 sigmoid units, 5 time steps, the cross-entropy of the last output, one SGD
 * update of all seven parameter tensors. Chapter 12's hand-written RNN is not in the course yet,
 * so the hand-written side is written here, for exactly this model; both sides are first checked
 * to produce the same gradients. Prints one Markdown row; never used by tests.
 */
import os from 'node:os';
import {
  NDArray,
  RandomState,
  add,
  addScaled,
  gatherRows,
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  mul,
  scatterAddRows,
  sigmoid,
  sigmoidDerivFromOutput,
  softmax,
  sum,
  zeros,
} from '../kernels';
import { maxRelativeError } from '../kernels/testing';
import { CrossEntropyLoss, Embedding, RNNCell } from '../solutions/chapter-13/layers';
import { Tensor } from '../solutions/chapter-13/tensor';
import { defineTool } from './lib/cli';

const BATCH = 100;
const VOCAB = 83;
const DIM = 16;
const HIDDEN = 16;
const STEPS = 5;

const rng = new RandomState(0);
const tokens = Array.from({ length: STEPS + 1 }, () => Array.from({ length: BATCH }, () => rng.randint(0, VOCAB)));
const embed = new Embedding(VOCAB, DIM, rng);
const cell = new RNNCell(DIM, HIDDEN, VOCAB, 'sigmoid', rng);
const parameters = [...cell.parameters(), embed.weight];

/** One framework step: forward, backward, and (when alpha > 0) the update. */
function frameworkStep(alpha: number): void {
  let hidden = cell.initHidden(BATCH);
  let output: Tensor | null = null;
  for (let t = 0; t < STEPS; t++) {
    const step = cell.step(embed.forward(tokens[t]), hidden);
    output = step.output;
    hidden = step.hidden;
  }
  new CrossEntropyLoss().forward(output as Tensor, tokens[STEPS]).backward();
  for (const p of parameters) {
    if (alpha > 0 && p.grad) addScaled(p.data, p.grad, -alpha, p.data);
  }
}

/** The same step by hand: forward with stored activations, backpropagation through time, update. */
function handStep(alpha: number): NDArray[] {
  const [wIh, bIh, wHh, bHh, wHo, bHo, table] = parameters.map((p) => p.data);
  const inputs: NDArray[] = [];
  const hiddens: NDArray[] = [zeros([BATCH, HIDDEN])];
  for (let t = 0; t < STEPS; t++) {
    const x = gatherRows(table, tokens[t]);
    inputs.push(x);
    const pre = add(add(matmul(x, wIh), bIh), add(matmul(hiddens[t], wHh), bHh));
    hiddens.push(sigmoid(pre));
  }
  const last = hiddens[STEPS];
  const probabilities = softmax(add(matmul(last, wHo), bHo));
  const dLogits = probabilities;
  for (let i = 0; i < BATCH; i++) dLogits.data[i * VOCAB + tokens[STEPS][i]] -= 1;
  for (let k = 0; k < dLogits.size; k++) dLogits.data[k] /= BATCH;
  const grads = [zeros(wIh.shape), zeros(bIh.shape), zeros(wHh.shape), zeros(bHh.shape), matmulTransposeA(last, dLogits), sum(dLogits, 0), zeros(table.shape)];
  let dHidden = matmulTransposeB(dLogits, wHo);
  for (let t = STEPS - 1; t >= 0; t--) {
    const dPre = mul(dHidden, sigmoidDerivFromOutput(hiddens[t + 1]));
    addScaled(grads[0], matmulTransposeA(inputs[t], dPre), 1, grads[0]);
    addScaled(grads[1], sum(dPre, 0), 1, grads[1]);
    addScaled(grads[2], matmulTransposeA(hiddens[t], dPre), 1, grads[2]);
    addScaled(grads[3], sum(dPre, 0), 1, grads[3]);
    scatterAddRows(grads[6], tokens[t], matmulTransposeB(dPre, wIh));
    dHidden = matmulTransposeB(dPre, wHh);
  }
  if (alpha > 0) parameters.forEach((p, i) => addScaled(p.data, grads[i], -alpha, p.data));
  return grads;
}

/** Fastest of many short batches, in milliseconds per call (the machine is shared). */
function time(run: () => void, budgetMs = 3000): number {
  for (let i = 0; i < 20; i++) run();
  let best = Infinity;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) run();
    best = Math.min(best, (performance.now() - t0) / 10);
  }
  return best;
}

defineTool({
  usage: `usage: npx tsx scripts/bench-chapter-13.ts
  Times one training step of chapter 13's bAbI model, with the framework and by hand.`,
  options: {},
  main() {
    for (const p of parameters) p.grad = null;
    frameworkStep(0);
    const frameworkGrads = parameters.map((p) => p.grad as NDArray);
    const handGrads = handStep(0);
    const error = Math.max(...handGrads.map((g, i) => maxRelativeError(g, frameworkGrads[i])));
    if (!(error < 1e-10)) throw new Error(`bench-chapter-13: the two steps disagree (max relative error ${error})`);
    const alpha = 1e-6;
    const framework = time(() => {
      for (const p of parameters) p.grad = null;
      frameworkStep(alpha);
    });
    const hand = time(() => handStep(alpha));
    const [load] = os.loadavg();
    console.log(`gradients agree to ${error.toExponential(1)} (max relative error)`);
    console.log('| step | framework (chapter 13) | by hand (kernels) | framework / hand |');
    console.log('| --- | --- | --- | --- |');
    console.log(`| bAbI RNNCell, batch 100, 5 steps, 83 tokens, 16 units | ${framework.toFixed(3)} ms | ${hand.toFixed(3)} ms | ${(framework / hand).toFixed(2)}x |`);
    console.log(`(${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}, load average ${load.toFixed(1)})`);
    return 0;
  },
});
