/**
 * One run of chapter tests as every learner tool sees it (`npm test`, `watch`, `progress --run`,
 * `grade`): the supervised jest run (hangs stopped, see supervise.ts), the chapter's compile and
 * type errors, missing exercise files, and from all of them one verdict per task.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Chapter, Task } from './course';
import { repoRoot } from './course';
import { type CompileError, chapterCompileErrors, formatCompileError } from './diagnostics';
import { type AssertionLike, type TaskProblem, type TaskResult, summarizeChapter } from './results';
import { type FileOutcome, type SuperviseOptions, superviseTests } from './supervise';

/** The default hang limit of a test file, in seconds (`--hang-limit` changes it). */
export const DEFAULT_HANG_LIMIT_S = 10;

/** What {@link superviseTests} takes, with chapters in place of test files. */
export interface ChapterRunOptions extends Omit<SuperviseOptions, 'files'> {
  readonly chapters: readonly Chapter[];
}

export interface ChapterVerdict {
  readonly chapter: Chapter;
  readonly results: readonly TaskResult[];
  readonly assertions: readonly AssertionLike[];
  /** Test files that could not run, relative to the root, with jest's reason. */
  readonly fileErrors: ReadonlyArray<{ readonly file: string; readonly error: string }>;
  readonly compileErrors: readonly CompileError[];
}

export interface ChapterRun {
  readonly chapters: readonly ChapterVerdict[];
  /** A problem of the tools themselves (jest would not start), or null. */
  readonly problem: string | null;
  readonly passed: number;
  readonly failed: number;
}

/** The chapter's test files, absolute and sorted. */
export function chapterTestFiles(chapter: Chapter, root: string): string[] {
  const folder = path.join(root, 'chapters', chapter.id);
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder).filter((name) => name.endsWith('.test.ts')).sort().map((name) => path.join(folder, name));
}

