import fc from 'fast-check';
import { NDArray, full, matmul, reshape } from '../../kernels';
import { arrayArb, expectClose, gradCheck, GRAD_TOLERANCE, assertProperty } from '../../kernels/testing';
import { oneHotSentence } from '../../solutions/chapter-11/bag-of-words';
import { embedBackward, embedForward } from './embedding';

const RUNS = { numRuns: 100 };

/** A table [vocabulary, hidden] and word ids into it (repeats allowed when `repeats`). */
function tableAndIds(repeats: boolean) {
  return fc
    .record({ vocabulary: fc.integer({ min: 1, max: 7 }), hidden: fc.integer({ min: 1, max: 5 }) })
    .chain(({ vocabulary, hidden }) =>
      fc.record({
        weights: arrayArb([vocabulary, hidden], { min: -1, max: 1 }),
        ids: repeats
          ? fc.array(fc.nat(vocabulary - 1), { maxLength: 8 })
          : fc.uniqueArray(fc.nat(vocabulary - 1), { maxLength: vocabulary }),
        delta: arrayArb([hidden], { min: -1, max: 1 }),
        alpha: fc.double({ min: 0.001, max: 2, noNaN: true }),
      }),
    );
}

describe('task 11.2 embedForward', () => {
  test('equals the dense product oneHot(ids) . weights01, and leaves weights01 unchanged', () => {
    assertProperty(
      fc.property(tableAndIds(false), ({ weights, ids }) => {
        const before = weights.clone();
        const [v, h] = weights.shape;
        const dense = matmul(reshape(oneHotSentence(ids, v), [1, v]), weights);
        const result = embedForward(weights, ids);
        expect(result.shape).toEqual([h]);
        expectClose(result, reshape(dense, [h]), { rtol: 1e-12, atol: 1e-12 });
        expectClose(weights, before, { rtol: 0, atol: 0 });
      }),
      RUNS,
    );
  });

  test('a repeated id counts once per occurrence; no ids give zeros', () => {
    const weights = new NDArray(Float64Array.of(1, 2, 3, 4, 5, 6), [3, 2]);
    expect(Array.from(embedForward(weights, [2, 0, 2]).data)).toEqual([11, 14]);
    expect(Array.from(embedForward(weights, []).data)).toEqual([0, 0]);
  });

  test('overwrites a pre-filled out and returns it', () => {
    const weights = new NDArray(Float64Array.of(1, 2, 3, 4, 5, 6), [3, 2]);
    const out = full([2], 99);
    expect(embedForward(weights, [1, 2], out)).toBe(out);
    expect(Array.from(out.data)).toEqual([8, 10]);
  });

  test('its gradient with respect to weights01 matches finite differences (random upstream)', () => {
    assertProperty(
      fc.property(tableAndIds(true), fc.nat(1000), ({ weights, ids }, seed) => {
        gradCheck(
          (w) => embedForward(w, ids),
          [weights],
          (g) => {
            // The gradient of sum(g * embedForward(w)) is g added to every used row.
            const grad = NDArray.zeros(weights.shape);
            for (const id of ids) for (let j = 0; j < weights.shape[1]; j++) grad.data[id * weights.shape[1] + j] += g.data[j];
            return grad;
          },
          { seed, threshold: GRAD_TOLERANCE.op, label: 'task 11.2 embedForward' },
        );
      }),
      { numRuns: 30 },
    );
  });

  test('rejects an id outside the table', () => {
    expect(() => embedForward(NDArray.zeros([5, 3]), [1, 7])).toThrow(/7.*out of range for 5 rows/);
  });

  test('rejects an out of the wrong shape, naming embedForward and both shapes', () => {
    const weights = NDArray.zeros([3, 2]);
    expect(() => embedForward(weights, [0], NDArray.zeros([3]))).toThrow(/embedForward: out has shape \[3\] but the result has shape \[2\]/);
    expect(() => embedForward(weights, [0], NDArray.zeros([1, 2]))).toThrow(/embedForward: out has shape \[1,\s?2\]/);
  });
});

describe('task 11.3 embedBackward', () => {
  test('subtracts alpha * delta from each used row, touches no other row, returns weights01', () => {
    assertProperty(
      fc.property(tableAndIds(false), ({ weights, ids, delta, alpha }) => {
        const before = weights.clone();
        const deltaBefore = delta.clone();
        expect(embedBackward(weights, ids, delta, alpha)).toBe(weights);
        const [v, h] = weights.shape;
        for (let i = 0; i < v; i++) {
          for (let j = 0; j < h; j++) {
            const expected = ids.includes(i) ? before.get(i, j) - alpha * delta.data[j] : before.get(i, j);
            if (ids.includes(i)) expect(weights.get(i, j)).toBeCloseTo(expected, 12);
            else expect(weights.get(i, j)).toBe(expected);
          }
        }
        expectClose(delta, deltaBefore, { rtol: 0, atol: 0 });
      }),
      RUNS,
    );
  });

  test('equals the dense gradient step: weights01 - alpha * oneHot(ids)^T delta', () => {
    assertProperty(
      fc.property(tableAndIds(false), ({ weights, ids, delta, alpha }) => {
        const [v, h] = weights.shape;
        const dense = matmul(reshape(oneHotSentence(ids, v), [v, 1]), reshape(delta, [1, h]));
        const expected = weights.data.map((w, i) => w - alpha * dense.data[i]);
        embedBackward(weights, ids, delta, alpha);
        expectClose(weights, new NDArray(expected, [v, h]), { rtol: 1e-12, atol: 1e-12 });
      }),
      RUNS,
    );
  });

  test('is minus alpha times the gradient of embedForward, repeated ids included (random upstream)', () => {
    assertProperty(
      fc.property(tableAndIds(true), fc.nat(1000), ({ weights, ids, alpha }, seed) => {
        gradCheck(
          (w) => embedForward(w, ids),
          [weights],
          (g) => {
            // Starting from zeros, embedBackward leaves -alpha * (gradient); undo the -alpha.
            const step = embedBackward(NDArray.zeros(weights.shape), ids, g, alpha);
            return new NDArray(step.data.map((x) => x / -alpha), weights.shape);
          },
          { seed, threshold: GRAD_TOLERANCE.op, label: 'task 11.3 embedBackward' },
        );
      }),
      { numRuns: 30 },
    );
  });

  test('rejects a delta of the wrong width', () => {
    expect(() => embedBackward(NDArray.zeros([5, 4]), [0], NDArray.zeros([3]), 0.1)).toThrow(
      /embedBackward: layer1Delta \[3\] must have 4 values for weights01 \[5,4\]/,
    );
  });
});
