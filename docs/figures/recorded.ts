/**
 * Figures drawn from recorded runs. Chapters 8-10 train on MNIST for minutes, far too long for
 * the site build, so their curves come from runs of the chapter programs, kept as small JSON
 * extracts in docs/figures/data/ and committed. `npx tsx scripts/site/figure-data.ts` runs the
 * programs listed below and rewrites the extracts; the generators only read them, so the build
 * stays fast and draws the same bytes every time.
 *
 * Each extract keeps only the series named here (a generator that asks for any other series
 * fails), with the chapter, the faithful flag, the seed, the Node version and the date of the run.
 */
import fs from 'node:fs';
import path from 'node:path';

/** One recorded run the figures need, and which of its series they read. */
export interface RecordedRunSpec {
  /** The extract's name: docs/figures/data/<file>.json. */
  readonly file: string;
  /** The chapter number, as `npm run chapter -- NN` takes it. */
  readonly chapter: number;
  readonly faithful: boolean;
  readonly series: readonly string[];
  /** Options of the program after `--solution` (such as `--iterations 8`); none by default. */
  readonly args?: string;
}

/** The contents of docs/figures/data/<file>.json. */
export interface RecordedRun {
  /** "chapter-08". */
  readonly chapter: string;
  readonly faithful: boolean;
  /** The --seed of the run; null for the program's default (the book's). */
  readonly seed: number | null;
  /** process.version of the Node that ran it. */
  readonly node: string;
  /** The day the run started, YYYY-MM-DD. */
  readonly date: string;
  /** The command that reproduces the run. */
  readonly command: string;
  /** Series name → [step, value] pairs, values rounded to 6 significant digits. */
  readonly series: Record<string, Array<[number, number]>>;
}

const kernelSeries = Array.from({ length: 16 }, (_, k) => `kernel-${k}`);

export const recordedRuns: readonly RecordedRunSpec[] = [
  {
    file: 'chapter-08-faithful',
    chapter: 8,
    faithful: true,
    series: ['plain/train-accuracy', 'plain/test-accuracy', 'dropout/test-accuracy', 'batch/test-accuracy'],
  },
  { file: 'chapter-09-faithful', chapter: 9, faithful: true, series: ['train-accuracy', 'test-accuracy'] },
  { file: 'chapter-09', chapter: 9, faithful: false, series: ['train-accuracy', 'test-accuracy'] },
  { file: 'chapter-10-faithful', chapter: 10, faithful: true, series: ['train-accuracy', 'test-accuracy'] },
  { file: 'chapter-10', chapter: 10, faithful: false, series: ['train-accuracy', 'test-accuracy', ...kernelSeries] },
  {
    file: 'chapter-14',
    chapter: 14,
    faithful: false,
    series: [
      'rnn-running-perplexity', 'lstm-running-perplexity', 'rnn-gradient-norm', 'lstm-gradient-norm',
      'rnn-perplexity', 'lstm-perplexity', 'rnn-gradient-through-time', 'lstm-gradient-through-time',
    ],
    // The long run: 8 passes of each model, about 8 minutes on an idle 2-core machine.
    args: '--iterations 8',
  },
  { file: 'chapter-15', chapter: 15, faithful: false, series: ['central-test-accuracy', 'federated-test-accuracy', 'encrypted-test-accuracy'] },
];

/** The command that records a run, as the captions cite it. */
export function recordCommand(spec: Pick<RecordedRunSpec, 'chapter' | 'faithful' | 'args'>): string {
  return `npm run chapter -- ${String(spec.chapter).padStart(2, '0')} --solution${spec.faithful ? ' --faithful' : ''}${spec.args ? ` ${spec.args}` : ''}`;
}

export const dataDirectory = path.join(__dirname, 'data');

const cache = new Map<string, RecordedRun>();

/** Reads an extract (once). */
export function recordedRun(file: string): RecordedRun {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  const spec = recordedRuns.find((candidate) => candidate.file === file);
  if (spec === undefined) throw new Error(`recorded run "${file}" is not listed in docs/figures/recorded.ts`);
  const location = path.join(dataDirectory, `${file}.json`);
  if (!fs.existsSync(location)) {
    throw new Error(`docs/figures/data/${file}.json is missing: record it with npx tsx scripts/site/figure-data.ts ${spec.chapter}`);
  }
  const run = JSON.parse(fs.readFileSync(location, 'utf8')) as RecordedRun;
  cache.set(file, run);
  return run;
}

/** One series of an extract; it must be listed in the run's spec, so the data test covers it. */
export function recordedSeries(file: string, name: string): ReadonlyArray<readonly [number, number]> {
  const spec = recordedRuns.find((candidate) => candidate.file === file);
  if (spec === undefined || !spec.series.includes(name)) {
    throw new Error(`series "${name}" of "${file}" is not listed in docs/figures/recorded.ts`);
  }
  const points = recordedRun(file).series[name];
  if (points === undefined || points.length === 0) {
    throw new Error(`docs/figures/data/${file}.json has no series "${name}": refresh it with npx tsx scripts/site/figure-data.ts ${spec.chapter}`);
  }
  return points;
}
