import fc from 'fast-check';
import { assertProperty } from '../../kernels/testing';
import { NDArray } from '../../kernels';
import { trainLocal } from '../../solutions/chapter-15/spam-model';
import { leakedWords } from './leak';

const RUNS = { numRuns: 100 };
const WORDS = ['<unk>', 'computer', 'free', 'is', 'meeting', 'money', 'my', 'password', 'pizza', 'viagra'];

/** A model before an update and a set of rows the update changed. */
const updateArb = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.subarray(WORDS.map((_, row) => row)), fc.nat(1000))
  .map(([dim, changed, seed]) => {
    const before = new NDArray(Float64Array.from({ length: WORDS.length * dim }, (_, i) => (i % 3 === 0 ? 0 : Math.sin(seed + i))), [WORDS.length, dim]);
    const after = before.clone();
    // Change one coordinate of each chosen row, by a small or a large amount.
    for (const row of changed) after.data[row * dim + ((seed + row) % dim)] += row % 2 === 0 ? 1e-9 : -0.25;
    return { before, after, changed: changed.map((row) => WORDS[row]) };
  });

describe('task 15.4 leakedWords', () => {
  test('returns exactly the words whose rows changed, in vocabulary order; the models are unchanged', () => {
    assertProperty(
      fc.property(updateArb, ({ before, after, changed }) => {
        const beforeCopy = Array.from(before.data);
        const afterCopy = Array.from(after.data);
        expect(leakedWords(before, after, WORDS)).toEqual(changed);
        expect(Array.from(before.data)).toEqual(beforeCopy);
        expect(Array.from(after.data)).toEqual(afterCopy);
      }),
      RUNS,
    );
  });

  test("the book's example: Bob's email changes five rows, and they spell it out", () => {
    const before = NDArray.zeros([WORDS.length, 1]);
    const after = before.clone();
    for (const word of ['my', 'computer', 'password', 'is', 'pizza']) after.data[WORDS.indexOf(word)] = -0.0025;
    expect(leakedWords(before, after, WORDS)).toEqual(['computer', 'is', 'my', 'password', 'pizza']);
    expect(leakedWords(before, before.clone(), WORDS)).toEqual([]);
  });

  test('bad input: shapes that differ, a vocabulary of the wrong length', () => {
    expect(() => leakedWords(NDArray.zeros([10, 1]), NDArray.zeros([9, 1]), WORDS)).toThrow(/leakedWords: before \[10, ?1\] and after \[9, ?1\]/);
    expect(() => leakedWords(NDArray.zeros([10]), NDArray.zeros([10]), WORDS)).toThrow(/leakedWords: before \[10\]/);
    expect(() => leakedWords(NDArray.zeros([10, 2]), NDArray.zeros([10, 3]), WORDS)).toThrow(/leakedWords: before \[10, ?2\] and after \[10, ?3\]/);
    expect(() => leakedWords(NDArray.zeros([10, 1]), NDArray.zeros([10, 1, 1]), WORDS)).toThrow(/leakedWords: before \[10, ?1\] and after \[10, ?1, ?1\]/);
    expect(() => leakedWords(NDArray.zeros([10, 1, 1]), NDArray.zeros([10, 1]), WORDS)).toThrow(/leakedWords: before \[10, ?1, ?1\] and after \[10, ?1\]/);
    expect(() => leakedWords(NDArray.zeros([3, 1]), NDArray.zeros([3, 1]), WORDS)).toThrow(/leakedWords: 10 words for 3 rows/);
  });
});

describe('task 15.4 leakedWords, on a real update', () => {
  const vocabulary = ['<unk>', ...Array.from({ length: 11 }, (_, i) => `word${String(i).padStart(2, '0')}`)];
  test('after training on one email, the changed rows are exactly its words', () => {
    assertProperty(
      fc.property(
        fc.shuffledSubarray(vocabulary.slice(1), { minLength: 1 }),
        fc.constantFrom(0, 1),
        fc.array(fc.integer({ min: -100, max: 100 }).map((k) => k / 100), { minLength: vocabulary.length, maxLength: vocabulary.length }),
        (email, target, start) => {
          start[0] = 0;
          const sent = new NDArray(Float64Array.from(start), [vocabulary.length, 1]);
          const row = email.map((word) => vocabulary.indexOf(word));
          const { weights } = trainLocal(sent, [row], [target], { batchSize: 1 });
          expect(leakedWords(sent, weights, vocabulary)).toEqual([...email].sort());
        },
      ),
      RUNS,
    );
  });

  test('after training on a batch, the changed rows lie within the batch\'s words', () => {
    assertProperty(
      fc.property(fc.array(fc.shuffledSubarray(vocabulary.slice(1), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (emails) => {
        const sent = NDArray.zeros([vocabulary.length, 1]);
        const rows = emails.map((email) => [...email.map((word) => vocabulary.indexOf(word)), 0, 0, 0, 0].slice(0, 4));
        const { weights } = trainLocal(sent, rows, emails.map((_, i) => i % 2), { batchSize: rows.length });
        const union = new Set(emails.flat());
        for (const word of leakedWords(sent, weights, vocabulary)) expect(union.has(word)).toBe(true);
      }),
      RUNS,
    );
  });
});
