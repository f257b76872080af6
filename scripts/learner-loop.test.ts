/**
 * The learner tools on the code learners really write, end to end on a fixture course: an
 * endless loop, a NaN result, a type error, a syntax error, a deleted file, `-t` ids that collide
 * (7.1 and 7.10, a test mentioning "(listing 7.1)"), and a class of three submissions with a hang
 * in one. The only time in these tests is the hang limit itself (HANG seconds).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChapter, loadCourse } from './lib/course';
import { makeFixtureCourse } from './lib/fixture-course.fixtures';
import { resetChapter, undoReset } from './lib/reset';

const HANG = '4';

const ALPHA = `/** Exercise 7.1: 1 + 2 + ... + n. */
export function sumTo(n: number): number {
  // #region solution 7.1
  let total = 0;
  for (let i = 1; i <= n; i++) total += i;
  return total;
  // #endregion
}

/** Exercise 7.2: the mean of a list. */
export function mean(values: readonly number[]): number {
  // #region solution 7.2
  return values.reduce((sum, value) => sum + value, 0) / values.length;
  // #endregion
}

/** Exercise 7.10: ten times x. */
export function tenfold(x: number): number {
  // #region solution 7.10
  return 10 * x;
  // #endregion
}
`;

const BETA = `/** Exercise 7.3: three times x. */
export function triple(x: number): number {
  // #region solution 7.3
  return 3 * x;
  // #endregion
}
`;

const ALPHA_TEST = `import { sumTo, mean, tenfold } from './alpha';
describe('task 7.1 sumTo', () => {
  test('adds 1 to n', () => expect(sumTo(4)).toBe(10));
});
describe('task 7.2 mean', () => {
  test('averages', () => {
    const value = mean([1, 2, 3]);
    if (!(Math.abs(value - 2) < 1e-12)) throw new Error('mean([1, 2, 3]): expected 2, got ' + String(value));
  });
  test('of one value is that value (listing 7.1)', () => expect(mean([5])).toBe(5));
});
describe('task 7.10 tenfold', () => {
  test('multiplies by ten', () => expect(tenfold(3)).toBe(30));
});
`;

const BETA_TEST = `import { triple } from './beta';
describe('task 7.3 triple', () => {
  test('triples', () => expect(triple(2)).toBe(6));
});
`;

const tsx = require.resolve('tsx/cli');

function cli(root: string, script: string, ...args: string[]) {
  const child = spawnSync(process.execPath, [tsx, `scripts/${script}.ts`, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', COURSE_TARGET: '' },
  });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

/** The learner's chapter-07 files, from the solutions with these replacements. */
function learnerFiles(root: string, edits: { alpha?: (text: string) => string | null; beta?: (text: string) => string | null }): void {
  const folder = path.join(root, 'chapters/chapter-07');
  for (const name of fs.readdirSync(folder).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))) fs.rmSync(path.join(folder, name));
  const alpha = (edits.alpha ?? ((text) => text))(ALPHA);
  const beta = (edits.beta ?? ((text) => text))(BETA);
  if (alpha !== null) fs.writeFileSync(path.join(folder, 'alpha.ts'), alpha);
  if (beta !== null) fs.writeFileSync(path.join(folder, 'beta.ts'), beta);
}

const endlessLoop = (text: string) => text.replace('i <= n; i++', 'i <= n; i--');
const nanMean = (text: string) => text.replace('/ values.length', '/ 0 * 0');
const typeError = (text: string) => text.replace('return 3 * x;', "const label: number = 'x';\n  return 3 * x + label * 0;");
const syntaxError = (text: string) => text.replace('return 3 * x;', 'return 3 * ;');

let root: string;

beforeAll(() => {
  root = makeFixtureCourse({ withTools: true });
  fs.rmSync(path.join(root, 'chapters/chapter-07'), { recursive: true, force: true });
  fs.rmSync(path.join(root, 'solutions/chapter-07'), { recursive: true, force: true });
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('chapters/chapter-07/chapter.json', JSON.stringify({
    program: null,
    tasks: [
      { id: '7.1', name: 'sumTo', file: 'alpha.ts', title: 'the sum up to n' },
      { id: '7.2', name: 'mean', file: 'alpha.ts', title: 'the mean' },
      { id: '7.3', name: 'triple', file: 'beta.ts', title: 'three times' },
      { id: '7.10', name: 'tenfold', file: 'alpha.ts', title: 'ten times' },
    ],
  }));
  write('solutions/chapter-07/alpha.ts', ALPHA);
  write('solutions/chapter-07/beta.ts', BETA);
  write('chapters/chapter-07/alpha.test.ts', ALPHA_TEST);
  write('chapters/chapter-07/beta.test.ts', BETA_TEST);
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('npm test on broken learner code', () => {
  test('an endless loop costs its task, a NaN prints as NaN, a type error is a per-task verdict; the rest is still reported', () => {
    learnerFiles(root, { alpha: (text) => nanMean(endlessLoop(text)), beta: typeError });
    const { status, output } = cli(root, 'course-test', 'chapter-07', '--hang-limit', HANG);
    expect(output).toMatch(/✘ 7\.1 +sumTo +did not finish in 4 s: an endless loop\?/);
    expect(output).toMatch(/✘ 7\.2 +mean +failing: 2 of 2 tests/);
    expect(output).toContain('expected 2, got NaN');
    expect(output).toMatch(/✘ 7\.3 +triple +does not compile: beta\.ts:4:9 error TS2322: Type 'string' is not assignable to type 'number'/);
    expect(output).toContain("const label: number = 'x';");
    expect(output).toMatch(/✔ 7\.10 +tenfold +done \(1 test\)/);
    expect(output).toContain('Next: Exercise 7.1 sumTo, the sum up to n: open chapters/chapter-07/alpha.ts');
    expect(status).toBe(1);
  }, 120_000);

  test('a syntax error and a deleted file each name the file, and the command that restores it', () => {
    learnerFiles(root, { alpha: () => null, beta: syntaxError });
    const { status, output } = cli(root, 'course-test', 'chapter-07', '--hang-limit', HANG);
    expect(output).toMatch(/✘ 7\.1 +sumTo +chapters\/chapter-07\/alpha\.ts is missing: npm run reset -- chapter-07 --task 7\.1 brings back its stub/);
    expect(output).toMatch(/✘ 7\.3 +triple +does not compile: beta\.ts:4:14 error TS1109: Expression expected/);
    expect(output).toContain('4 |   return 3 * ;');
    expect(output).not.toMatch(/However, Jest was able to find|moduleFileExtensions/);
    expect(status).toBe(1);
  }, 120_000);

  test('-t 7.1 runs task 7.1 only: not 7.10, not the "(listing 7.1)" test of 7.2; exit 0 when it passes', () => {
    learnerFiles(root, { alpha: nanMean });
    const { status, output } = cli(root, 'course-test', 'chapter-07', '-t', '7.1');
    expect(output).toMatch(/✔ 7\.1 +sumTo +done \(1 test\)/);
    expect(output).not.toMatch(/7\.10|tenfold|7\.2 /);
    expect(output).toContain('1 passed, 0 failed');
    expect(status).toBe(0);
  }, 120_000);

  test('a bad flag or a -t with no value prints the usage and exits 2', () => {
    for (const args of [['--nope'], ['chapter-07', '-t']]) {
      const { status, output } = cli(root, 'course-test', ...args);
      expect(status).toBe(2);
      expect(output).toContain('usage: npm test');
    }
  }, 60_000);
});

describe('npm run grade -- --class', () => {
  test('grades three submissions (an endless loop in one, a syntax error and a read of another student\'s folder in another) and writes the class table', () => {
    const classFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'course-class-'));
    const submit = (student: string, alpha: string, beta: string) => {
      const folder = path.join(classFolder, student, 'chapters/chapter-07');
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'alpha.ts'), alpha);
      fs.writeFileSync(path.join(folder, 'beta.ts'), beta);
    };
    submit('alice', ALPHA, BETA);
    submit('bob', endlessLoop(ALPHA), BETA);
    // carol also tries to read alice's work: the sandbox refuses, and the report says so.
    const peek = `import fs from 'node:fs';\n${ALPHA.replace('return 10 * x;', `return fs.readFileSync(${JSON.stringify(path.join(classFolder, 'alice/chapters/chapter-07/alpha.ts'))}, 'utf8').length * 0 + 10 * x;`)}`;
    submit('carol', peek, syntaxError(BETA));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'course-class-reports-'));
    const { status, output } = cli(root, 'grade', '--class', classFolder, '--out', out, '--hang-limit', HANG);
    expect(output).toContain('beta.ts:4:14 error TS1109: Expression expected');
    const table = fs.readFileSync(path.join(out, 'class.md'), 'utf8');
    expect(table).toContain('| student | score | 7.1 | 7.2 | 7.3 | 7.10 |');
    expect(table).toContain('| alice | 4/4 | done | done | done | done |');
    expect(table).toContain('| bob | 3/4 | hang | done | done | done |');
    expect(table).toContain('| carol | 2/4 | done | done | does not compile | failing (blocked) |');
    expect(fs.readFileSync(path.join(out, 'carol', 'report.md'), 'utf8')).toContain('the grader\'s sandbox refused');
    expect(fs.readFileSync(path.join(out, 'class.csv'), 'utf8')).toContain('bob,3,4,hang,done,done,done');
    expect(fs.readFileSync(path.join(out, 'bob', 'report.md'), 'utf8')).toContain('did not finish in 4 s');
    expect(status).toBe(0);
    fs.rmSync(classFolder, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }, 240_000);
});

describe('npm run reset -- --undo', () => {
  test('puts back the files of the last reset, and backs up what it replaces', () => {
    learnerFiles(root, { alpha: endlessLoop });
    const chapter = findChapter(loadCourse(root), 'chapter-07');
    const mine = fs.readFileSync(path.join(root, 'chapters/chapter-07/alpha.ts'), 'utf8');
    expect(resetChapter(chapter, root).backup).not.toBeNull();
    expect(fs.readFileSync(path.join(root, 'chapters/chapter-07/alpha.ts'), 'utf8')).toContain('NotImplementedError');
    const undone = undoReset(chapter, root);
    expect(undone.written).toContain('chapters/chapter-07/alpha.ts');
    expect(fs.readFileSync(path.join(root, 'chapters/chapter-07/alpha.ts'), 'utf8')).toBe(mine);
    expect(undone.backup).toMatch(/undo-chapter-07/);
  });
});
