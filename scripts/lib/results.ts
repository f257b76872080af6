/**
 * From jest's per-test results to the course's per-task view: done, failing, not started.
 * Shared by `npm test`, `npm run progress`, `npm run grade` and `npm run test:stubs`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Chapter, Task } from './course';
import { repoRoot } from './course';

/** The part of a jest assertion result the course reads. */
export interface AssertionLike {
  readonly ancestorTitles: readonly string[];
  readonly title: string;
  readonly fullName?: string;
  readonly status: string;
  readonly failureMessages: readonly string[];
}

/** The part of jest's `--json` output the course reads. */
export interface JestJson {
  readonly success: boolean;
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numTotalTests: number;
  readonly testResults: ReadonlyArray<{
    readonly name: string;
    readonly status: string;
    readonly message: string;
    readonly assertionResults: readonly AssertionLike[];
  }>;
}

export type TaskStatus =
  | 'done'
  | 'failing'
  | 'not started'
  | 'waiting'
  | 'no tests'
  /** Its tests ran past the hang limit and were stopped. */
  | 'hang'
  /** Its file has a syntax or type error. */
  | 'does not compile'
  /** Its file is missing from the chapter folder. */
  | 'missing file'
  /** Its test file could not run for another reason (a module that throws while loading). */
  | 'could not run';

/** A verdict that does not come from test assertions: why a task's tests could not tell. */
export interface TaskProblem {
  readonly status: 'hang' | 'does not compile' | 'missing file' | 'could not run';
  /** One line: "did not finish in 10 s: an endless loop?", "forward.ts:20:18 error TS1109: ...". */
  readonly detail: string;
  /** Lines to show under it (the source line of a compile error). */
  readonly more?: readonly string[];
}

/** Statuses that mean the learner has to fix something before the tests can judge the task. */
export const BROKEN: readonly TaskStatus[] = ['hang', 'does not compile', 'missing file', 'could not run'];

export interface TaskResult {
  readonly task: Task;
  readonly status: TaskStatus;
  readonly passed: number;
  readonly failed: number;
  readonly total: number;
  /** For "waiting": the task whose NotImplementedError these tests hit. */
  readonly waitingOn?: string;
  /** For the statuses in {@link BROKEN}: what went wrong. */
  readonly problem?: TaskProblem;
}

const NOT_IMPLEMENTED = /task (\S+) \S+ is not implemented yet: see /;

/** The task id of a test, from its outermost `describe('task 3.2 ...')`. */
export function taskIdOf(assertion: AssertionLike): string | undefined {
  for (const title of assertion.ancestorTitles) {
    const match = /^task (\d+\.\d+)\b/.exec(title);
    if (match) return match[1];
  }
  return undefined;
}

/** The task named by a NotImplementedError in a failure, if every message is one. */
export function notImplementedTask(assertion: AssertionLike): string | undefined {
  if (assertion.failureMessages.length === 0) return undefined;
  let task: string | undefined;
  for (const message of assertion.failureMessages) {
    const match = NOT_IMPLEMENTED.exec(message);
    if (!match || !message.includes('NotImplementedError')) return undefined;
    task ??= match[1];
  }
  return task;
}

/**
 * Classifies every task of a chapter from the assertions of its test files; a task with a
 * problem (a hang, a compile error, a missing file) gets that verdict whatever its tests said.
 */
export function summarizeChapter(
  chapter: Chapter,
  assertions: readonly AssertionLike[],
  problems: ReadonlyMap<string, TaskProblem> = new Map(),
): TaskResult[] {
  return chapter.tasks.map((task): TaskResult => {
    const mine = assertions.filter((assertion) => taskIdOf(assertion) === task.id);
    const failed = mine.filter((assertion) => assertion.status === 'failed');
    const passed = mine.filter((assertion) => assertion.status === 'passed').length;
    const base = { task, passed, failed: failed.length, total: mine.length };
    const problem = problems.get(task.id);
    if (problem !== undefined) return { ...base, status: problem.status, problem };
    if (mine.length === 0) return { ...base, status: 'no tests' };
    if (failed.length === 0) return { ...base, status: passed > 0 ? 'done' : 'no tests' };
    const blockers = failed.map(notImplementedTask);
    if (blockers.some((blocker) => blocker === undefined)) return { ...base, status: 'failing' };
    if (blockers.every((blocker) => blocker === task.id)) return { ...base, status: 'not started' };
    const other = blockers.find((blocker) => blocker !== task.id);
    if (blockers.includes(task.id)) return { ...base, status: 'not started' };
    return { ...base, status: 'waiting', waitingOn: other };
  });
}

