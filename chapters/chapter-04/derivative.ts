/**
 * Chapter 4: measuring how much one number moves when you nudge another.
 *
 * The first tool of the chapter is the one that checks all the others: a derivative computed by
 * trying, not by calculus. Every weight delta the course derives later is compared with it.
 */

import { NotImplementedError } from '../../kernels/not-implemented';

/**
 * Exercise 4.6: the derivative of `f` at `x`, estimated by a centered difference,
 * `(f(x + h) - f(x - h)) / (2h)`.
 *
 * For a parabola the centered difference is exact up to rounding; for smooth functions its
 * error shrinks like `h²`. `h` must be a positive, finite step.
 * @throws when `h` is not a positive finite number
 * @example numericalDerivative((w) => w * w, 3) // ≈ 6
 */
export function numericalDerivative(f: (x: number) => number, x: number, h = 1e-6): number {
  // #region solution 4.6
  throw new NotImplementedError('4.6', 'numericalDerivative', 'chapters/chapter-04/README.md#exercise-4-6');
  // #endregion
}
