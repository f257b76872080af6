import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { array } from './create';
import { countCorrect } from './metrics';
import { arrayArb, assertProperty } from '../testing';

/** Plain reference: the first index of each row's maximum, compared row by row. */
function countCorrectReference(prediction: NDArray, target: NDArray): number {
  const rows = prediction.toNested() as number[][];
  const labels = target.toNested() as number[][];
  return rows.filter((row, r) => row.indexOf(Math.max(...row)) === labels[r].indexOf(Math.max(...labels[r]))).length;
}

describe('countCorrect', () => {
  test('the worked example', () => {
    expect(countCorrect(array([[0.1, 0.9], [0.8, 0.2]]), array([[0, 1], [0, 1]]))).toBe(1);
  });
  test('agrees with the reference, ties included (values drawn from a few levels so ties are common)', () => {
    const level = fc.integer({ min: 0, max: 3 }).map((v) => v / 4);
    const pair = fc
      .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 5 }))
      .chain(([m, n]) =>
        fc.tuple(
          fc.array(level, { minLength: m * n, maxLength: m * n }).map((v) => new NDArray(Float64Array.from(v), [m, n])),
          arrayArb([m, n], { min: 0, max: 1 }),
        ),
      );
    assertProperty(fc.property(pair, ([p, t]) => expect(countCorrect(p, t)).toBe(countCorrectReference(p, t))));
  });
  test('errors name the op and the shapes', () => {
    expect(() => countCorrect(NDArray.zeros([2, 3]), NDArray.zeros([2, 4]))).toThrow('countCorrect: prediction [2,3] and target [2,4] must have the same shape');
    expect(() => countCorrect(NDArray.zeros([3]), NDArray.zeros([3]))).toThrow('countCorrect: prediction must be 2-dimensional, got shape [3]');
  });
});
