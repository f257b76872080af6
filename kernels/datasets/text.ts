/**
 * Tokenizing text and building vocabularies whose order never depends on chance.
 *
 * The book builds its vocabularies with Python's `list(set(words))`, whose order changes with
 * the string-hash seed on every run, and with it which random embedding row each word gets.
 * Here the order is a pure function of the words: by descending count, ties broken by comparing
 * the words code unit by code unit (not `localeCompare`, which differs between machines).
 */

/**
 * Splits English text into lowercase word tokens.
 *
 * Rules, in order: lowercase; a word is a run of letters or digits (any script), which may hold
 * an inner apostrophe or hyphen (`don't`, `sea-captain`); curly apostrophes count as `'`;
 * everything else (punctuation, whitespace, symbols) separates words and is dropped.
 *
 * @example
 * tokenize("Call me Ishmael. Don't—never mind!"); // ['call', 'me', 'ishmael', "don't", 'never', 'mind']
 */
export function tokenize(text: string): string[] {
  const normalized = text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  return normalized.match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) ?? [];
}

/**
 * The book's own tokenizer: split on single spaces only, keeping punctuation and empty strings
 * (chapter 11's `x.split(" ")`). Use it when reproducing the book exactly.
 */
export function splitOnSpaces(line: string): string[] {
  return line.split(' ');
}

/** A vocabulary: its words in a fixed order and the index of each. */
export interface Vocabulary {
  /** The words, index `i` at position `i`. */
  readonly words: readonly string[];
  /** `words` inverted: word to index. */
  readonly index: ReadonlyMap<string, number>;
  /** How often each word occurred in the input, by index. */
  readonly counts: readonly number[];
}

/** Options of {@link buildVocabulary}. */
export interface VocabularyOptions {
  /** `'frequency'` (default): most frequent first; `'alphabetical'`: by code units. */
  readonly order?: 'frequency' | 'alphabetical';
  /** Drop words seen fewer times than this (default 1: keep all). */
  readonly minCount?: number;
  /** Keep at most this many words, after ordering (default: all). */
  readonly maxSize?: number;
  /** Words placed first, in this order, whatever their counts (e.g. `['<unk>']`). */
  readonly reserved?: readonly string[];
}

/** Compares strings by UTF-16 code units: the same answer on every machine and locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds a vocabulary from tokens: a flat list, or a list of documents (lists of tokens).
 * The order is deterministic (see the module comment); the same tokens in any order give the
 * same vocabulary.
 *
 * @example
 * buildVocabulary(['the', 'cat', 'the', 'sat']).words; // ['the', 'cat', 'sat']
 */
export function buildVocabulary(
  tokens: Iterable<string> | Iterable<Iterable<string>>,
  options: VocabularyOptions = {},
): Vocabulary {
  const { order = 'frequency', minCount = 1, maxSize = Infinity, reserved = [] } = options;
  const counts = new Map<string, number>();
  const add = (word: string): void => {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  };
  for (const item of tokens) {
    if (typeof item === 'string') add(item);
    else for (const word of item) add(word);
  }
  const reservedSet = new Set(reserved);
  const ranked = [...counts.entries()]
    .filter(([word, count]) => count >= minCount && !reservedSet.has(word))
    .sort(([wordA, countA], [wordB, countB]) =>
      order === 'frequency' && countA !== countB ? countB - countA : compareCodeUnits(wordA, wordB),
    )
    .slice(0, Math.max(0, maxSize - reserved.length));
  const words = [...reserved, ...ranked.map(([word]) => word)];
  return {
    words,
    index: new Map(words.map((word, i) => [word, i])),
    counts: words.map((word) => counts.get(word) ?? 0),
  };
}

/**
 * The characters of a text as a vocabulary (for the chapter 14 character model), sorted by
 * code unit so the order is the same everywhere.
 */
export function characterVocabulary(text: string): Vocabulary {
  return buildVocabulary(text, { order: 'alphabetical' });
}

/**
 * Maps tokens to vocabulary indices; a token outside the vocabulary maps to `unknown` (for
 * example the index of `'<unk>'`), or throws when `unknown` is not given.
 */
export function encodeTokens(tokens: Iterable<string>, vocabulary: Vocabulary, unknown?: number): number[] {
  const indices: number[] = [];
  for (const token of tokens) {
    const index = vocabulary.index.get(token) ?? unknown;
    if (index === undefined) {
      throw new Error(`encodeTokens: "${token}" is not in the vocabulary (pass an index for unknown words)`);
    }
    indices.push(index);
  }
  return indices;
}
