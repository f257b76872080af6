/**
 * Chapter 6's experiments: learning one streetlight example (listing 6.2), stochastic gradient
 * descent over all six (listing 6.4), the pressure table, the first deep network's forward pass
 * (listing 6.6), one iteration of backpropagation with the figure's three hidden nodes
 * (listing 6.8), and the full training run of listing 6.9, whose errors match the book's to the
 * last printed digit because the weights come from a NumPy-compatible `np.random.seed(1)`.
 */
import { NDArray, RandomState, array, mul, sliceRows, sub } from '../../kernels';
import { py2str } from '../../kernels/format';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { backward, forward, streetlightsV2, trainDeepNetwork } from './deep-network';
import { START_WEIGHTS, stochasticEpoch, streetlightData, weightPressure } from './streetlights';

function list(x: NDArray): string {
  return `[${Array.from(x.data, py2str).join(', ')}]`;
}

function sign(p: number): string {
  return p > 0 ? '+' : p < 0 ? '-' : '0';
}

/** Runs the chapter's experiments and prints the book-style log. */
export function run(context: ProgramContext): void {
  const { lights, walkVsStop } = streetlightData();

  context.log('# Listing 6.2: learning the first example only');
  let weights = array([...START_WEIGHTS]);
  const first = sliceRows(lights, 0, 1);
  const firstGoal = sliceRows(walkVsStop, 0, 1);
  for (let iteration = 0; iteration < 20; iteration++) {
    const epoch = stochasticEpoch(weights, first, firstGoal, 0.1);
    context.log(`Error:${py2str(epoch.error)} Prediction:${py2str(epoch.predictions[0])}`);
    weights = epoch.weights;
  }

  context.log('# Listing 6.4: stochastic gradient descent over the whole dataset');
  weights = array([...START_WEIGHTS]);
  for (let iteration = 0; iteration < 40; iteration++) {
    const epoch = stochasticEpoch(weights, lights, walkVsStop, 0.1);
    for (const prediction of epoch.predictions) context.log(`Prediction:${py2str(prediction)}`);
    context.log(`Error:${py2str(epoch.error)}`);
    context.log('');
    context.record('streetlights-sgd-error', iteration + 1, epoch.error);
    weights = epoch.weights;
  }
  context.log(`Weights:${list(weights)}`);

  context.log('# Pressure table (left, middle, right) of the six observations');
  weightPressure(lights, walkVsStop).forEach((row, n) => {
    const pattern = Array.from(lights.data.subarray(n * 3, n * 3 + 3)).join(' ');
    context.log(`${pattern} -> ${walkVsStop.data[n]} | ${row.map(sign).join(' ')}`);
  });

  const v2 = streetlightsV2();
  context.log('# Listing 6.6: forward pass of the first deep network (seed 1, hidden_size 4)');
  {
    const random = new RandomState(context.seed ?? 1);
    const weights01 = sub(mul(2, random.random([3, 4])), 1);
    const weights12 = sub(mul(2, random.random([4, 1])), 1);
    const pass = forward(sliceRows(v2.lights, 0, 1), weights01, weights12);
    context.log(`layer_1:${list(pass.layer1)}`);
    context.log(`layer_2:${list(pass.layer2)}`);
  }

  context.log('# Listing 6.8: one iteration of backpropagation (seed 1, hidden_size 3)');
  {
    const random = new RandomState(context.seed ?? 1);
    const weights01 = sub(mul(2, random.random([3, 3])), 1);
    const weights12 = sub(mul(2, random.random([3, 1])), 1);
    const layer0 = sliceRows(v2.lights, 0, 1);
    const goal = sliceRows(v2.walkVsStop, 0, 1);
    const pass = forward(layer0, weights01, weights12);
    const deltas = backward(layer0, pass.layer1, pass.layer2, goal, weights12);
    const error = (pass.layer2.data[0] - goal.data[0]) ** 2;
    context.log(`layer_1:${list(pass.layer1)} layer_2:${list(pass.layer2)} Error:${py2str(error)}`);
    context.log(`layer_1_delta:${list(deltas.layer1Delta)}`);
  }

  context.log('# Listing 6.9: training the deep network (seed 1, hidden_size 4, alpha 0.2)');
  const network = trainDeepNetwork({
    ...v2,
    hiddenSize: 4,
    alpha: 0.2,
    iterations: 60,
    random: new RandomState(context.seed ?? 1),
  });
  network.errors.forEach((error, iteration) => {
    context.record('deep-network-error', iteration + 1, error);
    if (iteration % 10 === 9) context.log(`Error:${py2str(error)}`);
  });
}

runIfMain(module, run);
