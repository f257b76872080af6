import fc from 'fast-check';
import { assertProperty } from '../../kernels/testing';
import { UNKNOWN, bookEmailWords, buildVocabulary, emailWords, interleaveBalanced, toIndices } from './emails';

const RUNS = { numRuns: 100 };
const WORDS = ['a', 'b', 'cash', 'dear', 'free', 'hello', 'meeting', 'now', 'the', 'you'];
/** Emails as lists of distinct words, some longer than the row. */
const emailsArb = fc.array(fc.shuffledSubarray(WORDS), { minLength: 0, maxLength: 8 });
const vocabulary = buildVocabulary([WORDS.slice(0, 8)]); // 'the' and 'you' stay unknown

describe('task 15.1 toIndices', () => {
  test("'truncate' keeps every email: its first `length` words, padded with <unk> to exactly `length`", () => {
    assertProperty(
      fc.property(emailsArb, fc.integer({ min: 1, max: 12 }), (emails, length) => {
        const copies = emails.map((e) => [...e]);
        const { rows, kept, dropped } = toIndices(emails, vocabulary.index, length, 'truncate');
        expect(dropped).toBe(0);
        expect(kept).toEqual(emails.map((_, i) => i));
        rows.forEach((row, i) => {
          expect(row).toHaveLength(length);
          const words = emails[i].slice(0, length);
          words.forEach((word, j) => expect(row[j]).toBe(vocabulary.index.get(word) ?? vocabulary.index.get(UNKNOWN)));
          for (let j = words.length; j < length; j++) expect(row[j]).toBe(vocabulary.index.get(UNKNOWN));
        });
        expect(emails).toEqual(copies);
      }),
      RUNS,
    );
  });

  test("'drop' (the book's code) leaves out exactly the emails with `length` or more words", () => {
    assertProperty(
      fc.property(emailsArb, fc.integer({ min: 1, max: 12 }), (emails, length) => {
        const { rows, kept, dropped } = toIndices(emails, vocabulary.index, length, 'drop');
        const fits = emails.map((e, i) => [e, i] as const).filter(([e]) => e.length < length);
        expect(dropped).toBe(emails.length - fits.length);
        expect(kept).toEqual(fits.map(([, i]) => i));
        expect(rows).toEqual(toIndices(fits.map(([e]) => e), vocabulary.index, length, 'truncate').rows);
        rows.forEach((row) => expect(row).toHaveLength(length));
      }),
      RUNS,
    );
  });

  test('the default is 500 slots, truncating', () => {
    const long = Array.from({ length: 600 }, (_, i) => `w${i}`);
    const { rows, dropped } = toIndices([['free', 'cash'], long], buildVocabulary([long, ['free', 'cash']]).index);
    expect(dropped).toBe(0);
    expect(rows.map((r) => r.length)).toEqual([500, 500]);
    expect(toIndices([long.slice(0, 500)], vocabulary.index, 500, 'drop').dropped).toBe(1);
    expect(toIndices([long.slice(0, 499)], vocabulary.index, 500, 'drop').dropped).toBe(0);
  });

  test('with the given helpers: words of a raw email, a sorted vocabulary, a row per email', () => {
    const words = emailWords('My computer password is pizza. MY password!');
    expect(words).toEqual(['my', 'computer', 'password', 'is', 'pizza']);
    const bob = buildVocabulary([words, ['is', 'free']], 1);
    expect(bob.words).toEqual([UNKNOWN, 'computer', 'free', 'is', 'my', 'password', 'pizza']);
    expect(toIndices([words], bob.index, 7).rows).toEqual([[4, 1, 5, 3, 6, 0, 0]]);
    expect(buildVocabulary([['b', 'a'], ['a']], 2).words).toEqual([UNKNOWN, 'a']);
    // A line of the book's Enron files: already tokenised, split on single spaces.
    const line = bookEmailWords('subject : free  money , free');
    expect(line).toEqual(['subject', ':', 'free', 'money', ',']);
    expect(toIndices([line], buildVocabulary([[':', 'free']]).index, 4).rows).toEqual([[0, 1, 2, 0]]);
    const { inputs, targets } = interleaveBalanced(['s1'], ['h1', 'h2', 'h3']);
    expect(inputs).toEqual(['s1', 'h1', 's1', 'h2', 's1', 'h3']);
    expect(targets).toEqual([1, 0, 1, 0, 1, 0]);
  });

  test('bad input: no <unk> to pad with, a length that is not a positive integer', () => {
    expect(() => toIndices([['a']], new Map([['a', 0]]))).toThrow(/toIndices: the word index has no "<unk>" entry/);
    expect(() => toIndices([['a']], vocabulary.index, 0)).toThrow(/toIndices: length 0 must be a positive integer/);
  });
});
