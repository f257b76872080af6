import fc from 'fast-check';
import { NDArray } from '../../kernels';
import { arrayArb, expectClose, assertProperty } from '../../kernels/testing';
import { mostSimilarReviews, sentenceVector } from './averaging';

const RUNS = { numRuns: 100 };

const tableAndSentence = fc
  .record({ vocabulary: fc.integer({ min: 1, max: 7 }), dims: fc.integer({ min: 1, max: 5 }) })
  .chain(({ vocabulary, dims }) =>
    fc.record({ weights: arrayArb([vocabulary, dims], { min: -1, max: 1 }), ids: fc.array(fc.nat(vocabulary - 1), { minLength: 1, maxLength: 8 }) }),
  );

describe('task 12.1 sentenceVector', () => {
  test('is the mean of the rows, in any word order, and leaves the weights unchanged', () => {
    assertProperty(
      fc.property(tableAndSentence, ({ weights, ids }) => {
        const before = weights.clone();
        const result = sentenceVector(weights, ids);
        const dims = weights.shape[1];
        const expected = Array.from({ length: dims }, (_, j) => ids.reduce((s, i) => s + weights.get(i, j), 0) / ids.length);
        expect(result.shape).toEqual([dims]);
        expectClose(result, expected, { rtol: 1e-12, atol: 1e-12 });
        // "Yankees defeat Red Sox" and "Red Sox defeat Yankees" get the same vector.
        expectClose(sentenceVector(weights, [...ids].reverse()), expected, { rtol: 1e-12, atol: 1e-12 });
        expectClose(weights, before, { rtol: 0, atol: 0 });
      }),
      RUNS,
    );
  });

  test('rejects an empty sentence', () => {
    expect(() => sentenceVector(NDArray.zeros([3, 2]), [])).toThrow(/sentenceVector: a sentence needs at least one known word/);
  });
});

describe('task 12.1 mostSimilarReviews', () => {
  test('ranks the rows by dot product with the query, best first, ties in row order', () => {
    assertProperty(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((dims) =>
          fc.record({ vectors: arrayArb([6, dims], { min: -1, max: 1 }), query: arrayArb([dims], { min: -1, max: 1 }), k: fc.integer({ min: 1, max: 6 }) }),
        ),
        ({ vectors, query, k }) => {
          const result = mostSimilarReviews(vectors, query, k);
          const dot = (i: number) => Array.from(query.data).reduce((s, q, j) => s + q * vectors.get(i, j), 0);
          expect(result).toHaveLength(k);
          expect(new Set(result).size).toBe(k);
          for (let i = 1; i < k; i++) expect(dot(result[i])).toBeLessThanOrEqual(dot(result[i - 1]) + 1e-12);
          const worstKept = Math.min(...result.map(dot));
          for (let i = 0; i < 6; i++) if (!result.includes(i)) expect(dot(i)).toBeLessThanOrEqual(worstKept + 1e-12);
        },
      ),
      RUNS,
    );
    const tied = new NDArray(Float64Array.of(1, 0, 2, 0, 1, 0), [3, 2]);
    expect(mostSimilarReviews(tied, new NDArray(Float64Array.of(1, 0), [2]), 3)).toEqual([1, 0, 2]);
  });

  test('rejects a query of the wrong size', () => {
    expect(() => mostSimilarReviews(NDArray.zeros([10, 4]), NDArray.zeros([3]))).toThrow(
      /mostSimilarReviews: query \[3\] must have 4 values for sentenceVectors \[10,4\]/,
    );
  });
});
