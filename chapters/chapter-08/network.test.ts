import fc from 'fast-check';
import { NDArray, RandomState, array, matmul, relu, rowsView } from '../../kernels';
import { mnistForBook } from '../../kernels/datasets';
import { py2str } from '../../kernels/format';
import {
  arrayArb,
  assertProperty,
  expectClose,
  expectInputsUnchanged,
  numericGradient,
  relativeError,
  showValue,
  valueArb,
  type Inputs,
} from '../../kernels/testing';
import { forward as chapter7Forward } from '../../solutions/chapter-07/picture';
import { bookStep } from './book';
import { batchLoss, smallCase, type SmallCase } from './network.fixtures';
import { evaluate, forward, initNetwork, relu2deriv, trainStep, type Network } from './network';
// Other tasks' functions come from the reference solutions: each task's tests judge that task alone.
import * as networkReference from '../../solutions/chapter-08/network';

const copyNet = (c: { weights01: NDArray; weights12: NDArray }): Network => ({
  weights01: c.weights01.clone(),
  weights12: c.weights12.clone(),
});

/** Step sizes a learner would use; never only 1, so a missing or doubled alpha shows. */
const alphaArb = valueArb({ min: 0.05, max: 2 });

/** Batch sizes from a single image up: averaging over the rows, or forgetting to, shows at every size but 1. */
const rowsArb = fc.integer({ min: 1, max: 5 });

/** (after - before) / alpha: the direction a step moved the weights. */
function stepDirection(after: NDArray, before: NDArray, alpha: number): NDArray {
  const d = NDArray.zeros(before.shape);
  for (let i = 0; i < d.size; i++) d.data[i] = (after.data[i] - before.data[i]) / alpha;
  return d;
}

/**
 * Every element of the step is minus the numeric gradient of the loss: relative error at most
 * 1e-6, where differences below 1e-8 (the rounding noise of a centered difference) count as equal.
 */
function expectDownhill(step: NDArray, numeric: NDArray, what: string, alpha: number): void {
  const cols = step.shape[1];
  for (let i = 0; i < step.size; i++) {
    const err = relativeError(step.data[i], -numeric.data[i]);
    if (!(err <= 1e-6) && !(Math.abs(step.data[i] + numeric.data[i]) <= 1e-8)) {
      throw new Error(
        `task 8.4 trainStep with alpha ${alpha}: ${what} at [${Math.floor(i / cols)}, ${i % cols}] moved by ` +
          `${showValue(step.data[i] * alpha)}, but alpha times minus the numeric gradient of the loss there is ` +
          `${showValue(-numeric.data[i] * alpha)}: the step is ${(step.data[i] / -numeric.data[i]).toPrecision(4)} times what it should be`,
      );
    }
  }
}

/** Checks one training step against centered differences of the loss, for both matrices. */
function gradientCheckStep(c: SmallCase, useMask: boolean, alpha: number): void {
  const mask = useMask ? c.mask : undefined;
  const net = copyNet(c);
  const inputs: Inputs = mask ? { layer0: c.layer0, target: c.target, dropoutMask: mask } : { layer0: c.layer0, target: c.target };
  expectInputsUnchanged('trainStep', inputs, () => trainStep(net, c.layer0, c.target, alpha, mask));
  const w01 = c.weights01.clone();
  const w12 = c.weights12.clone();
  const g01 = numericGradient((w) => batchLoss(w, w12, c.layer0, c.target, mask), w01, 1e-6);
  const g12 = numericGradient((w) => batchLoss(w01, w, c.layer0, c.target, mask), w12, 1e-6);
  expectDownhill(stepDirection(net.weights12, c.weights12, alpha), g12, 'weights12', alpha);
  expectDownhill(stepDirection(net.weights01, c.weights01, alpha), g01, 'weights01', alpha);
}

describe('task 8.1 initNetwork', () => {
  test("gives the book's first weights with seed 1", () => {
    const net = initNetwork(new RandomState(1), 784, 40, 10);
    expect(net.weights01.shape).toEqual([784, 40]);
    expect(net.weights12.shape).toEqual([40, 10]);
    // np.random.seed(1); 0.2 * np.random.random((784, 40)) - 0.1, then (40, 10)
    expect(net.weights01.get(0, 0)).toBe(-0.016595599059485197);
    expect(net.weights12.get(0, 0)).toBe(-0.012913804161475667);
  });

  test('draws all of weights01 first, then weights12, each as 0.2 * random - 0.1', () => {
    assertProperty(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), (seed, p, h, l) => {
        const net = initNetwork(new RandomState(seed), p, h, l);
        const rng = new RandomState(seed);
        const u01 = rng.random([p, h]);
        const u12 = rng.random([h, l]);
        expect(Array.from(net.weights01.data)).toEqual(Array.from(u01.data, (u) => 0.2 * u - 0.1));
        expect(Array.from(net.weights12.data)).toEqual(Array.from(u12.data, (u) => 0.2 * u - 0.1));
      }),
      { numRuns: 100 },
    );
  });

  test('every weight is in [-0.1, 0.1)', () => {
    const net = initNetwork(new RandomState(7), 50, 20, 10);
    for (const w of [net.weights01, net.weights12]) for (const v of w.data) expect(v >= -0.1 && v < 0.1).toBe(true);
  });
});

