import fc from 'fast-check';
import { matmul, reshape } from '../../kernels';
import { buildVocabulary, type Vocabulary } from '../../kernels/datasets';
import { arrayArb, expectClose, assertProperty } from '../../kernels/testing';
import { bagOfWords, oneHotSentence } from './bag-of-words';

const RUNS = { numRuns: 100 };

/** The book's four-word table: cat, the, dog, sat. */
const toy: Vocabulary = {
  words: ['cat', 'the', 'dog', 'sat'],
  index: new Map([['cat', 0], ['the', 1], ['dog', 2], ['sat', 3]]),
  counts: [1, 1, 1, 1],
};

const WORDS = ['the', 'cat', 'sat', 'on', 'mat', 'not', 'great', 'terrible', 'a', 'dog'];
const reviewArb = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 });

describe('task 11.1 bagOfWords', () => {
  test('"the cat sat" is the set {cat, the, sat}: [0, 1, 3], one-hot [1 1 0 1]', () => {
    expect(bagOfWords(['the', 'cat', 'sat'], toy)).toEqual([0, 1, 3]);
    expect(Array.from(oneHotSentence(bagOfWords(['the', 'cat', 'sat'], toy), 4).data)).toEqual([1, 1, 0, 1]);
  });

  test('drops repeats and unknown words, keeps ascending order, does not change the tokens', () => {
    const tokens = ['sat', 'cat', 'cat', 'zebra', 'sat', 'the'];
    expect(bagOfWords(tokens, toy)).toEqual([0, 1, 3]);
    expect(tokens).toEqual(['sat', 'cat', 'cat', 'zebra', 'sat', 'the']);
    expect(bagOfWords(['zebra'], toy)).toEqual([]);
  });

  test('ignores word order and repeats: a bag of words cannot tell "not great, terrible" from "not terrible, great"', () => {
    const vocabulary = buildVocabulary([WORDS.slice(0, 8)]);
    expect(bagOfWords(['great', 'not', 'terrible'], vocabulary)).toEqual(bagOfWords(['terrible', 'not', 'great'], vocabulary));
    assertProperty(
      fc.property(reviewArb, (review) => {
        const ids = bagOfWords(review, vocabulary);
        const shuffled = [...review].reverse().concat(review);
        expect(bagOfWords(shuffled, vocabulary)).toEqual(ids);
        expect(new Set(ids).size).toBe(ids.length);
        expect([...ids].sort((a, b) => a - b)).toEqual(ids);
        const expected = new Set(review.filter((w) => vocabulary.index.has(w)).map((w) => vocabulary.index.get(w)));
        expect(new Set(ids)).toEqual(expected);
      }),
      RUNS,
    );
  });
});

describe('task 11.1 oneHotSentence', () => {
  test('a 1 at every present word, 0 elsewhere; repeats still give 1', () => {
    expect(Array.from(oneHotSentence([2, 0, 2], 5).data)).toEqual([1, 0, 1, 0, 0]);
    expect(oneHotSentence([], 3).shape).toEqual([3]);
  });

  test('one-hot times a matrix is the sum of the selected rows', () => {
    assertProperty(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((v) =>
          fc.record({ ids: fc.uniqueArray(fc.nat(v - 1), { maxLength: v }), weights: arrayArb([v, 3], { min: -1, max: 1 }) }),
        ),
        ({ ids, weights }) => {
          const v = weights.shape[0];
          const dense = matmul(reshape(oneHotSentence(ids, v), [1, v]), weights);
          const expected = [0, 1, 2].map((j) => ids.reduce((s, i) => s + weights.get(i, j), 0));
          expectClose(reshape(dense, [3]), expected, { rtol: 1e-12, atol: 1e-12 });
        },
      ),
      RUNS,
    );
  });

  test('rejects an id outside the vocabulary', () => {
    expect(() => oneHotSentence([1, 4], 4)).toThrow(/oneHotSentence: word id 4 is out of range for a vocabulary of 4 words/);
    // A typed array silently ignores a write at -1 or 1.5, so these must be checked explicitly.
    expect(() => oneHotSentence([-1], 4)).toThrow(/oneHotSentence: word id -1 is out of range/);
    expect(() => oneHotSentence([1.5], 4)).toThrow(/oneHotSentence: word id 1.5 is out of range/);
  });
});
