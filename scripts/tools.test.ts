/**
 * The learner and instructor tools (progress, reset, diff, grade, chapter) on a fixture course
 * of one chapter with five exercises in two files and a program.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import { type Chapter, findChapter, loadCourse } from './lib/course';
import { makeFixtureCourse } from './lib/fixture-course.fixtures';
import { gradeSubmission, junitReport, markdownReport, writeReports } from './lib/grade';
import { chapterProgress, formatProgress } from './lib/progress';
import { diffChapter } from './lib/region-diff';
import { resetChapter, resetTask } from './lib/reset';
import type { RunRecord } from './lib/runs';
import { generateChapter, hashText, readLock } from './lib/stubgen';

const MORE_SOLUTION = `/** Exercise 7.4: half of x. */
export function half(x: number): number {
  // #region solution 7.4
  return x / 2;
  // #endregion
}

/** Exercise 7.5: minus x. */
export function negate(x: number): number {
  // #region solution 7.5
  return -x;
  // #endregion
}
`;

const MORE_TEST = `import { half, negate } from './more';
describe('task 7.4 half', () => {
  test('halves', () => expect(half(4)).toBe(2));
});
describe('task 7.5 negate', () => {
  test('negates', () => expect(negate(4)).toBe(-4));
});
`;

const PROGRAM = `import type { ProgramContext } from '../../kernels/program';
import { double } from './demo';

export function run(context: ProgramContext): void {
  const bar = context.progress('doubling', 3);
  for (let step = 1; step <= 3; step++) {
    context.record('doubled', step, double(step));
    bar.update(step, { value: double(step) });
  }
  bar.stop();
  context.log(\`double(21) = \${double(21)} faithful=\${context.faithful} seed=\${context.seed}\`);
}
`;

const tsx = require.resolve('tsx/cli');
const noColor = pc.createColors(false);

function cli(root: string, script: string, ...args: string[]) {
  const child = spawnSync(process.execPath, [tsx, `scripts/${script}.ts`, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', COURSE_TARGET: '' },
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr, output: `${child.stdout}${child.stderr}` };
}

/** sha256 over every path and file content under a folder. */
function hashFolder(folder: string): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      hash.update(`${path.relative(folder, full)}\n`);
      if (entry.isDirectory()) walk(full);
      else hash.update(fs.readFileSync(full));
    }
  };
  walk(folder);
  return hash.digest('hex');
}

let root: string;
let chapter: Chapter;
let stubText: string;
const demo = () => path.join(root, 'chapters/chapter-07/demo.ts');

/** The demo stub with some exercises answered. */
function answered(answers: Record<string, string>): string {
  let text = stubText;
  for (const [taskId, body] of Object.entries(answers)) {
    text = text.replace(new RegExp(`throw new NotImplementedError\\('${taskId.replace('.', '\\.')}'[^\\n]*`), body);
  }
  return text;
}

