/**
 * What every course command shares: argument parsing through `node:util` parseArgs, and one
 * way to end. A mistake in what the user typed (a {@link UsageError}) prints the message and the
 * usage and exits with status 2; any other error prints its message and exits with status 1.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import pc from 'picocolors';
import { UsageError } from './course';

/** A command's body: takes the arguments after the script name, returns the exit status. */
export type CliMain = (argv: readonly string[]) => number | Promise<number>;

/** Runs a command and sets `process.exitCode` from its result or error. */
export function runCli(main: CliMain, argv: readonly string[] = process.argv.slice(2)): void {
  // `npm run diff -- 06 | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  Promise.resolve()
    .then(() => main(argv))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        process.exitCode = reportError(error);
      },
    );
}

/** Prints an error the way every command does and returns its exit status (2 for usage errors). */
export function reportError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  console.error(pc.red(message));
  return error instanceof UsageError ? 2 : 1;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs with the course's conventions: positionals allowed, and any parse error (an unknown
 * flag, a missing value) becomes a UsageError that carries the usage text.
 */
export function parseCommandLine<T extends Options>(argv: readonly string[], options: T, usage: string) {
  try {
    return parseArgs({ args: joinNegativeValues(argv, options), options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${shortParseError(error as NodeJS.ErrnoException)}\n${usage}`);
  }
}

/**
 * `--seed -5` as `--seed=-5`. parseArgs reads a value that starts with a dash as a flag, but no
 * course flag looks like a number, and a failing property prints negative seeds.
 */
function joinNegativeValues(argv: readonly string[], options: Options): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([^=]+)$/.exec(argv[i])?.[1];
    const next = argv[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d+(\.\d+)?$/.test(next)) {
      args.push(`${argv[i]}=${next}`);
      i++;
    } else {
      args.push(argv[i]);
    }
  }
  return args;
}

/** node:util's parse errors, in one short line ("unknown option --bogus", not a paragraph on '--'). */
function shortParseError(error: NodeJS.ErrnoException): string {
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) return `unknown option ${option}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    const flag = option.split(/[ ,]/)[0];
    if (/argument is ambiguous/.test(error.message)) return `${flag} needs a value (write ${flag}=-x for one that starts with a dash)`;
    return /argument missing/.test(error.message) ? `${flag} needs a value` : `${flag} takes no value`;
  }
  return error.message;
}

/** Parses an integer option (0 or more, or any sign with `negative`), or throws a UsageError naming the flag. */
export function integerOption(value: string | undefined, flag: string, usage: string, options: { negative?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const pattern = options.negative ? /^-?\d+$/ : /^\d+$/;
  if (!pattern.test(value)) {
    throw new UsageError(`${flag} must be a whole number${options.negative ? '' : ' (0 or more)'}, not "${value}"\n${usage}`);
  }
  return Number(value);
}

/** The one chapter a command works on, from its positionals; a UsageError for none or several. */
export function singleChapterArgument(positionals: readonly string[], usage: string): string {
  if (positionals.length !== 1) {
    const problem = positionals.length === 0 ? 'which chapter?' : `one chapter at a time, not ${positionals.join(' ')}`;
    throw new UsageError(`${problem}\n${usage}`);
  }
  return positionals[0];
}

/** A course command: its usage text (shown by --help and after every usage error), flags and body. */
export interface ToolSpec<T extends Options> {
  /** The whole usage text, starting with "usage: npm run ...". */
  readonly usage: string;
  /** parseArgs option definitions; --help/-h is added by {@link defineTool}. */
  readonly options: T;
  /** Whether the command takes positional arguments (default: no). */
  readonly positionals?: boolean;
  readonly main: (parsed: ReturnType<typeof parseCommandLine<T>>) => number | Promise<number>;
}

/** A command's spec, typed from its options (for a command that is run by {@link runTool}, not defined at once). */
export function tool<T extends Options>(spec: ToolSpec<T>): ToolSpec<T> {
  return spec;
}

/** Where a command prints: the console by default, an array in tests. */
export interface ToolIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** The console, with errors in red. */
export const consoleIo: ToolIo = { out: (line) => console.log(line), err: (line) => console.error(pc.red(line)) };

/**
 * Runs a command defined by `spec` on `argv` and returns its exit status, the one way they all
 * work: `--help` prints the usage and returns 0; an unknown flag, a missing value or an
 * unexpected argument prints the problem and the usage and returns 2 (as does any
 * {@link UsageError}); another error prints its message and returns 1; otherwise the body's status.
 */
export async function runTool<T extends Options>(spec: ToolSpec<T>, argv: readonly string[], io: ToolIo = consoleIo): Promise<number> {
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.out(spec.usage);
      return 0;
    }
    const parsed = parseCommandLine(argv, spec.options, spec.usage);
    if (!spec.positionals && parsed.positionals.length > 0) {
      throw new UsageError(`unexpected argument "${parsed.positionals[0]}"\n${spec.usage}`);
    }
    return await spec.main(parsed);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return error instanceof UsageError ? 2 : 1;
  }
}

/** Defines a course command and runs it in this process (see {@link runTool}); sets `process.exitCode`. */
export function defineTool<T extends Options>(spec: ToolSpec<T>, argv: readonly string[] = process.argv.slice(2)): void {
  runCli(() => runTool(spec, argv), argv);
}

/**
 * The flags of a command whose module-level constants depend on them (scripts/bench.ts), parsed
 * the way {@link runTool} does: `--help` prints the usage and exits 0; a usage error prints the
 * problem and the usage and exits 2. Positional arguments are refused.
 */
export function parseToolArgs<T extends Options>(spec: { readonly usage: string; readonly options: T }, argv: readonly string[] = process.argv.slice(2)) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(spec.usage);
    process.exit(0);
  }
  try {
    const parsed = parseCommandLine(argv, spec.options, spec.usage);
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"\n${spec.usage}`);
    return parsed.values;
  } catch (error) {
    process.exit(reportError(error));
  }
}

/** Parses a positive number of seconds (e.g. --hang-limit 2.5), or throws a UsageError naming the flag. */
export function secondsOption(value: string | undefined, flag: string, usage: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) {
    throw new UsageError(`${flag} must be a number of seconds above 0, not "${value}"\n${usage}`);
  }
  return Number(value);
}
