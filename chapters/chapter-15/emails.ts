/**
 * From emails to rows of word indices (listings 15.1-15.3). The spam model only asks which
 * words an email contains, so each email becomes its distinct words, each word a row of the
 * embedding, and every email a row of exactly `length` indices padded with `<unk>`.
 */

import { NotImplementedError } from '../../kernels/not-implemented';

/** The padding word. Its weight is held at 0, so padding adds nothing to an email's score. */
export const UNKNOWN = '<unk>';

/** The book's row length: 500 word slots per email. */
export const EMAIL_LENGTH = 500;

/**
 * The distinct words of a raw email, in order of first appearance: lower-cased runs of letters
 * and digits (with an apostrophe inside, as in "don't"). Used for the SpamAssassin corpus,
 * whose emails are raw text.
 */
export function emailWords(text: string): string[] {
  return [...new Set(text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [])];
}

/**
 * The distinct words of one line of the book's `spam.txt` / `ham.txt`, which are already
 * tokenised: split on single spaces, as the book's `row[:-2].split(" ")` does (the line ending
 * is already gone here), empty strings left out.
 */
export function bookEmailWords(line: string): string[] {
  return [...new Set(line.split(' ').filter((word) => word.length > 0))];
}

/** A vocabulary: the word of each embedding row and the row of each word. */
export interface Vocabulary {
  readonly words: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

/**
 * The sorted vocabulary of the words that occur in at least `minEmails` emails, with
 * {@link UNKNOWN} first. The book used Python's `list(set(...))`, whose order changes from run
 * to run; sorting makes every run the same. Rarer words are read as `<unk>`.
 */
export function buildVocabulary(emails: readonly (readonly string[])[], minEmails = 1): Vocabulary {
  const counts = new Map<string, number>();
  for (const email of emails) for (const word of email) counts.set(word, (counts.get(word) ?? 0) + 1);
  const kept = [...counts].filter(([word, count]) => count >= minEmails && word !== UNKNOWN).map(([word]) => word);
  const words = [UNKNOWN, ...kept.sort()];
  return { words, index: new Map(words.map((word, row) => [word, row])) };
}

/** What {@link toIndices} made of a list of emails. */
export interface IndexedEmails {
  /** One row of exactly `length` word indices per kept email. */
  readonly rows: number[][];
  /** For each row, the position of its email in the input (so labels can follow). */
  readonly kept: number[];
  /** How many emails were dropped for having `length` or more distinct words ('drop' mode). */
  readonly dropped: number;
}

/**
 * Exercise 15.1: turns emails (lists of distinct words) into rows of exactly `length` word
 * indices. Words missing from `wordIndex` become `<unk>`; short emails are padded with the
 * index of `<unk>`. Emails that do not fit are handled by `mode`:
 * - `'truncate'` (the default, and what the book's prose describes): keep their first `length` words;
 * - `'drop'` (what the book's code does, see the Errata): leave out every email with `length`
 *   or more words (the book's test is `len(line) < l`, so exactly `length` words is dropped too).
 * @param emails each email's distinct words (not modified)
 * @param wordIndex the row of each known word; must contain {@link UNKNOWN}
 * @param length the row length (the book's 500)
 * @throws when `<unk>` is missing from `wordIndex` or `length` is not a positive integer
 */
export function toIndices(
  emails: readonly (readonly string[])[],
  wordIndex: ReadonlyMap<string, number>,
  length: number = EMAIL_LENGTH,
  mode: 'truncate' | 'drop' = 'truncate',
): IndexedEmails {
  // #region solution 15.1
  throw new NotImplementedError('15.1', 'toIndices', 'chapters/chapter-15/README.md#exercise-15-1');
  // #endregion
}

/**
 * The book's balanced interleaving (listing 15.3): spam 0, ham 0, spam 1, ham 1, ... for as
 * many steps as the larger class has emails, reusing the smaller class from its start
 * (`i % length`), so both classes appear equally often. Targets are 1 for spam, 0 for ham.
 * @throws when either class is empty
 */
export function interleaveBalanced<T>(spam: readonly T[], ham: readonly T[]): { inputs: T[]; targets: number[] } {
  if (spam.length === 0 || ham.length === 0) {
    throw new Error(`interleaveBalanced: both classes need emails, got ${spam.length} spam and ${ham.length} ham`);
  }
  const inputs: T[] = [];
  const targets: number[] = [];
  for (let i = 0; i < Math.max(spam.length, ham.length); i++) {
    inputs.push(spam[i % spam.length], ham[i % ham.length]);
    targets.push(1, 0);
  }
  return { inputs, targets };
}
