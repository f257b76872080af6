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
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { type Chapter, UsageError, findChapter, loadCourse, readyChapters, repoRoot } from './lib/course';
import { type GeneratedFile, backupFiles, generateChapter, hashText, readLock, writeLock } from './lib/stubgen';

const USAGE = `usage: npm run stubs [-- <chapter> ...] [--force]
       npm run stubs:check
       npm run stubs -- --out <dir>`;

function selectChapters(names: readonly string[]): Chapter[] {
  const course = loadCourse();
  return names.length === 0 ? readyChapters(course) : names.map((name) => findChapter(course, name));
}

function check(chapters: readonly Chapter[]): number {
  const lock = readLock();
  const problems: string[] = [];
  let count = 0;
  for (const chapter of chapters) {
    for (const file of generateChapter(chapter)) {
      count++;
      const target = path.join(repoRoot, file.target);
      if (!fs.existsSync(target)) problems.push(`missing: ${file.target} (from ${file.source})`);
      else if (fs.readFileSync(target, 'utf8') !== file.text) problems.push(`stale: ${file.target} differs from what ${file.source} generates`);
      else if (lock[file.target] !== hashText(file.text)) problems.push(`lock: chapters/stubs.lock.json has no current hash for ${file.target}`);
    }
  }
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
  const lock = readLock();
  const kept: GeneratedFile[] = [];
  const toBackUp: string[] = [];
  const written: string[] = [];
  const plan: GeneratedFile[] = [];
  for (const chapter of chapters) {
    for (const file of generateChapter(chapter)) {
      const target = path.join(repoRoot, file.target);
      const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
      if (current === file.text) {
        lock[file.target] = hashText(file.text);
        continue;
      }
      const pristine = current === null || lock[file.target] === hashText(current);
      if (!pristine && !force) {
        kept.push(file);
        continue;
      }
      if (!pristine) toBackUp.push(file.target);
      plan.push(file);
    }
  }
  const backup = toBackUp.length > 0 ? backupFiles(toBackUp, repoRoot, 'stubs') : null;
  for (const file of plan) {
    const target = path.join(repoRoot, file.target);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
    lock[file.target] = hashText(file.text);
    written.push(file.target);
  }
  writeLock(lock);
  for (const file of written) console.log(`${pc.green('wrote')} ${file}`);
  if (backup) console.log(`your previous versions of ${toBackUp.length} file(s) are in ${backup}/`);
  if (written.length === 0 && kept.length === 0) console.log('stubs: everything is up to date');
  if (kept.length > 0) {
    console.error(pc.yellow(`kept your changes in ${kept.length} file(s) that differ from the last generated stub:`));
    for (const file of kept) console.error(`  ${file.target}`);
    console.error('run "npm run stubs -- --force" to overwrite them (a backup is kept in .backups/)');
    return 1;
  }
  return 0;
}

function main(argv: readonly string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        check: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    const chapters = selectChapters(parsed.positionals);
    if (parsed.values.check) return check(chapters);
    if (parsed.values.out !== undefined) return writeOut(chapters, parsed.values.out);
    return write(chapters, parsed.values.force);
  } catch (error) {
    console.error(pc.red((error as Error).message));
    return error instanceof UsageError ? 2 : 1;
  }
}

process.exitCode = main(process.argv.slice(2));
