import fc from 'fast-check';
import { NDArray } from '../../kernels';
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

describe('task 15.7 leakedWords', () => {
  test('returns exactly the words whose rows changed, in vocabulary order; the models are unchanged', () => {
    fc.assert(
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
    expect(() => leakedWords(NDArray.zeros([3, 1]), NDArray.zeros([3, 1]), WORDS)).toThrow(/leakedWords: 10 words for 3 rows/);
  });
});
