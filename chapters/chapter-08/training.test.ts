import fc from 'fast-check';
import { assertProperty, expectInputsUnchanged, valueArb } from '../../kernels/testing';
import { NDArray, RandomState, rowsView, sliceRows } from '../../kernels';
import { mnistForBook } from '../../kernels/datasets';
import type { Network } from './network';
import { earlyStopping, trainEpoch } from './training';
// Other tasks' functions come from the reference solutions: each task's tests judge that task alone.
import * as dropoutReference from '../../solutions/chapter-08/dropout';
import * as networkReference from '../../solutions/chapter-08/network';

// trainEpoch calls trainStep (8.4) and dropoutMask (8.6); here it gets the reference ones, so a
// mistake in 8.4 or 8.6 fails that exercise, not 8.8 as well.
jest.mock('./network', () => jest.requireActual('../../solutions/chapter-08/network'));
jest.mock('./dropout', () => jest.requireActual('../../solutions/chapter-08/dropout'));

const copyNet = (net: Network): Network => ({ weights01: net.weights01.clone(), weights12: net.weights12.clone() });

/** 250 MNIST training images for training, and the next 250 to test on: enough to beat chance by far. */
const data = mnistForBook({ trainCount: 500, testCount: 0 });
const images = sliceRows(data.images, 0, 250);
const labels = sliceRows(data.labels, 0, 250);
const heldOutImages = sliceRows(data.images, 250, 500);
const heldOutLabels = sliceRows(data.labels, 250, 500);

describe('task 8.8 trainEpoch', () => {
  test('a few seeded passes over 250 images classify 250 unseen ones far better than chance', () => {
    const net = networkReference.initNetwork(new RandomState(1), 784, 40, 10);
    const first = trainEpoch(net, images, labels, 0.005);
    let last = first;
    for (let j = 1; j < 6; j++) last = trainEpoch(net, images, labels, 0.005);
    expect(last.error).toBeLessThan(first.error);
    expect(last.accuracy).toBeGreaterThan(first.accuracy);
    expect(networkReference.evaluate(net, heldOutImages, heldOutLabels).accuracy).toBeGreaterThan(0.6);
  });

  test('with batch size 1 it is trainStep on every image in order', () => {
    const net = networkReference.initNetwork(new RandomState(2), 784, 20, 10);
    const reference = copyNet(net);
    const result = trainEpoch(net, sliceRows(images, 0, 30), sliceRows(labels, 0, 30), 0.01);
    let error = 0;
    let correct = 0;
    for (let i = 0; i < 30; i++) {
      const step = networkReference.trainStep(reference, rowsView(images, i, i + 1), rowsView(labels, i, i + 1), 0.01);
      error += step.error;
      correct += step.correct;
    }
    expect(Array.from(net.weights01.data)).toEqual(Array.from(reference.weights01.data));
    expect(Array.from(net.weights12.data)).toEqual(Array.from(reference.weights12.data));
    expect(result.error).toBeCloseTo(error / 30, 12);
    expect(result.accuracy).toBe(correct / 30);
  });

  test('without dropout, every batch size steps like trainStep on consecutive rows, and the error is per image', () => {
    assertProperty(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1000 }), valueArb({ min: 0.01, max: 0.2 }), (batchSize, seed, alpha) => {
        const count = 19;
        const inputs = new RandomState(seed).random([count, 7]);
        const targets = NDArray.zeros([count, 3]);
        for (let i = 0; i < count; i++) targets.data[i * 3 + (i % 3)] = 1;
        const net = networkReference.initNetwork(new RandomState(seed), 7, 5, 3);
        const reference = copyNet(net);
        const result = trainEpoch(net, inputs, targets, alpha, { batchSize });
        const batches = Math.floor(count / batchSize);
        let error = 0;
        for (let b = 0; b < batches; b++) {
          const rows = [b * batchSize, (b + 1) * batchSize] as const;
          error += networkReference.trainStep(reference, rowsView(inputs, ...rows), rowsView(targets, ...rows), alpha).error;
        }
        expect(Array.from(net.weights01.data)).toEqual(Array.from(reference.weights01.data));
        expect(Array.from(net.weights12.data)).toEqual(Array.from(reference.weights12.data));
        expect(result.error).toBeCloseTo(error / (batches * batchSize), 12);
      }),
      { numRuns: 50 },
    );
  });

  test('mini-batches step once per batch, draw one mask per batch, and drop a last partial batch', () => {
    assertProperty(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1000 }), valueArb({ min: 0.01, max: 0.2 }), (batchSize, seed, alpha) => {
        // Small random data keeps 100 runs fast: 25 examples of 12 inputs and 4 one-hot classes.
        const count = 25;
        const inputs = new RandomState(seed).random([count, 12]);
        const targets = NDArray.zeros([count, 4]);
        for (let i = 0; i < count; i++) targets.data[i * 4 + (i % 4)] = 1;
        const net = networkReference.initNetwork(new RandomState(seed), 12, 8, 4);
        const reference = copyNet(net);
        const result = expectInputsUnchanged('trainEpoch', { images: inputs, labels: targets }, () =>
          trainEpoch(net, inputs, targets, alpha, { batchSize, dropout: new RandomState(seed + 1) }),
        );
        const rng = new RandomState(seed + 1);
        const batches = Math.floor(count / batchSize);
        let correct = 0;
        for (let b = 0; b < batches; b++) {
          const rows = [b * batchSize, (b + 1) * batchSize] as const;
          const mask = dropoutReference.dropoutMask(rng, [batchSize, 8]);
          correct += networkReference.trainStep(reference, rowsView(inputs, ...rows), rowsView(targets, ...rows), alpha, mask).correct;
        }
        expect(Array.from(net.weights01.data)).toEqual(Array.from(reference.weights01.data));
        expect(Array.from(net.weights12.data)).toEqual(Array.from(reference.weights12.data));
        expect(result.accuracy).toBe(correct / (batches * batchSize));
      }),
      { numRuns: 100 },
    );
  });

  test('rejects a batch size that is not a positive integer', () => {
    const net = networkReference.initNetwork(new RandomState(1), 784, 4, 10);
    expect(() => trainEpoch(net, images, labels, 0.1, { batchSize: 0 })).toThrow(/trainEpoch: batch size 0 must be a positive integer/);
  });
});

