/** Running fast-check properties with a failure message that says how to replay them. */
import fc from 'fast-check';
import { NotImplementedError } from '../not-implemented';

/** Options of {@link assertProperty}. */
export interface PropertyOptions {
  /** Number of cases (default 100). */
  numRuns?: number;
  /** Seed to replay a failure (printed by a failing run). */
  seed?: number;
  /** Path to replay a failure (printed by a failing run). */
  path?: string;
  /** Name shown first in the failure message. */
  label?: string;
  /**
   * Milliseconds after which no new case or shrink starts (default 20 000). A failure found by
   * then is reported with the smallest counterexample reached, so shrinking never runs unbounded.
   */
  timeLimitMs?: number;
}

/** Default of {@link PropertyOptions.timeLimitMs}. */
export const PROPERTY_TIME_LIMIT_MS = 20_000;

/**
 * Set by `npm run test:mutation` for the test processes of StrykerJS. There a failing property
 * only has to fail: a mutant is killed by the first counterexample, so properties stop at it
 * instead of shrinking it, which could take up to the time limit above and turn every kill into
 * a timeout.
 */
export const MUTATION_RUN_ENV = 'COURSE_MUTATION_RUN';

/**
 * Runs a fast-check property (default 100 cases) and throws an Error on failure that shows the
 * shrunk counterexample, the error it raised, its stack in the code under test (no fast-check or
 * jest frames) and the command that replays it (`npm test chapter-03 -- -t 3.2 --seed 1234567`).
 * The environment variable FC_SEED (set by `npm test -- --seed`) fixes the seed of every property.
 * Every chapter test runs its properties through this, never `fc.assert`.
 * @example assertProperty(fc.property(matmulPairArb(), ([a, b]) => { ... }), { label: 'matmul' })
 */
export function assertProperty<Ts>(
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  options: PropertyOptions = {},
): void {
  if (property.isAsync()) throw new Error('assertProperty: use assertPropertyAsync for async properties');
  const envSeed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
  const params: fc.Parameters<Ts> = {
    numRuns: options.numRuns ?? 100,
    interruptAfterTimeLimit: options.timeLimitMs ?? PROPERTY_TIME_LIMIT_MS,
  };
  if (process.env[MUTATION_RUN_ENV] === '1') params.endOnFailure = true;
  const seed = options.seed ?? envSeed;
  if (seed !== undefined) params.seed = seed;
  if (options.path !== undefined) params.path = options.path;
  const details = fc.check(property as fc.IProperty<Ts>, params);
  if (!details.failed) return;
  // An exercise that is not written yet is not a counterexample: let the stub's own error through,
  // so the learner's summary reports the task as "not started".
  if (details.errorInstance instanceof Error && details.errorInstance.name === NotImplementedError.name) {
    throw details.errorInstance;
  }
  const report = (fc.defaultReportMessage(details) ?? 'property failed')
    .split('\n')
    // fast-check's own advice (verbose mode, its seed/path options) is replaced by the course's.
    .filter((line) => !/^\s*Hint: /.test(line) && !/^Encountered failures were:?$/.test(line.trim()) && !/^\{ seed: /.test(line.trim()))
    .join('\n')
    .trimEnd();
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const label = options.label ? `${options.label}: ` : '';
  const error = new Error(`${label}${report}\nThe counterexample failed with: ${cause}\n${replayHint(details.seed)}`);
  // Keep the frames of the code under test (where the counterexample failed), not fast-check's or jest's.
  const frames = details.errorInstance instanceof Error ? learnerFrames(details.errorInstance.stack ?? '') : [];
  error.stack = [`Error: ${error.message}`, ...frames].join('\n');
  throw error;
}

/** Stack lines outside node_modules and node's internals. */
function learnerFrames(stack: string): string[] {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .filter((line) => !/node_modules|node:internal|\(node:|kernels[\\/]testing[\\/]property/.test(line));
}

interface JestState {
  readonly currentTestName?: string;
  readonly testPath?: string;
}

/**
 * The command that replays this failure: `npm test chapter-03 -- -t 3.2 --seed 1234567` inside a
 * chapter test (found from jest's current test, when jest is the runner), else FC_SEED.
 */
function replayHint(seed: number): string {
  const expectGlobal = (globalThis as { expect?: { getState?: () => JestState } }).expect;
  const state = expectGlobal?.getState?.() ?? {};
  const chapter = /chapters[\\/](chapter-\d+)[\\/]/.exec(state.testPath ?? '')?.[1];
  const task = /^task (\d+\.\d+)(?=\s|$)/.exec(state.currentTestName ?? '')?.[1];
  if (chapter !== undefined) {
    return `Replay it with: npm test ${chapter} -- ${task === undefined ? '' : `-t ${task} `}--seed ${seed}`;
  }
  return `Replay it with FC_SEED=${seed} (the same seed gives the same cases).`;
}
