/**
 * `npm run grade`: runs a submission's chapter tests in an isolated copy of the course and writes
 * Markdown, JSON and JUnit reports.
 *
 * Only the submission's exercise files (the file names that solutions/chapter-NN has) are used.
 * Its tests, configs and anything else are ignored: the official tests, toolkit and configuration
 * come from the course repository. The submission folder is only read, never written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Chapter, type Course, UsageError, loadCourse, readyChapters, solutionFiles } from './course';
import { chapterFolderIn } from './region-diff';
import { DEFAULT_HANG_LIMIT_S, runChapters } from './chapter-run';
import { formatCompileError } from './diagnostics';
import { type TaskStatus, taskIdOf } from './results';
import { generateChapter } from './stubgen';

export interface TaskGrade {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly status: TaskStatus;
  readonly passed: number;
  readonly failed: number;
  readonly total: number;
  /** Each failing test's message (colour codes and stack frames removed), or the problem's detail. */
  readonly failures: readonly string[];
  /** A failure came from the sandbox: the code tried to read or write outside its workspace. */
  readonly sandboxViolation: boolean;
}

export interface ChapterGrade {
  readonly id: string;
  readonly title: string;
  /** Exercises whose tests all pass. */
  readonly done: number;
  /** Exercises in the chapter. */
  readonly total: number;
  /** done / total, from 0 to 1. */
  readonly score: number;
  readonly tasks: readonly TaskGrade[];
  /** Exercise files the submission lacks (graded as the stub). */
  readonly missingFiles: readonly string[];
  /** Test files that could not run at all (e.g. a syntax error in the submission), with the reason. */
  readonly errors: readonly string[];
  /** Compile and type errors in the submission's files, each with its source line. */
  readonly compileErrors: readonly string[];
}

/** The JSON report (report.json). */
export interface GradeReport {
  readonly course: string;
  /** The submission folder as given on the command line. */
  readonly submission: string;
  readonly gradedAt: string;
  readonly chapters: readonly ChapterGrade[];
  readonly done: number;
  readonly total: number;
  /** A problem of the grader itself (jest would not start), not of the submission; null when none. */
  readonly failure: string | null;
}

export interface GradeOptions {
  /** The course repository: its solutions, tests, kernels and configs are used. */
  readonly courseRoot: string;
  readonly submission: string;
  /** Chapters to grade; by default every chapter with exercises found in the submission. */
  readonly chapters?: readonly Chapter[];
  /** A test file running longer than this is stopped and the task it was in graded "hang". */
  readonly hangLimitMs?: number;
  /** Memory cap of the test process, in MB (default 2048). */
  readonly memoryMb?: number;
  /** false: run without Node's permission model (only to debug the grader). */
  readonly sandbox?: boolean;
  /** Keep the isolated copy (for debugging a grade). */
  readonly keepWorkspace?: boolean;
}

const COPIED = ['kernels', 'solutions', 'scripts', 'jest.config.ts', 'tsconfig.json', 'tsconfig.jest.json', 'package.json'];
const LINKED = ['node_modules', '.data'];

/** What the tests read outside the workspace: the real folders its node_modules and .data link to. */
function readableOutside(courseRoot: string): string[] {
  return LINKED.map((name) => path.join(courseRoot, name)).filter((file) => fs.existsSync(file)).map((file) => fs.realpathSync(file));
}

/** Chapters with exercises that the submission has a folder for. */
export function chaptersInSubmission(course: Course, submission: string): Chapter[] {
  return readyChapters(course).filter((chapter) => {
    if (chapter.tasks.length === 0) return false;
    try {
      chapterFolderIn(submission, chapter);
      return true;
    } catch {
      return false;
    }
  });
}

