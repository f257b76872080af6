/**
 * Chapter 4: gradient descent with one weight.
 *
 * The error tells how much we missed; `delta * input` tells which way, and how far, to move the
 * weight. Multiplying by `alpha` keeps big inputs from throwing the weight past the goal.
 */
import { squaredError } from './error';

/**
 * The error of the one-weight network at each of `weights`: the U-shaped curve that gradient
 * descent walks down (given; the chapter's parabola figure is drawn from it).
 * @example errorCurve(0.5, 0.8, [0, 1.6, 3.2]) // [0.64, 0, 0.64], the bottom at weight 1.6
 */
export function errorCurve(input: number, goalPred: number, weights: readonly number[]): number[] {
  return weights.map((weight) => squaredError(input * weight, goalPred));
}

/** Everything one gradient-descent step computes, in the book's names. */
export interface GradientStep {
  /** The weight the step started from. */
  readonly weight: number;
  /** `input * weight`. */
  readonly prediction: number;
  /** `(prediction - goalPred)²`. */
  readonly error: number;
  /** The "pure error" `prediction - goalPred`: its sign is the direction of the miss. */
  readonly delta: number;
  /** `delta * input`: how much this weight is to blame, half the derivative of the error. */
  readonly weightDelta: number;
  /** `weight - alpha * weightDelta`: the weight after the step. */
  readonly newWeight: number;
}

/**
 * Exercise 4.4: one step of gradient descent for `prediction = input * weight`.
 *
 * Computes prediction, error, `delta = prediction - goalPred`, `weightDelta = delta * input` and
 * `newWeight = weight - weightDelta * alpha`. The derivative of the error with respect to the
 * weight is `2 * weightDelta`; the 2 is left out, as in the book, and folded into alpha.
 * @example gdStep(0.1, 8.5, 1, 0.01) // delta -0.15, weightDelta -1.275, newWeight 0.11275
 */
export function gdStep(weight: number, input: number, goalPred: number, alpha = 1): GradientStep {
  // #region solution 4.4
  const prediction = input * weight;
  const error = squaredError(prediction, goalPred);
  const delta = prediction - goalPred;
  const weightDelta = delta * input;
  const newWeight = weight - weightDelta * alpha;
  return { weight, prediction, error, delta, weightDelta, newWeight };
  // #endregion
}

/** What a gradient-descent run starts from. */
export interface GradientDescentOptions {
  readonly weight: number;
  readonly input: number;
  readonly goalPred: number;
  /** The learning rate; 1 (no scaling) when left out, as in the book's first listings. */
  readonly alpha?: number;
  readonly iterations: number;
}

/**
 * Exercise 4.5: runs `iterations` gradient-descent steps from `options.weight` and returns every
 * step (each one starting from the previous step's `newWeight`).
 * @example gdTrain({ weight: 0.5, input: 0.5, goalPred: 0.8, iterations: 20 }).map((s) => s.error)
 *   // 0.3025, 0.17015625, 0.095712890625, ...
 */
export function gdTrain(options: GradientDescentOptions): GradientStep[] {
  // #region solution 4.5
  const { input, goalPred, alpha = 1, iterations } = options;
  const history: GradientStep[] = [];
  let weight = options.weight;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const step = gdStep(weight, input, goalPred, alpha);
    history.push(step);
    weight = step.newWeight;
  }
  return history;
  // #endregion
}

/**
 * Exercise 4.7: the factor by which one gradient-descent step multiplies the delta,
 * `1 - alpha * input²`.
 *
 * After a step, `newDelta = convergenceFactor(input, alpha) * delta`, so the error is multiplied
 * by its square. A negative factor means the step overshoots the goal.
 * @example convergenceFactor(2, 1) // -3: every step overshoots and triples the miss
 */
export function convergenceFactor(input: number, alpha: number): number {
  // #region solution 4.7
  return 1 - alpha * input * input;
  // #endregion
}

/**
 * Exercise 4.8: whether gradient descent with this input and alpha diverges, that is, whether the
 * miss grows at every step (the factor of exercise 4.7 is larger than 1 in size).
 *
 * A factor of exactly -1 or 1 neither grows nor shrinks the miss: that is not divergence.
 * @example diverges(2, 1) // true
 * @example diverges(2, 0.1) // false
 */
export function diverges(input: number, alpha: number): boolean {
  // #region solution 4.8
  return Math.abs(convergenceFactor(input, alpha)) > 1;
  // #endregion
}
