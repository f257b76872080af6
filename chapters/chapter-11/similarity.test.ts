import fc from 'fast-check';
import { NDArray } from '../../kernels';
import { buildVocabulary, type Vocabulary } from '../../kernels/datasets';
import { arrayArb, assertProperty } from '../../kernels/testing';
import { analogy, similar, similarCosine } from './similarity';

const RUNS = { numRuns: 100 };

function vocabularyOf(words: readonly string[]): Vocabulary {
  return { words, index: new Map(words.map((w, i) => [w, i])), counts: words.map(() => 1) };
}

/** 3-8 words with random 1-4 dimensional rows, none of them zero. */
const embeddings = fc
  .record({ size: fc.integer({ min: 3, max: 8 }), dims: fc.integer({ min: 1, max: 4 }) })
  .chain(({ size, dims }) => fc.record({ weights: arrayArb([size, dims], { min: 0.1, max: 2 }), signs: fc.array(fc.boolean(), { minLength: size * dims, maxLength: size * dims }), query: fc.nat(size - 1) }))
  .map(({ weights, signs, query }) => {
    signs.forEach((negative, i) => { if (negative) weights.data[i] = -weights.data[i]; });
    return { weights, query, vocabulary: vocabularyOf(Array.from({ length: weights.shape[0] }, (_, i) => `w${i}`)) };
  });

/** True when no other row equals the query's, so the query word alone is at distance 0. */
function queryRowIsUnique({ weights, query }: { weights: NDArray; query: number }): boolean {
  const dims = weights.shape[1];
  const row = (i: number) => Array.from(weights.data.subarray(i * dims, (i + 1) * dims));
  const own = row(query);
  for (let i = 0; i < weights.shape[0]; i++) {
    if (i !== query && row(i).every((x, j) => x === own[j])) return false;
  }
  return true;
}

function distance(weights: NDArray, a: number, b: number): number {
  let s = 0;
  for (let j = 0; j < weights.shape[1]; j++) s += (weights.get(a, j) - weights.get(b, j)) ** 2;
  return Math.sqrt(s);
}