/** Builds the isolated copy: the course's own files, then the submission's exercise files. */
function buildWorkspace(course: Course, chapters: readonly Chapter[], options: GradeOptions): { dir: string; missing: Map<string, string[]> } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'course-grade-')));
  for (const name of COPIED) {
    const from = path.join(options.courseRoot, name);
    // Hidden folders (caches) stay behind.
    const visible = (source: string) => !path.relative(from, source).split(path.sep).some((part) => part.startsWith('.'));
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, name), { recursive: true, filter: visible });
  }
  for (const name of LINKED) {
    const from = path.join(options.courseRoot, name);
    if (fs.existsSync(from)) fs.symlinkSync(fs.realpathSync(from), path.join(dir, name), 'dir');
  }
  fs.mkdirSync(path.join(dir, 'chapters'), { recursive: true });
  for (const folder of SCRATCH) fs.mkdirSync(path.join(dir, folder), { recursive: true });
  // jest checks the roots of every project in the config, even those it does not run.
  fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
  fs.copyFileSync(path.join(options.courseRoot, 'chapters', 'course.json'), path.join(dir, 'chapters', 'course.json'));
  const missing = new Map<string, string[]>();
  // Every chapter folder the tests may need: the official tests and data, exercise files as stubs.
  for (const chapter of readyChapters(course)) {
    const official = path.join(options.courseRoot, 'chapters', chapter.id);
    if (!fs.existsSync(official)) continue;
    const target = path.join(dir, 'chapters', chapter.id);
    const exerciseFiles = new Set(solutionFiles(chapter, options.courseRoot));
    fs.cpSync(official, target, { recursive: true, filter: (source) => !exerciseFiles.has(path.relative(official, source)) });
    for (const file of generateChapter(chapter, options.courseRoot)) {
      fs.writeFileSync(path.join(dir, file.target), file.text);
    }
  }
  for (const chapter of chapters) {
    const lacking: string[] = [];
    let folder: string | undefined;
    try {
      folder = chapterFolderIn(options.submission, chapter);
    } catch {
      folder = undefined;
    }
    for (const file of solutionFiles(chapter, options.courseRoot)) {
      const from = folder === undefined ? undefined : path.join(folder, file);
      // Only regular files, read by content: a symlink could point anywhere.
      if (from === undefined || !fs.existsSync(from) || !fs.lstatSync(from).isFile()) {
        lacking.push(file);
        continue;
      }
      fs.writeFileSync(path.join(dir, 'chapters', chapter.id, file), fs.readFileSync(from));
    }
    missing.set(chapter.id, lacking);
  }
  return { dir, missing };
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** A failure message without colours, stack frames or the temporary folder's path. */
function firstLines(message: string, workspace: string, count = 12): string {
  return message
    .replace(ANSI, '')
    .split(`${workspace}${path.sep}`)
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\s+at /.test(line))
    .slice(0, count)
    .join('\n');
}

/**
 * A failure that says the code was refused a file or an API by the platform (Node's permission
 * model, or the operating system): reported as such, so the instructor sees an attempt to reach
 * outside the workspace rather than a wrong answer.
 */
export function isSandboxViolation(message: string): boolean {
  return /ERR_ACCESS_DENIED|EACCES|Access to this API has been restricted/.test(message);
}

/**
 * Node flags that run a submission's tests with the least rights Node's permission model gives:
 * reads only in its workspace and the course's dependencies, writes only in the workspace's
 * scratch folders, no child processes or worker threads, a memory cap. Native addons stay
 * allowed because jest's module resolver is one (they are not sandboxed; see the instructor guide).
 */
export function sandboxFlags(workspace: string, readable: readonly string[], memoryMb: number): string[] {
  const [major, minor] = process.versions.node.split('.').map(Number);
  // Node 20 names it experimental; 22.13 and later accept --permission.
  const permission = major > 22 || (major === 22 && minor >= 13) ? '--permission' : '--experimental-permission';
  // One flag per path: Node 20 does not split a comma-separated list.
  return [
    permission,
    '--allow-addons',
    ...[workspace, ...readable].map((folder) => `--allow-fs-read=${folder}${path.sep}`),
    ...SCRATCH.map((folder) => `--allow-fs-write=${path.join(workspace, folder)}${path.sep}`),
    `--max-old-space-size=${memoryMb}`,
  ];
}

