/**
 * The book's original datasets that `npm run data -- <name>` can fetch, with what is known
 * about each file.
 *
 * Checksums: the SHA-256 of these files could not be checked when this registry was written
 * (no network), so `sha256` is unknown for all of them and the downloader verifies the size
 * where it is known and the format always (gzip integrity, tar structure, the files the
 * loaders need, text that looks like the dataset). The downloader prints the SHA-256 of what it
 * fetched, so a maintainer can record it here.
 */
import * as zlib from 'node:zlib';
import { readTar, TarEntry } from './tar';

/** One file to fetch. */
export interface RemoteFile {
  /** The file name in the cache folder, and under an overriding base URL. */
  readonly name: string;
  /** Where it is published. */
  readonly url: string;
  /** Lowercase hex SHA-256, or undefined where it is not known (see the module comment). */
  readonly sha256?: string;
  /** Exact size in bytes, where known. */
  readonly size?: number;
  /**
   * Checks the downloaded bytes look like this file; returns the problem, or undefined when
   * they do. Catches truncated and corrupt files when no checksum is known.
   */
  readonly validate: (bytes: Buffer) => string | undefined;
  /**
   * Writes what the loaders read (e.g. the text files of an archive), as paths relative to the
   * dataset's cache folder. Without it the file itself is what the loaders read.
   */
  readonly unpack?: (bytes: Buffer) => Map<string, string | Uint8Array>;
}

/** A dataset the downloader knows. */
export interface DatasetSpec {
  /** The name on the command line, e.g. "imdb". */
  readonly name: string;
  /** One line for `npm run data -- --list`. */
  readonly title: string;
  /** Chapters that use it. */
  readonly chapters: string;
  readonly license: string;
  readonly files: readonly RemoteFile[];
}

/** Ungzips and lists a .tar.gz, or returns why it cannot be read. */
export function readTarGz(bytes: Buffer): TarEntry[] | string {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return 'is not a gzip file';
  let tar: Buffer;
  try {
    tar = zlib.gunzipSync(bytes);
  } catch (error) {
    return `is truncated or corrupt (gzip: ${(error as Error).message})`;
  }
  try {
    return readTar(tar);
  } catch (error) {
    return `is truncated or corrupt (${(error as Error).message})`;
  }
}

/** A validator for a .tar.gz that must contain a file whose path matches `required`. */
function tarGzContaining(required: RegExp, what: string): (bytes: Buffer) => string | undefined {
  return (bytes) => {
    const entries = readTarGz(bytes);
    if (typeof entries === 'string') return entries;
    return entries.some((entry) => required.test(entry.name)) ? undefined : `does not contain ${what}`;
  };
}

/** A validator for a text file: UTF-8 text starting with `start` (when given), with a minimum size. */
function textFile(minBytes: number, start?: string): (bytes: Buffer) => string | undefined {
  return (bytes) => {
    if (bytes.length < minBytes) return `is truncated (${bytes.length} bytes, expected at least ${minBytes})`;
    if (bytes.includes(0)) return 'is corrupt (it holds NUL bytes, so it is not text)';
    if (start && !bytes.subarray(0, start.length).equals(Buffer.from(start))) {
      return `is corrupt (it does not start with "${start}")`;
    }
    return undefined;
  };
}

/** The bAbI task files (tasks 1-20, English, 1k examples each). */
export const BABI_TASK_PATTERN = /^tasks_1-20_v1-2\/en\/qa\d+_[\w-]+_(train|test)\.txt$/;

/** Collapses one IMDB review onto a line (the book's reviews.txt has one review per line). */
function oneLine(text: string): string {
  return text.replace(/<br\s*\/?>/gi, ' ').replace(/\s+/g, ' ').trim();
}

