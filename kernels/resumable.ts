/**
 * A training loop that survives Ctrl-C: it checkpoints as it goes, lets the event loop
 * run between iterations (a synchronous loop never lets a SIGINT handler run), stops cleanly at
 * the next iteration boundary when asked, and continues from the checkpoint with `--resume`,
 * ending bit-identical to an uninterrupted run with the same seed.
 *
 * What a loop changes (its weights, its random generators, whatever it accumulates) is saved;
 * what it logs and records through {@link ResumableLoop.context} is saved too and replayed on
 * resume, so the resumed run's log and recorded series are the whole run's.
 *
 * ```ts
 * const loop = await openLoop(context, { name: 'chapter-09', iterations, arrays: net.weights, randoms: [random], state: () => ({}) });
 * try {
 *   for (let j = loop.start; j < iterations; j++) {
 *     ... train, loop.context.log(...) ...
 *     await loop.completed(j);
 *   }
 * } finally {
 *   loop.close();
 * }
 * ```
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHECKPOINT_DIR, loadCheckpoint, saveCheckpoint } from './checkpoint';
import type { NDArray } from './ndarray';
import { ProgramInterrupted, type ProgramContext } from './program';
import type { RandomState, RandomStateSnapshot } from './random';

/**
 * The most time between two checkpoints. Writing one after every iteration (about 2 ms with
 * fsync for chapter 9's 635 KB of weights, against its 40 ms iterations) would slow the fast
 * chapters measurably, so a loop saves after an iteration when this much time has passed since
 * the last save, after the last iteration, and always when Ctrl-C asked it to stop: an
 * interrupted run resumes from exactly the iteration it stopped at. Only a hard kill (the terminal
 * closed) can lose up to this much work.
 */
export const SAVE_INTERVAL_MS = 1000;

/** A value that survives JSON unchanged. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** What a loop needs to be saved and resumed. */
export interface LoopSpec<S extends Json> {
  /** The checkpoint's name, e.g. `chapter-08-plain`; `-faithful` is added for `--faithful` runs. */
  readonly name: string;
  /** How the loop is called in messages, e.g. `dropout` (default: none). */
  readonly label?: string;
  /** The number of iterations the loop runs. */
  readonly iterations: number;
  /** The arrays the loop changes in place (the weights): saved bit for bit, restored on resume. */
  readonly arrays: readonly NDArray[];
  /** The generators the loop draws from: their states are saved and restored. */
  readonly randoms: readonly RandomState[];
  /** Whatever else the loop accumulates, read after every iteration. */
  readonly state: () => S;
  /** Where the checkpoint goes (default `.course/checkpoints`). */
  readonly directory?: string;
}

/** An open loop: where to start, what it had accumulated, and the call that ends each iteration. */
export interface ResumableLoop<S extends Json> {
  /** The first iteration to run: 0, or the one after the checkpoint's (the total when it had finished). */
  readonly start: number;
  /** The accumulated state from the checkpoint; undefined on a fresh start. */
  readonly restored: S | undefined;
  /** The program's context, with `log` and `record` kept in the checkpoint: use it inside the loop. */
  readonly context: ProgramContext;
  /** The checkpoint file. */
  readonly file: string;
  /**
   * Ends iteration `j` (0-based): lets a pending Ctrl-C through, writes the checkpoint (see
   * {@link SAVE_INTERVAL_MS}), and throws {@link ProgramInterrupted} when Ctrl-C arrived before
   * the last iteration.
   */
  completed(j: number): Promise<void>;
  /** Stops listening for Ctrl-C; call it in a `finally`. */
  close(): void;
}

type Entry = readonly ['log', string] | readonly ['record', string, number, number | string];

interface Meta {
  readonly [key: string]: Json;
  readonly name: string;
  readonly faithful: boolean;
  readonly seed: number | null;
  readonly iterations: number;
  readonly done: number;
  readonly state: Json;
  readonly randoms: readonly Json[];
  readonly journal: readonly Json[];
}

/** JSON has no NaN or Infinity; recorded values keep them as strings. */
function encodeNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function decodeNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