describe('task 8.9 earlyStopping', () => {
  test('keeps the best check and stops after `patience` checks without a better one', () => {
    expect(earlyStopping([0.6, 0.8, 0.79, 0.78, 0.81], 2)).toEqual({ best: 1, stop: 3 });
    expect(earlyStopping([0.6, 0.8, 0.79, 0.78, 0.81], 3)).toEqual({ best: 4, stop: 4 });
  });

  test('a list that ends one check before the patience runs out stops at its last check, never past it', () => {
    expect(earlyStopping([0.5, 0.6, 0.55], 2)).toEqual({ best: 1, stop: 2 });
  });

  test("on the book's test accuracies it would have stopped near the peak (0.8114 at I:10)", () => {
    const book = [0.6488, 0.8114, 0.8111, 0.8066, 0.8019, 0.7982, 0.7921, 0.7864, 0.7817];
    expect(earlyStopping(book, 3)).toEqual({ best: 1, stop: 4 });
  });

  test('the best is the first maximum before the stop, and the stop comes exactly `patience` checks later unless the list ends', () => {
    assertProperty(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 6 }), (raw, patience) => {
        const accuracies = raw.map((v) => v / 20);
        const { best, stop } = earlyStopping(accuracies, patience);
        expect(stop).toBeLessThan(accuracies.length);
        const seen = accuracies.slice(0, stop + 1);
        expect(best).toBe(seen.indexOf(Math.max(...seen)));
        if (stop < accuracies.length - 1) expect(stop - best).toBe(patience);
        else expect(stop - best).toBeLessThanOrEqual(patience);
      }),
      { numRuns: 100 },
    );
  });

  test('leaves the list of accuracies as it was', () => {
    const accuracies = [0.5, 0.7, 0.6, 0.65, 0.8, 0.75];
    expectInputsUnchanged('earlyStopping', { validationAccuracies: accuracies }, () => earlyStopping(accuracies, 2));
  });

  test('rejects an empty history', () => {
    expect(() => earlyStopping([], 3)).toThrow(/earlyStopping: no validation accuracies/);
  });
});

