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
import { forgetCheckpoints, openLoop, type Json } from '../../kernels/resumable';
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

/** What an experiment accumulates besides its weights: saved in its checkpoint. */
interface ExperimentState {
  readonly [key: string]: Json;
  /** Validation accuracy at every check. */
  readonly validation: number[];
  /** The iteration and test accuracy of every check. */
  readonly checks: { readonly iteration: number; readonly test: number }[];
}

/**
 * Runs one experiment, prints its log (each line as soon as it is measured) and returns the final
 * test accuracy. Checkpoints as it goes (`chapter-08-<name>`); Ctrl-C stops it after the current
 * pass and `--resume` continues from there.
 */
export async function runExperiment(context: ProgramContext, data: ChapterData, experiment: Experiment): Promise<number> {
  const { name } = experiment;
  const iterations = context.options.iterations ?? experiment.iterations;
  const alpha = context.faithful ? experiment.alpha : (experiment.correctedAlpha ?? experiment.alpha);
  const rng = new RandomState(context.seed ?? 1);
  const net = initNetwork(rng, data.images.shape[1], experiment.hidden, data.labels.shape[1]);
  context.log(`# ${experiment.title}; alpha ${alpha}, ${iterations} iterations${context.faithful ? ' (the book\'s code)' : ''}`);
  let state: ExperimentState = { validation: [], checks: [] };
  const loop = openLoop(context, { name: `chapter-08-${name}`, label: name, iterations, arrays: [net.weights01, net.weights12], randoms: [rng], state: () => state });
  state = loop.restored ?? state;
  const { validation, checks } = state;
  const log = loop.context;
  const started = performance.now();
  const bar = context.progress(name, iterations);
  if (loop.start > 0) bar.update(loop.start);
  try {
    for (let j = loop.start; j < iterations; j++) {
      const train = context.faithful
        ? bookEpoch(net, data, experiment, alpha, rng)
        : trainEpoch(net, data.images, data.labels, alpha, {
            batchSize: experiment.batchSize,
            dropout: experiment.dropout ? rng : undefined,
          });
      log.record(`${name}/train-error`, j, train.error);
      log.record(`${name}/train-accuracy`, j, train.accuracy);
      bar.update(j + 1, { 'train-acc': train.accuracy });
      if (j % 10 === 0 || (experiment.testLast && j === iterations - 1)) {
        const test = evaluate(net, data.testImages, data.testLabels);
        const valid = evaluate(net, data.validationImages, data.validationLabels);
        log.record(`${name}/test-error`, j, test.error);
        log.record(`${name}/test-accuracy`, j, test.accuracy);
        log.record(`${name}/validation-accuracy`, j, valid.accuracy);
        validation.push(valid.accuracy);
        checks.push({ iteration: j, test: test.accuracy });
        const trainText = `Train-Err:${truncated(train.error)} Train-Acc:${py2float(train.accuracy)}`;
        const testText = `Test-Err:${truncated(test.error)} Test-Acc:${py2float(test.accuracy)}`;
        log.log(experiment.testLast ? `I:${j} ${trainText} ${testText}` : `I:${j} ${testText} ${trainText}`);
      }
      await loop.completed(j);
    }
  } finally {
    loop.close();
    bar.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const stop = earlyStopping(validation, PATIENCE);
  const best = checks[stop.best];
  context.log(
    `# early stopping (validation: training images 1000-1999, patience ${PATIENCE} checks): ` +
      `best validation accuracy ${py2float(validation[stop.best])} at I:${best.iteration}, stop at I:${checks[stop.stop].iteration}; ` +
      `test accuracy there ${py2float(best.test)}`,
  );
  context.log(`# ${name}: ${seconds.toFixed(1)} s${loop.start > 0 ? ' since the resume' : ''}`);
  context.log('');
  return checks.length > 0 ? checks[checks.length - 1].test : NaN;
}

/** Runs the three experiments in the book's order (`--iterations N`: N passes each). */
export async function run(context: ProgramContext): Promise<void> {
  // A fresh run must not resume a later experiment from an older run's checkpoint.
  if (!context.options.resume) forgetCheckpoints('chapter-08-', context.faithful);
  const data = loadChapterData();
  for (const experiment of experiments) await runExperiment(context, data, experiment);
}

runIfMain(module, run);
