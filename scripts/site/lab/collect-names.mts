/**
 * `tsx scripts/site/lab/collect-names.mts <root> <chapter-id> <out-dir>`: bundles one chapter's
 * test files as the site does and prints, as JSON, the test files and the full name of every test
 * the bundles register with the browser runner. The lab's unit test compares this with jest.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import courseModule from '../../lib/course.js';
import shim from './test-shim.js';
import { bundleChapter } from './lab-bundle.mjs';

const [root, chapterId, outDir] = process.argv.slice(2);
const chapter = courseModule.loadCourse(root).chapters.find((candidate) => candidate.id === chapterId);
if (chapter === undefined) throw new Error(`no chapter ${chapterId} in ${root}`);
const manifest = await bundleChapter({ root, chapter, siteDir: outDir, minify: false });
shim.installGlobals();
// Collecting only: the learner's modules are empty, nothing is run.
(globalThis as Record<string, unknown>).__courseLab = { provide: () => undefined, learner: () => ({}) };
for (const test of manifest.tests) {
  if (test.bundle === null) continue;
  shim.setCurrentFile(test.file);
  vm.runInThisContext(fs.readFileSync(path.join(outDir, test.bundle), 'utf8'), { filename: test.bundle });
}
const names = shim.collectedTests().map((test) => ({ file: test.file, name: [...test.ancestorTitles, test.title].join(' ') }));
process.stdout.write(JSON.stringify({ files: manifest.tests.map((test) => test.file), names }));
