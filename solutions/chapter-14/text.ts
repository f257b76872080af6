/**
 * Chapter 14's text: the book's `shakespear.txt` (99,993 characters) when `npm run data --
 * shakespeare` has fetched it, else the first 100,000 characters of Moby-Dick, a real English
 * text of the same size, so an iteration costs about what the book's does (Moby-Dick has more
 * distinct characters, so its first perplexity is its own vocabulary size, not 62).
 */
import { loadCharacterText, type OriginalsOptions } from '../../kernels/datasets';

/** Characters the offline text keeps: the size of the book's file, rounded. */
export const OFFLINE_LENGTH = 100_000;

/** The text to train on and a line saying which one it is. */
export function loadChapterText(options: OriginalsOptions = {}): { text: string; source: string } {
  const corpus = loadCharacterText(options);
  if (corpus.source.includes('shakespear')) return corpus;
  return {
    text: corpus.text.slice(0, OFFLINE_LENGTH),
    source: `the first ${OFFLINE_LENGTH.toLocaleString('en-US')} characters of ${corpus.source} ` +
      `(for the book's shakespear.txt: npm run data -- shakespeare)`,
  };
}
