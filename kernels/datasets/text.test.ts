import * as fc from 'fast-check';
import { buildVocabulary, characterVocabulary, encodeTokens, splitOnSpaces, tokenize } from './text';

describe('tokenize', () => {
  it('lowercases and keeps words with inner apostrophes and hyphens', () => {
    expect(tokenize("Call me Ishmael. Don't—never mind! The sea-captain’s 2 boats")).toEqual([
      'call', 'me', 'ishmael', "don't", 'never', 'mind', 'the', "sea-captain's", '2', 'boats',
    ]);
  });

  it('returns nothing for text without words', () => {
    expect(tokenize(' ... -- !? ')).toEqual([]);
  });

  it('splitOnSpaces is the book\'s split(" ")', () => {
    expect(splitOnSpaces('a  b\n')).toEqual(['a', '', 'b\n']);
  });
});

describe('buildVocabulary', () => {
  it('orders by count, ties by code units', () => {
    const vocabulary = buildVocabulary(['the', 'cat', 'the', 'sat', 'Zed', 'é']);
    expect(vocabulary.words).toEqual(['the', 'Zed', 'cat', 'sat', 'é']);
    expect(vocabulary.counts).toEqual([2, 1, 1, 1, 1]);
    expect(vocabulary.index.get('cat')).toBe(2);
  });

  it('accepts documents, reserved words, minCount and maxSize', () => {
    const vocabulary = buildVocabulary([['b', 'a', 'a'], ['c', 'b', 'a']], {
      reserved: ['<unk>'],
      minCount: 2,
      maxSize: 2,
    });
    expect(vocabulary.words).toEqual(['<unk>', 'a']);
    expect(encodeTokens(['a', 'zzz'], vocabulary, 0)).toEqual([1, 0]);
    expect(() => encodeTokens(['zzz'], vocabulary)).toThrow('"zzz" is not in the vocabulary');
  });

  it('sorts alphabetically on request, and characters by code unit', () => {
    expect(buildVocabulary(['b', 'a', 'b'], { order: 'alphabetical' }).words).toEqual(['a', 'b']);
    expect(characterVocabulary('hello, World').words).toEqual([' ', ',', 'W', 'd', 'e', 'h', 'l', 'o', 'r']);
  });

  it('does not depend on the order of its input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'dd', 'é', 'A', 'z')), fc.integer(), (words, seed) => {
        const shuffled = [...words].sort((x, y) => ((x.charCodeAt(0) * 31 + seed) % 7) - ((y.charCodeAt(0) * 31 + seed) % 7));
        expect(buildVocabulary(shuffled).words).toEqual(buildVocabulary(words).words);
      }),
    );
  });

  it('gives a pinned order for a known sentence (identical on every machine)', () => {
    const text = 'it was the best of times it was the worst of times';
    expect(buildVocabulary(tokenize(text)).words).toEqual(['it', 'of', 'the', 'times', 'was', 'best', 'worst']);
  });
});
