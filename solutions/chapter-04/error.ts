/**
 * Chapter 4: how much did the prediction miss?
 */

/**
 * Exercise 4.1: the squared error of one prediction, `(prediction - goalPred)²`.
 *
 * It is never negative, it is 0 only for a perfect prediction, and a miss above and a miss below
 * by the same amount cost the same. Misses bigger than 1 grow, misses smaller than 1 shrink.
 * @example squaredError(0.25, 0.8) // 0.3025 (printed by Python 2 as 0.3025)
 */
export function squaredError(prediction: number, goalPred: number): number {
  // #region solution 4.1
  const miss = prediction - goalPred;
  return miss * miss;
  // #endregion
}