/** The checkpoint file of a loop: `<directory>/<name>[-faithful].ckpt`. */
export function checkpointFile(name: string, faithful: boolean, directory: string = CHECKPOINT_DIR): string {
  return path.join(directory, `${name}${faithful ? '-faithful' : ''}.ckpt`);
}

/** Deletes the checkpoints whose names start with `prefix` (a fresh run of a program with several loops). */
export function forgetCheckpoints(prefix: string, faithful: boolean, directory: string = CHECKPOINT_DIR): void {
  if (!fs.existsSync(directory)) return;
  for (const entry of fs.readdirSync(directory)) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.ckpt')) continue;
    if (entry.endsWith('-faithful.ckpt') === faithful) fs.rmSync(path.join(directory, entry));
  }
}

/**
 * Opens a loop: on `--resume` restores the arrays, generators, accumulated state and journal of
 * its checkpoint (replaying the journal's log lines and series into `context`), otherwise starts
 * at iteration 0; from then on Ctrl-C asks the loop to stop at the end of the current iteration.
 * @throws Error naming the file when the checkpoint belongs to another run (another seed,
 *   another number of iterations, other shapes)
 */
export function openLoop<S extends Json>(context: ProgramContext, spec: LoopSpec<S>): ResumableLoop<S> {
  const file = checkpointFile(spec.name, context.faithful, spec.directory);
  const identity = { name: spec.name, faithful: context.faithful, seed: context.seed ?? null, iterations: spec.iterations };
  const journal: Entry[] = [];
  let start = 0;
  let restored: S | undefined;
  const saved = context.options.resume ? loadCheckpoint(file) : undefined;
  if (saved !== undefined) {
    const meta = saved.meta as unknown as Meta;
    const other = (why: string): Error => new Error(`${spec.name}: ${file} is a checkpoint of another run (${why}); run without --resume to start over`);
    if (meta.seed !== identity.seed) throw other(`seed ${meta.seed ?? 'default'}, not ${identity.seed ?? 'default'}`);
    if (meta.iterations !== identity.iterations) throw other(`${meta.iterations} iterations, not ${identity.iterations}`);
    if (saved.arrays.length !== spec.arrays.length || saved.arrays.some((a, k) => a.data.length !== spec.arrays[k].data.length)) {
      throw other('arrays of other shapes');
    }
    if (meta.randoms.length !== spec.randoms.length) throw other(`${meta.randoms.length} generators, not ${spec.randoms.length}`);
    saved.arrays.forEach((a, k) => spec.arrays[k].data.set(a.data));
    meta.randoms.forEach((state, k) => spec.randoms[k].setState(state as unknown as RandomStateSnapshot));
    for (const entry of meta.journal as unknown as Entry[]) {
      journal.push(entry);
      if (entry[0] === 'log') context.log(entry[1]);
      else context.record(entry[1], entry[2], decodeNumber(entry[3]));
    }
    start = meta.done;
    restored = meta.state as S;
    const label = spec.label === undefined ? '' : `${spec.label}: `;
    context.log(`(${label}resumed after iteration ${start} of ${spec.iterations} from ${file})`);
  }

  let interrupted = false;
  let lastSave = performance.now();
  const onInterrupt = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onInterrupt);

  const journaled: ProgramContext = {
    ...context,
    log(line) {
      journal.push(['log', line]);
      context.log(line);
    },
    record(series, step, value) {
      journal.push(['record', series, step, encodeNumber(value)]);
      context.record(series, step, value);
    },
  };

  return {
    start,
    restored,
    context: journaled,
    file,
    async completed(j) {
      const done = j + 1;
      // A synchronous loop never lets the SIGINT handler run: give the event loop a turn.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const stopping = interrupted && done < spec.iterations;
      if (stopping || done === spec.iterations || performance.now() - lastSave >= SAVE_INTERVAL_MS) {
        const meta: Meta = {
          ...identity,
          done,
          state: spec.state(),
          randoms: spec.randoms.map((random) => random.getState() as unknown as Json),
          journal,
        };
        saveCheckpoint(file, meta, spec.arrays);
        lastSave = performance.now();
      }
      if (stopping) throw new ProgramInterrupted(done, spec.iterations, spec.label, file);
    },
    close() {
      process.removeListener('SIGINT', onInterrupt);
    },
  };
}
