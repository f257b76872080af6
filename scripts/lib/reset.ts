/**
 * Restoring a learner's stubs: a whole chapter, or only the regions of one exercise. The current
 * files always go to a timestamped folder under .backups/ first, so a reset never loses work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Chapter, UsageError } from './course';
import { parseRegions, regionBodies, replaceTaskBodies } from './regions';
import { backupFiles, generateChapter, hashText, readLock, writeLock } from './stubgen';

export interface ResetResult {
  /** Files rewritten, relative to the root. */
  readonly written: readonly string[];
  /** Where the previous versions went, relative to the root; null when nothing changed. */
  readonly backup: string | null;
}

/** Rewrites every exercise file of a chapter that differs from its generated stub. */
export function resetChapter(chapter: Chapter, root: string): ResetResult {
  const generated = generateChapter(chapter, root);
  const changed = generated.filter((file) => {
    const target = path.join(root, file.target);
    return !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== file.text;
  });
  const existing = changed.map((file) => file.target).filter((target) => fs.existsSync(path.join(root, target)));
  const backup = existing.length > 0 ? backupFiles(existing, root, `reset-${chapter.id}`) : null;
  const lock = readLock(root);
  for (const file of generated) {
    const target = path.join(root, file.target);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (changed.includes(file)) fs.writeFileSync(target, file.text);
    lock[file.target] = hashText(file.text);
  }
  writeLock(lock, root);
  return { written: changed.map((file) => file.target), backup };
}

/**
 * Puts the stub bodies back into one task's regions of the learner's file, leaving every other
 * exercise and everything outside the regions as the learner has it.
 */
export function resetTask(chapter: Chapter, taskId: string, root: string): ResetResult {
  const task = chapter.tasks.find((candidate) => candidate.id === taskId);
  if (task === undefined) {
    throw new UsageError(
      `${chapter.id} has no task "${taskId}"; its tasks are ${chapter.tasks.map((candidate) => candidate.id).join(', ')}`,
    );
  }
  const target = `chapters/${chapter.id}/${task.file}`;
  const stub = generateChapter(chapter, root).find((file) => file.target === target);
  if (stub === undefined) throw new Error(`no generated stub for ${target}`);
  const stubBodies = regionBodies(parseRegions(stub.text, stub.source)).get(taskId) ?? [];
  const file = path.join(root, target);
  if (!fs.existsSync(file)) {
    // Nothing to keep: the whole file is the stub.
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, stub.text);
    return { written: [target], backup: null };
  }
  const current = fs.readFileSync(file, 'utf8');
  let next: string;
  try {
    next = replaceTaskBodies(current, target, taskId, stubBodies);
  } catch (error) {
    throw new Error(
      `${(error as Error).message}: the "// #region solution ${taskId}" markers of your file were changed; ` +
        `reset the whole chapter with "npm run reset -- ${chapter.id}" (your file is backed up first)`,
      { cause: error },
    );
  }
  if (next === current) return { written: [], backup: null };
  // The stub's import of NotImplementedError may have been removed by the learner; keep the file compiling.
  if (!/\bNotImplementedError\b[^\n]*from ['"]/.test(next)) {
    const importLine = stub.text.split('\n').find((line) => /^import \{ NotImplementedError \}/.test(line));
    if (importLine !== undefined) next = addImport(next, importLine);
  }
  const backup = backupFiles([target], root, `reset-${taskId}`);
  fs.writeFileSync(file, next);
  return { written: [target], backup };
}

function addImport(text: string, importLine: string): string {
  const lines = text.split('\n');
  let last = -1;
  lines.forEach((line, index) => {
    if (/^import\b/.test(line)) last = index;
  });
  if (last === -1) return `${importLine}\n${text}`;
  while (last < lines.length && !/;\s*$/.test(lines[last])) last++;
  lines.splice(last + 1, 0, importLine);
  return lines.join('\n');
}

/** The backup folders (relative to the root, newest first) that hold files of a chapter. */
export function chapterBackups(chapter: Chapter, root: string): string[] {
  const backups = path.join(root, '.backups');
  if (!fs.existsSync(backups)) return [];
  return fs
    .readdirSync(backups)
    .filter((name) => fs.existsSync(path.join(backups, name, 'chapters', chapter.id)))
    .sort((a, b) => fs.statSync(path.join(backups, b)).mtimeMs - fs.statSync(path.join(backups, a)).mtimeMs || b.localeCompare(a))
    .map((name) => path.join('.backups', name));
}

/**
 * Restores the chapter's files from its newest backup (`npm run reset -- chapter-03 --undo`).
 * What the files are now is backed up first, so an undo can itself be undone.
 */
export function undoReset(chapter: Chapter, root: string): ResetResult & { from: string | null; others: string[] } {
  const [latest, ...others] = chapterBackups(chapter, root);
  if (latest === undefined) return { written: [], backup: null, from: null, others: [] };
  const folder = path.join(root, latest, 'chapters', chapter.id);
  const files = fs.readdirSync(folder).filter((name) => fs.statSync(path.join(folder, name)).isFile()).map((name) => `chapters/${chapter.id}/${name}`);
  const existing = files.filter((file) => fs.existsSync(path.join(root, file)));
  const backup = existing.length > 0 ? backupFiles(existing, root, `undo-${chapter.id}`) : null;
  for (const file of files) fs.copyFileSync(path.join(root, latest, file), path.join(root, file));
  return { written: files, backup, from: latest, others };
}