const DESCRIBE_TASK = /describe(?:\.\w+)?\(\s*['"`]task (\d+\.\d+)(?=[\s'"`])/g;

/** The tasks a test file has tests for, read from its `describe('task 3.1 ...')` blocks. */
export function tasksOfTestFile(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...new Set([...text.matchAll(DESCRIBE_TASK)].map((match) => match[1]))];
}

/** Runs the chapters' tests and returns a verdict per task. */
export async function runChapters(options: ChapterRunOptions): Promise<ChapterRun> {
  const root = options.root ?? repoRoot;
  const selected = (id: string) => options.tasks === undefined || options.tasks.includes(id);
  const files = options.chapters
    .flatMap((chapter) => chapterTestFiles(chapter, root))
    .filter((file) => options.tasks === undefined || tasksOfTestFile(file).some(selected));
  const running = superviseTests({
    root,
    target: options.target,
    files,
    tasks: options.tasks,
    rawPattern: options.rawPattern,
    hangLimitMs: options.hangLimitMs,
    echo: options.echo,
    env: options.env,
    nodeFlags: options.nodeFlags,
    runInBand: options.runInBand,
    jestFlags: options.jestFlags,
  });
  // The type check runs while jest starts up in its own process.
  const compileErrors = new Map<string, CompileError[]>();
  if (options.target === 'learner') {
    for (const chapter of options.chapters) {
      compileErrors.set(chapter.id, chapterCompileErrors(path.join(root, 'chapters', chapter.id), root));
    }
  }
  const run = await running;
  let passed = 0;
  let failed = 0;
  const chapters = options.chapters.map((chapter): ChapterVerdict => {
    const folder = path.join(root, 'chapters', chapter.id) + path.sep;
    const outcomes = run.outcomes.filter((outcome) => outcome.file.startsWith(folder));
    const assertions = outcomes.flatMap((outcome) => outcome.assertions);
    const errors = compileErrors.get(chapter.id) ?? [];
    const problems = taskProblems(chapter, outcomes, errors, root, options);
    const results = summarizeChapter(chapter, assertions, problems).filter((result) => selected(result.task.id));
    passed += assertions.filter((assertion) => assertion.status === 'passed').length;
    failed += assertions.filter((assertion) => assertion.status === 'failed').length;
    const fileErrors = outcomes
      .filter((outcome) => outcome.execError !== null)
      .map((outcome) => ({ file: path.relative(root, outcome.file), error: outcome.execError ?? '' }));
    return { chapter, results, assertions, fileErrors, compileErrors: errors };
  });
  return { chapters, problem: run.problem, passed, failed };
}

/** The first line of jest's reason a test file could not run, without colours or paths. */
function firstLine(message: string, root: string): string {
  const plain = message.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
  const line = plain.split('\n').map((text) => text.trim()).find((text) => text !== '' && !text.startsWith('at ')) ?? 'unknown error';
  return line.split(`${root}${path.sep}`).join('');
}

/** Why each task's tests could not judge it, if they could not. */
function taskProblems(
  chapter: Chapter,
  outcomes: readonly FileOutcome[],
  compileErrors: readonly CompileError[],
  root: string,
  options: ChapterRunOptions,
): Map<string, TaskProblem> {
  const problems = new Map<string, TaskProblem>();
  const folder = path.join(root, 'chapters', chapter.id);
  const seconds = Math.round(options.hangLimitMs / 100) / 10;
  const syntaxFiles = new Set(compileErrors.filter((error) => error.syntax).map((error) => error.file));
  for (const task of chapter.tasks) {
    const file = task.file;
    if (options.target === 'learner' && !fs.existsSync(path.join(folder, file))) {
      problems.set(task.id, {
        status: 'missing file',
        detail: `chapters/${chapter.id}/${file} is missing: npm run reset -- ${chapter.id} --task ${task.id} brings back its stub`,
      });
      continue;
    }
    // A syntax error breaks every task of its file; a type error only the task whose code has it.
    const mine = compileErrors.filter((error) => error.file === file && (error.syntax || inTaskRegion(path.join(folder, file), task, error.line)));
    const fileWide = compileErrors.filter((error) => error.file === file && !error.syntax && !inAnyRegion(path.join(folder, file), chapter, error.line));
    const shown = mine[0] ?? (syntaxFiles.size === 0 ? fileWide[0] : undefined);
    if (shown !== undefined) {
      problems.set(task.id, { status: 'does not compile', detail: formatCompileError(shown), more: shown.excerpt });
    }
  }
  for (const outcome of outcomes) {
    const tasks = tasksOfTestFile(outcome.file);
    for (const hang of outcome.hangs) {
      const hit = hang.taskId === undefined ? tasks : [hang.taskId];
      for (const id of hit) {
        if (!problems.has(id)) problems.set(id, { status: 'hang', detail: `did not finish in ${seconds} s: an endless loop?` });
      }
    }
    if (outcome.execError !== null) {
      const reason = firstLine(outcome.execError, root);
      const broken = [...syntaxFiles][0];
      for (const id of tasks) {
        if (problems.has(id)) continue;
        problems.set(id, broken !== undefined
          ? { status: 'could not run', detail: `its tests load ${broken}, which does not compile` }
          : { status: 'could not run', detail: `${path.basename(outcome.file)} could not run: ${reason}` });
      }
    }
  }
  return problems;
}

/** Line ranges of the `#region solution N.M` blocks of a file, by task id. */
function regionsOf(file: string): Map<string, [number, number]> {
  const regions = new Map<string, [number, number]>();
  let open: { id: string; start: number } | null = null;
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
    const start = /#region solution (\d+\.\d+)/.exec(line);
    if (start) open = { id: start[1], start: index + 1 };
    else if (open !== null && /#endregion/.test(line)) {
      regions.set(open.id, [open.start, index + 1]);
      open = null;
    }
  });
  return regions;
}

function inTaskRegion(file: string, task: Task, line: number): boolean {
  const range = regionsOf(file).get(task.id);
  return range !== undefined && line >= range[0] && line <= range[1];
}

function inAnyRegion(file: string, chapter: Chapter, line: number): boolean {
  return chapter.tasks.some((task) => inTaskRegion(file, task, line));
}
