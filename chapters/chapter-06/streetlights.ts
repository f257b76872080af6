/**
 * Chapter 6, first half: the streetlight problem solved by one layer of weights, with the three
 * ways of walking through a dataset (stochastic, full-batch and mini-batch gradient descent) and
 * the up/down "pressure" every example puts on every weight. From this chapter on the course
 * uses `kernels/`, as the book switches to NumPy.
 */
import { NDArray, array, mul, sliceRows, sub, vectorDot } from '../../kernels';
import { NotImplementedError } from '../../kernels/not-implemented';

/** The six observed light patterns (left, middle, right lamp; 1 = on), one row per observation. */
export const STREETLIGHTS = [
  [1, 0, 1],
  [0, 1, 1],
  [0, 0, 1],
  [1, 1, 1],
  [0, 1, 1],
  [1, 0, 1],
] as const;

/** What people did at each pattern: 1 = walk, 0 = stop. */
export const WALK_VS_STOP = [0, 1, 0, 1, 1, 0] as const;

/** The starting weights of the book's single-layer experiments. */
export const START_WEIGHTS = [0.5, 0.48, -0.7] as const;

/** The streetlights as a fresh `[6, 3]` matrix and the labels as a fresh `[6]` vector. */
export function streetlightData(): { lights: NDArray; walkVsStop: NDArray } {
  return { lights: array(STREETLIGHTS.map((row) => [...row])), walkVsStop: array([...WALK_VS_STOP]) };
}

/** The weights after a pass over the data and that pass's total squared error. */
export interface Epoch {
  /** New weights (the argument is left untouched). */
  readonly weights: NDArray;
  /** The sum over examples of `(goal - prediction) ** 2`, each measured before that example's update. */
  readonly error: number;
  /** Each example's prediction, made with the weights it saw (before its own update). */
  readonly predictions: number[];
}

function checkData(op: string, weights: NDArray, lights: NDArray, walkVsStop: NDArray): void {
  if (lights.ndim !== 2 || weights.ndim !== 1 || lights.shape[1] !== weights.shape[0]) {
    throw new Error(`${op}: lights [${lights.shape.join(',')}] do not match weights [${weights.shape.join(',')}]`);
  }
  if (walkVsStop.ndim !== 1 || walkVsStop.shape[0] !== lights.shape[0]) {
    throw new Error(`${op}: ${lights.shape[0]} light patterns but ${walkVsStop.size} labels`);
  }
}

/**
 * Exercise 6.1: one pass of **stochastic** gradient descent: for each row in order, predict
 * `input . weights`, add `(goal - prediction) ** 2` to the error, and update at once:
 * `weights - alpha * (input * delta)` with `delta = prediction - goal`.
 * @param weights `[k]`; @param lights `[n, k]`; @param walkVsStop `[n]`.
 * @throws when the shapes disagree: "stochasticEpoch: 6 light patterns but 4 labels"
 */
export function stochasticEpoch(weights: NDArray, lights: NDArray, walkVsStop: NDArray, alpha: number): Epoch {
  // #region solution 6.1
  throw new NotImplementedError('6.1', 'stochasticEpoch', 'chapters/chapter-06/README.md#exercise-6-1');
  // #endregion
}

/**
 * Exercise 6.2: one pass of **full-batch** gradient descent: every example's prediction and
 * weight delta `input * delta` use the same (old) weights; the weights then move once by
 * `alpha` times the *average* weight delta.
 * @throws when the shapes disagree: "fullBatchEpoch: 6 light patterns but 4 labels"
 */
export function fullBatchEpoch(weights: NDArray, lights: NDArray, walkVsStop: NDArray, alpha: number): Epoch {
  // #region solution 6.2
  throw new NotImplementedError('6.2', 'fullBatchEpoch', 'chapters/chapter-06/README.md#exercise-6-2');
  // #endregion
}

/**
 * Exercise 6.3: one pass of **mini-batch** gradient descent: the rows in consecutive batches of
 * `batchSize` (the last one may be smaller), one averaged update per batch as in exercise 6.2.
 * `batchSize` 1 is stochastic gradient descent; `batchSize >= n` is full-batch.
 * @throws when batchSize is not a positive integer: "miniBatchEpoch: batch size 0 must be a positive integer"
 */
export function miniBatchEpoch(
  weights: NDArray,
  lights: NDArray,
  walkVsStop: NDArray,
  alpha: number,
  batchSize: number,
): Epoch {
  // #region solution 6.3
  throw new NotImplementedError('6.3', 'miniBatchEpoch', 'chapters/chapter-06/README.md#exercise-6-3');
  // #endregion
}

/**
 * Exercise 6.4: the pressure table. Example n pushes weight j up (+1) when its input is on and the
 * answer is walk (1), down (-1) when its input is on and the answer is stop (0), and not at all (0)
 * when the input is off: `sign(2 y_n - 1) * x_nj` for 0/1 data.
 * @returns an `n x k` table of -1, 0 and 1.
 * @throws when the shapes disagree: "weightPressure: 6 light patterns but 4 labels"
 */
export function weightPressure(lights: NDArray, walkVsStop: NDArray): number[][] {
  // #region solution 6.4
  throw new NotImplementedError('6.4', 'weightPressure', 'chapters/chapter-06/README.md#exercise-6-4');
  // #endregion
}
