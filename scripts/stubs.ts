/**
 * npm run stubs [-- chapter-03 ...] [--force]   write the learner's stubs from the solutions
 * npm run stubs:check                          fail if a committed stub is not what would be generated
 * npm run stubs -- --out <dir>                  write fresh stubs of every chapter under <dir> (used by test:stubs)
 *
 * A stub the learner has changed (its hash is not the one recorded when it was generated) is
 * never overwritten unless --force is given, and then the old file goes to .backups/ first.
 */
import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { type Chapter, findChapter, loadCourse, readyChapters, repoRoot } from './lib/course';
import { defineTool } from './lib/cli';
import { checkStubs, generateChapter, writeStubs } from './lib/stubgen';

const USAGE = `usage: npm run stubs [-- <chapter> ...] [--force]
       npm run stubs:check
       npm run stubs -- --out <dir>
  --force      overwrite files you changed since the last generated stub (a backup is kept)
  --check      only check that the committed stubs and the lock are up to date
  --out <dir>  write fresh stubs under <dir> instead (the learner's files are not touched)`;

function selectChapters(names: readonly string[]): Chapter[] {
  const course = loadCourse();
  return names.length === 0 ? readyChapters(course) : names.map((name) => findChapter(course, name));
}

function check(chapters: readonly Chapter[]): number {
  const { problems, count } = checkStubs(chapters);
  if (problems.length > 0) {
    console.error(pc.red(`stubs:check: ${problems.length} problem(s); run "npm run stubs" and commit the result:`));
    for (const problem of problems) console.error(`  ${problem}`);
    return 1;
  }
  console.log(`stubs:check: ${count} generated files are up to date`);
  return 0;
}

function writeOut(chapters: readonly Chapter[], outDir: string): number {
  const root = path.resolve(repoRoot, outDir);
  fs.rmSync(root, { recursive: true, force: true });
  let count = 0;
  for (const chapter of chapters) {
    for (const file of generateChapter(chapter)) {
      const to = path.join(root, chapter.id, path.basename(file.target));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.writeFileSync(to, file.text);
      count++;
    }
  }
  console.log(`stubs: wrote ${count} fresh stubs under ${path.relative(repoRoot, root) || '.'}/`);
  return 0;
}

function write(chapters: readonly Chapter[], force: boolean): number {
  const result = writeStubs(chapters, { force });
  for (const file of result.written) console.log(`${pc.green('wrote')} ${file}`);
  if (result.backup) console.log(`your previous versions of ${result.backedUp.length} file(s) are in ${result.backup}/`);
  if (result.written.length === 0 && result.kept.length === 0) console.log('stubs: everything is up to date');
  if (result.kept.length > 0) {
    console.error(pc.yellow(`kept your changes in ${result.kept.length} file(s) that differ from the last generated stub:`));
    for (const file of result.kept) console.error(`  ${file}`);
    console.error('run "npm run stubs -- --force" to overwrite them (a backup is kept in .backups/)');
    return 1;
  }
  return 0;
}

defineTool({
  usage: USAGE,
  positionals: true,
  options: {
    check: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
  main({ values, positionals }) {
    const chapters = selectChapters(positionals);
    if (values.check) return check(chapters);
    if (values.out !== undefined) return writeOut(chapters, values.out);
    return write(chapters, values.force ?? false);
  },
});
