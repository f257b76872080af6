/**
 * Chapter 5's experiments: three steps of multi-input gradient descent (listing 5.3), the same
 * with the first weight frozen (listing 5.4), one multi-output step (listing 5.5), one
 * multi-input multi-output step (listing 5.6), and a single-layer MNIST network whose weights
 * the site draws as 28 x 28 images.
 *
 * Scalars are printed like Python 2's `str(float)` (12 significant digits); lists like Python's
 * `str(list)`, which shows each float's shortest round-trip form.
 */
import { mnistForBook } from '../../kernels/datasets';
import { py2str } from '../../kernels/format';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { mimoStep, multiInputStep, multiOutputStep } from './gradient-descent';
import { trainMnistLayer, weightsToImage } from './mnist';

/** The chapter's game data (chapter 3's numbers, plus whether the game was won). */
export const toes = [8.5, 9.5, 9.9, 9.0];
export const wlrec = [0.65, 0.8, 0.8, 0.9];
export const nfans = [1.2, 1.3, 0.5, 1.0];
export const winOrLoseBinary = [1, 1, 0, 1];

/** Python's `repr(float)`: the shortest round-trip digits, `1.0` for whole numbers, `1e-05` style exponents. */
export function pyRepr(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  const text = String(value);
  const match = /^(-?[\d.]+)e([+-])(\d+)$/.exec(text);
  if (match) return `${match[1]}e${match[2]}${match[3].padStart(2, '0')}`;
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4) {
    const [mantissa, exponent] = value.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return text;
}

/** Python's `str(list)` of floats. */
export function pyList(values: readonly number[]): string {
  return `[${values.map(pyRepr).join(', ')}]`;
}

function multiInputRun(context: ProgramContext, alpha: number, frozen: boolean[]): void {
  let weights = [0.1, 0.2, -0.1];
  const input = [toes[0], wlrec[0], nfans[0]];
  const goal = winOrLoseBinary[0];
  for (let iteration = 0; iteration < 3; iteration++) {
    const step = multiInputStep(weights, input, goal, alpha, frozen);
    context.log(`Iteration:${iteration + 1}`);
    context.log(`Pred:${py2str(step.pred)}`);
    context.log(`Error:${py2str(step.error)}`);
    context.log(`Delta:${py2str(step.delta)}`);
    context.log(`Weights:${pyList(weights)}`);
    context.log('Weight_Deltas:');
    context.log(pyList(step.weightDeltas));
    context.log('');
    weights = step.weights;
  }
}

/** Runs the chapter's experiments and prints the book-style log. */
export function run(context: ProgramContext): void {
  context.log('# Listing 5.3: several inputs, alpha = 0.01');
  multiInputRun(context, 0.01, []);

  context.log('# Listing 5.4: the first weight frozen, alpha = 0.3');
  multiInputRun(context, 0.3, [true, false, false]);

  context.log('# Listing 5.5: one input, three outputs (hurt, win, sad)');
  const hurt = [0.1, 0.0, 0.0, 0.1];
  const win = [1, 1, 0, 1];
  const sad = [0.1, 0.0, 0.1, 0.2];
  const outputWeights = [0.3, 0.2, 0.9];
  const outputInput = 0.65;
  const outputGoal = [hurt[0], win[0], sad[0]];
  if (context.faithful) {
    // The book multiplies the input by the weights instead of by the deltas (see the Errata).
    const weightDeltas = outputWeights.map((w) => outputInput * w);
    context.log(`Weights:${pyList(outputWeights.map((w, k) => w - weightDeltas[k] * 0.1))}`);
    context.log(`Weight Deltas:${pyList(weightDeltas)}`);
  } else {
    const step = multiOutputStep(outputWeights, outputInput, outputGoal, 0.1);
    context.log(`Weights:${pyList(step.weights)}`);
    context.log(`Weight Deltas:${pyList(step.weightDeltas)}`);
  }
  context.log('');

  context.log('# Listing 5.6: three inputs, three outputs, alpha = 0.01');
  const mimo = mimoStep(
    [
      [0.1, 0.1, -0.3],
      [0.1, 0.2, 0.0],
      [0.0, 1.3, 0.1],
    ],
    [toes[0], wlrec[0], nfans[0]],
    [0.1, 1, 0.1],
    0.01,
  );
  context.log(`Pred:${pyList(mimo.pred)}`);
  context.log(`Error:${pyList(mimo.error)}`);
  context.log(`Delta:${pyList(mimo.delta)}`);
  context.log('Weight_Deltas:');
  for (const row of mimo.weightDeltas) context.log(pyList(row));
  context.log('Weights:');
  for (const row of mimo.weights) context.log(pyList(row));
  context.log('');

  context.log('# MNIST: 784 pixels -> 10 digits, one layer, the first 1000 training images');
  const data = mnistForBook({ trainCount: 1000, testCount: 0 });
  const iterations = 5;
  const layer = trainMnistLayer(data.images, data.labels, 0.003, iterations);
  layer.errors.forEach((error, i) => {
    context.log(`Iteration:${i + 1} Error:${py2str(error / 1000)} Correct:${py2str(layer.accuracies[i])}`);
    context.record('mnist-error', i + 1, error / 1000);
    context.record('mnist-accuracy', i + 1, layer.accuracies[i]);
  });
  for (const digit of [1, 2]) {
    const image = weightsToImage(layer.weights, digit);
    const values = image.flat();
    context.log(
      `Weights into output ${digit}: min ${py2str(Math.min(...values))} max ${py2str(Math.max(...values))}`,
    );
  }
}

runIfMain(module, run);