beforeAll(() => {
  root = makeFixtureCourse({ withTools: true });
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('solutions/chapter-07/more.ts', MORE_SOLUTION);
  write('chapters/chapter-07/more.test.ts', MORE_TEST);
  write('solutions/chapter-07/program.ts', PROGRAM);
  write('chapters/chapter-07/chapter.json', JSON.stringify({
    program: 'program.ts',
    tasks: [
      { id: '7.1', name: 'double', file: 'demo.ts', title: 'twice a number' },
      { id: '7.2', name: 'quadruple', file: 'demo.ts', title: 'four times a number' },
      { id: '7.3', name: 'triple', file: 'demo.ts', title: 'three times a number' },
      { id: '7.4', name: 'half', file: 'more.ts', title: 'half a number' },
      { id: '7.5', name: 'negate', file: 'more.ts', title: 'minus a number' },
    ],
  }));
  chapter = findChapter(loadCourse(root), '07');
  // A fresh learner checkout: the stubs, and the lock that records them.
  resetChapter(chapter, root);
  stubText = fs.readFileSync(demo(), 'utf8');
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('npm run reset', () => {
  test('--task restores one exercise, keeps the others and backs up the file', () => {
    const before = answered({ '7.1': 'return 2 * x;', '7.3': 'return 3 * x;' });
    fs.writeFileSync(demo(), before);
    const result = resetTask(chapter, '7.1', root);
    expect(result.written).toEqual(['chapters/chapter-07/demo.ts']);
    expect(fs.readFileSync(path.join(root, result.backup!, 'chapters/chapter-07/demo.ts'), 'utf8')).toBe(before);
    const after = fs.readFileSync(demo(), 'utf8');
    expect(after).toBe(answered({ '7.3': 'return 3 * x;' }));
  });

  test('a whole chapter goes back to the stubs, the learner file is in the backup, the lock is current', () => {
    const before = answered({ '7.2': 'return 4 * x;' });
    fs.writeFileSync(demo(), before);
    const result = resetChapter(chapter, root);
    expect(result.written).toEqual(['chapters/chapter-07/demo.ts']);
    expect(result.backup).toMatch(/^\.backups[/\\]\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-reset-chapter-07/);
    expect(fs.readFileSync(path.join(root, result.backup!, 'chapters/chapter-07/demo.ts'), 'utf8')).toBe(before);
    expect(fs.readFileSync(demo(), 'utf8')).toBe(stubText);
    expect(readLock(root)['chapters/chapter-07/demo.ts']).toBe(hashText(stubText));
    expect(resetChapter(chapter, root)).toEqual({ written: [], backup: null });
  });

  test('refuses to run without a chapter: usage and exit status 2', () => {
    const { status, stderr } = cli(root, 'reset');
    expect(status).toBe(2);
    expect(stderr).toContain('which chapter? nothing is reset without one');
    expect(stderr).toContain('usage: npm run reset -- <chapter> [--task <id> | --undo]');
  }, 30_000);
});

describe('npm run diff', () => {
  test('a solution against itself is identical', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'course-diff-'));
    for (const file of ['demo.ts', 'more.ts', 'program.ts']) {
      fs.copyFileSync(path.join(root, 'solutions/chapter-07', file), path.join(folder, file));
    }
    const regions = diffChapter(chapter, root, folder, { full: false, colors: noColor });
    expect(regions.identical).toBe(true);
    expect(regions.lines).toContain('  = Exercise 7.1 double: identical to the solution');
    expect(regions.lines.at(-1)).toBe('chapter-07: identical to the solution (5 exercises)');
    const full = diffChapter(chapter, root, folder, { full: true, colors: noColor });
    expect(full.lines.at(-1)).toBe('chapter-07: identical to the solution');
  });

  test('shows what differs region by region, and stubs as not started', () => {
    fs.writeFileSync(demo(), answered({ '7.1': 'return x + x;', '7.3': 'return 3 * x;' }));
    try {
      const result = diffChapter(chapter, root, path.join(root, 'chapters/chapter-07'), { full: false, colors: noColor });
      expect(result.identical).toBe(false);
      expect(result.tasks.map((task) => task.verdict)).toEqual(['differs', 'not started', 'identical', 'not started', 'not started']);
      expect(result.lines).toContain('    -  return x + x;');
      expect(result.lines).toContain('    +  return 2 * x;');
      expect(result.lines.at(-1)).toBe('chapter-07: 5 exercises: 1 identical, 1 different, 3 not started');
    } finally {
      fs.writeFileSync(demo(), stubText);
    }
  });

  test('an unknown chapter lists the valid ones and exits 2', () => {
    const { status, stderr } = cli(root, 'diff', 'chapter-99');
    expect(status).toBe(2);
    expect(stderr).toContain('unknown chapter "chapter-99"; valid chapters: chapter-07');
  }, 30_000);
});

describe('npm run progress', () => {
  test('reads the saved verdicts and names the next exercise; an untested chapter says how to test it', () => {
    const course = loadCourse(root);
    const untested = formatProgress(course, chapterProgress(course, { chapters: {} }, root), { fresh: false }).join('\n');
    expect(untested).toContain('not tested yet: npm test chapter-07');
    expect(untested).toContain('read from .course/progress.json');
    const saved = {
      chapters: {
        'chapter-07': { updatedAt: new Date(Date.now() + 5000).toISOString(), tasks: { '7.1': 'done', '7.2': 'failing', '7.3': 'done' } as const },
      },
    };
    const rows = chapterProgress(course, saved, root);
    expect(rows[0]).toMatchObject({ done: 2, failing: 1, notStarted: 2, changedSince: false });
    expect(rows[0].next?.id).toBe('7.2');
    const lines = formatProgress(course, rows, { fresh: false, now: new Date(Date.now() + 3 * 3600_000) }).join('\n');
    expect(lines).toContain('next: Exercise 7.2 quadruple, four times a number: chapters/chapter-07/README.md#exercise-7-2');
    expect(lines).toMatch(/tested 2 hours ago/);
    expect(lines).toContain('2 of 5 exercises done (1 of 1 chapters tested).');
  });
});

