/**
 * The site's in-browser exercises run the chapters' own test files: the bundles register exactly
 * the test files and test names that jest runs (`npm test`), a test added to a chapter's file
 * appears in its bundle, and the browser runner supports every matcher the chapter tests call.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUPPORTED_MATCHERS } from './test-shim';

const root = path.resolve(__dirname, '..', '..', '..');
const node = process.execPath;
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');

interface Collected {
  files: string[];
  names: Array<{ file: string; name: string }>;
}

/** What the browser bundles of `chapterId` under `repo` register (built into a temporary folder). */
function bundledNames(repo: string, chapterId: string): Collected {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'course-lab-'));
  try {
    const text = execFileSync(node, [tsx, path.join(root, 'scripts', 'site', 'lab', 'collect-names.mts'), repo, chapterId, out], { cwd: root, encoding: 'utf8' });
    return JSON.parse(text) as Collected;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** A copy of the repository with only `chapterId`, whose other folders are links to the real ones. */
function repositoryCopy(chapterId: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'course-lab-repo-'));
  fs.mkdirSync(path.join(copy, 'chapters'));
  fs.cpSync(path.join(root, 'chapters', chapterId), path.join(copy, 'chapters', chapterId), { recursive: true });
  fs.copyFileSync(path.join(root, 'chapters', 'course.json'), path.join(copy, 'chapters', 'course.json'));
  for (const folder of ['kernels', 'solutions', 'node_modules']) fs.symlinkSync(path.join(root, folder), path.join(copy, folder));
  return copy;
}

const key = (entry: { file: string; name: string }): string => `${entry.file} :: ${entry.name}`;

describe('the browser bundles of the chapter tests', () => {
  it('register the same test files and test names as jest runs for chapter 3', () => {
    const jsonFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'course-lab-jest-')), 'out.json');
    execFileSync(node, [jestBin, '--selectProjects', 'chapters', '--json', `--outputFile=${jsonFile}`, '--testPathPatterns', 'chapters/chapter-03/'], {
      cwd: root,
      env: { ...process.env, COURSE_TARGET: 'solutions' },
      stdio: 'ignore',
    });
    const jest = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as {
      testResults: Array<{ name: string; assertionResults: Array<{ ancestorTitles: string[]; title: string }> }>;
    };
    const jestNames = jest.testResults.flatMap((file) =>
      file.assertionResults.map((result) => ({ file: path.basename(file.name), name: [...result.ancestorTitles, result.title].join(' ') })),
    );
    const bundled = bundledNames(root, 'chapter-03');
    expect(bundled.files).toEqual([...new Set(jest.testResults.map((file) => path.basename(file.name)))].sort());
    expect(bundled.names.map(key).sort()).toEqual(jestNames.map(key).sort());
    expect(bundled.names.length).toBeGreaterThan(20);
  }, 180_000);

  it('pick up a test added to a chapter test file, and a new test file', () => {
    const copy = repositoryCopy('chapter-03');
    try {
      const forward = path.join(copy, 'chapters', 'chapter-03', 'forward.test.ts');
      fs.appendFileSync(forward, "\ndescribe('task 3.1 neuralNetwork', () => {\n  it('is a test added after the site was first built', () => {\n    expect(1).toBe(1);\n  });\n});\n");
      fs.writeFileSync(path.join(copy, 'chapters', 'chapter-03', 'added.test.ts'), "describe('task 3.2 weightedSum', () => {\n  it('lives in a new file', () => {\n    expect(2).toBe(2);\n  });\n});\n");
      const bundled = bundledNames(copy, 'chapter-03');
      expect(bundled.files).toContain('added.test.ts');
      expect(bundled.names.map(key)).toEqual(
        expect.arrayContaining([
          'forward.test.ts :: task 3.1 neuralNetwork is a test added after the site was first built',
          'added.test.ts :: task 3.2 weightedSum lives in a new file',
        ]),
      );
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);

  it('can check every matcher the chapter tests call', () => {
    const chapters = path.join(root, 'chapters');
    const used = new Set<string>();
    // Methods of the values under test, not matchers.
    const valueMethods = new Set(['toNested', 'toFixed', 'toPrecision', 'toString', 'toJSON', 'toLowerCase', 'toUpperCase', 'toSorted', 'toReversed']);
    for (const chapter of fs.readdirSync(chapters).filter((name) => /^chapter-\d+$/.test(name))) {
      for (const file of fs.readdirSync(path.join(chapters, chapter)).filter((name) => name.endsWith('.test.ts'))) {
        const source = fs.readFileSync(path.join(chapters, chapter, file), 'utf8');
        const extended = /expect\.extend\(/.test(source);
        for (const match of source.matchAll(/\)\s*\.(?:not\s*\.)?(to[A-Z]\w*)\(/g)) {
          // Matchers a file registers itself (expect.extend(closeMatchers)) are its own.
          if (!(extended && match[1] === 'toBeAllClose') && !valueMethods.has(match[1])) used.add(match[1]);
        }
      }
    }
    const supported = new Set<string>(SUPPORTED_MATCHERS);
    expect([...used].filter((name) => !supported.has(name)).sort()).toEqual([]);
    expect(used.size).toBeGreaterThan(5);
  });
});
