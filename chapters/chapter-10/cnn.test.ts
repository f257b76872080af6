import fc from 'fast-check';
import * as kernels from '../../kernels';
import { NDArray, RandomState, matmul, rowsView } from '../../kernels';
import { mnistForBook } from '../../kernels/datasets';
import { assertProperty, expectClose, expectInputsUnchanged, numericGradient, valueArb } from '../../kernels/testing';
import { createWorkspace, hiddenSize, initCnn, mnistGeometry, trainStep, trainStepInPlace, type Cnn, type ConvGeometry } from './cnn';
// Helpers and other tasks' functions come from the reference solution.
import * as cnnReference from '../../solutions/chapter-10/cnn';

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

/** Step sizes a learner would use; never only 1, so a missing or doubled alpha shows. */
const alphaArb = valueArb({ min: 0.05, max: 2 });
/** Batches of 1 to 4 images, so dividing by the wrong batch size (or not at all) shows. */
const batchArb = fc.integer({ min: 1, max: 4 });

/**
 * Per element, (before - after) / alpha must equal the numeric gradient of the mean cross-entropy
 * within 1e-5 relative, plus 1e-8 absolute: the centered difference with h = 1e-6 of a loss of
 * about 1 carries a rounding error of about 1e-16 / 1e-6 = 1e-10 in every entry, and the entries
 * that saturated tanh units make tiny are compared against that floor, not against themselves.
 */
function expectStepPerElement(what: string, step: NDArray, numeric: NDArray, context: string): void {
  for (let i = 0; i < step.size; i++) {
    const diff = Math.abs(step.data[i] - numeric.data[i]);
    if (!(diff <= 1e-5 * Math.abs(numeric.data[i]) + 1e-8)) {
      const [rows, cols] = step.shape;
      throw new Error(
        `${what} at [${Math.floor(i / cols)}, ${i % cols}] of ${rows} x ${cols} (${context}): the step moved it by ` +
          `${step.data[i]} times alpha against the gradient, but the numeric gradient there is ${numeric.data[i]}`,
      );
    }
  }
}

