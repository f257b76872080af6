/**
 * Chapter 5: gradient descent with several weights at once. Plain `number[]` vectors, as in the
 * book's pure-Python listings; a weight matrix is `number[][]` stored `[output][input]`.
 */

import { weightedSum } from '../../solutions/chapter-03/forward';

/** Chapter 3's weighted sum (its reference solution), which every prediction here uses. */
export { weightedSum };

/** What one step of multi-input gradient descent computed, and the weights after it. */
export interface MultiInputStep {
  /** The weights after the update (a new array; the argument is left untouched). */
  readonly weights: number[];
  /** The prediction made with the weights before the update. */
  readonly pred: number;
  /** `(pred - goal) ** 2`. */
  readonly error: number;
  /** `pred - goal`: how much too high the prediction was. */
  readonly delta: number;
  /** `input[i] * delta` for each weight (0 for a frozen weight). */
  readonly weightDeltas: number[];
}

/**
 * Exercise 5.1: one step of gradient descent for a network with several inputs and one output.
 *
 * Predict with the weighted sum, compute `error` and `delta`, give every weight its own
 * `weightDeltas[i] = input[i] * delta`, then move each weight: `weights[i] - alpha * weightDeltas[i]`.
 * A weight whose `frozen[i]` is true gets a weight delta of 0 and keeps its exact value.
 *
 * @param frozen optional flags, one per weight (missing entries mean "not frozen").
 * @throws when `input` and `weights` have different lengths:
 *   "multiInputStep: input and weights have lengths 3 and 2"
 */
export function multiInputStep(
  weights: readonly number[],
  input: readonly number[],
  goal: number,
  alpha: number,
  frozen: readonly boolean[] = [],
): MultiInputStep {
  // #region solution 5.1
  if (input.length !== weights.length) {
    throw new Error(`multiInputStep: input and weights have lengths ${input.length} and ${weights.length}`);
  }
  const pred = weightedSum(input, weights);
  const error = (pred - goal) ** 2;
  const delta = pred - goal;
  const weightDeltas = input.map((x, i) => (frozen[i] ? 0 : x * delta));
  const updated = weights.map((w, i) => (frozen[i] ? w : w - alpha * weightDeltas[i]));
  return { weights: updated, pred, error, delta, weightDeltas };
  // #endregion
}

/** What one step of multi-output gradient descent computed, and the weights after it. */
export interface MultiOutputStep {
  /** The weights after the update (a new array). */
  readonly weights: number[];
  /** One prediction per output: `input * weights[k]`. */
  readonly pred: number[];
  /** `(pred[k] - goal[k]) ** 2` per output. */
  readonly error: number[];
  /** `pred[k] - goal[k]` per output. */
  readonly delta: number[];
  /** `input * delta[k]` per weight. */
  readonly weightDeltas: number[];
}

/**
 * Exercise 5.3: one step of gradient descent for a network with one input and several outputs.
 *
 * Output k predicts `input * weights[k]` and has its own `delta[k]`; its weight moves by
 * `alpha * input * delta[k]`. (The book's listing multiplies the input by the *weights* here;
 * see the chapter's Errata.)
 *
 * @throws when `goal` and `weights` have different lengths:
 *   "multiOutputStep: goal and weights have lengths 2 and 3"
 */
export function multiOutputStep(
  weights: readonly number[],
  input: number,
  goal: readonly number[],
  alpha: number,
): MultiOutputStep {
  // #region solution 5.3
  if (goal.length !== weights.length) {
    throw new Error(`multiOutputStep: goal and weights have lengths ${goal.length} and ${weights.length}`);
  }
  const pred = weights.map((w) => input * w);
  const error = pred.map((p, k) => (p - goal[k]) ** 2);
  const delta = pred.map((p, k) => p - goal[k]);
  const weightDeltas = delta.map((d) => input * d);
  const updated = weights.map((w, k) => w - weightDeltas[k] * alpha);
  return { weights: updated, pred, error, delta, weightDeltas };
  // #endregion
}

