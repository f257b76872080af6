/**
 * The real bAbI task 1 files (v1.1, English), shipped with the course in `babi-v1.1/` beside
 * this file under their CC BY 3.0 licence (Facebook AI Research; see `babi-v1.1/LICENSE` and
 * `babi-v1.1/README`). They are the two files the book's chapters 12 and 13 read.
 */
import * as path from 'node:path';

/** One shipped task file, with the checksum the downloader and the loader hold it to. */
export interface BabiTaskFile {
  readonly split: 'train' | 'test';
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
}

export const BABI_TASK1_FILES: readonly BabiTaskFile[] = [
  {
    split: 'train',
    name: 'qa1_single-supporting-fact_train.txt',
    sha256: 'c64ba9b1a49bbb111ffc4cd2ae4f129d25c012399dd7ade9679eea464b9afb05',
    size: 94346,
  },
  {
    split: 'test',
    name: 'qa1_single-supporting-fact_test.txt',
    sha256: '55acf66cef2f6d798e2aa1d056e1ec8f24e910ea9215b639450574321132959b',
    size: 94477,
  },
];

/** The folder that holds the shipped files. */
export const SHIPPED_BABI_DIR = path.join(__dirname, 'babi-v1.1');

/** The entry for one split. */
export function babiTask1File(split: 'train' | 'test'): BabiTaskFile {
  const file = BABI_TASK1_FILES.find((candidate) => candidate.split === split);
  if (!file) throw new Error(`babiTask1File: no split "${String(split)}" (use "train" or "test")`);
  return file;
}
