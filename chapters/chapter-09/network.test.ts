import fc from 'fast-check';
import * as kernels from '../../kernels';
import { NDArray, RandomState, matmul, rowsView } from '../../kernels';
import { mnistForBook } from '../../kernels/datasets';
import { assertProperty, expectInputsUnchanged, maxRelativeError, numericGradient, valueArb } from '../../kernels/testing';
import { initNetwork, trainStep, type TanhSoftmaxNetwork } from './network';
// Helpers that are not this task's come from the reference solution.
import * as networkReference from '../../solutions/chapter-09/network';

/** The mean cross-entropy of the network with a fixed dropout mask, written with kernels only. */
function referenceLoss(net: TanhSoftmaxNetwork, layer0: NDArray, target: NDArray, mask: NDArray): number {
  const layer1 = kernels.tanh(matmul(layer0, net.weights01));
  for (let i = 0; i < layer1.size; i++) layer1.data[i] *= mask.data[i] * 2;
  const layer2 = kernels.softmax(matmul(layer1, net.weights12));
  let loss = 0;
  for (let i = 0; i < layer2.size; i++) if (target.data[i] === 1) loss -= Math.log(layer2.data[i]);
  return loss / layer0.shape[0];
}

function cloneNet(net: TanhSoftmaxNetwork): TanhSoftmaxNetwork {
  return { weights01: net.weights01.clone(), weights12: net.weights12.clone() };
}

/** A small random problem: `rows` inputs of `pixels` values, one-hot targets, a dropout mask. */
function smallProblem(seed: number, rows = 4, pixels = 6, hidden = 5, labels = 3) {
  const random = new RandomState(seed);
  const net = initNetwork(random, pixels, hidden, labels);
  // Larger weights than the book's init, so that tanh bends and every gradient is far from 0.
  for (const w of [net.weights01, net.weights12]) for (let i = 0; i < w.size; i++) w.data[i] *= 30;
  const layer0 = random.random([rows, pixels]);
  const target = NDArray.zeros([rows, labels]);
  for (let r = 0; r < rows; r++) target.data[r * labels + random.randint(0, labels)] = 1;
  const mask = random.randint(0, 2, [rows, hidden]);
  return { net, layer0, target, mask };
}

describe('task 9.5 trainStep', () => {
  test('moves every weight by -alpha times the gradient of the mean cross-entropy (mask held fixed)', () => {
    assertProperty(
      fc.property(fc.nat(10000), valueArb({ min: 0.05, max: 2 }), fc.integer({ min: 1, max: 6 }), (seed, alpha, rows) => {
        const { net, layer0, target, mask } = smallProblem(seed, rows);
        const before = cloneNet(net);
        expectInputsUnchanged('trainStep', { layer0, target, dropoutMask: mask }, () => trainStep(net, layer0, target, alpha, mask));
        const probe = cloneNet(before);
        for (const name of ['weights01', 'weights12'] as const) {
          const numeric = numericGradient(() => referenceLoss(probe, layer0, target, mask), probe[name]);
          const step = new NDArray(before[name].data.map((w, i) => (w - net[name].data[i]) / alpha), before[name].shape);
          const error = maxRelativeError(step, numeric);
          const worstAbs = Math.max(...step.data.map((v, i) => Math.abs(v - numeric.data[i])));
          if (!(error < 1e-6 || worstAbs < 1e-9)) {
            throw new Error(
              `task 9.5 trainStep: the step of ${name} (alpha ${alpha}, ${rows} rows) is not -alpha * gradient ` +
                `(relative error ${error}): (before - after) / alpha [${Array.from(step.data.subarray(0, 4), (v) => v.toPrecision(6)).join(', ')}, ...], ` +
                `the numeric gradient [${Array.from(numeric.data.subarray(0, 4), (v) => v.toPrecision(6)).join(', ')}, ...]`,
            );
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  test('reports the loss and the right predictions of the forward pass before the update', () => {
    const { net, layer0, target, mask } = smallProblem(7, 12, 6, 5, 3);
    const before = cloneNet(net);
    const result = trainStep(net, layer0, target, 0.5, mask);
    expect(result.loss).toBeCloseTo(referenceLoss(before, layer0, target, mask), 12);
    const layer1 = kernels.tanh(matmul(layer0, before.weights01));
    for (let i = 0; i < layer1.size; i++) layer1.data[i] *= mask.data[i] * 2;
    const predicted = kernels.argmax(matmul(layer1, before.weights12), 1);
    const truth = kernels.argmax(target, 1);
    const correct = predicted.data.filter((p, r) => p === truth.data[r]).length;
    expect(result.correct).toBe(correct);
  });

  test('a small step lowers the loss of the batch', () => {
    assertProperty(
      fc.property(fc.nat(10000), (seed) => {
        const { net, layer0, target, mask } = smallProblem(seed);
        const before = referenceLoss(net, layer0, target, mask);
        trainStep(net, layer0, target, 1e-3, mask);
        expect(referenceLoss(net, layer0, target, mask)).toBeLessThan(before);
      }),
      { numRuns: 100 },
    );
  });

  test('rejects a mask that does not match the hidden layer', () => {
    const { net, layer0, target } = smallProblem(1);
    expect(() => trainStep(net, layer0, target, 0.1, NDArray.zeros([4, 6]))).toThrow(
      /trainStep: dropoutMask \[4,6\] does not match the hidden layer \[4,5\]/,
    );
    // One mask row per image, and a matrix, not the right number of values in another shape.
    expect(() => trainStep(net, layer0, target, 0.1, NDArray.zeros([3, 5]))).toThrow(
      /trainStep: dropoutMask \[3,5\] does not match the hidden layer \[4,5\]/,
    );
    expect(() => trainStep(net, layer0, target, 0.1, NDArray.zeros([20]))).toThrow(
      /trainStep: dropoutMask \[20\] does not match the hidden layer \[4,5\]/,
    );
    // Its first two sizes match, but it holds two values per unit: not a mask of the hidden layer.
    expect(() => trainStep(net, layer0, target, 0.1, NDArray.zeros([4, 5, 2]))).toThrow(
      /trainStep: dropoutMask \[4,5,2\] does not match the hidden layer \[4,5\]/,
    );
  });

  test('a few passes over 400 MNIST images beat chance by a wide margin', () => {
    const data = mnistForBook({ trainCount: 400, testCount: 1000 });
    const random = new RandomState(1);
    const net = initNetwork(random, 784, 100, 10);
    const batch = 100;
    for (let pass = 0; pass < 15; pass++) {
      for (let i = 0; i < 4; i++) {
        const mask = random.randint(0, 2, [batch, 100]);
        trainStep(net, rowsView(data.images, i * batch, (i + 1) * batch), rowsView(data.labels, i * batch, (i + 1) * batch), 0.1, mask);
      }
    }
    expect(networkReference.evaluate(net, data.testImages, data.testLabels).accuracy).toBeGreaterThan(0.6);
  });
});

