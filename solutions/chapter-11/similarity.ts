/**
 * Chapter 11: reading what the embeddings learned. A word's embedding is its row of
 * `weights01`; words are similar when their rows are close (listing 11.3) or point the same way
 * (cosine), and analogies are vector arithmetic on the rows (listing 11.6).
 */
import { NDArray, addScaled, cosineSimilarityRows, flatten, formatShape, norm, rowsView } from '../../kernels';
import type { Vocabulary } from '../../kernels/datasets';

/** A word and its similarity score, as the book's `Counter.most_common` lists them. */
export type Neighbour = readonly [word: string, score: number];

/** The row index of `word`, or an Error naming the function and the word. */
export function wordIndex(op: string, vocabulary: Vocabulary, word: string): number {
  const index = vocabulary.index.get(word);
  if (index === undefined) throw new Error(`${op}: "${word}" is not in the vocabulary of ${vocabulary.words.length} words`);
  return index;
}

function checkRows(op: string, weights: NDArray, vocabulary: Vocabulary): void {
  if (weights.ndim !== 2 || weights.shape[0] !== vocabulary.words.length) {
    throw new Error(`${op}: weights ${formatShape(weights.shape)} must have one row per word (${vocabulary.words.length})`);
  }
}

/** Row `i` of `weights` as a vector `[n]`, sharing its data (no copy). */
export function wordVector(weights: NDArray, i: number): NDArray {
  return flatten(rowsView(weights, i, i + 1));
}

/** The `k` highest scores, best first; equal scores keep vocabulary order. */
export function topK(scores: ArrayLike<number>, vocabulary: Vocabulary, k: number, exclude: ReadonlySet<number> = new Set()): Neighbour[] {
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!exclude.has(i)) order.push(i);
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  return order.slice(0, k).map((i) => [vocabulary.words[i], scores[i]] as const);
}

/**
 * Exercise 11.5: the `k` words whose rows are nearest to `word`'s row by Euclidean distance,
 * scored `-distance` and best first (the book's `similar`): the word itself comes first with
 * score `-0`. Ties keep vocabulary order.
 * @throws an Error `similar: "zzz" is not in the vocabulary of 4 words`
 */
export function similar(weights: NDArray, vocabulary: Vocabulary, word: string, k = 10): Neighbour[] {
  // #region solution 11.5
  checkRows('similar', weights, vocabulary);
  const target = wordVector(weights, wordIndex('similar', vocabulary, word));
  const scores = new Float64Array(weights.shape[0]);
  for (let i = 0; i < scores.length; i++) scores[i] = -norm(addScaled(wordVector(weights, i), target, -1));
  return topK(scores, vocabulary, k);
  // #endregion
}

/**
 * Exercise 11.5: the `k` words whose rows have the highest cosine similarity with `word`'s row,
 * best first (the word itself first, with 1 up to rounding). Cosine ignores the rows' lengths,
 * so a word that appears often (and so has a long row) does not crowd out the rest.
 */
export function similarCosine(weights: NDArray, vocabulary: Vocabulary, word: string, k = 10): Neighbour[] {
  // #region solution 11.5
  checkRows('similarCosine', weights, vocabulary);
  const target = wordVector(weights, wordIndex('similarCosine', vocabulary, word));
  return topK(cosineSimilarityRows(weights, target).data, vocabulary, k);
  // #endregion
}

/**
 * Exercise 11.7: word analogies by vector arithmetic: the `k` words whose rows have the highest
 * cosine similarity with `sum(unit(positive)) - sum(unit(negative))`, where `unit(v) = v / |v|`,
 * the query words themselves excluded. `analogy(w, v, ['king', 'woman'], ['man'])` asks
 * "man is to king as woman is to ?".
 * @throws an Error `analogy: "zzz" is not in the vocabulary of 4 words`
 */
export function analogy(
  weights: NDArray,
  vocabulary: Vocabulary,
  positive: readonly string[],
  negative: readonly string[],
  k = 10,
): Neighbour[] {
  // #region solution 11.7
  checkRows('analogy', weights, vocabulary);
  const query = NDArray.zeros([weights.shape[1]]);
  const used = new Set<number>();
  for (const [words, sign] of [[positive, 1], [negative, -1]] as const) {
    for (const word of words) {
      const index = wordIndex('analogy', vocabulary, word);
      used.add(index);
      const v = wordVector(weights, index);
      const length = norm(v);
      if (length > 0) addScaled(query, v, sign / length, query);
    }
  }
  return topK(cosineSimilarityRows(weights, query).data, vocabulary, k, used);
  // #endregion
}