/** Turns aclImdb's 50,000 review files into train.tsv and test.tsv: `label<TAB>review` lines. */
function unpackImdb(bytes: Buffer): Map<string, string> {
  const entries = readTarGz(bytes);
  if (typeof entries === 'string') throw new Error(entries);
  const lines = { train: [] as string[], test: [] as string[] };
  const pattern = /^aclImdb\/(train|test)\/(pos|neg)\/(\d+)_\d+\.txt$/;
  const matches = entries
    .map((entry) => ({ entry, match: pattern.exec(entry.name) }))
    .filter((item) => item.match !== null)
    // Archive order is whatever tar wrote; sort so the files are identical everywhere.
    .sort((a, b) => (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0));
  for (const { entry, match } of matches) {
    const [, split, polarity] = match!;
    const label = polarity === 'pos' ? 1 : 0;
    lines[split as 'train' | 'test'].push(`${label}\t${oneLine(Buffer.from(entry.data).toString('utf8'))}`);
  }
  return new Map([
    ['train.tsv', lines.train.join('\n') + '\n'],
    ['test.tsv', lines.test.join('\n') + '\n'],
  ]);
}

/** Keeps the bAbI task files of the archive, under their archive paths. */
function unpackBabi(bytes: Buffer): Map<string, Uint8Array> {
  const entries = readTarGz(bytes);
  if (typeof entries === 'string') throw new Error(entries);
  return new Map(entries.filter((e) => BABI_TASK_PATTERN.test(e.name)).map((e) => [e.name, e.data]));
}

/** Every dataset `npm run data` knows, by name. */
export const DATASETS: readonly DatasetSpec[] = [
  {
    name: 'imdb',
    title: 'Large Movie Review Dataset (IMDB), 50,000 labelled reviews',
    chapters: '11, 12',
    license: 'research use; cite Maas et al., ACL 2011',
    files: [
      {
        name: 'aclImdb_v1.tar.gz',
        url: 'https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz',
        size: 84125825,
        validate: tarGzContaining(/^aclImdb\/train\/pos\/\d+_\d+\.txt$/, 'aclImdb/train/pos/*.txt'),
        unpack: unpackImdb,
      },
    ],
  },
  {
    name: 'babi',
    title: 'bAbI tasks 1-20 (v1.2), English, 1,000 examples per task',
    chapters: '12, 13',
    license: 'CC BY 3.0 (Facebook AI Research)',
    files: [
      {
        name: 'tasks_1-20_v1-2.tar.gz',
        url: 'https://dl.fbaipublicfiles.com/babi/tasks_1-20_v1-2.tar.gz',
        validate: tarGzContaining(
          /^tasks_1-20_v1-2\/en\/qa1_single-supporting-fact_train\.txt$/,
          'tasks_1-20_v1-2/en/qa1_single-supporting-fact_train.txt',
        ),
        unpack: unpackBabi,
      },
    ],
  },
  {
    name: 'shakespeare',
    title: "tiny-shakespeare, Karpathy's char-rnn corpus (about 1.1 MB)",
    chapters: '14',
    license: 'public domain text (Shakespeare); collected by Andrej Karpathy',
    files: [
      {
        name: 'input.txt',
        url: 'https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt',
        size: 1115394,
        validate: textFile(1000, 'First Citizen:'),
      },
    ],
  },
  {
    name: 'enron',
    title: "Enron-Spam as the book prepared it (spam.txt and ham.txt, one email per line)",
    chapters: '15',
    license: 'Enron-Spam (Metsis et al., 2006), public research corpus',
    files: [
      {
        name: 'spam.txt',
        url: 'https://raw.githubusercontent.com/iamtrask/Grokking-Deep-Learning/master/spam.txt',
        validate: textFile(1000),
      },
      {
        name: 'ham.txt',
        url: 'https://raw.githubusercontent.com/iamtrask/Grokking-Deep-Learning/master/ham.txt',
        validate: textFile(1000),
      },
    ],
  },
];

/** The spec of a dataset, or undefined for an unknown name. */
export function findDataset(name: string, registry: readonly DatasetSpec[] = DATASETS): DatasetSpec | undefined {
  return registry.find((spec) => spec.name === name);
}
