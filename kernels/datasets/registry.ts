/**
 * The book's original datasets that `npm run data -- <name>` can fetch, with what is known
 * about each file.
 *
 * Every file comes from the book's own code repository, so what the downloader fetches is what
 * the book's listings read. Where the SHA-256 and size are recorded, the download must match
 * them; elsewhere the size (where known) and the format are checked, and the downloader prints
 * the SHA-256 it saw so a maintainer can record it here.
 */
import { parseBabi } from './babi';
import { BABI_TASK1_FILES } from './babi-files';

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

/** Where the book's own data files are published: the root of its code repository. */
const BOOK_REPOSITORY = 'https://raw.githubusercontent.com/iamtrask/Grokking-Deep-Learning/master';

/** The book's labels.txt: one `positive` or `negative` per line. */
function labelLines(bytes: Buffer): string | undefined {
  const lines = bytes.toString('utf8').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const bad = lines.findIndex((line) => line !== 'positive' && line !== 'negative');
  return bad < 0 ? undefined : `is corrupt (line ${bad + 1} is neither "positive" nor "negative")`;
}

/** A bAbI task file: text that parses as stories. */
function babiText(bytes: Buffer): string | undefined {
  try {
    return parseBabi(bytes.toString('utf8')).length > 0 ? undefined : 'is empty';
  } catch (error) {
    return `is corrupt (${(error as Error).message})`;
  }
}

/** Every dataset `npm run data` knows, by name. */
export const DATASETS: readonly DatasetSpec[] = [
  {
    name: 'imdb',
    title: "the book's IMDB reviews.txt and labels.txt (25,000 reviews, one per line)",
    chapters: '11',
    license: 'research use; the reviews come from the Large Movie Review Dataset (Maas et al., ACL 2011)',
    files: [
      {
        name: 'reviews.txt',
        url: `${BOOK_REPOSITORY}/reviews.txt`,
        validate: textFile(1_000_000),
      },
      {
        name: 'labels.txt',
        url: `${BOOK_REPOSITORY}/labels.txt`,
        size: 225000,
        validate: labelLines,
      },
    ],
  },
  {
    name: 'babi',
    title: "bAbI task 1 (v1.1, English), the two files the book reads (the course ships the same files)",
    chapters: '12, 13',
    license: 'CC BY 3.0 (Facebook AI Research)',
    files: BABI_TASK1_FILES.map((file) => ({
      name: file.name,
      url: `${BOOK_REPOSITORY}/tasksv11/en/${file.name}`,
      sha256: file.sha256,
      size: file.size,
      validate: babiText,
    })),
  },
  {
    name: 'shakespeare',
    title: "the book's shakespear.txt (99,993 bytes, 62 characters; not tiny-shakespeare)",
    chapters: '14',
    license: 'none stated in the book repository; the text is Shakespeare-like and public domain in style',
    files: [
      {
        name: 'shakespear.txt',
        url: `${BOOK_REPOSITORY}/shakespear.txt`,
        sha256: 'c879e55c5e318b9d978064e246306e01d60be15a50f64d9438daeaeacbc119e8',
        size: 99993,
        validate: textFile(1000, 'That, poor contempt'),
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
        url: `${BOOK_REPOSITORY}/spam.txt`,
        validate: textFile(1000),
      },
      {
        name: 'ham.txt',
        url: `${BOOK_REPOSITORY}/ham.txt`,
        validate: textFile(1000),
      },
    ],
  },
];

/** The spec of a dataset, or undefined for an unknown name. */
export function findDataset(name: string, registry: readonly DatasetSpec[] = DATASETS): DatasetSpec | undefined {
  return registry.find((spec) => spec.name === name);
}
