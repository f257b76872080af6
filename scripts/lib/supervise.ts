/**
 * Runs chapter test files under jest and survives the code learners write: a test file that runs
 * past the hang limit (an endless loop) is stopped, the task it was stuck in is recorded as a
 * hang, and the file is run again without that task, so one endless loop costs one task.
 *
 * How it knows where a run is stuck: the chapter tests run in scripts/jest/course-environment.cjs,
 * which appends a line to an events file, synchronously, when a test file is set up and when each
 * test starts and ends; scripts/jest/event-reporter.cjs appends each finished file's results.
 * This module reads that file while jest runs and kills jest's whole process group when a file
 * has shown no progress (no test started or ended) for longer than the limit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './course';
import type { AssertionLike } from './results';
import type { Target } from './run-jest';
import { taskNamePattern } from './selection';

/** A test that was stopped because its file ran past the hang limit. */
export interface Hang {
  /** The describe and test titles of the stuck test, outermost first (empty: stuck while loading). */
  readonly titles: readonly string[];
  /** The task of the stuck test ("3.5"), from its `describe('task 3.5 ...')`. */
  readonly taskId: string | undefined;
}

/** What happened to one test file, over every attempt. */
export interface FileOutcome {
  /** Absolute path of the test file. */
  readonly file: string;
  readonly assertions: readonly AssertionLike[];
  /** Why the file could not run at all (a module that does not load), or null. */
  readonly execError: string | null;
  /** Tests stopped at the hang limit. */
  readonly hangs: readonly Hang[];
  /** True when the file hung outside any test (while loading), so none of its results are known. */
  readonly hungWhileLoading: boolean;
}

export interface SuperviseOptions {
  /** The course folder jest runs in (its jest.config.ts is used). */
  readonly root?: string;
  readonly target: Target;
  /** Absolute paths of the test files to run. */
  readonly files: readonly string[];
  /** Run only these tasks (exact ids, e.g. ["3.1"]); undefined runs every test. */
  readonly tasks?: readonly string[];
  /** A test-name regex the user gave that is not a list of task ids (passed to jest's -t). */
  readonly rawPattern?: string;
  /**
   * A test running longer than this is stopped (milliseconds). Loading a test file (compiling it
   * and its imports) gets three times as long, at least 30 s.
   */
  readonly hangLimitMs: number;
  /** Print jest's per-file lines and failure details through the course reporter. */
  readonly echo?: boolean;
  /** Extra environment for the test processes (e.g. FC_SEED). */
  readonly env?: Readonly<Record<string, string>>;
  /** Flags for the node that runs jest (the grader's permission flags and memory cap). */
  readonly nodeFlags?: readonly string[];
  /** Run every file in jest's own process (no workers): the grader needs it under the permission model. */
  readonly runInBand?: boolean;
  /** More jest flags (the grader's --cacheDirectory). */
  readonly jestFlags?: readonly string[];
}

export interface SupervisedRun {
  readonly outcomes: readonly FileOutcome[];
  /** Something went wrong that is not about the tested code (jest would not start), or null. */
  readonly problem: string | null;
}

interface FileState {
  /** When the file last made progress: set up, or a test started or ended. */
  startedAt: number | null;
  /** A test has started: the file has loaded. */
  testsStarted: boolean;
  current: string[] | null;
  result: { assertions: AssertionLike[]; execError: string | null } | null;
}

interface EventLine {
  type: 'file-start' | 'test-start' | 'test-done' | 'file';
  file: string;
  at: number;
  titles?: string[];
  assertions?: AssertionLike[];
  execError?: string | null;
}

const TASK_TITLE = /^task (\d+\.\d+)(?=\s|$)/;

function taskOfTitles(titles: readonly string[]): string | undefined {
  for (const title of titles) {
    const match = TASK_TITLE.exec(title);
    if (match) return match[1];
  }
  return undefined;
}

