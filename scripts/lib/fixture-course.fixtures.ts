/**
 * A tiny course on disk for the tools' tests: one chapter (07) with three tasks in one file.
 * `withTools` also copies the course scripts and configs so a CLI can run against it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './course';

export const DEMO_SOLUTION = `/**
 * A demo exercise file.
 */

/** Exercise 7.1: twice x. */
export function double(x: number): number {
  // #region solution 7.1
  return 2 * x;
  // #endregion
}

/** Exercise 7.2: four times x, from double. */
export function quadruple(x: number): number {
  // #region solution 7.2
  return double(double(x));
  // #endregion
}

/** Exercise 7.3: three times x. */
export function triple(x: number): number {
  // #region solution 7.3
  return 3 * x;
  // #endregion
}
`;

export const DEMO_TEST = `import { double, quadruple, triple } from './demo';
describe('task 7.1 double', () => {
  test('doubles', () => expect(double(2)).toBe(4));
  test('keeps zero', () => expect(double(0)).toBe(0));
});
describe('task 7.2 quadruple', () => {
  test('quadruples', () => expect(quadruple(2)).toBe(8));
});
describe('task 7.3 triple', () => {
  test('triples', () => expect(triple(2)).toBe(6));
});
`;

/** Creates the fixture course in a new temporary folder and returns its root. */
export function makeFixtureCourse(options: { withTools?: boolean } = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'course-fixture-'));
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('chapters/course.json', JSON.stringify({
    title: 'Fixture course',
    book: 'none',
    chapters: [
      { number: 7, title: 'Demo chapter', status: 'ready' },
      { number: 8, title: 'Later chapter', status: 'planned' },
    ],
  }));
  write('chapters/chapter-07/chapter.json', JSON.stringify({
    program: null,
    tasks: [
      { id: '7.1', name: 'double', file: 'demo.ts', title: 'twice a number' },
      { id: '7.2', name: 'quadruple', file: 'demo.ts', title: 'four times a number' },
      { id: '7.3', name: 'triple', file: 'demo.ts', title: 'three times a number' },
    ],
  }));
  write('solutions/chapter-07/demo.ts', DEMO_SOLUTION);
  write('chapters/chapter-07/demo.test.ts', DEMO_TEST);
  if (options.withTools) {
    for (const entry of ['scripts', 'kernels', 'jest.config.ts', 'tsconfig.json', 'tsconfig.jest.json', 'package.json']) {
      fs.cpSync(path.join(repoRoot, entry), path.join(root, entry), {
        recursive: true,
        filter: (source) => !source.endsWith('.test.ts') && !source.includes(`${path.sep}datasets${path.sep}`),
      });
    }
    fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  }
  return root;
}
