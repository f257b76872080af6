/**
 * Chapter 4's experiments, in the book's order: measure an error, learn by hot and cold, learn
 * by gradient descent, break it with a big input, and fix it with alpha.
 *
 * Run it with `npm run chapter -- 04`. The lines it prints are the book's logs, digit for digit
 * (Python 2 printed floats with 12 significant digits and a `.0` on whole numbers, hence `py2float`).
 */
import { py2float as py } from '../../kernels/format';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { numericalDerivative } from './derivative';
import { squaredError } from './error';
import { gdStep, gdTrain, convergenceFactor, diverges, type GradientStep } from './gradient-descent';
import { hotColdStep, hotColdTrain } from './hot-cold';

/** The book's print line, `Error:... Prediction:...`. */
function errorLine(record: { error: number; prediction: number }): string {
  return `Error:${py(record.error)} Prediction:${py(record.prediction)}`;
}

function logRun(context: ProgramContext, series: string, history: readonly GradientStep[]): void {
  history.forEach((step, iteration) => {
    context.log(errorLine(step));
    context.record(series, iteration, step.error);
  });
}

export function run(context: ProgramContext): void {
  context.log('# Measuring error: weight 0.5, input 0.5, goal 0.8');
  context.log(py(squaredError(0.5 * 0.5, 0.8)));

  context.log('');
  context.log('# Hot and cold, one step: weight 0.1, input 8.5, goal 1, step 0.01');
  const upError = squaredError(8.5 * (0.1 + 0.01), 1);
  const downError = squaredError(8.5 * (0.1 - 0.01), 1);
  context.log(`error ${py(squaredError(8.5 * 0.1, 1))} up ${py(upError)} down ${py(downError)}`);
  context.log(`new weight ${py(hotColdStep(0.1, 8.5, 1, 0.01))}`);

  context.log('');
  context.log('# Hot and cold learning: weight 0.5, input 0.5, goal 0.8, step 0.001, 1101 iterations');
  const hotCold = hotColdTrain({ weight: 0.5, input: 0.5, goalPred: 0.8, stepAmount: 0.001, iterations: 1101 });
  hotCold.forEach((record, iteration) => context.record('hot-cold-error', iteration, record.error));
  const shown = 3;
  hotCold.slice(0, shown).forEach((record) => context.log(errorLine(record)));
  context.log(`... (${hotCold.length - 2 * shown} lines)`);
  hotCold.slice(-shown).forEach((record) => context.log(errorLine(record)));

  context.log('');
  context.log('# Hot and cold with step 10: it never gets close');
  hotColdTrain({ weight: 0.5, input: 0.5, goalPred: 0.8, stepAmount: 10, iterations: 4 }).forEach((record) =>
    context.log(errorLine(record)),
  );

  context.log('');
  context.log('# Gradient descent: weight 0.5, input 0.5, goal 0.8, 20 iterations');
  logRun(context, 'gradient-descent-error', gdTrain({ weight: 0.5, input: 0.5, goalPred: 0.8, iterations: 20 }));

  context.log('');
  context.log('# One step of gradient descent: weight 0.1, input 8.5, goal 1, alpha 0.01');
  const one = gdStep(0.1, 8.5, 1, 0.01);
  context.log(
    `prediction ${py(one.prediction)} error ${py(one.error)} delta ${py(one.delta)} ` +
      `weight delta ${py(one.weightDelta)} new weight ${py(one.newWeight)}`,
  );

  context.log('');
  context.log('# Watching several steps: weight 0, input 1.1, goal 0.8');
  for (const step of gdTrain({ weight: 0, input: 1.1, goalPred: 0.8, iterations: 4 })) {
    context.log(
      `Weight:${py(step.weight)} Error:${py(step.error)} Prediction:${py(step.prediction)} ` +
        `Delta:${py(step.delta)} Weight Delta:${py(step.weightDelta)}`,
    );
  }

  context.log('');
  context.log('# Gradient check at weight 0.5, input 0.5, goal 0.8');
  const check = gdStep(0.5, 0.5, 0.8);
  const slope = numericalDerivative((weight) => squaredError(0.5 * weight, 0.8), 0.5);
  context.log(`2 * weight delta ${py(2 * check.weightDelta)} numerical derivative ${py(slope)}`);

  context.log('');
  context.log('# Breaking gradient descent: input 2, alpha 1');
  context.log(`factor ${py(convergenceFactor(2, 1))} diverges ${String(diverges(2, 1))}`);
  logRun(context, 'divergence-error', gdTrain({ weight: 0.5, input: 2, goalPred: 0.8, iterations: 20 }));

  context.log('');
  context.log('# Alpha fixes it: input 2, alpha 0.1');
  context.log(`factor ${py(convergenceFactor(2, 0.1))} diverges ${String(diverges(2, 0.1))}`);
  logRun(context, 'alpha-error', gdTrain({ weight: 0.5, input: 2, goalPred: 0.8, alpha: 0.1, iterations: 20 }));
}

runIfMain(module, run);
