import fs from 'node:fs';
import path from 'node:path';
import { loadCourse, readyChapters } from './course';
import { makeFixtureCourse } from './fixture-course.fixtures';
import { LOCK_FILE, checkStubs, hashText, readLock, writeStubs } from './stubgen';

function setup() {
  const root = makeFixtureCourse();
  const chapters = readyChapters(loadCourse(root));
  const stubPath = path.join(root, 'chapters/chapter-07/demo.ts');
  return { root, chapters, stubPath };
}

describe('writeStubs and checkStubs', () => {
  test('write the stub and its hash; check then passes', () => {
    const { root, chapters, stubPath } = setup();
    expect(checkStubs(chapters, root).problems).toEqual(['missing: chapters/chapter-07/demo.ts (from solutions/chapter-07/demo.ts)']);
    expect(writeStubs(chapters, { root }).written).toEqual(['chapters/chapter-07/demo.ts']);
    expect(readLock(root)['chapters/chapter-07/demo.ts']).toBe(hashText(fs.readFileSync(stubPath, 'utf8')));
    expect(checkStubs(chapters, root)).toEqual({ problems: [], count: 1 });
  });

  test('check fails after a solution region changes without regenerating', () => {
    const { root, chapters } = setup();
    writeStubs(chapters, { root });
    const solution = path.join(root, 'solutions/chapter-07/demo.ts');
    fs.writeFileSync(solution, fs.readFileSync(solution, 'utf8').replace('Exercise 7.1: twice x.', 'Exercise 7.1: two times x.'));
    expect(checkStubs(chapters, root).problems).toEqual([
      'stale: chapters/chapter-07/demo.ts differs from what solutions/chapter-07/demo.ts generates',
    ]);
  });

  test("never overwrites a learner's edit without force", () => {
    const { root, chapters, stubPath } = setup();
    writeStubs(chapters, { root });
    const learnerText = fs.readFileSync(stubPath, 'utf8').replace(/throw new NotImplementedError\('7\.1'[^\n]*/, 'return x + x;');
    fs.writeFileSync(stubPath, learnerText);
    const solution = path.join(root, 'solutions/chapter-07/demo.ts');
    fs.writeFileSync(solution, `${fs.readFileSync(solution, 'utf8')}\nexport const VERSION = 2;\n`);
    const result = writeStubs(chapters, { root });
    expect(result).toMatchObject({ written: [], kept: ['chapters/chapter-07/demo.ts'], backup: null });
    expect(fs.readFileSync(stubPath, 'utf8')).toBe(learnerText);
  });

  test('with force, overwrites a learner edit after copying it to a backup', () => {
    const { root, chapters, stubPath } = setup();
    writeStubs(chapters, { root });
    fs.writeFileSync(stubPath, '// my work\n');
    const result = writeStubs(chapters, { root, force: true });
    expect(result.written).toEqual(['chapters/chapter-07/demo.ts']);
    expect(result.backup).toMatch(/^\.backups[/\\].+-stubs$/);
    expect(fs.readFileSync(path.join(root, result.backup ?? '', 'chapters/chapter-07/demo.ts'), 'utf8')).toBe('// my work\n');
    expect(fs.readFileSync(stubPath, 'utf8')).toContain("throw new NotImplementedError('7.1'");
  });

  test('regenerates a pristine stub silently when its solution changes', () => {
    const { root, chapters, stubPath } = setup();
    writeStubs(chapters, { root });
    const solution = path.join(root, 'solutions/chapter-07/demo.ts');
    fs.writeFileSync(solution, `${fs.readFileSync(solution, 'utf8')}\nexport const VERSION = 2;\n`);
    expect(writeStubs(chapters, { root }).written).toEqual(['chapters/chapter-07/demo.ts']);
    expect(fs.readFileSync(stubPath, 'utf8')).toContain('VERSION = 2');
    expect(fs.existsSync(path.join(root, LOCK_FILE))).toBe(true);
  });

  test('a task without a region in its file is reported with the file and task', () => {
    const { root } = setup();
    const solution = path.join(root, 'solutions/chapter-07/demo.ts');
    fs.writeFileSync(solution, fs.readFileSync(solution, 'utf8').replace('  // #region solution 7.3\n', '').replace('  return 3 * x;\n  // #endregion\n', '  return 3 * x;\n'));
    const chapters = readyChapters(loadCourse(root));
    expect(() => checkStubs(chapters, root)).toThrow('solutions/chapter-07/demo.ts: no "// #region solution 7.3" for task 7.3 triple');
  });
});
