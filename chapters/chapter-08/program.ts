/**
 * Chapter 8's experiments, in the order of the book: the 784-40-10 relu network that overfits the
 * first 1,000 MNIST images (listings 8.2-8.3), the same idea with dropout (listing 8.5a), and
 * dropout with mini-batches of 100 (listing 8.5b). All three run in sequence; each prints the
 * book's log, records its curves for the site, and reports where early stopping on a validation
 * set would have stopped.
 *
 * The default is the corrected code (the exercises). With `--faithful` the steps are the book's
 * own, bugs included (book.ts), and the logs match the book's.
 */
import { mnistForBook } from '../../kernels/datasets';
import { NDArray, RandomState, rowsView, sliceRows } from '../../kernels';
import { py2float } from '../../kernels/format';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { bookStep } from './book';
import { dropoutMask } from './dropout';
import { evaluate, initNetwork, type Network } from './network';
import { earlyStopping, trainEpoch, type EpochResult } from './training';

/** One of the chapter's three experiments. */
export interface Experiment {
  /** Prefix of the recorded series, e.g. `plain/test-accuracy`. */
  readonly name: string;
  readonly title: string;
  readonly hidden: number;
  /** The book's alpha. */
  readonly alpha: number;
  /** The alpha of the corrected run, where it differs (see the Errata). */
  readonly correctedAlpha?: number;
  readonly iterations: number;
  readonly batchSize: number;
  readonly dropout: boolean;
  /** Listing 8.3 also tests after the last iteration; 8.5a and 8.5b only every 10. */
  readonly testLast: boolean;
}

/** The book's three experiments and their hyperparameters. */
export const experiments: readonly Experiment[] = [
  { name: 'plain', title: 'Listings 8.2-8.3: 784-40-10, no regularization', hidden: 40, alpha: 0.005, iterations: 350, batchSize: 1, dropout: false, testLast: true },
  { name: 'dropout', title: 'Listing 8.5a: 784-100-10 with dropout', hidden: 100, alpha: 0.005, iterations: 300, batchSize: 1, dropout: true, testLast: false },
  { name: 'batch', title: 'Listing 8.5b: dropout and mini-batches of 100', hidden: 100, alpha: 0.001, correctedAlpha: 0.1, iterations: 300, batchSize: 100, dropout: true, testLast: false },
];

/** Python's `str(x)[0:5]`, the book's way of printing an error (cut, not rounded). */
export function truncated(value: number): string {
  return py2float(value).slice(0, 5);
}

/** How many checks without a better validation accuracy early stopping waits for. */
export const PATIENCE = 5;

/** The data every experiment uses: the book's slice, plus the next 1,000 training images for validation. */
export interface ChapterData {
  readonly images: NDArray;
  readonly labels: NDArray;
  readonly validationImages: NDArray;
  readonly validationLabels: NDArray;
  readonly testImages: NDArray;
  readonly testLabels: NDArray;
}

export function loadChapterData(): ChapterData {
  const data = mnistForBook({ trainCount: 2000 });
  return {
    images: sliceRows(data.images, 0, 1000),
    labels: sliceRows(data.labels, 0, 1000),
    validationImages: sliceRows(data.images, 1000, 2000),
    validationLabels: sliceRows(data.labels, 1000, 2000),
    testImages: data.testImages,
    testLabels: data.testLabels,
  };
}

/** One pass of the book's own loop (book.ts), with its bugs. */
function bookEpoch(net: Network, data: ChapterData, experiment: Experiment, alpha: number, rng: RandomState): EpochResult {
  const { batchSize } = experiment;
  const batches = Math.floor(data.images.shape[0] / batchSize);
  let error = 0;
  let correct = 0;
  for (let b = 0; b < batches; b++) {
    const start = b * batchSize;
    const layer0 = rowsView(data.images, start, start + batchSize);
    const target = rowsView(data.labels, start, start + batchSize);
    const mask = experiment.dropout ? dropoutMask(rng, [batchSize, experiment.hidden]) : undefined;
    const step = bookStep(net, layer0, target, alpha, mask, batchSize);
    error += step.error;
    correct += step.correct;
  }
  return { error: error / (batches * batchSize), accuracy: correct / (batches * batchSize) };
}

/** Runs one experiment, prints its log and returns the final test accuracy. */
export function runExperiment(context: ProgramContext, data: ChapterData, experiment: Experiment): number {
  const { name, iterations } = experiment;
  const alpha = context.faithful ? experiment.alpha : (experiment.correctedAlpha ?? experiment.alpha);
  const rng = new RandomState(context.seed ?? 1);
  const net = initNetwork(rng, data.images.shape[1], experiment.hidden, data.labels.shape[1]);
  context.log(`# ${experiment.title}; alpha ${alpha}, ${iterations} iterations${context.faithful ? ' (the book\'s code)' : ''}`);
  const validation: number[] = [];
  const checks: { iteration: number; test: number }[] = [];
  let finalTest = NaN;
  const started = performance.now();
  const bar = context.progress(name, iterations);
  for (let j = 0; j < iterations; j++) {
    const train = context.faithful
      ? bookEpoch(net, data, experiment, alpha, rng)
      : trainEpoch(net, data.images, data.labels, alpha, {
          batchSize: experiment.batchSize,
          dropout: experiment.dropout ? rng : undefined,
        });
    context.record(`${name}/train-error`, j, train.error);
    context.record(`${name}/train-accuracy`, j, train.accuracy);
    bar.update(j + 1, { 'train-acc': train.accuracy });
    if (j % 10 !== 0 && !(experiment.testLast && j === iterations - 1)) continue;
    const test = evaluate(net, data.testImages, data.testLabels);
    const valid = evaluate(net, data.validationImages, data.validationLabels);
    context.record(`${name}/test-error`, j, test.error);
    context.record(`${name}/test-accuracy`, j, test.accuracy);
    context.record(`${name}/validation-accuracy`, j, valid.accuracy);
    validation.push(valid.accuracy);
    checks.push({ iteration: j, test: test.accuracy });
    finalTest = test.accuracy;
    const trainText = `Train-Err:${truncated(train.error)} Train-Acc:${py2float(train.accuracy)}`;
    const testText = `Test-Err:${truncated(test.error)} Test-Acc:${py2float(test.accuracy)}`;
    context.log(experiment.testLast ? `I:${j} ${trainText} ${testText}` : `I:${j} ${testText} ${trainText}`);
  }
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  const stop = earlyStopping(validation, PATIENCE);
  const best = checks[stop.best];
  context.log(
    `# early stopping (validation: training images 1000-1999, patience ${PATIENCE} checks): ` +
      `best validation accuracy ${py2float(validation[stop.best])} at I:${best.iteration}, stop at I:${checks[stop.stop].iteration}; ` +
      `test accuracy there ${py2float(best.test)}`,
  );
  context.log(`# ${name}: ${seconds.toFixed(1)} s`);
  context.log('');
  return finalTest;
}

/** Runs the three experiments in the book's order. */
export function run(context: ProgramContext): void {
  const data = loadChapterData();
  for (const experiment of experiments) runExperiment(context, data, experiment);
}

runIfMain(module, run);
