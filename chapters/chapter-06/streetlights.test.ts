import fc from 'fast-check';
import { NDArray, array, matmul, matmulTransposeA, sliceRows, sub, sum, square } from '../../kernels';
import { py2str } from '../../kernels/format';
import { arrayArb, arrayAwayFromKinks, assertProperty, expectClose, expectInputsUnchanged, gradCheck, valueArb } from '../../kernels/testing';
import {
  START_WEIGHTS,
  fullBatchEpoch,
  miniBatchEpoch,
  stochasticEpoch,
  streetlightData,
  weightPressure,
} from './streetlights';
// Other tasks' functions come from the reference solutions: each task's tests judge that task alone.
import * as streetlightsReference from '../../solutions/chapter-06/streetlights';

const RUNS = { numRuns: 100 };
const start = () => array([...START_WEIGHTS]);
/** A learning rate drawn at random, so an update that ignores alpha or applies it twice fails. */
const alphaArb = valueArb({ min: 0.01, max: 0.5 });

/** A random linear regression problem: weights [k], inputs [n, k], targets [n]. */
const problem = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }))
  .chain(([n, k]) =>
    fc.record({
      weights: arrayArb([k], { min: -1, max: 1 }),
      lights: arrayArb([n, k], { min: -1, max: 1 }),
      walkVsStop: arrayArb([n], { min: -1, max: 1 }),
    }),
  );

/** Like {@link problem}, with every value 0.1 to 1 in size, so a failing case shrinks to readable numbers. */
const sizableProblem = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }))
  .chain(([n, k]) =>
    fc.record({
      weights: arrayAwayFromKinks([k], [0], { min: -1, max: 1, margin: 0.1 }),
      lights: arrayAwayFromKinks([n, k], [0], { min: -1, max: 1, margin: 0.1 }),
      walkVsStop: arrayAwayFromKinks([n], [0], { min: -1, max: 1, margin: 0.1 }),
    }),
  );

/** Half the mean squared error of a linear model, the loss whose gradient full-batch descent follows. */
function halfMeanSquaredError(weights: NDArray, lights: NDArray, walkVsStop: NDArray): number {
  const predictions = matmul(lights, new NDArray(weights.data, [weights.size, 1]));
  return sum(square(sub(new NDArray(predictions.data, [lights.shape[0]]), walkVsStop))) / (2 * lights.shape[0]);
}