describe('task 10.6 trainStep', () => {
  test('moves the kernels and weights_1_2 by -alpha times the gradient of the mean cross-entropy (mask held fixed)', () => {
    assertProperty(
      fc.property(fc.nat(10000), alphaArb, batchArb, (seed, alpha, batch) => {
        const { net, layer0, target, mask } = problem(seed, batch);
        const before = clone(net);
        expectInputsUnchanged('trainStep', { layer0, target, dropoutMask: mask }, () => trainStep(net, layer0, target, alpha, mask, small));
        const probe = clone(before);
        for (const name of ['kernels', 'weights12'] as const) {
          const numeric = numericGradient(() => referenceLoss(probe, layer0, target, mask, small), probe[name]);
          const step = new NDArray(before[name].data.map((w, i) => (w - net[name].data[i]) / alpha), before[name].shape);
          expectStepPerElement(`task 10.6 trainStep: ${name}`, step, numeric, `alpha ${alpha}, batch ${batch}, seed ${seed}`);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('reports the loss and the right predictions of the forward pass before the update', () => {
    const { net, layer0, target, mask } = problem(11, 8, 3);
    const before = clone(net);
    const result = trainStep(net, layer0, target, 0.5, mask, small);
    expect(result.loss).toBeCloseTo(referenceLoss(before, layer0, target, mask, small), 12);
    const patches = kernels.im2col(new NDArray(layer0.data, [8, 6, 6]), 3, 3);
    const hidden = kernels.tanh(matmul(patches, before.kernels));
    const layer1 = new NDArray(hidden.data.map((v, i) => v * mask.data[i] * 2), [8, hiddenSize(small)]);
    const predicted = kernels.argmax(matmul(layer1, before.weights12), 1);
    const truth = kernels.argmax(target, 1);
    expect(result.correct).toBe(predicted.data.filter((p, r) => p === truth.data[r]).length);
  });

  test('rejects a mask that does not match the hidden layer', () => {
    const { net, layer0, target } = problem(1);
    expect(() => trainStep(net, layer0, target, 0.1, NDArray.zeros([3, 30]), small)).toThrow(
      /trainStep: dropoutMask \[3,30\] does not match the hidden layer \[3,32\]/,
    );
    // The right number of values, but not one row per image.
    expect(() => trainStep(net, layer0, target, 0.1, NDArray.zeros([1, 96]), small)).toThrow(
      /trainStep: dropoutMask \[1,96\] does not match the hidden layer \[3,32\]/,
    );
  });

  test('a few passes over 256 MNIST images beat chance by a wide margin', () => {
    const data = mnistForBook({ trainCount: 256, testCount: 300 });
    const geometry = mnistGeometry();
    const random = new RandomState(1);
    const net = initCnn(random, geometry, 10);
    const batch = 128;
    for (let pass = 0; pass < 4; pass++) {
      for (let i = 0; i < 2; i++) {
        const mask = random.randint(0, 2, [batch, hiddenSize(geometry)]);
        trainStep(net, rowsView(data.images, i * batch, (i + 1) * batch), rowsView(data.labels, i * batch, (i + 1) * batch), 0.2, mask, geometry);
      }
    }
    expect(cnnReference.evaluate(net, data.testImages, data.testLabels, geometry).accuracy).toBeGreaterThan(0.4);
  });
});

/** Counts the Float64Arrays built (every NDArray's storage is one) while `body` runs. */
function countFloat64Arrays(body: () => void): number {
  const original = globalThis.Float64Array;
  let built = 0;
  globalThis.Float64Array = new Proxy(original, {
    construct(target, args, newTarget) {
      built++;
      return Reflect.construct(target, args, newTarget) as object;
    },
  });
  try {
    body();
  } finally {
    globalThis.Float64Array = original;
  }
  return built;
}

describe('task 10.7 trainStepInPlace', () => {
  test('takes the step of trainStep (same weights, loss and count)', () => {
    assertProperty(
      fc.property(fc.nat(10000), alphaArb, batchArb, (seed, alpha, batch) => {
        const { net, layer0, target, mask, work } = problem(seed, batch);
        const reference = clone(net);
        const expected = cnnReference.trainStep(reference, layer0, target, alpha, mask, small);
        const result = expectInputsUnchanged('trainStepInPlace', { layer0, target, dropoutMask: mask }, () =>
          trainStepInPlace(net, layer0, target, alpha, mask, work),
        );
        expect(result.correct).toBe(expected.correct);
        expect(result.loss).toBeCloseTo(expected.loss, 12);
        const context = `alpha ${alpha}, batch ${batch}, seed ${seed}`;
        expectClose(net.kernels, reference.kernels, { rtol: 1e-10, atol: 1e-12, label: `task 10.7: kernels after the step, against trainStep's (${context})` });
        expectClose(net.weights12, reference.weights12, { rtol: 1e-10, atol: 1e-12, label: `task 10.7: weights12 after the step, against trainStep's (${context})` });
      }),
      { numRuns: 100 },
    );
  });

  test("leaves the step's intermediates in the workspace, overwriting what was there", () => {
    const { net, layer0, target, mask, work } = problem(5, 3, 3);
    for (const buffer of [work.patches, work.hidden, work.layer1, work.layer2, work.layer2Delta, work.layer1Delta, work.gradient12, work.kernelGradient]) {
      buffer.data.fill(123);
    }
    const before = clone(net);
    trainStepInPlace(net, layer0, target, 0.3, mask, work);
    const patches = kernels.im2col(new NDArray(layer0.data, [3, 6, 6]), 3, 3);
    const hidden = kernels.tanh(matmul(patches, before.kernels));
    const layer1 = new NDArray(hidden.data.map((v, i) => v * mask.data[i] * 2), [3, hiddenSize(small)]);
    const layer2 = kernels.softmax(matmul(layer1, before.weights12));
    const close = (actual: NDArray, expected: NDArray, what: string) => {
      const worst = Math.max(...actual.data.map((v, i) => Math.abs(v - expected.data[i])));
      if (!(worst < 1e-12)) throw new Error(`task 10.7 trainStepInPlace: work.${what} is off by ${worst} after the step`);
    };
    close(work.patches, patches, 'patches');
    close(new NDArray(work.hidden.data, hidden.shape), new NDArray(hidden.data, hidden.shape), 'hidden');
    close(work.layer1, layer1, 'layer1');
    close(work.layer2, layer2, 'layer2 (the softmax)');
    close(work.layer2Delta, new NDArray(layer2.data.map((p, i) => (p - target.data[i]) / 3), layer2.shape), 'layer2Delta');
  });

  test('allocates no array storage once the workspace exists', () => {
    const { net, layer0, target, mask, work } = problem(3, 3, 3);
    trainStepInPlace(net, layer0, target, 0.1, mask, work);
    const built = countFloat64Arrays(() => trainStepInPlace(net, layer0, target, 0.1, mask, work));
    if (built !== 0) {
      throw new Error(`task 10.7 trainStepInPlace: one step built ${built} new Float64Array(s); write into the workspace with the ops' out arguments instead`);
    }
  });

  test('a probability of exactly 0 on a wrong class adds nothing to the loss (no 0 * log 0)', () => {
    const { net, target, work } = problem(2, 3, 3);
    // Every hidden unit near 1 and weights12 rows of (10, -10, 0) give the classes scores near
    // 640, -640 and 0: the second class's softmax is e^-1280, exactly 0, the third's about 1e-278.
    net.kernels.data.fill(5);
    for (let j = 0; j < hiddenSize(small); j++) net.weights12.data.set([10, -10, 0], j * 3);
    const layer0 = NDArray.zeros([3, small.imageRows * small.imageCols]);
    layer0.data.fill(0.5);
    target.data.fill(0);
    for (let r = 0; r < 3; r++) target.data[r * 3] = 1;
    const mask = NDArray.zeros([3, hiddenSize(small)]);
    mask.data.fill(1);
    const expected = referenceLoss(net, layer0, target, mask, small);
    const result = trainStepInPlace(net, layer0, target, 0.1, mask, work);
    expect(work.layer2.data.filter((p) => p === 0)).toHaveLength(3);
    expect(result.loss).toBeCloseTo(expected, 12);
  });

  test('rejects a batch that does not match the workspace', () => {
    const { net, layer0, target, mask } = problem(1);
    expect(() => trainStepInPlace(net, layer0, target, 0.1, mask, createWorkspace(5, small, 3))).toThrow(
      /trainStepInPlace: 3 images do not match a workspace for 5/,
    );
  });
});
