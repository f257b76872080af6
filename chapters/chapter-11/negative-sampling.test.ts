import fc from 'fast-check';
import { NDArray, RandomState } from '../../kernels';
import { arrayArb, gradCheck, GRAD_TOLERANCE, assertProperty } from '../../kernels/testing';
import { negativeSamplingStep, type CbowModel } from './negative-sampling';

/** The negative-sampling loss, written out: -log s(z_0) - sum_{j>0} log(1 - s(z_j)). */
function referenceLoss(weights01: NDArray, weights12: NDArray, context: readonly number[], targets: readonly number[]): number {
  const h = weights01.shape[1];
  const hidden = Array.from({ length: h }, (_, k) => context.reduce((s, c) => s + weights01.get(c, k), 0) / context.length);
  let loss = 0;
  targets.forEach((t, j) => {
    const z = hidden.reduce((s, x, k) => s + x * weights12.get(t, k), 0);
    const p = 1 / (1 + Math.exp(-z));
    loss -= Math.log(j === 0 ? p : 1 - p);
  });
  return loss;
}

const problem = fc
  .record({ vocabulary: fc.integer({ min: 2, max: 7 }), hidden: fc.integer({ min: 1, max: 4 }) })
  .chain(({ vocabulary, hidden }) =>
    fc.record({
      weights01: arrayArb([vocabulary, hidden], { min: -1.5, max: 1.5 }),
      weights12: arrayArb([vocabulary, hidden], { min: -1.5, max: 1.5 }),
      // Repeats allowed: a word can sit twice in the window, and a negative can be the true word.
      context: fc.array(fc.nat(vocabulary - 1), { minLength: 1, maxLength: 4 }),
      targets: fc.array(fc.nat(vocabulary - 1), { minLength: 1, maxLength: 6 }),
      alpha: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
      seed: fc.nat(10000),
    }),
  );

describe('task 11.6 negativeSamplingStep', () => {
  test('moves both matrices by -alpha times the gradient of the loss, repeats included (random upstream)', () => {
    assertProperty(
      fc.property(problem, ({ weights01, weights12, context, targets, alpha, seed }) => {
        const model: CbowModel = { weights01: weights01.clone(), weights12: weights12.clone() };
        negativeSamplingStep(model, context, targets, alpha);
        gradCheck(
          (w01, w12) => referenceLoss(w01, w12, context, targets),
          [weights01.clone(), weights12.clone()],
          (u) => [
            new NDArray(weights01.data.map((x, i) => (u.data[0] * (x - model.weights01.data[i])) / alpha), weights01.shape),
            new NDArray(weights12.data.map((x, i) => (u.data[0] * (x - model.weights12.data[i])) / alpha), weights12.shape),
          ],
          { seed, threshold: GRAD_TOLERANCE.layer, label: 'task 11.6 negativeSamplingStep' },
        );
      }),
      { numRuns: 100 },
    );
  });

  test('returns the loss before the update, and changes only the context and target rows', () => {
    assertProperty(
      fc.property(problem, ({ weights01, weights12, context, targets, alpha }) => {
        const model: CbowModel = { weights01: weights01.clone(), weights12: weights12.clone() };
        const [contextBefore, targetsBefore] = [[...context], [...targets]];
        const loss = negativeSamplingStep(model, context, targets, alpha);
        expect(loss).toBeCloseTo(referenceLoss(weights01, weights12, context, targets), 10);
        expect(context).toEqual(contextBefore);
        expect(targets).toEqual(targetsBefore);
        const [v, h] = weights01.shape;
        for (let i = 0; i < v; i++) {
          for (let k = 0; k < h; k++) {
            if (!context.includes(i)) expect(model.weights01.get(i, k)).toBe(weights01.get(i, k));
            if (!targets.includes(i)) expect(model.weights12.get(i, k)).toBe(weights12.get(i, k));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  test('with the book\'s all-zero output rows the loss is (1 + negatives) log 2 and only weights12 moves', () => {
    const model: CbowModel = { weights01: new RandomState(1).random([5, 3]) as NDArray, weights12: NDArray.zeros([5, 3]) };
    const before = model.weights01.clone();
    const loss = negativeSamplingStep(model, [0, 1, 3], [2, 4, 4, 0, 1, 3], 0.05);
    expect(loss).toBeCloseTo(6 * Math.log(2), 12);
    expect(Array.from(model.weights01.data)).toEqual(Array.from(before.data));
    expect(model.weights12.data.some((x) => x !== 0)).toBe(true);
  });

  test('repeated steps make the true word win over the negatives', () => {
    const model: CbowModel = { weights01: new RandomState(2).random([6, 4]) as NDArray, weights12: NDArray.zeros([6, 4]) };
    const first = negativeSamplingStep(model, [0, 1], [2, 3, 4], 0.5);
    let last = first;
    for (let i = 0; i < 200; i++) last = negativeSamplingStep(model, [0, 1], [2, 3, 4], 0.5);
    expect(last).toBeLessThan(0.1 * first);
  });

  test('rejects an empty context', () => {
    const model: CbowModel = { weights01: NDArray.zeros([3, 2]), weights12: NDArray.zeros([3, 2]) };
    expect(() => negativeSamplingStep(model, [], [1, 2], 0.1)).toThrow(/negativeSamplingStep: the context is empty/);
  });
});
