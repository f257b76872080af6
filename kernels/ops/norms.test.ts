import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { array } from './create';
import { clipByNorm, cosineSimilarity, cosineSimilarityRows, norm, rowNorms } from './norms';
import { mul } from './elementwise';
import { arrayArb, assertProperty, expectClose } from '../testing';

/** Plain reference: sqrt of the sum of squares. */
const normReference = (x: NDArray): number => Math.sqrt(x.data.reduce((s, v) => s + v * v, 0));

const vectorPair = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(arrayArb([n]), arrayArb([n])));

describe('norms', () => {
  test('norm agrees with the plain reference and scales', () => {
    assertProperty(
      fc.property(arrayArb(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 2 })), fc.double({ min: -3, max: 3, noNaN: true }), (x, c) => {
        // The plain reference squares without scaling, so it underflows for tiny values; norm does not.
        if (x.data.every((v) => v === 0 || Math.abs(v) > 1e-150)) expectClose(norm(x), normReference(x), { rtol: 1e-12, atol: 0 });
        expectClose(norm(mul(x, c)), Math.abs(c) * norm(x), { rtol: 1e-12, atol: 1e-300 });
      }),
    );
    expect(norm(array([3, 4]))).toBe(5);
    expect(norm(array([1e200, 1e200]))).toBeCloseTo(Math.SQRT2 * 1e200, -185);
    expect(rowNorms(array([[3, 4], [0, 1]])).toNested()).toEqual([5, 1]);
  });
  test('cosine similarity lies in [-1, 1], is symmetric and is 1 with itself', () => {
    assertProperty(
      fc.property(vectorPair, ([a, b]) => {
        const s = cosineSimilarity(a, b);
        expect(Math.abs(s)).toBeLessThanOrEqual(1 + 1e-12);
        expectClose(s, cosineSimilarity(b, a), { rtol: 1e-12, atol: 1e-15 });
        if (norm(a) > 1e-100) expectClose(cosineSimilarity(a, a), 1, { rtol: 1e-12 });
      }),
    );
    expectClose(cosineSimilarityRows(array([[1, 0], [0, 2], [-1, 0]]), array([2, 0])), [1, 0, -1]);
    expect(() => cosineSimilarity(array([1]), array([1, 2]))).toThrow('cosineSimilarity: [1] and [2] have different sizes');
  });
  test('clipByNorm caps the norm and keeps the direction', () => {
    assertProperty(
      fc.property(vectorPair, fc.double({ min: 0.01, max: 20, noNaN: true }), ([a], maxNorm) => {
        const c = clipByNorm(a, maxNorm);
        expect(norm(c)).toBeLessThanOrEqual(maxNorm * (1 + 1e-12));
        if (norm(a) <= maxNorm) expectClose(c, a, { rtol: 0, atol: 0 });
        else if (norm(a) > 1e-100) expectClose(cosineSimilarity(c, a), 1, { rtol: 1e-12 });
      }),
    );
    expectClose(clipByNorm(array([3, 4]), 1), [0.6, 0.8], { rtol: 1e-15 });
    expect(() => clipByNorm(array([1]), -1)).toThrow('clipByNorm: maxNorm -1 must be a non-negative number');
  });
});
