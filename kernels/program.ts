/**
 * The contract between a chapter's runnable program and whoever runs it.
 *
 * A chapter program (`chapters/chapter-08/train.ts`) exports `run(context)`. `npm run chapter`
 * passes a context with a progress bar and a metrics recorder; running the file directly with
 * tsx uses {@link consoleContext}. The program itself only computes and reports: it never
 * parses arguments or writes files, so the same code serves the terminal, the tests and the site.
 */

/** One progress bar for a long loop. */
export interface Progress {
  /** Advances the bar to `done` out of its total, showing the given fields (e.g. the error). */
  update(done: number, fields?: Record<string, number | string>): void;
  /** Removes the bar (call before printing the loop's log lines when it ends). */
  stop(): void;
}

/** What a chapter program receives from its runner. */
export interface ProgramContext {
  /** Reproduce the book's code including its bugs (see the chapter's Errata section). */
  readonly faithful: boolean;
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

/** The signature every chapter program exports as `run`. */
export type ChapterProgram = (context: ProgramContext) => void | Promise<void>;

/** A context that prints to the console and keeps recorded metrics in memory. */
export function consoleContext(
  options: { faithful?: boolean; seed?: number } = {},
): ProgramContext & { readonly metrics: Record<string, Array<[number, number]>> } {
  const metrics: Record<string, Array<[number, number]>> = {};
  return {
    faithful: options.faithful ?? false,
    seed: options.seed,
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
 * (`npx tsx solutions/chapter-03/program.ts [--faithful]`), and does nothing when it is imported.
 */
export function runIfMain(mainModule: NodeJS.Module | undefined, program: ChapterProgram): void {
  if (mainModule === undefined || require.main !== mainModule) return;
  const faithful = process.argv.includes('--faithful');
  Promise.resolve(program(consoleContext({ faithful }))).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