describe('task 6.1 stochasticEpoch', () => {
  test("learns the first example alone like listing 6.2: the prediction shrinks by 0.8 per step", () => {
    const { lights, walkVsStop } = streetlightData();
    let weights = start();
    const log: string[] = [];
    for (let i = 0; i < 20; i++) {
      const epoch = stochasticEpoch(weights, sliceRows(lights, 0, 1), sliceRows(walkVsStop, 0, 1), 0.1);
      log.push(`Error:${py2str(epoch.error)} Prediction:${py2str(epoch.predictions[0])}`);
      weights = epoch.weights;
    }
    expect(log.slice(0, 3)).toEqual(['Error:0.04 Prediction:-0.2', 'Error:0.0256 Prediction:-0.16', 'Error:0.016384 Prediction:-0.128']);
    expect(log[19]).toBe('Error:8.30767497366e-06 Prediction:-0.00288230376152');
  });

  test("prints the book's errors of listing 6.4 and finds the middle light", () => {
    const { lights, walkVsStop } = streetlightData();
    let weights = start();
    const errors: string[] = [];
    for (let i = 0; i < 40; i++) {
      const epoch = stochasticEpoch(weights, lights, walkVsStop, 0.1);
      errors.push(py2str(epoch.error));
      weights = epoch.weights;
    }
    expect(errors.slice(0, 2)).toEqual(['2.6561231104', '0.962870177672']);
    expect(errors.slice(38)).toEqual(['0.000614343567483', '0.000533736773285']);
    expectClose(weights, [0.0139, 1.0138, -0.016], { atol: 1e-4, rtol: 0 });
  });

  test('updates after every example, in order, and leaves the weights argument untouched', () => {
    assertProperty(
      fc.property(problem, alphaArb, ({ weights, lights, walkVsStop }, alpha) => {
        const epoch = expectInputsUnchanged('stochasticEpoch', { weights, lights, walkVsStop }, () => stochasticEpoch(weights, lights, walkVsStop, alpha));
        const [n, k] = lights.shape;
        const w = Array.from(weights.data);
        let error = 0;
        for (let i = 0; i < n; i++) {
          const x = Array.from(lights.data.subarray(i * k, (i + 1) * k));
          const prediction = x.reduce((s, xi, j) => s + xi * w[j], 0);
          expect(epoch.predictions[i]).toBeCloseTo(prediction, 12);
          error += (walkVsStop.data[i] - prediction) ** 2;
          x.forEach((xi, j) => (w[j] -= alpha * xi * (prediction - walkVsStop.data[i])));
        }
        expect(epoch.error).toBeCloseTo(error, 10);
        expectClose(epoch.weights, w, { rtol: 1e-10, atol: 1e-12 });
      }),
      RUNS,
    );
  });

  test('a small step on one example lowers its error', () => {
    assertProperty(
      fc.property(problem, valueArb({ min: 0.05, max: 1.9 }), ({ weights, lights, walkVsStop }, scale) => {
        const x = sliceRows(lights, 0, 1);
        const y = sliceRows(walkVsStop, 0, 1);
        const norm = sum(square(x));
        fc.pre(norm > 1e-3);
        const epoch = stochasticEpoch(weights, x, y, scale / norm);
        const after = stochasticEpoch(epoch.weights, x, y, 0);
        expect(after.error).toBeLessThanOrEqual(epoch.error);
      }),
      RUNS,
    );
  });

  test('rejects labels that do not match the patterns', () => {
    const { lights } = streetlightData();
    expect(() => stochasticEpoch(start(), lights, array([1, 0, 1, 0]), 0.1)).toThrow(
      /stochasticEpoch: 6 light patterns but 4 labels/,
    );
  });
});

describe('task 6.2 fullBatchEpoch', () => {
  test('moves by alpha times the average weight delta, the gradient of half the mean squared error', () => {
    assertProperty(
      fc.property(sizableProblem, alphaArb, fc.nat(), ({ weights, lights, walkVsStop }, alpha, seed) => {
        gradCheck(
          (w) => halfMeanSquaredError(w, lights, walkVsStop),
          [weights.clone()],
          (g, w) => {
            const epoch = fullBatchEpoch(w, lights, walkVsStop, alpha);
            return new NDArray(w.data.map((wj, j) => (g.data[0] * (wj - epoch.weights.data[j])) / alpha), w.shape);
          },
          // A random upstream gradient per case (the loss is a scalar, so g is one random number).
          { label: 'task 6.2 fullBatchEpoch', h: 1e-5, seed },
        );
      }),
      RUNS,
    );
  });

  test('predicts every example with the same weights, and a small enough alpha never raises the error', () => {
    assertProperty(
      fc.property(problem, ({ weights, lights, walkVsStop }) => {
        const n = lights.shape[0];
        // alpha * trace(X^T X / n) < 2 bounds alpha * largest eigenvalue, so every pass descends.
        const alpha = 1.9 / Math.max(1e-9, sum(square(lights)) / n);
        let current = weights;
        let previous = Infinity;
        for (let i = 0; i < 5; i++) {
          const epoch = fullBatchEpoch(current, lights, walkVsStop, alpha);
          const predictions = matmul(lights, new NDArray(current.data, [current.size, 1]));
          expectClose(epoch.predictions, Array.from(predictions.data), { rtol: 1e-10, atol: 1e-12 });
          expect(epoch.error).toBeLessThanOrEqual(previous * (1 + 1e-12) + 1e-15);
          previous = epoch.error;
          current = epoch.weights;
        }
      }),
      RUNS,
    );
  });

  test('leaves weights, lights and labels unchanged, and predicts with the old weights', () => {
    assertProperty(
      fc.property(problem, alphaArb, ({ weights, lights, walkVsStop }, alpha) => {
        const epoch = expectInputsUnchanged('fullBatchEpoch', { weights, lights, walkVsStop }, () => fullBatchEpoch(weights, lights, walkVsStop, alpha));
        expect(epoch.weights).not.toBe(weights);
        const [n, k] = lights.shape;
        let error = 0;
        for (let i = 0; i < n; i++) {
          const prediction = Array.from(lights.data.subarray(i * k, (i + 1) * k)).reduce((s, x, j) => s + x * weights.data[j], 0);
          error += (prediction - walkVsStop.data[i]) ** 2;
        }
        // The sum over at most 6 squared misses of size below 6: a few roundings.
        expect(Math.abs(epoch.error - error)).toBeLessThanOrEqual(1e-12 * (1 + error));
      }),
      RUNS,
    );
  });

  test('on the streetlights, one pass moves the weights by the averaged deltas', () => {
    const { lights, walkVsStop } = streetlightData();
    const epoch = fullBatchEpoch(start(), lights, walkVsStop, 0.1);
    const deltas = sub(matmul(lights, array([[0.5], [0.48], [-0.7]])), array([[0], [1], [0], [1], [1], [0]]));
    const gradient = matmulTransposeA(lights, deltas);
    expectClose(epoch.weights, [0.5 - (0.1 * gradient.data[0]) / 6, 0.48 - (0.1 * gradient.data[1]) / 6, -0.7 - (0.1 * gradient.data[2]) / 6]);
    expect(py2str(epoch.error)).toBe('4.0652');
  });

  test('rejects labels that do not match the patterns', () => {
    const { lights } = streetlightData();
    expect(() => fullBatchEpoch(start(), lights, array([1, 0, 1, 0]), 0.1)).toThrow(/fullBatchEpoch: 6 light patterns but 4 labels/);
  });
});