/**
 * Exercise 5.4: the outer product of two vectors, the `a.length x b.length` matrix with
 * `out[i][j] = a[i] * b[j]`.
 * @example outerProd([1, 2], [3, 4, 5]) // [[3, 4, 5], [6, 8, 10]]
 */
export function outerProd(a: readonly number[], b: readonly number[]): number[][] {
  // #region solution 5.4
  return a.map((x) => b.map((y) => x * y));
  // #endregion
}

/** What one step of multi-input, multi-output gradient descent computed. */
export interface MimoStep {
  /** The weights after the update, `[output][input]` (a new matrix). */
  readonly weights: number[][];
  /** One prediction per output: the weighted sum of the input with that output's row. */
  readonly pred: number[];
  /** `(pred[k] - goal[k]) ** 2` per output. */
  readonly error: number[];
  /** `pred[k] - goal[k]` per output. */
  readonly delta: number[];
  /** `delta[k] * input[j]` at `[k][j]`: the outer product of delta and input. */
  readonly weightDeltas: number[][];
}

/**
 * Exercise 5.5: one step of gradient descent for a network with several inputs and outputs.
 *
 * `weights[k]` is the row of weights into output k, so `pred[k] = weightedSum(input, weights[k])`.
 * The weight deltas are `outerProd(delta, input)` (that orientation matches `[output][input]`),
 * and every weight moves by `alpha` times its delta.
 *
 * @throws when a row of weights and the input have different lengths, or goal and the rows differ:
 *   "mimoStep: row 1 of weights has length 2 but input has length 3",
 *   "mimoStep: goal has length 2 but weights has 3 rows"
 */
export function mimoStep(
  weights: readonly (readonly number[])[],
  input: readonly number[],
  goal: readonly number[],
  alpha: number,
): MimoStep {
  // #region solution 5.5
  if (goal.length !== weights.length) {
    throw new Error(`mimoStep: goal has length ${goal.length} but weights has ${weights.length} rows`);
  }
  weights.forEach((row, k) => {
    if (row.length !== input.length) {
      throw new Error(`mimoStep: row ${k} of weights has length ${row.length} but input has length ${input.length}`);
    }
  });
  const pred = weights.map((row) => weightedSum(input, row));
  const error = pred.map((p, k) => (p - goal[k]) ** 2);
  const delta = pred.map((p, k) => p - goal[k]);
  const weightDeltas = outerProd(delta, input);
  const updated = weights.map((row, k) => row.map((w, j) => w - alpha * weightDeltas[k][j]));
  return { weights: updated, pred, error, delta, weightDeltas };
  // #endregion
}

/** One point of an error curve: a value of one weight and the error it gives. */
export interface ErrorPoint {
  readonly weight: number;
  readonly error: number;
}

/**
 * Exercise 5.2: a slice through the error surface. Keeps every weight fixed except
 * `weights[index]`, which takes each value of `candidates` in turn, and returns the squared error
 * `(weightedSum(input, w) - goal) ** 2` for each. These are the curves (a), (b), (c) of the chapter.
 *
 * @throws when `index` is not a position in `weights`:
 *   "errorSlice: index 3 is not a weight (there are 3)"
 */
export function errorSlice(
  weights: readonly number[],
  input: readonly number[],
  goal: number,
  index: number,
  candidates: readonly number[],
): ErrorPoint[] {
  // #region solution 5.2
  if (!Number.isInteger(index) || index < 0 || index >= weights.length) {
    throw new Error(`errorSlice: index ${index} is not a weight (there are ${weights.length})`);
  }
  return candidates.map((weight) => {
    const trial = weights.slice();
    trial[index] = weight;
    return { weight, error: (weightedSum(input, trial) - goal) ** 2 };
  });
  // #endregion
}
