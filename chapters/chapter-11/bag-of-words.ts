/**
 * Chapter 11: text as numbers. A review becomes the set of its words' vocabulary indices (a bag
 * of words), or equivalently a one-hot vector with a 1 in the column of every word it contains.
 */
import { NDArray } from '../../kernels';
import type { Vocabulary } from '../../kernels/datasets';
import { NotImplementedError } from '../../kernels/not-implemented';

/**
 * Exercise 11.1: the bag of words of a tokenised review: the vocabulary indices of its words,
 * each once, in ascending order (the book's `list(set(sent_indices))`, in a fixed order).
 * Words outside the vocabulary are skipped, as the book's `try/except` does.
 * @example bagOfWords(['the', 'cat', 'sat', 'the'], vocabulary) // [0, 1, 3] for cat, the, dog, sat
 */
export function bagOfWords(tokens: readonly string[], vocabulary: Vocabulary): number[] {
  // #region solution 11.1
  throw new NotImplementedError('11.1', 'bagOfWords', 'chapters/chapter-11/README.md#exercise-11-1');
  // #endregion
}

/**
 * Exercise 11.1: the one-hot (presence) vector of a bag of words: `[vocabularySize]`, 1 at every
 * index in `wordIds` (a repeated index still gives 1), 0 elsewhere. "the cat sat" over the
 * vocabulary (cat, the, dog, sat) is `[1, 1, 0, 1]`.
 * @throws an Error `oneHotSentence: word id 4 is out of range for a vocabulary of 4 words`
 */
export function oneHotSentence(wordIds: readonly number[], vocabularySize: number): NDArray {
  // #region solution 11.1
  throw new NotImplementedError('11.1', 'bagOfWords', 'chapters/chapter-11/README.md#exercise-11-1');
  // #endregion
}
