/**
 * Test support for chapter 3: fast-check arbitraries for vectors and matrices, plain reference
 * implementations to compare against, and a closeness check with a readable message.
 */
import fc from 'fast-check';
import { type Inputs, valueArb } from '../../kernels/testing';
import { showValue } from '../../kernels/testing/show';

/**
 * A number in [-10, 10], the size of the book's inputs and weights, on the course's decimal grid
 * (steps of 1e-5): a counterexample reads 3.14159 or -0.5, never 5e-324 or -0.
 */
export const smallFloat = (): fc.Arbitrary<number> => valueArb({ min: -10, max: 10 });

/**
 * `fc.property`, with every list argument (vectors and matrices, nested in tuples too) handed to
 * the predicate as a fresh copy. A function that writes into its argument then changes only the
 * copy: the counterexample fast-check prints is what the function was given, and shrinking
 * starts each attempt from the drawn values, not from what an earlier attempt left behind.
 */
export function freshProperty<Ts extends [unknown, ...unknown[]]>(
  ...args: [...arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }, predicate: (...values: Ts) => boolean | void]
): fc.IPropertyWithHooks<Ts> {
  const predicate = args[args.length - 1] as (...values: Ts) => boolean | void;
  const arbitraries = args.slice(0, -1) as { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };
  return fc.property(...arbitraries, (...values: Ts) => predicate(...(values.map(freshCopy) as Ts)));
}

/** A deep copy of nested lists; anything else as it is. */
function freshCopy<T>(value: T): T {
  return (Array.isArray(value) ? value.map(freshCopy) : value) as T;
}

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
  fc
    .array(fc.array(smallFloat(), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows })
    ;

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

/**
 * The rows of a matrix as separately named inputs for `expectInputsUnchanged`, so a function that
 * writes into its matrix argument is reported as `changed its argument weights[1] at [0]`.
 */
export function rowsOf(name: string, matrix: readonly (readonly number[])[]): Inputs {
  return Object.fromEntries(matrix.map((row, i) => [`${name}[${i}]`, row]));
}

/** A deep copy of a matrix, to check that a function did not hand back (part of) its argument. */
export function copyOf(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => [...row]);
}