describe('task 6.3 miniBatchEpoch', () => {
  test('batch size 1 is stochastic and a batch as large as the data is full-batch', () => {
    assertProperty(
      fc.property(problem, fc.integer({ min: 0, max: 3 }), ({ weights, lights, walkVsStop }, extra) => {
        const n = lights.shape[0];
        const one = miniBatchEpoch(weights, lights, walkVsStop, 0.1, 1);
        const sgd = streetlightsReference.stochasticEpoch(weights, lights, walkVsStop, 0.1);
        expectClose(one.weights, sgd.weights, { rtol: 1e-10, atol: 1e-12 });
        const all = miniBatchEpoch(weights, lights, walkVsStop, 0.1, n + extra);
        const full = streetlightsReference.fullBatchEpoch(weights, lights, walkVsStop, 0.1);
        expectClose(all.weights, full.weights, { rtol: 1e-12, atol: 1e-14 });
        expect(all.error).toBeCloseTo(full.error, 12);
      }),
      RUNS,
    );
  });

  test('equals one full-batch step per consecutive batch, for any batch size and alpha', () => {
    assertProperty(
      fc.property(problem, alphaArb, fc.integer({ min: 1, max: 7 }), ({ weights, lights, walkVsStop }, alpha, batchSize) => {
        const epoch = expectInputsUnchanged('miniBatchEpoch', { weights, lights, walkVsStop }, () =>
          miniBatchEpoch(weights, lights, walkVsStop, alpha, batchSize),
        );
        let current = weights;
        let error = 0;
        const predictions: number[] = [];
        for (let begin = 0; begin < lights.shape[0]; begin += batchSize) {
          const end = Math.min(begin + batchSize, lights.shape[0]);
          const step = streetlightsReference.fullBatchEpoch(current, sliceRows(lights, begin, end), sliceRows(walkVsStop, begin, end), alpha);
          current = step.weights;
          error += step.error;
          predictions.push(...step.predictions);
        }
        expectClose(epoch.weights, current, { rtol: 1e-12, atol: 1e-14 });
        expectClose(epoch.predictions, predictions, { rtol: 1e-12, atol: 1e-14 });
        expect(Math.abs(epoch.error - error)).toBeLessThanOrEqual(1e-12 * (1 + error));
      }),
      RUNS,
    );
  });

  test('takes consecutive batches, the last one smaller, each with its own averaged update', () => {
    const { lights, walkVsStop } = streetlightData();
    const epoch = miniBatchEpoch(start(), lights, walkVsStop, 0.1, 4);
    const first = streetlightsReference.fullBatchEpoch(start(), sliceRows(lights, 0, 4), sliceRows(walkVsStop, 0, 4), 0.1);
    const second = streetlightsReference.fullBatchEpoch(first.weights, sliceRows(lights, 4, 6), sliceRows(walkVsStop, 4, 6), 0.1);
    expectClose(epoch.weights, second.weights, { rtol: 1e-12 });
    expect(epoch.error).toBeCloseTo(first.error + second.error, 12);
    expect(epoch.predictions).toHaveLength(6);
  });

  test('rejects a batch size that is not a positive integer', () => {
    const { lights, walkVsStop } = streetlightData();
    expect(() => miniBatchEpoch(start(), lights, walkVsStop, 0.1, 0)).toThrow(
      /miniBatchEpoch: batch size 0 must be a positive integer/,
    );
    expect(() => miniBatchEpoch(start(), lights, walkVsStop, 0.1, 2.5)).toThrow(
      /miniBatchEpoch: batch size 2.5 must be a positive integer/,
    );
    expect(() => miniBatchEpoch(start(), lights, walkVsStop, 0.1, -1)).toThrow(
      /miniBatchEpoch: batch size -1 must be a positive integer/,
    );
  });

  test('names itself when the labels do not match the light patterns', () => {
    const { lights } = streetlightData();
    expect(() => miniBatchEpoch(start(), lights, array([1, 0, 1, 0]), 0.1, 2)).toThrow(/^miniBatchEpoch: 6 light patterns but 4 labels/);
  });
});

