import fc from 'fast-check';
import { assertProperty, expectInputsUnchanged } from '../../kernels/testing';
import { similarityVectors } from './games';
import { dot, elementwiseAdd, elementwiseMultiply, vectorAverage, vectorSum } from './vector-math';
import { expectAllClose, magnitude, referenceWeightedSum, sameLengthVectors, smallFloat, vector, freshProperty } from './vectors.fixtures';

describe('task 3.3 elementwiseMultiply', () => {
  it('multiplies matching positions', () => {
    expect(elementwiseMultiply([1, 2, 3], [4, 5, 6])).toEqual([4, 10, 18]);
    expect(elementwiseMultiply([8.5, 0.65, 1.2], [0.1, 0.2, 0])).toEqual([8.5 * 0.1, 0.65 * 0.2, 0]);
  });

  it('gives a[i] × b[i] at every position i, with the common length', () => {
    assertProperty(
      freshProperty(sameLengthVectors(2), ([a, b]) => {
        const expected = a.map((ai, i) => ai * b[i]);
        const product = elementwiseMultiply(a, b);
        expect(product).toHaveLength(expected.length);
        product.forEach((value, i) => expect(value).toBe(expected[i]));
      }),
    );
  });

  it('leaves a and b unchanged and returns a new list', () => {
    assertProperty(
      freshProperty(sameLengthVectors(2), ([a, b]) => {
        const product = expectInputsUnchanged('elementwiseMultiply', { a, b }, () => elementwiseMultiply(a, b));
        expect(product).not.toBe(a);
        expect(product).not.toBe(b);
      }),
    );
  });

  it('is commutative', () => {
    assertProperty(
      freshProperty(sameLengthVectors(2), ([a, b]) => {
        expect(elementwiseMultiply(a, b)).toEqual(elementwiseMultiply(b, a));
      }),
    );
  });

  it('throws a clear error when the lengths differ', () => {
    expect(() => elementwiseMultiply([1], [1, 2])).toThrow(/elementwiseMultiply: .*lengths 1 and 2/);
    assertProperty(
      freshProperty(vector(), vector(), (a, b) => {
        fc.pre(a.length !== b.length);
        expect(() => elementwiseMultiply(a, b)).toThrow(`elementwiseMultiply: vectors have different lengths ${a.length} and ${b.length}`);
      }),
    );
  });
});

describe('task 3.4 elementwiseAdd', () => {
  it('adds matching positions', () => {
    expect(elementwiseAdd([1, 2, 3], [4, 5, 6])).toEqual([5, 7, 9]);
  });

  it('gives a[i] + b[i] at every position i, with the common length', () => {
    assertProperty(
      freshProperty(sameLengthVectors(2), ([a, b]) => {
        const expected = a.map((ai, i) => ai + b[i]);
        const total = elementwiseAdd(a, b);
        expect(total).toHaveLength(expected.length);
        total.forEach((value, i) => expect(value).toBe(expected[i]));
      }),
    );
  });

  it('leaves a and b unchanged and returns a new list', () => {
    assertProperty(
      freshProperty(sameLengthVectors(2), ([a, b]) => {
        const total = expectInputsUnchanged('elementwiseAdd', { a, b }, () => elementwiseAdd(a, b));
        expect(total).not.toBe(a);
        expect(total).not.toBe(b);
      }),
    );
  });

  it('is commutative, and adding zeros changes nothing', () => {
    assertProperty(
      freshProperty(sameLengthVectors(2), ([a, b]) => {
        expect(elementwiseAdd(a, b)).toEqual(elementwiseAdd(b, a));
        expect(elementwiseAdd(a, a.map(() => 0))).toEqual(a);
      }),
    );
  });

  it('throws a clear error when the lengths differ', () => {
    expect(() => elementwiseAdd([1, 2, 3], [1, 2])).toThrow(/elementwiseAdd: .*lengths 3 and 2/);
    assertProperty(
      freshProperty(vector(), vector(), (a, b) => {
        fc.pre(a.length !== b.length);
        expect(() => elementwiseAdd(a, b)).toThrow(`elementwiseAdd: vectors have different lengths ${a.length} and ${b.length}`);
      }),
    );
  });
});

