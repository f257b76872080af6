/**
 * What a plain federated update gives away (listing 15.9). The spam model's gradient is zero
 * for every word that is not in the batch, so the rows that changed between the model sent to
 * a user and the model that came back are exactly the words of the user's emails.
 */
import { NDArray, formatShape } from '../../kernels';

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
  if (before.ndim !== 2 || after.ndim !== 2 || before.shape[0] !== after.shape[0] || before.shape[1] !== after.shape[1]) {
    throw new Error(`leakedWords: before ${formatShape(before.shape)} and after ${formatShape(after.shape)} must be the same [vocabulary, dim] shape`);
  }
  const [rows, dim] = before.shape;
  if (vocabulary.length !== rows) throw new Error(`leakedWords: ${vocabulary.length} words for ${rows} rows`);
  const changed: string[] = [];
  for (let row = 0; row < rows; row++) {
    for (let j = 0; j < dim; j++) {
      if (before.data[row * dim + j] !== after.data[row * dim + j]) {
        changed.push(vocabulary[row]);
        break;
      }
    }
  }
  return changed;
  // #endregion
}
