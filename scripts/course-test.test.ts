/**
 * End to end: the stub generator, `npm test`, `npm run test:solutions` and `npm run test:stubs`
 * on a one-chapter fixture course, as a learner and a maintainer would run them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeFixtureCourse } from './lib/fixture-course.fixtures';

const tsx = require.resolve('tsx/cli');

function run(root: string, script: string, ...args: string[]) {
  const child = spawnSync(process.execPath, [tsx, script, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', COURSE_TARGET: '' },
  });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

let root: string;
beforeAll(() => {
  root = makeFixtureCourse({ withTools: true });
  expect(run(root, 'scripts/stubs.ts').status).toBe(0);
}, 60_000);

test('on fresh stubs every task is "not started", without stack traces, and the next exercise is named', () => {
  const { status, output } = run(root, 'scripts/course-test.ts', 'chapter-07');
  expect(status).toBe(1);
  expect(output).toMatch(/○ 7\.1 +double +not started/);
  expect(output).toMatch(/○ 7\.3 +triple +not started/);
  expect(output).toContain('0 of 3 tasks done.');
  expect(output).toContain('Next: Exercise 7.1 double, twice a number: open chapters/chapter-07/demo.ts (read chapters/chapter-07/README.md#exercise-7-1)');
  expect(output).not.toMatch(/at Object\.|NotImplementedError: task/);
}, 60_000);

test('reports done, failing and waiting tasks, with jest detail only for the failing one', () => {
  const stub = path.join(root, 'chapters/chapter-07/demo.ts');
  const pristine = fs.readFileSync(stub, 'utf8');
  fs.writeFileSync(
    stub,
    pristine
      .replace(/throw new NotImplementedError\('7\.2'[^\n]*/, 'return double(double(x));')
      .replace(/throw new NotImplementedError\('7\.3'[^\n]*/, 'return 3 * x + 1;'),
  );
  try {
    const { status, output } = run(root, 'scripts/course-test.ts', '07');
    expect(status).toBe(1);
    expect(output).toMatch(/… 7\.2 +quadruple +waiting on task 7\.1/);
    expect(output).toMatch(/✘ 7\.3 +triple +failing: 1 of 1 tests/);
    expect(output).toContain('Expected: 6');
    expect(output).toContain('Received: 7');
    expect(output).toContain('Next: Exercise 7.3 triple');
  } finally {
    fs.writeFileSync(stub, pristine);
  }
}, 60_000);

test('-t narrows the run to one task and the summary lists only that task', () => {
  const { status, output } = run(root, 'scripts/course-test.ts', 'chapter-07', '-t', '7.3');
  expect(status).toBe(1);
  expect(output).toMatch(/○ 7\.3 +triple +not started/);
  expect(output).not.toContain('7.1');
  expect(output).toContain('(2 other tasks of the chapter were not run)');
  expect(output).toMatch(/^0 passed, 1 failed$/m);
}, 60_000);

test('test:solutions passes and says the chapter is complete', () => {
  const { status, output } = run(root, 'scripts/course-test.ts', '--target', 'solutions', '--all');
  expect(output).toContain('3 of 3 tasks done. Chapter complete!');
  expect(output).toMatch(/^4 passed, 0 failed$/m);
  expect(status).toBe(0);
}, 60_000);

test('test:stubs accepts honest tests and names a test that passes on a stub', () => {
  const honest = run(root, 'scripts/test-stubs.ts');
  expect(honest.output).toContain('4 tests fail on the stubs with NotImplementedError, as they should; 0 do not');
  expect(honest.status).toBe(0);

  const testFile = path.join(root, 'chapters/chapter-07/demo.test.ts');
  const original = fs.readFileSync(testFile, 'utf8');
  fs.appendFileSync(testFile, "describe('task 7.1 double', () => { test('vacuous', () => expect(1).toBe(1)); });\n");
  try {
    const vacuous = run(root, 'scripts/test-stubs.ts');
    expect(vacuous.status).toBe(1);
    expect(vacuous.output).toContain('1 test(s) pass on the stubs, so they check nothing about the exercise:');
    expect(vacuous.output).toContain('chapters/chapter-07/demo.test.ts › task 7.1 double › vacuous');
  } finally {
    fs.writeFileSync(testFile, original);
  }
}, 60_000);

test('a failing property prints the command that replays it, negative seeds included', () => {
  const testFile = path.join(root, 'chapters/chapter-07/demo.test.ts');
  const original = fs.readFileSync(testFile, 'utf8');
  fs.writeFileSync(
    testFile,
    `import fc from 'fast-check';\nimport { assertProperty } from '../../kernels/testing';\n${original}` +
      "describe('task 7.3 triple', () => { test('stays small', () => assertProperty(fc.property(fc.integer({ min: 0, max: 1000 }), (n) => {\n" +
      "  if (triple(n) > 30) throw new Error(`triple(${n}) is over 30`);\n})));\n});\n",
  );
  try {
    const first = run(root, 'scripts/course-test.ts', '--target', 'solutions', 'chapter-07');
    expect(first.status).toBe(1);
    const replay = /Replay it with: npm test (chapter-07 -- -t 7\.3 --seed (-?\d+))/.exec(first.output);
    expect(replay).not.toBeNull();
    const args = replay![1].split(' ').filter((arg) => arg !== '--');
    for (const seed of [replay![2], '-1248071424']) {
      const again = run(root, 'scripts/course-test.ts', '--target', 'solutions', ...args.slice(0, -1), seed);
      expect(again.status).toBe(1);
      expect(again.output).toContain('The counterexample failed with: triple(11) is over 30');
      expect(again.output).toContain(`Replay it with: npm test chapter-07 -- -t 7.3 --seed ${seed}`);
    }
  } finally {
    fs.writeFileSync(testFile, original);
  }
}, 120_000);

test('an unknown chapter is a usage error that lists the valid ones', () => {
  const { status, output } = run(root, 'scripts/course-test.ts', 'chapter-42');
  expect(status).toBe(2);
  expect(output).toContain('unknown chapter "chapter-42"; valid chapters: chapter-07');
}, 60_000);