describe('task 3.5 vectorSum', () => {
  it('adds up the values', () => {
    expect(vectorSum([1, 2, 3])).toBe(6);
    expect(vectorSum([0.85, 0.13, 0])).toBeCloseTo(0.98, 12);
    expect(vectorSum([-2.5])).toBe(-2.5);
  });

  it('is 0 for an empty vector', () => {
    expect(vectorSum([])).toBe(0);
  });

  it('equals the running total from left to right, every value included', () => {
    assertProperty(
      freshProperty(fc.array(smallFloat(), { maxLength: 8 }), (a) => {
        expect(vectorSum(a)).toBe(a.reduce((total, value) => total + value, 0));
      }),
    );
  });

  it('leaves its vector unchanged', () => {
    assertProperty(
      freshProperty(vector(), (a) => {
        expectInputsUnchanged('vectorSum', { a }, () => vectorSum(a));
      }),
    );
  });

  it('of two vectors put end to end is the sum of their sums', () => {
    assertProperty(
      freshProperty(vector(), vector(), (a, b) => {
        expectAllClose(vectorSum([...a, ...b]), vectorSum(a) + vectorSum(b), 1e-12);
      }),
    );
  });
});

describe('task 3.6 vectorAverage', () => {
  it('is the mean of the values', () => {
    expect(vectorAverage([1, 2, 3])).toBe(2);
    expect(vectorAverage([8.5, 9.5, 9.9, 9.0])).toBeCloseTo(9.225, 12);
  });

  it('times the length gives back the sum', () => {
    assertProperty(
      freshProperty(vector(), (a) => {
        const sum = a.reduce((total, value) => total + value, 0);
        expectAllClose(vectorAverage(a) * a.length, sum, 1e-12);
      }),
    );
  });

  it('lies between the smallest and the largest value, and is that value for a constant vector', () => {
    assertProperty(
      freshProperty(vector(), smallFloat(), fc.integer({ min: 1, max: 6 }), (a, constant, length) => {
        const average = vectorAverage(a);
        expect(average).toBeGreaterThanOrEqual(Math.min(...a) - 1e-12);
        expect(average).toBeLessThanOrEqual(Math.max(...a) + 1e-12);
        expect(vectorAverage(new Array<number>(length).fill(constant))).toBeCloseTo(constant, 12);
      }),
    );
  });

  it('leaves its vector unchanged', () => {
    assertProperty(
      freshProperty(vector(), (a) => {
        expectInputsUnchanged('vectorAverage', { a }, () => vectorAverage(a));
      }),
    );
  });

  it('throws a clear error for an empty vector', () => {
    expect(() => vectorAverage([])).toThrow(/vectorAverage: cannot average an empty vector/);
  });
});

describe('task 3.7 dot', () => {
  it('scores the similarity vectors as the book does (listing 3.5)', () => {
    const { a, b, c, d, e } = similarityVectors;
    expect(dot(a, b)).toBe(0);
    expect(dot(b, c)).toBe(1);
    expect(dot(b, d)).toBe(1);
    expect(dot(c, c)).toBe(2);
    expect(dot(d, d)).toBe(0.5);
    expect(dot(c, e)).toBe(0);
    expect(dot(e, e)).toBe(2);
  });

  it('predicts 0.98 for game 1, like the weighted sum', () => {
    expect(dot([8.5, 0.65, 1.2], [0.1, 0.2, 0])).toBeCloseTo(0.98, 12);
  });

  it('equals the weighted sum: the sum of the elementwise products', () => {
    assertProperty(
      freshProperty(sameLengthVectors(2), ([a, b]) => {
        expectAllClose(dot(a, b), referenceWeightedSum(a, b), 1e-12);
      }),
    );
  });

  it('is symmetric and linear in each argument', () => {
    assertProperty(
      freshProperty(sameLengthVectors(3), smallFloat(), ([a, b, c], alpha) => {
        expect(dot(a, b)).toBeCloseTo(dot(b, a), 9);
        const lhs = dot(a, b.map((bi, i) => alpha * bi + c[i]));
        const rhs = alpha * dot(a, b) + dot(a, c);
        const scale = magnitude(a, b.map((bi, i) => Math.abs(alpha * bi) + Math.abs(c[i])));
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-12 * (1 + scale));
      }),
    );
  });

  it('leaves a and b unchanged', () => {
    assertProperty(
      freshProperty(sameLengthVectors(2), ([a, b]) => {
        expectInputsUnchanged('dot', { a, b }, () => dot(a, b));
      }),
    );
  });

  it('throws the length error of elementwiseMultiply when the lengths differ', () => {
    expect(() => dot([1], [1, 2])).toThrow(/elementwiseMultiply: .*lengths 1 and 2/);
  });
});