describe('task 6.4 weightPressure', () => {
  test("reproduces the book's two pressure tables", () => {
    const { lights, walkVsStop } = streetlightData();
    expect(weightPressure(lights, walkVsStop)).toEqual([
      [-1, 0, -1],
      [0, 1, 1],
      [0, 0, -1],
      [1, 1, 1],
      [0, 1, 1],
      [-1, 0, -1],
    ]);
    const uncorrelated = array([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1]]);
    const table = weightPressure(uncorrelated, array([1, 1, 0, 0]));
    expect(table).toEqual([
      [1, 0, 1],
      [0, 1, 1],
      [0, 0, -1],
      [-1, -1, -1],
    ]);
    // Every lamp gets as much push up as down: no single input correlates with walking.
    [0, 1, 2].forEach((j) => expect(table.reduce((s, row) => s + row[j], 0)).toBe(0));
  });

  test('is the direction gradient descent moves each weight when every prediction is 0.5', () => {
    const bits = (n: number, k: number) => fc.array(fc.array(fc.constantFrom(0, 1), { minLength: k, maxLength: k }), { minLength: n, maxLength: n });
    assertProperty(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 })).chain(([n, k]) => fc.tuple(bits(n, k), fc.array(fc.constantFrom(0, 1), { minLength: n, maxLength: n }))),
        ([x, y]) => {
          const lights = array(x);
          const walkVsStop = array(y);
          const table = expectInputsUnchanged('weightPressure', { lights, walkVsStop }, () => weightPressure(lights, walkVsStop));
          x.forEach((row, n) =>
            row.forEach((xi, j) => expect(table[n][j]).toBe(-Math.sign(xi * (0.5 - y[n])) || 0)),
          );
        },
      ),
      RUNS,
    );
  });

  test('rejects labels that do not match the patterns', () => {
    const { lights } = streetlightData();
    expect(() => weightPressure(lights, array([1, 0]))).toThrow(/weightPressure: 6 light patterns but 2 labels/);
  });
});
