/**
 * Chapter 14: writing text with a trained character model, one character at a time.
 */
import { NDArray, RandomState, formatShape, softmax } from '../../kernels';
import type { CharModel } from './models';
import { NotImplementedError } from '../../kernels/not-implemented';

/**
 * Exercise 14.7: draw one index from `softmax(logits / temperature)`, a true categorical draw:
 * take one uniform number `u = random.nextDouble()` and return the first index whose cumulative
 * probability exceeds `u`. A low temperature sharpens the distribution (the book's "multiply the
 * logits by 10" is temperature 0.1). Subtracting the maximum (kernels' softmax does) keeps huge
 * logits from overflowing. `logits` is not modified.
 * @example sampleCategorical(array([0, 0, 100]), 1, new RandomState(0)) // 2
 * @throws when logits is empty or temperature is not a positive number
 */
export function sampleCategorical(logits: NDArray, temperature: number, random: RandomState): number {
  // #region solution 14.7
  throw new NotImplementedError('14.7', 'sampleCategorical', 'chapters/chapter-14/README.md#exercise-14-7');
  // #endregion
}

/**
 * The book's sampler (L14.6, quirk C.12): the FIRST index whose probability exceeds one uniform
 * draw, or 0 if none does. It is not a categorical draw: it favours low indices and returns 0
 * whenever every probability is below the draw.
 */
export function bookThresholdSample(logits: NDArray, sharpen: number, random: RandomState): number {
  const scaled = new NDArray(Float64Array.from(logits.data, (z) => z * sharpen), [1, logits.size]);
  const p = softmax(scaled).data;
  const u = random.nextDouble();
  for (let k = 0; k < p.length; k++) if (p[k] > u) return k;
  return 0;
}

/** The book's greedy choice (L14.12): the most likely next character. */
export function greedy(logits: NDArray): number {
  let best = 0;
  for (let k = 1; k < logits.size; k++) if (logits.data[k] > logits.data[best]) best = k;
  return best;
}

/**
 * Writes `n` characters: feeds `start`, then each chosen character back in (batch 1), starting
 * from the model's initial state. `pick` chooses the next id from the logits.
 */
export function generate(
  model: CharModel,
  chars: readonly string[],
  startId: number,
  n: number,
  pick: (logits: NDArray) => number,
): string {
  let state = model.initState(1);
  let id = startId;
  let text = '';
  for (let k = 0; k < n; k++) {
    const pass = model.forward(Int32Array.of(id), state, 1);
    state = pass.state;
    id = pick(pass.logits);
    text += chars[id];
  }
  return text;
}