describe('task 8.2 relu2deriv', () => {
  test('is 1 where the output is positive and 0 where the unit was off', () => {
    expect(relu2deriv(array([[0, 0.5, 3, 0]])).toNested()).toEqual([[0, 1, 1, 0]]);
  });

  test("is relu's slope at every input away from 0", () => {
    assertProperty(
      fc.property(arrayArb([3, 4], { min: -5, max: 5 }), (x) => {
        const d = relu2deriv(relu(x));
        expect(d.shape).toEqual(x.shape);
        x.data.forEach((v, i) => expect(d.data[i]).toBe(v > 0 ? 1 : 0));
      }),
      { numRuns: 100 },
    );
  });

  test('returns a new array and leaves the output it was given as it was', () => {
    assertProperty(
      fc.property(arrayArb([2, 5], { min: -3, max: 3 }), (x) => {
        const output = relu(x);
        const d = expectInputsUnchanged('relu2deriv', { output }, () => relu2deriv(output));
        expect(d).not.toBe(output);
      }),
      { numRuns: 50 },
    );
  });
});

describe('task 8.3 forward', () => {
  test("is chapter 7's relu(l0 W0) W1, and returns the hidden layer too", () => {
    assertProperty(
      fc.property(smallCase(3), (c) => {
        const { layer1, layer2 } = forward(c.layer0, c);
        expectClose(layer1, relu(matmul(c.layer0, c.weights01)), { rtol: 1e-12, atol: 1e-12 });
        expectClose(layer2, chapter7Forward(c.layer0, c.weights01, c.weights12), { rtol: 1e-12, atol: 1e-12 });
        expect(layer2.shape).toEqual([3, 3]);
      }),
      { numRuns: 100 },
    );
  });

  test('leaves layer0 and the weights as they were', () => {
    assertProperty(
      fc.property(smallCase(2), (c) => {
        expectInputsUnchanged('forward', { layer0: c.layer0, weights01: c.weights01, weights12: c.weights12 }, () => forward(c.layer0, c));
      }),
      { numRuns: 50 },
    );
  });

  test('rejects an image of the wrong size', () => {
    const net = { weights01: NDArray.zeros([4, 3]), weights12: NDArray.zeros([3, 2]) };
    expect(() => forward(NDArray.zeros([1, 5]), net)).toThrow(/forward: layer0 \[1,5\] has 5 pixels but weights01 \[4,3\] expects 4/);
    // A batch of images that were not flattened: its second side happens to be 4.
    expect(() => forward(NDArray.zeros([1, 4, 2]), net)).toThrow(/forward: layer0 \[1,4,2\] has 2 pixels but weights01 \[4,3\] expects 4/);
  });
});

