/**
 * Chapter 12, first half: one vector for a whole sentence by averaging its word vectors, and
 * reviews compared by those averages (listing 12.1's `make_sent_vect` and `most_similar_reviews`).
 */
import { NDArray, formatShape, gatherRows, matmul, mean, reshape } from '../../kernels';

/**
 * Exercise 12.1: the sentence vector of a list of word ids: the mean of their rows of
 * `weights` (`[vocabulary, dims]`), `[dims]`. Order does not matter, and a repeated word counts
 * once per occurrence.
 * @throws an Error `sentenceVector: a sentence needs at least one known word`
 */
export function sentenceVector(weights: NDArray, wordIds: readonly number[]): NDArray {
  // #region solution 12.1
  if (wordIds.length === 0) throw new Error('sentenceVector: a sentence needs at least one known word');
  return mean(gatherRows(weights, wordIds), 0);
  // #endregion
}

/**
 * Exercise 12.1: the indices of the `k` rows of `sentenceVectors` (`[reviews, dims]`) with the
 * largest dot product with `query` (`[dims]`), best first; equal scores keep row order.
 * @throws an Error `mostSimilarReviews: query [3] must have 4 values for sentenceVectors [10,4]`
 */
export function mostSimilarReviews(sentenceVectors: NDArray, query: NDArray, k = 3): number[] {
  // #region solution 12.1
  const [rows, dims] = sentenceVectors.shape;
  if (query.size !== dims) {
    throw new Error(
      `mostSimilarReviews: query ${formatShape(query.shape)} must have ${dims} values for sentenceVectors ${formatShape(sentenceVectors.shape)}`,
    );
  }
  const scores = matmul(sentenceVectors, reshape(query, [dims, 1])).data;
  const order = Array.from({ length: rows }, (_, i) => i);
  // Array.prototype.sort is stable, so rows with equal scores keep their order.
  order.sort((a, b) => scores[b] - scores[a]);
  return order.slice(0, k);
  // #endregion
}
