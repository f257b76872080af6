import fc from 'fast-check';
import * as kernels from '../../kernels';
import { NDArray, RandomState, matmul, rowsView } from '../../kernels';
import { mnistForBook } from '../../kernels/datasets';
import { assertProperty, maxRelativeError, numericGradient } from '../../kernels/testing';
import { accuracy, createWorkspace, hiddenSize, initCnn, mnistGeometry, trainStep, type Cnn, type ConvGeometry } from './cnn';

/** A small layer: 6 x 6 images, two 3 x 3 kernels at all 4 x 4 positions. */
const small: ConvGeometry = { imageRows: 6, imageCols: 6, kernelRows: 3, kernelCols: 3, numKernels: 2, positionRows: 4, positionCols: 4 };

/** The mean cross-entropy of the network with a fixed mask, written with kernels' ops only. */
function referenceLoss(net: Cnn, layer0: NDArray, target: NDArray, mask: NDArray, g: ConvGeometry): number {
  const batch = layer0.shape[0];
  const patches = kernels.im2col(new NDArray(layer0.data, [batch, g.imageRows, g.imageCols]), g.kernelRows, g.kernelCols, {
    rows: g.positionRows,
    cols: g.positionCols,
  });
  const hidden = kernels.tanh(matmul(patches, net.kernels));
  const layer1 = new NDArray(hidden.data.map((v, i) => v * mask.data[i] * 2), [batch, hiddenSize(g)]);
  const layer2 = kernels.softmax(matmul(layer1, net.weights12));
  let loss = 0;
  for (let i = 0; i < layer2.size; i++) if (target.data[i] === 1) loss -= Math.log(layer2.data[i]);
  return loss / batch;
}

function problem(seed: number, batch = 3, labels = 3) {
  const random = new RandomState(seed);
  const net = initCnn(random, small, labels);
  // Larger weights than the book's init, so every gradient is well above rounding noise.
  for (let i = 0; i < net.kernels.size; i++) net.kernels.data[i] *= 50;
  for (let i = 0; i < net.weights12.size; i++) net.weights12.data[i] *= 10;
  const layer0 = random.random([batch, small.imageRows * small.imageCols]);
  const target = NDArray.zeros([batch, labels]);
  for (let r = 0; r < batch; r++) target.data[r * labels + random.randint(0, labels)] = 1;
  const mask = random.randint(0, 2, [batch, hiddenSize(small)]);
  return { net, layer0, target, mask, work: createWorkspace(batch, small, labels) };
}

const clone = (net: Cnn): Cnn => ({ kernels: net.kernels.clone(), weights12: net.weights12.clone() });

describe('task 10.6 trainStep', () => {
  test('moves the kernels and weights_1_2 by -alpha times the gradient of the mean cross-entropy (mask held fixed)', () => {
    assertProperty(
      fc.property(fc.nat(10000), fc.double({ min: 0.1, max: 2, noNaN: true }), (seed, alpha) => {
        const { net, layer0, target, mask, work } = problem(seed);
        const before = clone(net);
        trainStep(net, layer0, target, mask, alpha, work);
        const probe = clone(before);
        for (const name of ['kernels', 'weights12'] as const) {
          const numeric = numericGradient(() => referenceLoss(probe, layer0, target, mask, small), probe[name]);
          const step = new NDArray(before[name].data.map((w, i) => (w - net[name].data[i]) / alpha), before[name].shape);
          // Compared against the largest gradient entry: the saturated tanh units make some
          // entries tiny, and there a per-element relative error only measures the finite
          // difference's rounding (over 10,001 seeds the worst normwise error is 3e-9).
          const worstAbs = Math.max(...step.data.map((v, i) => Math.abs(v - numeric.data[i])));
          const scale = Math.max(...numeric.data.map(Math.abs));
          if (!(worstAbs <= 1e-6 * scale)) {
            const error = maxRelativeError(step, numeric);
            throw new Error(
              `task 10.6 trainStep: the step of ${name} is not -alpha * gradient ` +
                `(largest difference ${worstAbs} against a largest gradient entry of ${scale}; ` +
                `worst element relative error ${error}; seed ${seed})`,
            );
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  test('reports the loss and the right predictions of the forward pass before the update', () => {
    const { net, layer0, target, mask, work } = problem(11, 8, 3);
    const before = clone(net);
    const result = trainStep(net, layer0, target, mask, 0.5, work);
    expect(result.loss).toBeCloseTo(referenceLoss(before, layer0, target, mask, small), 12);
    const patches = kernels.im2col(new NDArray(layer0.data, [8, 6, 6]), 3, 3);
    const hidden = kernels.tanh(matmul(patches, before.kernels));
    const layer1 = new NDArray(hidden.data.map((v, i) => v * mask.data[i] * 2), [8, hiddenSize(small)]);
    const predicted = kernels.argmax(matmul(layer1, before.weights12), 1);
    const truth = kernels.argmax(target, 1);
    expect(result.correct).toBe(predicted.data.filter((p, r) => p === truth.data[r]).length);
  });

  test('rejects a batch that does not match the workspace', () => {
    const { net, layer0, target, mask } = problem(1);
    expect(() => trainStep(net, layer0, target, mask, 0.1, createWorkspace(5, small, 3))).toThrow(
      /trainStep: 3 images do not match a workspace for 5/,
    );
  });

  test('a few passes over 256 MNIST images beat chance by a wide margin', () => {
    const data = mnistForBook({ trainCount: 256, testCount: 300 });
    const geometry = mnistGeometry();
    const random = new RandomState(1);
    const net = initCnn(random, geometry, 10);
    const batch = 128;
    const work = createWorkspace(batch, geometry, 10);
    for (let pass = 0; pass < 4; pass++) {
      for (let i = 0; i < 2; i++) {
        const mask = random.randint(0, 2, [batch, hiddenSize(geometry)]);
        trainStep(net, rowsView(data.images, i * batch, (i + 1) * batch), rowsView(data.labels, i * batch, (i + 1) * batch), mask, 0.2, work);
      }
    }
    expect(accuracy(net, data.testImages, data.testLabels, geometry)).toBeGreaterThan(0.4);
  });
});
