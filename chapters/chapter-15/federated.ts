/**
 * Federated averaging: every user trains a copy of the same model on their own data, and the
 * model owner replaces the model by the average of the copies that come back.
 */
import { NDArray, addScaled, formatShape, zeros } from '../../kernels';
import { NotImplementedError } from '../../kernels/not-implemented';

/**
 * Exercise 15.3: the average of several models' weights, `sum_k w_k * models[k] / sum_k w_k`.
 * Without `weights` every model counts the same (the book's plain mean); with them, e.g. each
 * user's number of examples, users with more data count more.
 * @param models the weights each user sent back, all of the same shape (not modified)
 * @param weights optional non-negative importance of each model, not all zero
 * @throws when there are no models, shapes differ, or the weights are unusable
 */
export function federatedAverage(models: readonly NDArray[], weights?: readonly number[]): NDArray {
  // #region solution 15.3
  throw new NotImplementedError('15.3', 'federatedAverage', 'chapters/chapter-15/README.md#exercise-15-3');
  // #endregion
}
