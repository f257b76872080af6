/**
 * Running a chapter program (`npm run chapter`) and the JSON record each run leaves in
 * .course/runs/, which the site's plots and the benchmarks page read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Chapter } from './course';
import { DEFAULT_PROGRAM_OPTIONS, type Progress, type ProgramContext, type ProgramOptions } from '../../kernels/program';

/** The file .course/runs/chapter-NN[-faithful].json: one run of a chapter program. */
export interface RunRecord {
  /** "chapter-08". */
  readonly chapter: string;
  /** The program file, relative to the repository root, e.g. "solutions/chapter-08/train.ts". */
  readonly program: string;
  /** Whose code ran: the learner's chapters/ folder or the reference solutions/. */
  readonly source: 'learner' | 'solution';
  readonly faithful: boolean;
  /** The seed given with --seed; null when the program used its default (the book's). */
  readonly seed: number | null;
  /** ISO time the run started. */
  readonly startedAt: string;
  /** Wall-clock time of `run(context)`, in milliseconds. */
  readonly wallTimeMs: number;
  /** process.version of the Node that ran it. */
  readonly node: string;
  /** Every recorded series: name → [step, value] pairs in the order they were recorded. */
  readonly series: Record<string, Array<[number, number]>>;
  /** The lines the program logged, in order. */
  readonly log: string[];
}

/** Where a chapter's run record is saved, relative to the root. */
export function runRecordPath(chapter: Chapter, faithful: boolean): string {
  return path.join('.course', 'runs', `${chapter.id}${faithful ? '-faithful' : ''}.json`);
}

export interface RunOptions {
  readonly source: 'learner' | 'solution';
  readonly faithful: boolean;
  readonly seed: number | undefined;
  /** `--iterations`, `--resume`, `--part`; none by default. */
  readonly program?: ProgramOptions;
  /** Draw progress bars (only honoured when `write` goes to a terminal). */
  readonly bars: boolean;
  /** Where log lines and bars go; defaults to the process's stdout. */
  readonly stream?: NodeJS.WriteStream;
}

/** The context `npm run chapter` hands a program: log lines, cli-progress bars, recorded series. */
export function runnerContext(options: RunOptions): ProgramContext & {
  readonly series: RunRecord['series'];
  readonly logged: string[];
  /** Removes a bar still drawn (after an error or Ctrl-C), restoring the cursor and line wrap. */
  close(): void;
} {
  const stream = options.stream ?? process.stdout;
  const drawBars = options.bars && stream.isTTY === true;
  const series: RunRecord['series'] = {};
  const logged: string[] = [];
  let active: SingleBar | null = null;
  return {
    faithful: options.faithful,
    seed: options.seed,
    options: options.program ?? DEFAULT_PROGRAM_OPTIONS,
    series,
    logged,
    close() {
      active?.stop();
      active = null;
    },
    log(line) {
      logged.push(line);
      if (active !== null) {
        // Print above the bar: clear its line, write, let the next update redraw it.
        stream.write(`\r\x1b[K${line}\n`);
        active.render();
      } else {
        stream.write(`${line}\n`);
      }
    },
    progress(label, total): Progress {
      if (!drawBars) return { update: () => undefined, stop: () => undefined };
      // Hiding the cursor and turning line wrap off look best, but a program killed by Ctrl-C
      // cannot turn them back on. Only a program that handles Ctrl-C itself (a resumable loop
      // listens for SIGINT before it starts its bar) stops cleanly and lets close() restore them;
      // for the others the cursor stays visible and cli-progress cuts the line to the width.
      const graceful = process.listeners('SIGINT').length > 0;
      const bar = new SingleBar(
        {
          format: `${label} [{bar}] {value}/{total} {eta_formatted} left {fields}`,
          stream,
          hideCursor: graceful,
          linewrap: graceful ? false : true,
          clearOnComplete: true,
          barsize: 30,
        },
      );
      active?.stop();
      bar.start(total, 0, { fields: '' });
      active = bar;
      return {
        update(done, fields = {}) {
          const text = Object.entries(fields)
            .map(([name, value]) => `${name} ${typeof value === 'number' ? Number(value.toPrecision(6)) : value}`)
            .join('  ');
          bar.update(done, { fields: text });
        },
        stop() {
          bar.stop();
          if (active === bar) active = null;
        },
      };
    },
    record(name, step, value) {
      (series[name] ??= []).push([step, value]);
    },
  };
}

/** Writes a run record and returns its path relative to the root. */
export function saveRunRecord(record: RunRecord, chapter: Chapter, root: string): string {
  const file = runRecordPath(chapter, record.faithful);
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** The fields of a NotImplementedError, when `error` is one (by name, so any copy of the class counts). */
export function notImplementedInfo(error: unknown): { taskId: string; functionName: string; readme: string } | undefined {
  if (!(error instanceof Error) || error.name !== 'NotImplementedError') return undefined;
  const fields = error as Error & { taskId?: unknown; functionName?: unknown; readme?: unknown };
  if (typeof fields.taskId !== 'string') return undefined;
  return { taskId: fields.taskId, functionName: String(fields.functionName), readme: String(fields.readme) };
}
