/**
 * The logic of `npm run data -- <name...>` (scripts/data.ts is the thin wrapper), kept here so
 * it can be tested without spawning a process.
 */
import { SingleBar } from 'cli-progress';
import { DatasetError } from '../../kernels/datasets/errors';
import { dataDirectory, downloadDataset, ProgressReporter } from '../../kernels/datasets/download';
import { DATASETS, DatasetSpec, findDataset } from '../../kernels/datasets/registry';
import { runTool, tool } from './cli';
import { UsageError } from './course';

/** Where the command writes; the defaults are the process's streams. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Draw a progress bar (default: when stderr is a terminal). */
  readonly progress?: boolean;
}

/** The usage text. */
export function usage(registry: readonly DatasetSpec[] = DATASETS): string {
  return [
    'usage: npm run data -- <name...> [--force] [--base-url URL] [--data-dir DIR]',
    '       npm run data -- --list',
    '',
    'Fetches the book\'s original datasets into .data/ (the course runs offline without them).',
    '  --force       download again even if a verified copy is present',
    '  --base-url    fetch every file from URL/<file name> (also env GDL_DATA_BASE_URL)',
    '  --data-dir    cache folder instead of .data/ (also env GDL_DATA_DIR)',
    '',
    'datasets:',
    ...registry.map((spec) => `  ${spec.name.padEnd(12)} ${spec.title} (used in chapters: ${spec.chapters})`),
  ].join('\n');
}

function progressBar(): ProgressReporter {
  const bar = new SingleBar({
    format: '{file} [{bar}] {percentage}% | {value}/{total} bytes',
    stream: process.stderr,
    hideCursor: true,
  });
  let running = false;
  return {
    start(file, total) {
      bar.start(total ?? 0, 0, { file });
      running = true;
    },
    advance(bytes) {
      bar.increment(bytes);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

/** The `npm run data` command, printing to `io`, over `registry` (tests pass a fixture one). */
export function dataTool(io: CliIo, registry: readonly DatasetSpec[] = DATASETS) {
  const text = usage(registry);
  return tool({
    usage: text,
    positionals: true,
    options: {
      force: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      'base-url': { type: 'string' },
      'data-dir': { type: 'string' },
    },
    async main({ values, positionals }) {
      if (values.list) {
        io.out(text);
        return 0;
      }
      if (positionals.length === 0) throw new UsageError(`data: name at least one dataset\n${text}`);
      const unknown = positionals.filter((name) => !findDataset(name, registry));
      if (unknown.length > 0) {
        const valid = registry.map((spec) => spec.name).join(', ');
        throw new UsageError(`data: unknown dataset ${unknown.map((n) => `"${n}"`).join(', ')}: valid names are ${valid} (run npm run data -- --list)`);
      }
      const showProgress = io.progress ?? Boolean(process.stderr.isTTY);
      for (const name of positionals) {
        try {
          await downloadDataset(name, {
            force: values.force,
            baseUrl: values['base-url'],
            dataDir: values['data-dir'],
            progress: showProgress ? progressBar() : undefined,
            log: io.out,
            registry,
          });
        } catch (error) {
          io.err(error instanceof DatasetError ? error.message : `${name}: ${(error as Error).message}`);
          return 1;
        }
      }
      io.out(`data: done; files are in ${dataDirectory(values['data-dir'])}`);
      return 0;
    },
  });
}

/**
 * Runs the command; returns the exit code: 0 done, 1 a download failed, 2 bad arguments or an
 * unknown dataset name.
 */
export function runDataCommand(
  argv: readonly string[],
  io: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) },
  registry: readonly DatasetSpec[] = DATASETS,
): Promise<number> {
  return runTool(dataTool(io, registry), argv, io);
}