/** The workspace folders the tests may write: the events file, jest's cache, temporary files. */
const SCRATCH = ['.course', '.jest-cache', '.tmp'];

/** Grades a submission; the caller writes the reports with {@link writeReports}. */
export async function gradeSubmission(options: GradeOptions): Promise<GradeReport> {
  if (!fs.existsSync(options.submission) || !fs.statSync(options.submission).isDirectory()) {
    throw new UsageError(`--dir ${options.submission}: no such folder`);
  }
  const course = loadCourse(options.courseRoot);
  const chapters = options.chapters ?? chaptersInSubmission(course, options.submission);
  if (chapters.length === 0) {
    throw new UsageError(`${options.submission} has no chapter folders (expected chapters/chapter-NN/ as in the repository)`);
  }
  const { dir, missing } = buildWorkspace(course, chapters, options);
  try {
    const run = await runChapters({
      root: dir,
      target: 'learner',
      chapters,
      hangLimitMs: options.hangLimitMs ?? DEFAULT_HANG_LIMIT_S * 1000,
      runInBand: true,
      nodeFlags: options.sandbox === false
        ? [`--max-old-space-size=${options.memoryMb ?? 2048}`]
        : sandboxFlags(dir, readableOutside(options.courseRoot), options.memoryMb ?? 2048),
      // No watchman: it is a separate process, and the sandbox allows none.
      jestFlags: ['--cacheDirectory', path.join(dir, '.jest-cache'), '--no-watchman'],
      // Temporary files stay in the workspace too (jest looks up the temp folder as it starts).
      env: { TMPDIR: path.join(dir, '.tmp') },
    });
    const grades = run.chapters.map((verdict): ChapterGrade => {
      const { chapter, assertions } = verdict;
      const tasks = verdict.results.map((result): TaskGrade => {
        const failures =
          result.status === 'failing'
            ? assertions
                .filter((assertion) => taskIdOf(assertion) === result.task.id && assertion.status === 'failed')
                .map((assertion) => `${assertion.title}: ${firstLines(assertion.failureMessages.join('\n'), dir, 40)}`)
            : result.problem !== undefined
              ? [[result.problem.detail, ...(result.problem.more ?? [])].join('\n')]
              : [];
        return {
          id: result.task.id,
          name: result.task.name,
          title: result.task.title,
          status: result.status,
          passed: result.passed,
          failed: result.failed,
          total: result.total,
          failures,
          sandboxViolation: failures.some(isSandboxViolation),
        };
      });
      const done = tasks.filter((task) => task.status === 'done').length;
      return {
        id: chapter.id,
        title: chapter.title,
        done,
        total: tasks.length,
        score: tasks.length === 0 ? 0 : done / tasks.length,
        tasks,
        missingFiles: missing.get(chapter.id) ?? [],
        errors: verdict.fileErrors.map((error) => `${error.file}: ${firstLines(error.error, dir, 8)}`),
        compileErrors: verdict.compileErrors.map((error) => [formatCompileError(error), ...error.excerpt].join('\n')),
      };
    });
    return {
      course: course.title,
      submission: options.submission,
      gradedAt: new Date().toISOString(),
      chapters: grades,
      done: grades.reduce((sum, grade) => sum + grade.done, 0),
      total: grades.reduce((sum, grade) => sum + grade.total, 0),
      failure: run.problem,
    };
  } finally {
    if (!options.keepWorkspace) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function percent(done: number, total: number): string {
  return total === 0 ? '-' : `${Math.round((100 * done) / total)}%`;
}

const STATUS_TEXT: Record<TaskStatus, string> = {
  done: 'done',
  failing: 'failing',
  'not started': 'not started',
  waiting: 'not started (needs an earlier exercise)',
  'no tests': 'no tests ran',
  hang: 'hang (did not finish)',
  'does not compile': 'does not compile',
  'missing file': 'missing file',
  'could not run': 'could not run',
};

/** The Markdown report (report.md). */
export function markdownReport(report: GradeReport): string {
  const lines = [
    '# Grade report',
    '',
    `- Submission: \`${report.submission}\``,
    `- Course: ${report.course}`,
    `- Graded: ${report.gradedAt}`,
    `- Score: **${report.done} of ${report.total} exercises** (${percent(report.done, report.total)})`,
  ];
  if (report.failure !== null) lines.push(`- **The grader could not grade everything (its own problem, not the submission's): ${report.failure}**`);
  lines.push('', '| chapter | score | done | failing | not started |', '| --- | --- | --- | --- | --- |');
  for (const chapter of report.chapters) {
    const count = (status: TaskStatus[]) => chapter.tasks.filter((task) => status.includes(task.status)).length;
    lines.push(
      `| ${chapter.id} | ${chapter.done}/${chapter.total} (${percent(chapter.done, chapter.total)}) | ${chapter.done} | ${count(['failing'])} | ${count(['not started', 'waiting', 'no tests'])} |`,
    );
  }
  for (const chapter of report.chapters) {
    lines.push('', `## ${chapter.id}: ${chapter.title}`, '', `Score: ${chapter.done} of ${chapter.total} exercises (${percent(chapter.done, chapter.total)}).`, '');
    if (chapter.missingFiles.length > 0) lines.push(`Missing from the submission (graded as the stub): ${chapter.missingFiles.map((file) => `\`${file}\``).join(', ')}.`, '');
    for (const error of chapter.compileErrors) lines.push('Does not compile:', '', '```text', error, '```', '');
    for (const error of chapter.errors) lines.push('A test file could not run:', '', '```text', error, '```', '');
    lines.push('| exercise | function | status | tests passed |', '| --- | --- | --- | --- |');
    for (const task of chapter.tasks) {
      const sandbox = task.sandboxViolation ? ' (blocked: it reached outside its workspace)' : '';
      lines.push(`| ${task.id} | \`${task.name}\` | ${STATUS_TEXT[task.status]}${sandbox} | ${task.passed}/${task.total} |`);
    }
    for (const task of chapter.tasks.filter((candidate) => candidate.failures.length > 0)) {
      const what = task.status === 'failing' ? 'failing tests' : STATUS_TEXT[task.status];
      lines.push('', `### ${task.id} ${task.name}: ${what}`, '');
      if (task.sandboxViolation) lines.push('The code tried to read or write outside its workspace; the grader\'s sandbox refused, so the attempt failed.', '');
      lines.push('```text', ...task.failures.map((failure) => failure), '```');
    }
  }
  return `${lines.join('\n')}\n`;
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}

