/**
 * Test support for chapter 3: fast-check arbitraries for vectors and matrices, plain reference
 * implementations to compare against, and a closeness check with a readable message.
 */
import fc from 'fast-check';
import { showValue } from '../../kernels/testing/show';

/**
 * A float in [-10, 10] (no NaN or infinity): the size of the book's inputs and weights.
 * Negative zero is mapped to 0, so exact comparisons do not depend on the sign of a zero.
 */
export const smallFloat = (): fc.Arbitrary<number> =>
  fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }).map((value) => value + 0);

/** A vector of exactly `length` small floats. */
export const vectorOf = (length: number): fc.Arbitrary<number[]> =>
  fc.array(smallFloat(), { minLength: length, maxLength: length });

/** A vector of 1 to 6 small floats. */
export const vector = (): fc.Arbitrary<number[]> => fc.array(smallFloat(), { minLength: 1, maxLength: 6 });

/** Several vectors of one common length (1 to 6). */
export const sameLengthVectors = (count: number): fc.Arbitrary<number[][]> =>
  fc.integer({ min: 1, max: 6 }).chain((length) => fc.tuple(...Array.from({ length: count }, () => vectorOf(length))));

/** A rows × columns matrix of small floats. */
export const matrixOf = (rows: number, columns: number): fc.Arbitrary<number[][]> =>
  fc.array(vectorOf(columns), { minLength: rows, maxLength: rows });

/** A size from 1 to 5, for one side of a matrix. */
export const side = (): fc.Arbitrary<number> => fc.integer({ min: 1, max: 5 });

/** The weighted sum, written the plain way. */
export function referenceWeightedSum(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** The transpose, written the plain way. */
export function referenceTranspose(m: readonly (readonly number[])[]): number[][] {
  return (m[0] ?? []).map((_, j) => m.map((row) => row[j]));
}

/** The matrix product, written the plain way (row i of a against column j of b). */
export function referenceMatMul(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  return a.map((row) => (b[0] ?? []).map((_, j) => referenceWeightedSum(row, b.map((bRow) => bRow[j]))));
}

/** The sum of absolute products: the scale of the rounding error of a weighted sum. */
export function magnitude(a: readonly number[], b: readonly number[]): number {
  return referenceWeightedSum(a.map(Math.abs), b.map(Math.abs));
}

/**
 * Throws unless `actual` has the shape of `expected` and each value is within
 * `tolerance * (1 + |expected|)` of it. Nested lists are compared element by element.
 */
export function expectAllClose(actual: unknown, expected: unknown, tolerance = 1e-9, where = 'value'): void {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number' || !(Math.abs(actual - expected) <= tolerance * (1 + Math.abs(expected)))) {
      throw new Error(`${where}: expected ${expected} (±${tolerance} relative), got ${showValue(actual)}`);
    }
    return;
  }
  const expectedList = expected as readonly unknown[];
  if (!Array.isArray(actual) || actual.length !== expectedList.length) {
    throw new Error(`${where}: expected ${showValue(expected)}, got ${showValue(actual)}`);
  }
  expectedList.forEach((item, i) => expectAllClose(actual[i], item, tolerance, `${where}[${i}]`));
}