/** Lines jest prints on stderr that tell a learner nothing. */
const NOISE = /^(Running one project: |Test results written to: |Determining test suites to run|\(node:\d+\) (ExperimentalWarning: Permission|SecurityWarning: The flag --allow-addons)|\(Use `node --trace-warnings)/;

/**
 * Runs the files, stopping and rerunning around hangs, and returns every file's outcome.
 * Files are rerun at most once per hang found, so the loop always ends.
 */
export async function superviseTests(options: SuperviseOptions): Promise<SupervisedRun> {
  const root = options.root ?? repoRoot;
  const outcomes = new Map<string, FileOutcome>();
  const hangs = new Map<string, Hang[]>();
  const excluded = new Set<string>();
  let pending = [...options.files];
  let attempt = 0;
  let problem: string | null = null;
  while (pending.length > 0) {
    attempt++;
    const eventsFile = path.join(root, '.course', `events-${process.pid}-${attempt}.jsonl`);
    const result = await runAttempt(root, options, pending, [...excluded], eventsFile);
    let progressed = false;
    for (const file of pending) {
      const state = result.states.get(file);
      const fileHangs = hangs.get(file) ?? [];
      if (state?.result) {
        outcomes.set(file, { file, ...state.result, hangs: fileHangs, hungWhileLoading: false });
        progressed = true;
      } else if (result.hungFile === file && state) {
        const taskId = state.current === null ? undefined : taskOfTitles(state.current);
        fileHangs.push({ titles: state.current ?? [], taskId });
        hangs.set(file, fileHangs);
        progressed = true;
        if (taskId !== undefined && !excluded.has(taskId)) {
          excluded.add(taskId);
        } else {
          // Stuck while loading (or twice in one task): nothing more can be learnt from this file.
          outcomes.set(file, { file, assertions: [], execError: null, hangs: fileHangs, hungWhileLoading: taskId === undefined });
        }
      }
    }
    const next = pending.filter((file) => !outcomes.has(file));
    if (!progressed || (result.hungFile === null && next.length > 0)) {
      // jest ended without the results of these files: report why and stop trying.
      problem = result.stderr.trim() === '' ? `jest stopped (exit status ${result.exitCode})` : lastLines(result.stderr, 20);
      for (const file of next) {
        outcomes.set(file, { file, assertions: [], execError: `jest stopped before this file finished: ${problem}`, hangs: hangs.get(file) ?? [], hungWhileLoading: false });
      }
      break;
    }
    pending = next;
  }
  return { outcomes: options.files.map((file) => outcomes.get(file)).filter((o): o is FileOutcome => o !== undefined), problem };
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n');
}

interface AttemptResult {
  states: Map<string, FileState>;
  hungFile: string | null;
  exitCode: number | null;
  stderr: string;
}

function jestArguments(root: string, options: SuperviseOptions, files: readonly string[], excluded: readonly string[]): string[] {
  const jestBin = require.resolve('jest/bin/jest', { paths: [root] });
  const reporters = [path.join(root, 'scripts', 'jest', 'event-reporter.cjs')];
  if (options.echo) reporters.push(path.join(root, 'scripts', 'jest', 'course-reporter.cjs'));
  const pattern = taskNamePattern(options.tasks, options.rawPattern, excluded);
  return [
    ...(options.nodeFlags ?? []),
    jestBin,
    '--selectProjects', 'chapters',
    ...reporters.map((reporter) => `--reporters=${reporter}`),
    '--passWithNoTests',
    ...(options.runInBand ? ['--runInBand'] : []),
    ...(options.jestFlags ?? []),
    ...(pattern === undefined ? [] : ['--testNamePattern', pattern]),
    '--runTestsByPath',
    ...files,
  ];
}

function runAttempt(
  root: string,
  options: SuperviseOptions,
  files: readonly string[],
  excluded: readonly string[],
  eventsFile: string,
): Promise<AttemptResult> {
  fs.mkdirSync(path.dirname(eventsFile), { recursive: true });
  fs.writeFileSync(eventsFile, '');
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, COURSE_EVENTS_FILE: eventsFile };
  if (options.target === 'learner') delete env.COURSE_TARGET;
  else env.COURSE_TARGET = options.target;
  const states = new Map<string, FileState>(files.map((file) => [file, { startedAt: null, testsStarted: false, current: null, result: null }]));
  const child = spawn(process.execPath, jestArguments(root, options, files, excluded), {
    cwd: root,
    env,
    stdio: ['ignore', options.echo ? 'pipe' : 'ignore', 'pipe'],
    detached: true,
  });
  // jest's own chatter ("Running one project: chapters") is dropped; the reporter's lines pass.
  let partial = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (!NOISE.test(line)) process.stdout.write(`${line}\n`);
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  let offset = 0;
  let hungFile: string | null = null;
  const readEvents = (): void => {
    const text = fs.readFileSync(eventsFile, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end <= offset) return;
    for (const line of text.slice(offset, end).split('\n')) {
      if (line.trim() !== '') applyEvent(states, JSON.parse(line) as EventLine);
    }
    offset = end;
  };
  const stopOnInterrupt = (): void => {
    killGroup(child);
    process.exit(130);
  };
  process.once('SIGINT', stopOnInterrupt);
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      readEvents();
      const now = Date.now();
      for (const [file, state] of states) {
        const limit = state.testsStarted ? options.hangLimitMs : Math.max(3 * options.hangLimitMs, 30_000);
        if (state.startedAt !== null && state.result === null && now - state.startedAt > limit) {
          hungFile = file;
          killGroup(child);
          clearInterval(timer);
          return;
        }
      }
    }, 100);
    child.on('close', (exitCode) => {
      clearInterval(timer);
      process.removeListener('SIGINT', stopOnInterrupt);
      readEvents();
      fs.rmSync(eventsFile, { force: true });
      if (partial !== '' && !NOISE.test(partial)) process.stdout.write(`${partial}\n`);
      const shown = stderr.split('\n').filter((line) => !NOISE.test(line)).join('\n');
      if (options.echo && hungFile === null && shown.trim() !== '') process.stderr.write(shown.endsWith('\n') ? shown : `${shown}\n`);
      resolve({ states, hungFile, exitCode, stderr: shown });
    });
  });
}

function applyEvent(states: Map<string, FileState>, event: EventLine): void {
  const state = states.get(event.file);
  if (state === undefined) return;
  // The limit runs from the last sign of progress, so a slow machine that keeps finishing tests
  // is never mistaken for an endless loop, while a test stuck in one is stopped.
  if (event.type === 'file-start') state.startedAt = event.at;
  else if (event.type === 'test-start') {
    state.current = event.titles ?? [];
    state.startedAt = event.at;
    state.testsStarted = true;
  } else if (event.type === 'test-done') {
    state.current = null;
    state.startedAt = event.at;
  }
  else if (event.type === 'file') state.result = { assertions: event.assertions ?? [], execError: event.execError ?? null };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
