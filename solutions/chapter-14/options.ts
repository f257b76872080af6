/**
 * Chapter 14's own program options, until the course runner passes them in its context:
 * `--iterations N` (a short run), `--resume` (continue from the last checkpoint) and
 * `--part rnn|lstm` (one of the two models). They are read from the command line when the
 * program runs directly (`npx tsx solutions/chapter-14/program.ts --iterations 2 --resume`) and
 * from the environment otherwise (`CH14_ITERATIONS=2 CH14_RESUME=1 npm run chapter -- 14`),
 * because `npm run chapter` accepts only its own flags.
 */
import { parseArgs } from 'node:util';

/** Which of the book's two models to train. */
export type Part = 'rnn' | 'lstm';

/** Options of one run of the chapter program. */
export interface RunOptions {
  /** Iterations (passes over the text) per model; undefined: the default short run. */
  readonly iterations?: number;
  /** Continue from the checkpoint in `checkpointDir` instead of starting over. */
  readonly resume?: boolean;
  /** The models to train, in order (default both). */
  readonly parts?: readonly Part[];
  /** Where checkpoints go (default `.course/checkpoints`, which git ignores). */
  readonly checkpointDir?: string;
}

function positiveInteger(value: string, flag: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`chapter 14: ${flag} must be a positive whole number, not "${value}"`);
  return Number(value);
}

function parts(value: string, flag: string): Part[] {
  if (value !== 'rnn' && value !== 'lstm') throw new Error(`chapter 14: ${flag} must be rnn or lstm, not "${value}"`);
  return [value];
}

/** Reads the options from `argv` (when given any of ours) or the CH14_* environment variables. */
export function readRunOptions(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): RunOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      iterations: { type: 'string' },
      resume: { type: 'boolean' },
      part: { type: 'string' },
      faithful: { type: 'boolean' },
    },
    strict: false,
    allowPositionals: true,
  });
  const iterations = typeof values.iterations === 'string' ? values.iterations : env.CH14_ITERATIONS;
  const part = typeof values.part === 'string' ? values.part : env.CH14_PART;
  return {
    iterations: iterations === undefined ? undefined : positiveInteger(iterations, '--iterations'),
    resume: values.resume === true || env.CH14_RESUME === '1',
    parts: part === undefined ? undefined : parts(part, '--part'),
  };
}
