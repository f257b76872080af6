/**
 * Chapter 13's experiments, in the book's order: the five toy runs of the framework (listings
 * 13.6-13.17), then the RNNCell retrained on bAbI task 1 (listings 13.19-13.21).
 *
 * `--faithful` runs the book's engine: tensor ids drawn from the generator (so the weights are the
 * book's), child counting, and the book's cross-entropy; the four MSE runs and the cross-entropy run
 * then print the book's numbers. The default runs the corrected framework with the same seed and the
 * same step sizes (see the Errata).
 */
import { loadBabiTask1 } from '../../kernels/datasets';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { BABI_SETTINGS, padBabiLines, trainBabiRnn } from './babi';
import { TOY_RUNS } from './toys';

/**
 * A one-element float array as NumPy prints it (`[0.58128304]`): at most 8 decimals, trailing
 * zeros dropped.
 */
export function numpyArray1(value: number): string {
  return `[${value.toFixed(8).replace(/0+$/, '')}]`;
}

/** A float as Python 3 prints it (`repr`): the shortest round-trip digits, `0.0` for zero. */
export function pyFloat(value: number): string {
  const text = String(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/** Runs every experiment of the chapter and prints the book-style log. */
export function run(context: ProgramContext): void {
  for (const toy of TOY_RUNS) {
    const result = toy(context.faithful, context.seed ?? 0);
    context.log(`# ${result.title}`);
    result.losses.forEach((loss, i) => context.record(`${result.key}-loss`, i, loss));
    // The cross-entropy is a NumPy scalar (printed in full); the MSE losses are [1] arrays.
    for (const loss of result.losses) context.log(result.key === 'cross-entropy' ? pyFloat(loss) : numpyArray1(loss));
  }

  const babi = loadBabiTask1();
  context.log(`# RNNCell on ${babi.source}: ${BABI_SETTINGS.iterations} iterations`);
  const data = padBabiLines(babi.text);
  const progress = context.progress('bAbI RNNCell', BABI_SETTINGS.iterations);
  const result = trainBabiRnn(data, {
    faithful: context.faithful,
    seed: context.seed ?? 0,
    onIteration: (i) => {
      if (i % 20 === 0) progress.update(i + 1);
    },
  });
  progress.stop();
  for (const point of result.log) {
    context.record('babi-loss', point.iteration, point.loss);
    context.record('babi-accuracy', point.iteration, point.accuracy);
    context.log(`Loss: ${pyFloat(point.loss)} % Correct: ${pyFloat(point.accuracy)}`);
  }
  context.log(`Context: ${result.context}`);
  context.log(`Pred: ${result.prediction}`);
  context.log(`True: ${result.truth}`);
}

runIfMain(module, run);