function cosine(weights: NDArray, a: number, b: number[] | number): number {
  const v = typeof b === 'number' ? Array.from({ length: weights.shape[1] }, (_, j) => weights.get(b, j)) : b;
  let dot = 0, na = 0, nb = 0;
  for (let j = 0; j < weights.shape[1]; j++) {
    dot += weights.get(a, j) * v[j];
    na += weights.get(a, j) ** 2;
    nb += v[j] ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

describe('task 11.5 similar', () => {
  test('the word itself first with -0, then every other word by increasing distance, scored -distance', () => {
    assertProperty(
      // A second word with the query's own row would tie at -0 (the next test pins ties).
      fc.property(embeddings.filter(queryRowIsUnique), ({ weights, query, vocabulary }) => {
        const before = weights.clone();
        const result = similar(weights, vocabulary, vocabulary.words[query], 100);
        expect(result).toHaveLength(vocabulary.words.length);
        expect(result[0][0]).toBe(vocabulary.words[query]);
        expect(Object.is(result[0][1], -0)).toBe(true);
        for (const [word, score] of result) expect(score).toBeCloseTo(-distance(weights, vocabulary.index.get(word)!, query), 12);
        for (let i = 1; i < result.length; i++) expect(result[i][1]).toBeLessThanOrEqual(result[i - 1][1]);
        expect(Array.from(weights.data)).toEqual(Array.from(before.data));
      }),
      RUNS,
    );
  });

  test('returns the k best, ties in vocabulary order', () => {
    const weights = new NDArray(Float64Array.of(0, 0, 1, 0, 0, 1, -1, 0, 3, 3), [5, 2]);
    const vocabulary = vocabularyOf(['a', 'b', 'c', 'd', 'e']);
    expect(similar(weights, vocabulary, 'a', 4)).toEqual([['a', -0], ['b', -1], ['c', -1], ['d', -1]]);
  });

  test('rejects a word outside the vocabulary', () => {
    expect(() => similar(NDArray.zeros([4, 2]), vocabularyOf(['a', 'b', 'c', 'd']), 'zzz')).toThrow(
      /similar: "zzz" is not in the vocabulary of 4 words/,
    );
  });
});

describe('task 11.5 similarCosine', () => {
  test('ranks by cosine, which ignores the rows\' lengths', () => {
    assertProperty(
      fc.property(embeddings, fc.double({ min: 0.5, max: 20, noNaN: true }), ({ weights, query, vocabulary }, scale) => {
        const result = similarCosine(weights, vocabulary, vocabulary.words[query], 100);
        expect(result[0][1]).toBeCloseTo(1, 12);
        for (const [word, score] of result) expect(score).toBeCloseTo(cosine(weights, vocabulary.index.get(word)!, query), 12);
        for (let i = 1; i < result.length; i++) expect(result[i][1]).toBeLessThanOrEqual(result[i - 1][1]);
        // Stretching one other row changes its distance, not its cosine.
        const other = (query + 1) % weights.shape[0];
        const scaled = weights.clone();
        for (let j = 0; j < weights.shape[1]; j++) scaled.data[other * weights.shape[1] + j] *= scale;
        const again = similarCosine(scaled, vocabulary, vocabulary.words[query], 100);
        const score = (list: typeof result) => list.find(([w]) => w === vocabulary.words[other])![1];
        expect(score(again)).toBeCloseTo(score(result), 12);
      }),
      RUNS,
    );
  });

  test('a long row far away can still be the best cosine neighbour', () => {
    const weights = new NDArray(Float64Array.of(1, 0, 10, 1, 0.5, 0.5), [3, 2]);
    const vocabulary = vocabularyOf(['a', 'b', 'c']);
    expect(similar(weights, vocabulary, 'a', 2)[1][0]).toBe('c');
    expect(similarCosine(weights, vocabulary, 'a', 2)[1][0]).toBe('b');
  });
});

describe('task 11.5 bad input', () => {
  test('similar and similarCosine name themselves for a mismatched table or an unknown word', () => {
    const vocabulary = buildVocabulary(['a', 'b', 'c', 'd']);
    const weights = NDArray.zeros([3, 2]);
    expect(() => similar(weights, vocabulary, 'a')).toThrow(/^similar: weights \[3,\s?2\] must have one row per word \(4\)/);
    expect(() => similarCosine(weights, vocabulary, 'a')).toThrow(/^similarCosine: weights \[3,\s?2\] must have one row per word/);
    expect(() => similar(NDArray.zeros([4, 2]), vocabulary, 'zzz')).toThrow(/^similar: "zzz" is not in the vocabulary of 4 words/);
    expect(() => similarCosine(NDArray.zeros([4, 2]), vocabulary, 'zzz')).toThrow(/^similarCosine: "zzz" is not in the vocabulary of 4 words/);
  });
});

describe('task 11.7 analogy', () => {
  test("the book's 2-D toy: king - man + woman is nearest to queen", () => {
    const vocabulary = vocabularyOf(['king', 'man', 'woman', 'queen', 'apple']);
    const weights = new NDArray(Float64Array.of(0.6, 0.1, 0.5, 0.0, 0.0, 0.8, 0.1, 1.0, -0.7, -0.7), [5, 2]);
    const result = analogy(weights, vocabulary, ['king', 'woman'], ['man'], 2);
    expect(result.map(([w]) => w)).toEqual(['queen', 'apple']);
  });

  test('scores every word but the query words by cosine with sum(unit(positive)) - sum(unit(negative))', () => {
    assertProperty(
      fc.property(embeddings.filter(({ weights }) => weights.shape[0] >= 4), fc.nat(), ({ weights, vocabulary }, pick) => {
        const n = weights.shape[0];
        const [a, b, c] = [pick % n, (pick + 1) % n, (pick + 2) % n];
        const unit = (i: number) => {
          const r = Array.from({ length: weights.shape[1] }, (_, j) => weights.get(i, j));
          const length = Math.hypot(...r);
          return r.map((x) => x / length);
        };
        const query = unit(a).map((x, j) => x + unit(c)[j] - unit(b)[j]);
        const result = analogy(weights, vocabulary, [vocabulary.words[a], vocabulary.words[c]], [vocabulary.words[b]], 100);
        expect(result).toHaveLength(n - 3);
        for (const [word, score] of result) {
          expect([a, b, c]).not.toContain(vocabulary.index.get(word));
          expect(score).toBeCloseTo(cosine(weights, vocabulary.index.get(word)!, query), 10);
        }
        for (let i = 1; i < result.length; i++) expect(result[i][1]).toBeLessThanOrEqual(result[i - 1][1]);
      }),
      RUNS,
    );
  });

  test('a word whose row is all zeros adds nothing to the query (no 0 / 0)', () => {
    const vocabulary = vocabularyOf(['king', 'man', 'woman', 'queen', 'apple', 'nothing']);
    const weights = new NDArray(Float64Array.of(0.6, 0.1, 0.5, 0.0, 0.0, 0.8, 0.1, 1.0, -0.7, -0.7, 0, 0), [6, 2]);
    const withZero = analogy(weights, vocabulary, ['king', 'woman', 'nothing'], ['man'], 2);
    const without = analogy(weights, vocabulary, ['king', 'woman'], ['man'], 3).filter(([word]) => word !== 'nothing');
    expect(withZero.map(([word]) => word)).toEqual(['queen', 'apple']);
    for (const [i, [, score]] of withZero.entries()) expect(score).toBeCloseTo(without[i][1], 12);
  });

  test('names itself when the weights do not have one row per word', () => {
    const vocabulary = buildVocabulary(['a', 'b', 'c', 'd']);
    expect(() => analogy(NDArray.zeros([3, 2]), vocabulary, ['a'], ['b'])).toThrow(/^analogy: weights \[3,\s?2\] must have one row per word/);
  });

  test('rejects a query word outside the vocabulary', () => {
    const vocabulary = buildVocabulary(['a', 'b', 'c', 'd']);
    expect(() => analogy(NDArray.zeros([4, 2]), vocabulary, ['a', 'zzz'], ['b'])).toThrow(/analogy: "zzz" is not in the vocabulary of 4 words/);
  });
});