/** The JUnit XML report (junit.xml): one test suite per chapter, one test case per exercise. */
export function junitReport(report: GradeReport): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = report.total - report.done;
  lines.push(`<testsuites name="${xml(report.course)}" tests="${report.total}" failures="${failures}" errors="0">`);
  for (const chapter of report.chapters) {
    lines.push(
      `  <testsuite name="${xml(chapter.id)}" tests="${chapter.total}" failures="${chapter.total - chapter.done}" errors="${chapter.errors.length}" timestamp="${report.gradedAt}">`,
    );
    for (const task of chapter.tasks) {
      const open = `    <testcase classname="${xml(chapter.id)}" name="${xml(`${task.id} ${task.name}`)}"`;
      if (task.status === 'done') {
        lines.push(`${open}/>`);
        continue;
      }
      const detail = task.failures.length > 0 ? task.failures.join('\n\n') : STATUS_TEXT[task.status];
      lines.push(`${open}>`);
      lines.push(`      <failure type="${xml(task.status)}" message="${xml(STATUS_TEXT[task.status])}">${xml(detail)}</failure>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** Writes report.md, report.json and junit.xml into `outDir` and returns their paths. */
export function writeReports(report: GradeReport, outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const files: Array<[string, string]> = [
    ['report.md', markdownReport(report)],
    ['report.json', `${JSON.stringify(report, null, 2)}\n`],
    ['junit.xml', junitReport(report)],
  ];
  return files.map(([name, text]) => {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, text);
    return file;
  });
}
