import fc from 'fast-check';
import { NDArray, addScaled, matmul, matmulTransposeA, sliceRows, sub } from '../../kernels';
import { arrayArb, expectClose, assertProperty } from '../../kernels/testing';
import { federatedAverage } from './federated';

const RUNS = { numRuns: 100 };
const shapes = fc.constantFrom([3], [4, 1], [2, 3]);
/** Two to four models of one shape. */
const modelsArb = shapes.chain((shape) => fc.array(arrayArb(shape, { min: -5, max: 5 }), { minLength: 2, maxLength: 4 }));

/** One step of gradient descent on the mean squared error of a linear model `X w`. */
function linearStep(w: NDArray, x: NDArray, y: NDArray, alpha: number): NDArray {
  const residual = sub(matmul(x, w), y);
  const gradient = matmulTransposeA(x, residual); // sum over the rows of 2 x^T (xw - y) / 2
  return addScaled(w, gradient, (-2 * alpha) / x.shape[0]);
}

describe('task 15.3 federatedAverage', () => {
  test('the plain mean of each weight, inputs unchanged', () => {
    assertProperty(
      fc.property(modelsArb, (models) => {
        const copies = models.map((m) => m.clone());
        const average = federatedAverage(models);
        expect(average.shape).toEqual(models[0].shape);
        const expected = models[0].data.map((_, i) => models.reduce((acc, m) => acc + m.data[i], 0) / models.length);
        expectClose(average, new NDArray(expected, models[0].shape), { rtol: 1e-12, atol: 1e-12 });
        models.forEach((m, k) => expect(Array.from(m.data)).toEqual(Array.from(copies[k].data)));
        expect(models.every((m) => m !== average && m.data !== average.data)).toBe(true);
      }),
      RUNS,
    );
    expectClose(federatedAverage([new NDArray(Float64Array.from([1, 2]), [2]), new NDArray(Float64Array.from([3, -6]), [2])]), [2, -2]);
  });

  test('averaging identical models gives that model; the order of the users does not matter', () => {
    assertProperty(
      fc.property(modelsArb, fc.integer({ min: 1, max: 5 }), (models, copies) => {
        expectClose(federatedAverage(Array.from({ length: copies }, () => models[0])), models[0], { rtol: 1e-12, atol: 1e-12 });
        expectClose(federatedAverage([...models].reverse()), federatedAverage(models), { rtol: 1e-12, atol: 1e-12 });
      }),
      RUNS,
    );
  });

  test('weights give each model its share: sum_k w_k m_k / sum_k w_k', () => {
    assertProperty(
      fc.property(modelsArb.chain((models) => fc.tuple(fc.constant(models), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: models.length, maxLength: models.length }))), ([models, weights]) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const expected = models[0].data.map((_, i) => models.reduce((acc, m, k) => acc + weights[k] * m.data[i], 0) / total);
        expectClose(federatedAverage(models, weights), new NDArray(expected, models[0].shape), { rtol: 1e-12, atol: 1e-12 });
      }),
      RUNS,
    );
  });

  test('with equal shards, averaging one local step per user is the central step on all the data', () => {
    // The mean-loss gradient is linear in the examples: the mean of the shards' mean gradients
    // is the mean gradient of the union, so one step each, averaged, is one central step.
    assertProperty(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0.001, max: 0.3, noNaN: true }),
        fc.nat(1000),
        (users, rowsEach, alpha, seed) => {
          const rows = users * rowsEach;
          const x = new NDArray(Float64Array.from({ length: rows * 3 }, (_, i) => Math.sin(seed + i * 1.7)), [rows, 3]);
          const y = new NDArray(Float64Array.from({ length: rows }, (_, i) => Math.cos(seed * 0.3 + i)), [rows, 1]);
          const start = new NDArray(Float64Array.from([0.1, -0.2, 0.3]), [3, 1]);
          const local = Array.from({ length: users }, (_, k) =>
            linearStep(start, sliceRows(x, k * rowsEach, (k + 1) * rowsEach), sliceRows(y, k * rowsEach, (k + 1) * rowsEach), alpha),
          );
          expectClose(federatedAverage(local), linearStep(start, x, y, alpha), { rtol: 1e-10, atol: 1e-12 });
        },
      ),
      RUNS,
    );
  });

  test('with unequal shards, weighting by shard size restores the central step', () => {
    const x = new NDArray(Float64Array.from({ length: 18 }, (_, i) => Math.sin(i)), [6, 3]);
    const y = new NDArray(Float64Array.from({ length: 6 }, (_, i) => i % 2), [6, 1]);
    const start = new NDArray(Float64Array.from([0.5, 0, -0.5]), [3, 1]);
    const bob = linearStep(start, sliceRows(x, 0, 1), sliceRows(y, 0, 1), 0.1);
    const sue = linearStep(start, sliceRows(x, 1, 6), sliceRows(y, 1, 6), 0.1);
    const central = linearStep(start, x, y, 0.1);
    expectClose(federatedAverage([bob, sue], [1, 5]), central, { rtol: 1e-10, atol: 1e-12 });
    // The book's plain mean lets Bob's single email count as much as Sue's five.
    expect(Math.abs(federatedAverage([bob, sue]).data[0] - central.data[0])).toBeGreaterThan(1e-3);
  });

  test('bad input: no models, mismatched shapes, unusable weights', () => {
    const a = NDArray.zeros([2, 3]);
    expect(() => federatedAverage([])).toThrow(/federatedAverage: no models/);
    expect(() => federatedAverage([a, NDArray.zeros([3, 2])])).toThrow(/federatedAverage: model 1 has shape \[3, ?2\], model 0 has \[2, ?3\]/);
    expect(() => federatedAverage([a, a], [1])).toThrow(/federatedAverage: 1 weights for 2 models/);
    expect(() => federatedAverage([a, a], [1, -1])).toThrow(/federatedAverage: weights must be finite and not negative, got \[1, -1\]/);
    // One axis differs, or a model has fewer axes.
    expect(() => federatedAverage([a, NDArray.zeros([2, 4])])).toThrow(/federatedAverage: model 1 has shape \[2, ?4\], model 0 has \[2, ?3\]/);
    expect(() => federatedAverage([a, NDArray.zeros([2])])).toThrow(/federatedAverage: model 1 has shape \[2\], model 0 has \[2, ?3\]/);
    expect(() => federatedAverage([a, a], [0, 0])).toThrow(/federatedAverage: the weights sum to 0/);
  });
});