describe('the next exercise across chapters', () => {
  const task = (chapterNumber: number, n: number) => ({
    id: `${chapterNumber}.${n}`,
    name: `task${n}`,
    file: 'x.ts',
    title: 'a task',
    anchor: `exercise-${chapterNumber}-${n}`,
    readme: `chapters/chapter-0${chapterNumber}/README.md#exercise-${chapterNumber}-${n}`,
  });
  const twoChapters = {
    title: 'two chapters',
    book: 'none',
    chapters: [2, 3].map((number) => ({
      number,
      id: `chapter-0${number}`,
      title: `Chapter ${number}`,
      status: 'ready' as const,
      tasks: [task(number, 1), task(number, 2)],
      program: null,
    })),
  };
  const tested = (tasks: Record<string, 'done' | 'failing' | 'not started'>) => ({ updatedAt: new Date().toISOString(), tasks });
  const nextLine = (chapters: Record<string, ReturnType<typeof tested>>) =>
    formatProgress(twoChapters, chapterProgress(twoChapters, { chapters }, os.tmpdir()), { fresh: false }).at(-1);

  test('is the failing exercise of a later chapter before an untested earlier chapter', () => {
    expect(nextLine({ 'chapter-03': tested({ '3.1': 'done', '3.2': 'failing' }) })).toContain('Next: Exercise 3.2 task2');
  });

  test('continues a started chapter before an untested earlier one', () => {
    expect(nextLine({ 'chapter-03': tested({ '3.1': 'done', '3.2': 'not started' }) })).toContain('Next: Exercise 3.2 task2');
  });

  test('otherwise is the first chapter not finished, in course order', () => {
    expect(nextLine({ 'chapter-03': tested({ '3.1': 'not started', '3.2': 'not started' }) })).toContain('Next: Exercise 2.1 task1');
  });
});

describe('npm run grade', () => {
  test('grades a submission with 2 of 5 exercises done, ignores its tests and configs, and leaves it untouched', async () => {
    const submission = fs.mkdtempSync(path.join(os.tmpdir(), 'course-submission-'));
    const folder = path.join(submission, 'chapters/chapter-07');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'demo.ts'), answered({ '7.1': 'return 2 * x;', '7.2': 'return 0;', '7.3': 'return 3 * x;' }));
    fs.writeFileSync(path.join(folder, 'more.ts'), generateChapter(chapter, root).find((file) => file.target.endsWith('more.ts'))!.text);
    // A submission's own tests and configs must never be used.
    fs.writeFileSync(path.join(folder, 'more.test.ts'), "describe('task 7.4 half', () => test('free', () => undefined));\n");
    fs.writeFileSync(path.join(submission, 'jest.config.ts'), 'export default { projects: [] };\n');
    const before = hashFolder(submission);

    const report = await gradeSubmission({ courseRoot: root, submission });
    expect(hashFolder(submission)).toBe(before);
    expect(report.failure).toBeNull();
    expect(report.done).toBe(2);
    expect(report.total).toBe(5);
    const grade = report.chapters[0];
    expect(grade.tasks.map((task) => `${task.id} ${task.status}`)).toEqual([
      '7.1 done', '7.2 failing', '7.3 done', '7.4 not started', '7.5 not started',
    ]);
    expect(grade.score).toBeCloseTo(0.4);
    expect(grade.tasks[1].failures[0]).toMatch(/quadruples: .*Expected: 8/s);

    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'course-report-'));
    expect(writeReports(report, out).map((file) => path.basename(file))).toEqual(['report.md', 'report.json', 'junit.xml']);
    expect(markdownReport(report)).toContain('| chapter-07 | 2/5 (40%) | 2 | 1 | 2 |');
    expect(JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'))).toMatchObject({ done: 2, total: 5 });
    const junit = junitReport(report);
    expect(junit).toContain('<testsuite name="chapter-07" tests="5" failures="3" errors="0"');
    expect(junit).toContain('<testcase classname="chapter-07" name="7.1 double"/>');
    expect(junit).toContain('<failure type="not started" message="not started">');
  }, 60_000);

  test('a bad flag prints the usage and exits 2', () => {
    const { status, stderr } = cli(root, 'grade', '--dri', 'x');
    expect(status).toBe(2);
    expect(stderr).toContain('unknown option --dri');
    expect(stderr).toContain('usage: npm run grade -- --dir <submission>');
  }, 30_000);
});

describe('npm run chapter', () => {
  test('runs the solution program and saves its series, wall time and options', () => {
    const { status, stdout } = cli(root, 'chapter', '07', '--solution', '--seed', '5');
    expect(status).toBe(0);
    expect(stdout).toBe('double(21) = 42 faithful=false seed=5\n');
    const record = JSON.parse(fs.readFileSync(path.join(root, '.course/runs/chapter-07.json'), 'utf8')) as RunRecord;
    expect(record).toMatchObject({
      chapter: 'chapter-07',
      program: 'solutions/chapter-07/program.ts',
      source: 'solution',
      faithful: false,
      seed: 5,
      series: { doubled: [[1, 2], [2, 4], [3, 6]] },
      log: ['double(21) = 42 faithful=false seed=5'],
    });
    expect(record.wallTimeMs).toBeGreaterThanOrEqual(0);
  }, 30_000);

  test("the learner's unfinished program names the exercise to finish first", () => {
    const { status, stderr } = cli(root, 'chapter', '07', '--faithful');
    expect(status).toBe(1);
    expect(stderr).toContain('chapters/chapter-07/program.ts needs Exercise 7.1 double first');
    expect(stderr).toContain('npm run chapter -- 07 --solution');
    expect(fs.existsSync(path.join(root, '.course/runs/chapter-07-faithful.json'))).toBe(false);
  }, 30_000);
});
