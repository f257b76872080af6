/**
 * An ablation for chapter 10's claim: does the convolutional layer beat chapter 9's dense first
 * layer, and when? It trains both corrected networks (chapter 9's 784-100-10 tanh + softmax, and
 * this chapter's 16 kernels of 3 x 3 at all 26 x 26 positions) on the same first N training
 * images, with the programs' batch sizes, step sizes and dropout, and tests both on all 10,000
 * test images once, at the end.
 *
 * Run it with `npx tsx chapters/chapter-10/ablation.ts` (both parts) or with
 * `--part data-1000` / `--part data-5000` for one training-set size, and `--iterations N` for the
 * number of passes (default 50; the chapter programs use 300).
 */
import { RandomState, rowsView } from '../../kernels';
import { mnistForBook } from '../../kernels/datasets';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { evaluate as evaluateDense, initNetwork, trainStep as denseTrainStep } from '../../solutions/chapter-09/network';
import { evaluate, hiddenSize, initCnn, mnistGeometry, trainStep } from './cnn';

/** The training-set sizes compared, as `--part data-<size>`. */
export const parts: Readonly<Record<string, number>> = { 'data-1000': 1000, 'data-5000': 5000 };

/** Passes over the data when `--iterations` is not given. */
export const defaultPasses = 50;

/** One network's result. */
export interface AblationResult {
  readonly parameters: number;
  readonly testAccuracy: number;
  readonly seconds: number;
}

/** Chapter 9's network, corrected (batches of 100, alpha 0.02), on the first `count` images. */
export function trainDense(count: number, passes: number, seed = 1): AblationResult {
  const started = performance.now();
  const data = mnistForBook({ trainCount: count });
  const random = new RandomState(seed);
  const net = initNetwork(random, 784, 100, 10);
  const batch = 100;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i + batch <= count; i += batch) {
      const mask = random.randint(0, 2, [batch, 100]);
      denseTrainStep(net, rowsView(data.images, i, i + batch), rowsView(data.labels, i, i + batch), 0.02, mask);
    }
  }
  const { accuracy } = evaluateDense(net, data.testImages, data.testLabels);
  return { parameters: net.weights01.size + net.weights12.size, testAccuracy: accuracy, seconds: (performance.now() - started) / 1000 };
}

/** Chapter 10's network, corrected (batches of 128, alpha 2 / 128), on the first `count` images. */
export function trainConv(count: number, passes: number, seed = 1): AblationResult {
  const started = performance.now();
  const data = mnistForBook({ trainCount: count });
  const geometry = mnistGeometry();
  const random = new RandomState(seed);
  const net = initCnn(random, geometry, 10);
  const batch = 128;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i + batch <= count; i += batch) {
      const mask = random.randint(0, 2, [batch, hiddenSize(geometry)]);
      trainStep(net, rowsView(data.images, i, i + batch), rowsView(data.labels, i, i + batch), 2 / 128, mask, geometry);
    }
  }
  const { accuracy } = evaluate(net, data.testImages, data.testLabels, geometry);
  return { parameters: net.kernels.size + net.weights12.size, testAccuracy: accuracy, seconds: (performance.now() - started) / 1000 };
}

/** Runs the chosen parts and prints one line per network. */
export function run(context: ProgramContext): void {
  const passes = context.options.iterations ?? defaultPasses;
  const chosen = context.options.part === undefined ? Object.keys(parts) : [context.options.part];
  for (const name of chosen) {
    const count = parts[name];
    if (count === undefined) throw new Error(`ablation: no part "${name}" (parts: ${Object.keys(parts).join(', ')})`);
    for (const [label, train] of [['dense (chapter 9)', trainDense], ['conv (chapter 10)', trainConv]] as const) {
      const result = train(count, passes, context.seed ?? 1);
      context.record(`${name}/${label.split(' ')[0]}-test-accuracy`, passes, result.testAccuracy);
      context.log(
        `${name} ${label}: ${passes} passes, ${result.parameters} weights, test accuracy ${result.testAccuracy} (${result.seconds.toFixed(1)} s)`,
      );
    }
  }
}

runIfMain(module, run);
