/**
 * Chapter 14's run options, from the runner's context: `--iterations N` (passes per model),
 * `--resume` (continue from the last checkpoint) and `--part rnn|lstm` (one of the two models),
 * given to `npm run chapter -- 14` or to the program file run directly.
 */
import type { ProgramContext } from '../../kernels/program';

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

function parts(value: string): Part[] {
  if (value !== 'rnn' && value !== 'lstm') throw new Error(`chapter 14: --part must be rnn or lstm, not "${value}"`);
  return [value];
}

/** The chapter's options from what the runner parsed. */
export function runOptionsFrom(context: ProgramContext): RunOptions {
  const { iterations, resume, part } = context.options;
  return { iterations, resume, parts: part === undefined ? undefined : parts(part) };
}
