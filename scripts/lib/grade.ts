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
import { type AssertionLike, type TaskStatus, chapterAssertions, summarizeChapter, taskIdOf } from './results';
import { runChapterTests } from './run-jest';
import { generateChapter } from './stubgen';

export interface TaskGrade {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly status: TaskStatus;
  readonly passed: number;
  readonly failed: number;
  readonly total: number;
  /** The first lines of each failing test's message (colour codes removed). */
  readonly failures: readonly string[];
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
  /** Why there are no results (jest timed out or could not start); null when the tests ran. */
  readonly failure: string | null;
}

export interface GradeOptions {
  /** The course repository: its solutions, tests, kernels and configs are used. */
  readonly courseRoot: string;
  readonly submission: string;
  /** Chapters to grade; by default every chapter with exercises found in the submission. */
  readonly chapters?: readonly Chapter[];
  readonly timeoutMs?: number;
  /** Keep the isolated copy (for debugging a grade). */
  readonly keepWorkspace?: boolean;
}

const COPIED = ['kernels', 'solutions', 'scripts', 'jest.config.ts', 'tsconfig.json', 'tsconfig.jest.json', 'package.json'];
const LINKED = ['node_modules', '.data'];

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

/** Grades a submission; the caller writes the reports with {@link writeReports}. */
export function gradeSubmission(options: GradeOptions): GradeReport {
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
    const started = Date.now();
    const run = runChapterTests('learner', chapters.map((chapter) => `chapters/${chapter.id}/`), [], {
      root: dir,
      reporter: 'silent',
      outputFile: path.join(dir, '.course', 'grade.json'),
      timeoutMs: options.timeoutMs,
    });
    const grades = chapters.map((chapter): ChapterGrade => {
      const assertions: AssertionLike[] = run.json === null ? [] : chapterAssertions(run.json, chapter, dir);
      const results = summarizeChapter(chapter, assertions);
      const errors = (run.json?.testResults ?? [])
        .filter((file) => file.name.startsWith(path.join(dir, 'chapters', chapter.id) + path.sep))
        .filter((file) => file.assertionResults.length === 0 && file.status === 'failed')
        .map((file) => `${path.relative(dir, file.name)}: ${firstLines(file.message, dir, 8)}`);
      const tasks = results.map((result): TaskGrade => ({
        id: result.task.id,
        name: result.task.name,
        title: result.task.title,
        status: result.status,
        passed: result.passed,
        failed: result.failed,
        total: result.total,
        failures:
          result.status === 'failing'
            ? assertions
                .filter((assertion) => taskIdOf(assertion) === result.task.id && assertion.status === 'failed')
                .map((assertion) => `${assertion.title}: ${firstLines(assertion.failureMessages.join('\n'), dir)}`)
            : [],
      }));
      const done = tasks.filter((task) => task.status === 'done').length;
      return {
        id: chapter.id,
        title: chapter.title,
        done,
        total: tasks.length,
        score: tasks.length === 0 ? 0 : done / tasks.length,
        tasks,
        missingFiles: missing.get(chapter.id) ?? [],
        errors,
      };
    });
    return {
      course: course.title,
      submission: options.submission,
      gradedAt: new Date().toISOString(),
      chapters: grades,
      done: grades.reduce((sum, grade) => sum + grade.done, 0),
      total: grades.reduce((sum, grade) => sum + grade.total, 0),
      failure:
        run.json !== null
          ? null
          : options.timeoutMs !== undefined && Date.now() - started >= options.timeoutMs
            ? `the tests did not finish within ${Math.round(options.timeoutMs / 1000)}s`
            : `jest could not run the tests (exit status ${run.exitCode})`,
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
  if (report.failure !== null) lines.push(`- **No results: ${report.failure}.**`);
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
    for (const error of chapter.errors) lines.push('A test file could not run:', '', '```text', error, '```', '');
    lines.push('| exercise | function | status | tests passed |', '| --- | --- | --- | --- |');
    for (const task of chapter.tasks) {
      lines.push(`| ${task.id} | \`${task.name}\` | ${STATUS_TEXT[task.status]} | ${task.passed}/${task.total} |`);
    }
    for (const task of chapter.tasks.filter((candidate) => candidate.failures.length > 0)) {
      lines.push('', `### ${task.id} ${task.name}: failing tests`, '', '```text', ...task.failures.map((failure) => failure), '```');
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
