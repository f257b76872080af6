/**
 * Trusted helpers for the chapter 4 tests. They are test support, never redirected to the
 * learner's files, so a test of one exercise does not depend on another exercise being right.
 */
import fc from 'fast-check';
import { py2str } from '../../kernels/format';
import { valueArb } from '../../kernels/testing';

/** The centered difference `(f(x + h) - f(x - h)) / 2h`, the reference every gradient is checked against. */
export function centeredDifference(f: (x: number) => number, x: number, h = 1e-5): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

export { relativeError } from '../../kernels/testing';

/** The squared error of the one-weight network as a function of its weight. */
export function errorOfWeight(input: number, goalPred: number): (weight: number) => number {
  return (weight) => (input * weight - goalPred) ** 2;
}

/** One gradient-descent step written out, to compare a learner's function with. */
export function referenceStep(weight: number, input: number, goalPred: number, alpha: number) {
  const delta = input * weight - goalPred;
  const weightDelta = delta * input;
  return { delta, weightDelta, newWeight: weight - weightDelta * alpha };
}

/** A float as the book's Python 2 printed it: 12 significant digits, whole numbers with `.0`. */
export function book(value: number): string {
  const text = py2str(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/** The book's log line `Error:... Prediction:...`. */
export function errorLine(record: { error: number; prediction: number }): string {
  return `Error:${book(record.error)} Prediction:${book(record.prediction)}`;
}

/**
 * A moderate number in [min, max] on the course's decimal grid (about a million values between
 * min and max), so a counterexample reads 0.734212 or -1.5, never 5e-324 or -0.
 */
export function moderate(min = -3, max = 3): fc.Arbitrary<number> {
  return valueArb({ min, max });
}

/**
 * Calls `train` with a frozen copy of `options`, so a function that writes its running weight back
 * into the caller's options object fails with a message that says so (in strict mode the write
 * throws a TypeError).
 */
export function withFrozenOptions<O extends object, R>(name: string, options: O, train: (options: O) => R): R {
  const frozen = Object.freeze({ ...options });
  let result: R;
  try {
    result = train(frozen);
  } catch (error) {
    if (error instanceof TypeError && /read only|read-only|not extensible/.test(error.message)) {
      throw new Error(`${name} wrote into its options object (${error.message}): keep the running weight in a variable of its own`, { cause: error });
    }
    throw error;
  }
  return result;
}

/** fast-check settings for every property of the chapter. */
export const runs = { numRuns: 100 };