/** How the tests that belong to no exercise (the chapter program's, `describe('chapter 5 program')`) did. */
export interface ProgramResult {
  readonly passed: number;
  readonly failed: number;
  readonly total: number;
  /** When every failure is an exercise's NotImplementedError: the first such exercise. */
  readonly waitingOn?: string;
}

/**
 * Tallies a chapter's tests that are tagged with no task: they test the chapter's program as a
 * whole, so a failure there is reported as the program's, never as some exercise's. Undefined
 * when the chapter has none (or none ran).
 */
export function summarizeProgram(assertions: readonly AssertionLike[]): ProgramResult | undefined {
  const mine = assertions.filter((assertion) => taskIdOf(assertion) === undefined && assertion.status !== 'pending' && assertion.status !== 'skipped');
  if (mine.length === 0) return undefined;
  const failed = mine.filter((assertion) => assertion.status === 'failed');
  const passed = mine.filter((assertion) => assertion.status === 'passed').length;
  const blockers = failed.map(notImplementedTask);
  const waitingOn = failed.length > 0 && blockers.every((blocker) => blocker !== undefined) ? blockers[0] : undefined;
  return { passed, failed: failed.length, total: mine.length, ...(waitingOn === undefined ? {} : { waitingOn }) };
}

/** Assertions of the test files that belong to a chapter folder. */
export function chapterAssertions(json: JestJson, chapter: Chapter, root: string = repoRoot): AssertionLike[] {
  const folder = path.join(root, 'chapters', chapter.id) + path.sep;
  return json.testResults
    .filter((file) => file.name.startsWith(folder))
    .flatMap((file) => file.assertionResults);
}

/** The exercise to work on next: the first broken or failing task, else the first not started. */
export function nextTask(results: readonly TaskResult[]): TaskResult | undefined {
  return (
    results.find((result) => result.status === 'failing' || BROKEN.includes(result.status)) ??
    results.find((result) => result.status === 'not started' || result.status === 'waiting')
  );
}

/** Where `npm test` keeps the last verdict of each chapter, read by `npm run progress`. */
export const PROGRESS_FILE = path.join('.course', 'progress.json');

export interface SavedProgress {
  chapters: Record<string, { updatedAt: string; tasks: Record<string, TaskStatus> }>;
}

export function readProgress(root: string = repoRoot): SavedProgress {
  const file = path.join(root, PROGRESS_FILE);
  if (!fs.existsSync(file)) return { chapters: {} };
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SavedProgress;
  } catch {
    return { chapters: {} };
  }
}

/**
 * Records a chapter's verdicts in .course/progress.json. With `onlyTasks` (a run of some
 * exercises, `-t 3.2`), only those exercises' verdicts change; the others keep what was saved.
 */
export function saveProgress(chapter: Chapter, results: readonly TaskResult[], root: string = repoRoot, onlyTasks?: ReadonlySet<string>): void {
  const progress = readProgress(root);
  const kept = onlyTasks === undefined ? {} : (progress.chapters[chapter.id]?.tasks ?? {});
  const fresh = results.filter((result) => onlyTasks === undefined || onlyTasks.has(result.task.id));
  progress.chapters[chapter.id] = {
    updatedAt: new Date().toISOString(),
    tasks: { ...kept, ...Object.fromEntries(fresh.map((result) => [result.task.id, result.status])) },
  };
  const file = path.join(root, PROGRESS_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(progress, null, 2)}\n`);
}
