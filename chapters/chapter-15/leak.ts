/**
 * What a plain federated update gives away (listing 15.9). The spam model's gradient is zero
 * for every word that is not in the batch, so the rows that changed between the model sent to
 * a user and the model that came back are exactly the words of the user's emails.
 */
import { NDArray, formatShape } from '../../kernels';
import { NotImplementedError } from '../../kernels/not-implemented';

/**
 * Exercise 15.4: the words whose weights changed between `before` (the model sent) and
 * `after` (the model returned), in vocabulary order.
 * @param before the embedding weights sent to the user, `[vocabulary, dim]` (not modified)
 * @param after the weights the user sent back, same shape (not modified)
 * @param vocabulary the word of each row
 * @throws when the shapes differ or the vocabulary does not have one word per row
 */
export function leakedWords(before: NDArray, after: NDArray, vocabulary: readonly string[]): string[] {
  // #region solution 15.4
  throw new NotImplementedError('15.4', 'leakedWords', 'chapters/chapter-15/README.md#exercise-15-4');
  // #endregion
}