describe('task 8.4 trainStep', () => {
  test('one image: the step follows minus the gradient of the squared error (gradient check, 6-5-3, random alpha)', () => {
    assertProperty(fc.property(smallCase(1), alphaArb, (c, alpha) => gradientCheckStep(c, false, alpha)), { numRuns: 100 });
  });

  test('a mini-batch of 1 to 5 rows: the step follows minus the gradient of the average error (random alpha)', () => {
    assertProperty(
      fc.property(rowsArb.chain((rows) => smallCase(rows)), alphaArb, (c, alpha) => gradientCheckStep(c, false, alpha)),
      { numRuns: 100 },
    );
  });

  test('with dropout: the gradient of the dropped-out network, with one mask forward and backward (1 to 5 rows, random alpha)', () => {
    assertProperty(
      fc.property(rowsArb.chain((rows) => smallCase(rows)), alphaArb, (c, alpha) => gradientCheckStep(c, true, alpha)),
      { numRuns: 100 },
    );
  });

  test('a step of size alpha moves the weights exactly alpha times as far as a step of size 1 would', () => {
    assertProperty(
      fc.property(smallCase(2), alphaArb, (c, alpha) => {
        const unit = copyNet(c);
        networkReference.trainStep(unit, c.layer0, c.target, 1, c.mask);
        const net = copyNet(c);
        trainStep(net, c.layer0, c.target, alpha, c.mask);
        const scaled = (after: NDArray, before: NDArray) =>
          new NDArray(before.data.map((w, i) => w + alpha * (after.data[i] - w)), [...before.shape]);
        expectClose(net.weights12, scaled(unit.weights12, c.weights12), { rtol: 1e-9, atol: 1e-12, label: `weights12 after a step of alpha ${alpha}` });
        expectClose(net.weights01, scaled(unit.weights01, c.weights01), { rtol: 1e-9, atol: 1e-12, label: `weights01 after a step of alpha ${alpha}` });
      }),
      { numRuns: 100 },
    );
  });

  test('units switched off by dropout, or by relu, keep their incoming weights', () => {
    assertProperty(
      fc.property(smallCase(1), (c) => {
        const net = copyNet(c);
        trainStep(net, c.layer0, c.target, 0.5, c.mask);
        const z = matmul(c.layer0, c.weights01);
        const [pixels, hidden] = c.weights01.shape;
        for (let j = 0; j < hidden; j++) {
          if (c.mask.data[j] !== 0 && z.data[j] > 0) continue;
          for (let p = 0; p < pixels; p++) expect(net.weights01.get(p, j)).toBe(c.weights01.get(p, j));
        }
      }),
      { numRuns: 100 },
    );
  });

  test('a batch of one repeated example moves the weights like that example alone', () => {
    assertProperty(
      fc.property(smallCase(1), (c) => {
        const single = copyNet(c);
        trainStep(single, c.layer0, c.target, 0.1);
        const batch = copyNet(c);
        const rows = (x: NDArray) => new NDArray(Float64Array.from([...x.data, ...x.data, ...x.data]), [3, x.shape[1]]);
        trainStep(batch, rows(c.layer0), rows(c.target), 0.1);
        expectClose(batch.weights01, single.weights01, { rtol: 1e-12, atol: 1e-12 });
        expectClose(batch.weights12, single.weights12, { rtol: 1e-12, atol: 1e-12 });
      }),
      { numRuns: 100 },
    );
  });

  test('returns the layers, the summed squared error and the correct count before the update', () => {
    const net = { weights01: array([[1, 0], [0, 1]]), weights12: array([[1, 0], [0, 1]]) };
    const result = trainStep(net, array([[0.5, 2], [3, 1]]), array([[1, 0], [1, 0]]), 0.01);
    // layer2 equals layer0 here: rows [0.5, 2] (wrong) and [3, 1] (right)
    expectClose(result.layer2, [[0.5, 2], [3, 1]]);
    expect(result.error).toBeCloseTo(0.25 + 4 + 4 + 1, 12);
    expect(result.correct).toBe(1);
  });

  test('rejects a target of the wrong shape', () => {
    const net = networkReference.initNetwork(new RandomState(1), 6, 5, 10);
    expect(() => trainStep(net, NDArray.zeros([1, 6]), NDArray.zeros([1, 9]), 0.1)).toThrow(
      /trainStep: target \[1,9\] does not match the prediction \[1,10\]/,
    );
    // The right labels, but one row fewer than the images: no target row for the last image.
    expect(() => trainStep(net, NDArray.zeros([3, 6]), NDArray.zeros([2, 10]), 0.1)).toThrow(
      /trainStep: target \[2,10\] does not match the prediction \[3,10\]/,
    );
  });
});

describe('task 8.5 evaluate', () => {
  test('averages the summed squared error over the images and counts argmax hits', () => {
    assertProperty(
      fc.property(smallCase(5), (c) => {
        const before = copyNet(c);
        const result = evaluate(c, c.layer0, c.target);
        const l2 = matmul(relu(matmul(c.layer0, c.weights01)), c.weights12);
        let error = 0;
        let correct = 0;
        for (let r = 0; r < 5; r++) {
          const row = Array.from(l2.data.subarray(r * 3, r * 3 + 3));
          const goal = Array.from(c.target.data.subarray(r * 3, r * 3 + 3));
          row.forEach((v, k) => (error += (v - goal[k]) ** 2));
          if (row.indexOf(Math.max(...row)) === goal.indexOf(Math.max(...goal))) correct++;
        }
        expect(result.error).toBeCloseTo(error / 5, 10);
        expect(result.accuracy).toBe(correct / 5);
        expect(c.weights01.data).toEqual(before.weights01.data);
        expect(c.weights12.data).toEqual(before.weights12.data);
        expectInputsUnchanged('evaluate', { images: c.layer0, labels: c.target }, () => evaluate(c, c.layer0, c.target));
      }),
      { numRuns: 100 },
    );
  });

  test("with the book's code, the first pass prints the book's first log line", () => {
    const data = mnistForBook({ trainCount: 1000 });
    const net = networkReference.initNetwork(new RandomState(1), 784, 40, 10);
    let error = 0;
    let correct = 0;
    for (let i = 0; i < 1000; i++) {
      const step = bookStep(net, rowsView(data.images, i, i + 1), rowsView(data.labels, i, i + 1), 0.005);
      error += step.error;
      correct += step.correct;
    }
    const test = evaluate(net, data.testImages, data.testLabels);
    const line = `I:0 Train-Err:${py2str(error / 1000).slice(0, 5)} Train-Acc:${py2str(correct / 1000)} Test-Err:${py2str(test.error).slice(0, 5)} Test-Acc:${py2str(test.accuracy)}`;
    expect(line).toBe('I:0 Train-Err:0.722 Train-Acc:0.537 Test-Err:0.601 Test-Acc:0.6488');
  });

  test('rejects images and labels of different lengths', () => {
    const net = networkReference.initNetwork(new RandomState(1), 6, 5, 3);
    expect(() => evaluate(net, NDArray.zeros([5, 6]), NDArray.zeros([4, 3]))).toThrow(/evaluate: 5 images but 4 labels/);
  });
});
