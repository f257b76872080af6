/**
 * Chapter 2's two models side by side: the streetlight learned by counting, and the Red Sox
 * prediction learned by turning one knob.
 *
 * Run it with `npm run chapter -- 02`. The book prints no logs in this chapter; these lines show
 * the numbers its figures quote (the middle lamp: go every time; the right lamp: half the time;
 * a 98% prediction for a game that was lost).
 */
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { countingModel, predictCompareLearn, streetlightObservations } from './models';

const lampNames = ['left', 'middle', 'right'];

export function run(context: ProgramContext): void {
  context.log('# Counting (nonparametric): how often did the cars go when each lamp was on?');
  countingModel(streetlightObservations).forEach((rate, lamp) => {
    context.log(`${lampNames[lamp]} lamp: ${rate === null ? 'never on' : `go ${Math.round(rate * 100)}% of the time`}`);
  });
  context.log(`parameters: ${countingModel(streetlightObservations).length} (one per lamp)`);

  context.log('');
  context.log('# One knob (parametric): predict 98% for a game that was lost, then learn');
  let weight = 0.98;
  for (let round = 0; round < 6; round++) {
    const result = predictCompareLearn(weight, 1, 0, 0.2);
    context.log(
      `round ${round + 1}: prediction ${Math.round(result.prediction * 100)}% miss ${Math.round(result.miss * 100)}% ` +
        `knob ${weight.toFixed(2)} -> ${result.newWeight.toFixed(2)}`,
    );
    context.record('knob-miss', round, Math.abs(result.miss));
    weight = result.newWeight;
  }
  context.log('parameters: 1, however many games it sees');
}

runIfMain(module, run);
