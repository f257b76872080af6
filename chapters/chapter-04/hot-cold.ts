/**
 * Chapter 4: hot and cold learning, learning as a search.
 *
 * Wiggle the weight up and down by a fixed step, and keep whichever direction made the error
 * smaller. It works, slowly, and it can only land on weights a whole number of steps away.
 */
import { squaredError } from './error';
import { NotImplementedError } from '../../kernels/not-implemented';

/**
 * The squared error the one-weight network `prediction = input * weight` makes with this weight
 * (given: it is exercise 4.1 applied to one prediction).
 */
export function errorAt(weight: number, input: number, goalPred: number): number {
  return squaredError(input * weight, goalPred);
}

/**
 * Exercise 4.2: one step of hot and cold learning for the one-weight network
 * `prediction = input * weight`.
 *
 * Try `weight + stepAmount` and `weight - stepAmount`, compute the squared error of each
 * prediction against `goalPred`, and return the weight moved one step in the direction with the
 * smaller error. When both errors are equal the weight stays where it is. Like the book's loop,
 * it does not compare with the error of the current weight: it always moves when one side wins.
 * @example hotColdStep(0.5, 0.5, 0.8, 0.001) // 0.501
 */
export function hotColdStep(weight: number, input: number, goalPred: number, stepAmount: number): number {
  // #region solution 4.2
  throw new NotImplementedError('4.2', 'hotColdStep', 'chapters/chapter-04/README.md#exercise-4-2');
  // #endregion
}

/** One line of a hot-and-cold run: the weight at the start of an iteration and how it did. */
export interface HotColdRecord {
  readonly weight: number;
  readonly prediction: number;
  readonly error: number;
}

/** What a hot-and-cold run starts from. */
export interface HotColdOptions {
  readonly weight: number;
  readonly input: number;
  readonly goalPred: number;
  readonly stepAmount: number;
  readonly iterations: number;
}

/**
 * Exercise 4.3: runs `iterations` steps of hot and cold learning and returns one record per
 * iteration: the weight before the step, its prediction `input * weight` and its squared error
 * (what the book's loop prints before it updates the weight).
 * @example hotColdTrain({ weight: 0.5, input: 0.5, goalPred: 0.8, stepAmount: 0.001, iterations: 2 })
 *   // [{ weight: 0.5, prediction: 0.25, error: 0.3025 }, { weight: 0.501, prediction: 0.2505, ... }]
 */
export function hotColdTrain(options: HotColdOptions): HotColdRecord[] {
  // #region solution 4.3
  throw new NotImplementedError('4.3', 'hotColdTrain', 'chapters/chapter-04/README.md#exercise-4-3');
  // #endregion
}
