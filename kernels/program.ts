/**
 * The contract between a chapter's runnable program and whoever runs it.
 *
 * A chapter program (`chapters/chapter-08/train.ts`) exports `run(context)`. `npm run chapter`
 * passes a context with a progress bar and a metrics recorder; running the file directly with
 * tsx uses {@link consoleContext}. The program itself only computes and reports: it never
 * parses arguments (the runner hands it {@link ProgramOptions}) and writes no files beyond the
 * checkpoints of a long run, so the same code serves the terminal, the tests and the site.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';

/** One progress bar for a long loop. */
export interface Progress {
  /** Advances the bar to `done` out of its total, showing the given fields (e.g. the error). */
  update(done: number, fields?: Record<string, number | string>): void;
  /** Removes the bar (call before printing the loop's log lines when it ends). */
  stop(): void;
}

/** What a chapter program receives from its runner. */
/**
 * The options a long-running program may honour, set on the command line of
 * `npm run chapter -- NN [--iterations N] [--resume] [--part NAME]` (or of the program file run
 * directly). A program that has no use for one ignores it.
 */
export interface ProgramOptions {
  /** Passes over the data for a shorter or longer run; undefined: the program's default. */
  readonly iterations?: number;
  /** Continue from the program's last checkpoint instead of starting over. */
  readonly resume: boolean;
  /** One named part of a program that runs several experiments (e.g. chapter 14's "rnn", "lstm"). */
  readonly part?: string;
  /**
   * Measure everything the book measures even where that is slow (chapter 10: test after every
   * pass, not only the passes the book printed).
   */
  readonly bookSchedule?: boolean;
}

/**
 * The flags every chapter program understands, as `node:util` parseArgs options: read here when
 * a program runs on its own, and by `npm run chapter`, which adds its own.
 */
export const PROGRAM_FLAGS = {
  faithful: { type: 'boolean', default: false },
  seed: { type: 'string' },
  iterations: { type: 'string' },
  resume: { type: 'boolean', default: false },
  part: { type: 'string' },
  'book-schedule': { type: 'boolean', default: false },
} as const;

/** The options when none are given. */
export const DEFAULT_PROGRAM_OPTIONS: ProgramOptions = { resume: false };

/**
 * Reads `--faithful`, `--seed N`, `--iterations N`, `--resume`, `--part NAME` and `--book-schedule` from a command
 * line; other arguments are left to the caller.
 * @throws Error naming the flag when a number is not a positive whole number.
 */
export function programOptionsFromArgv(argv: readonly string[]): { faithful: boolean; seed?: number; options: ProgramOptions } {
  const { values } = parseArgs({
    args: [...argv],
    options: PROGRAM_FLAGS,
    strict: false,
    allowPositionals: true,
  });
  const whole = (value: unknown, flag: string, allowZero: boolean): number | undefined => {
    if (typeof value !== 'string') return undefined;
    if (!(allowZero ? /^\d+$/ : /^[1-9]\d*$/).test(value)) throw new Error(`${flag} must be a ${allowZero ? '' : 'positive '}whole number, not "${value}"`);
    return Number(value);
  };
  return {
    faithful: values.faithful === true,
    seed: whole(values.seed, '--seed', true),
    options: {
      iterations: whole(values.iterations, '--iterations', false),
      resume: values.resume === true,
      part: typeof values.part === 'string' ? values.part : undefined,
      bookSchedule: values['book-schedule'] === true,
    },
  };
}

export interface ProgramContext {
  /** Reproduce the book's code including its bugs (see the chapter's Errata section). */
  readonly faithful: boolean;
  /** `--iterations`, `--resume` and `--part` from the command line. */
  readonly options: ProgramOptions;
  /** A seed chosen by the user; programs fall back to the book's seed when it is undefined. */
  readonly seed: number | undefined;
  /** Prints one line of the book-style log. */
  log(line: string): void;
  /** Starts a progress bar for a loop of `total` steps. */
  progress(label: string, total: number): Progress;
  /**
   * Records one point of a metric series, e.g. `record('test-accuracy', 10, 0.7)`.
   * The runner saves every series as JSON for the site's plots and the benchmarks page.
   */
  record(series: string, step: number, value: number): void;
}

/**
 * Thrown by a long run that stopped on Ctrl-C after saving a checkpoint (see kernels/resumable.ts):
 * the runner catches it, restores the terminal and says how far the run got and how to resume.
 */
export class ProgramInterrupted extends Error {
  constructor(
    /** Iterations finished (and saved in the checkpoint). */
    readonly done: number,
    readonly total: number,
    /** Which loop of the program, e.g. `dropout`; undefined for a program with one loop. */
    readonly label: string | undefined,
    /** The checkpoint file. */
    readonly checkpoint: string,
  ) {
    super(`stopped after ${done} of ${total} iterations${label === undefined ? '' : ` of ${label}`}; checkpoint saved to ${checkpoint}`);
    this.name = 'ProgramInterrupted';
  }
}

/** The {@link ProgramInterrupted} fields of `error`, when it is one (by name, so any copy of the class counts). */
export function interruptedInfo(error: unknown): ProgramInterrupted | undefined {
  return error instanceof Error && error.name === 'ProgramInterrupted' ? (error as ProgramInterrupted) : undefined;
}

/** The signature every chapter program exports as `run`. */
export type ChapterProgram = (context: ProgramContext) => void | Promise<void>;

/** A context that prints to the console and keeps recorded metrics in memory. */
export function consoleContext(
  options: { faithful?: boolean; seed?: number; options?: ProgramOptions } = {},
): ProgramContext & { readonly metrics: Record<string, Array<[number, number]>> } {
  const metrics: Record<string, Array<[number, number]>> = {};
  return {
    faithful: options.faithful ?? false,
    seed: options.seed,
    options: options.options ?? DEFAULT_PROGRAM_OPTIONS,
    metrics,
    log: (line) => console.log(line),
    progress: () => ({ update: () => undefined, stop: () => undefined }),
    record(series, step, value) {
      (metrics[series] ??= []).push([step, value]);
    },
  };
}

/**
 * Runs `program` with a console context when its file is executed directly
 * (`npx tsx solutions/chapter-03/program.ts [--faithful] [--seed N] [--iterations N] [--resume]
 * [--part NAME]`), and does nothing when it is imported.
 */
export function runIfMain(mainModule: NodeJS.Module | undefined, program: ChapterProgram): void {
  if (mainModule === undefined || require.main !== mainModule) return;
  Promise.resolve()
    .then(() => program(consoleContext(programOptionsFromArgv(process.argv.slice(2)))))
    .catch((error: unknown) => {
      const interrupted = interruptedInfo(error);
      if (interrupted !== undefined) {
        const argv = process.argv.slice(2).filter((arg) => arg !== '--resume');
        console.error(`${interrupted.message}; resume with npx tsx ${[path.relative(process.cwd(), mainModule.filename), ...argv, '--resume'].join(' ')}`);
        process.exitCode = 130;
        return;
      }
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
