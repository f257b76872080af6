/**
 * Federated averaging: every user trains a copy of the same model on their own data, and the
 * model owner replaces the model by the average of the copies that come back.
 */
import { NDArray, addScaled, formatShape, zeros } from '../../kernels';

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
  if (models.length === 0) throw new Error('federatedAverage: no models to average');
  const shape = models[0].shape;
  models.forEach((model, k) => {
    if (model.shape.length !== shape.length || model.shape.some((size, axis) => size !== shape[axis])) {
      throw new Error(`federatedAverage: model ${k} has shape ${formatShape(model.shape)}, model 0 has ${formatShape(shape)}`);
    }
  });
  const importance = weights ?? models.map(() => 1);
  if (importance.length !== models.length) {
    throw new Error(`federatedAverage: ${importance.length} weights for ${models.length} models`);
  }
  if (importance.some((w) => !(w >= 0 && Number.isFinite(w)))) {
    throw new Error(`federatedAverage: weights must be finite and not negative, got [${importance.join(', ')}]`);
  }
  const total = importance.reduce((a, b) => a + b, 0);
  if (total === 0) throw new Error('federatedAverage: the weights sum to 0');
  const average = zeros(shape);
  models.forEach((model, k) => addScaled(average, model, importance[k] / total, average));
  return average;
  // #endregion
}
