/**
 * The table `npm run progress` prints: every chapter with its exercises done, failing and not
 * started, when it was last tested, and the exercise to open next. It reads the verdicts that
 * `npm test` saved in .course/progress.json, so it is instant; `--run` refreshes them first.
 */
import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { type Chapter, type Course, type Task, readyChapters } from './course';
import { PROGRESS_FILE, type SavedProgress, type TaskStatus } from './results';

export interface ChapterProgress {
  readonly chapter: Chapter;
  /** When `npm test` last ran the whole chapter; null when it never did. */
  readonly testedAt: Date | null;
  readonly done: number;
  readonly failing: number;
  readonly notStarted: number;
  /** The exercise to work on next, or undefined when the chapter is complete or untested. */
  readonly next: Task | undefined;
  /** A file of the chapter changed after the last test run, so the verdicts may be stale. */
  readonly changedSince: boolean;
}

/** The progress of every ready chapter that has exercises, from the saved verdicts. */
export function chapterProgress(course: Course, saved: SavedProgress, root: string): ChapterProgress[] {
  return readyChapters(course)
    .filter((chapter) => chapter.tasks.length > 0)
    .map((chapter): ChapterProgress => {
      const entry = saved.chapters[chapter.id];
      if (entry === undefined) {
        return { chapter, testedAt: null, done: 0, failing: 0, notStarted: 0, next: undefined, changedSince: false };
      }
      const status = (task: Task): TaskStatus => entry.tasks[task.id] ?? 'not started';
      const count = (wanted: readonly TaskStatus[]) => chapter.tasks.filter((task) => wanted.includes(status(task))).length;
      const testedAt = new Date(entry.updatedAt);
      const next =
        chapter.tasks.find((task) => status(task) === 'failing') ??
        chapter.tasks.find((task) => status(task) !== 'done');
      return {
        chapter,
        testedAt,
        done: count(['done']),
        failing: count(['failing']),
        notStarted: count(['not started', 'waiting', 'no tests']),
        next,
        changedSince: changedAfter(path.join(root, 'chapters', chapter.id), testedAt),
      };
    });
}

function changedAfter(folder: string, date: Date): boolean {
  if (!fs.existsSync(folder)) return false;
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .some((name) => fs.statSync(path.join(folder, name)).mtimeMs > date.getTime() + 1000);
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function timeAgo(date: Date, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  const units: Array<[number, string]> = [[86400, 'day'], [3600, 'hour'], [60, 'minute']];
  for (const [size, unit] of units) {
    const amount = Math.floor(seconds / size);
    if (amount >= 1) return `${amount} ${unit}${amount === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

function bar(done: number, total: number, width = 12): string {
  const filled = Math.round((done / total) * width);
  return `${pc.green('#'.repeat(filled))}${pc.dim('-'.repeat(width - filled))}`;
}

function shorten(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

/** The lines of the progress table. */
export function formatProgress(
  course: Course,
  rows: readonly ChapterProgress[],
  options: { fresh: boolean; now?: Date },
): string[] {
  const now = options.now ?? new Date();
  const lines: string[] = [];
  lines.push(
    options.fresh
      ? pc.dim('Progress from a fresh run of every chapter\'s tests.')
      : pc.dim(`Progress as of each chapter's last \`npm test\` (read from ${PROGRESS_FILE.split(path.sep).join('/')});`) +
          '\n' +
          pc.dim('`npm run progress -- --run` runs every test now.'),
  );
  lines.push('');
  for (const chapter of readyChapters(course)) {
    const row = rows.find((candidate) => candidate.chapter.id === chapter.id);
    const head = `${pc.bold(chapter.id)}  ${shorten(chapter.title, 36)}`;
    if (row === undefined) {
      lines.push(`${head}  ${pc.dim('no exercises: read the chapter')}`);
      continue;
    }
    const total = chapter.tasks.length;
    if (row.testedAt === null) {
      lines.push(`${head}  ${bar(0, total)}  ${pc.yellow(`not tested yet: npm test ${chapter.id}`)}`);
      continue;
    }
    const parts = [`${row.done}/${total} done`];
    if (row.failing > 0) parts.push(pc.red(`${row.failing} failing`));
    if (row.notStarted > 0) parts.push(`${row.notStarted} not started`);
    const when = `tested ${timeAgo(row.testedAt, now)}${row.changedSince ? pc.yellow(', files changed since') : ''}`;
    const tally = row.done === total ? pc.green(`${total}/${total} done, complete`) : parts.join(', ');
    lines.push(`${head}  ${bar(row.done, total)}  ${tally}  ${pc.dim(`(${when})`)}`);
    if (row.next !== undefined) {
      lines.push(`${' '.repeat(12)}next: Exercise ${row.next.id} ${row.next.name}, ${row.next.title}: ${row.next.readme}`);
    }
  }
  const tested = rows.filter((row) => row.testedAt !== null);
  const done = tested.reduce((sum, row) => sum + row.done, 0);
  const total = rows.reduce((sum, row) => sum + row.chapter.tasks.length, 0);
  lines.push('');
  lines.push(`${done} of ${total} exercises done (${tested.length} of ${rows.length} chapters tested).`);
  // Pick up where the learner is: a failing exercise first, then a chapter already started,
  // and only then the first chapter that is not finished.
  const next =
    rows.find((row) => row.failing > 0) ??
    rows.find((row) => row.done > 0 && row.next !== undefined) ??
    rows.find((row) => row.testedAt === null || row.next !== undefined);
  if (next !== undefined) {
    const task = next.next ?? next.chapter.tasks[0];
    const hint = next.testedAt === null ? `npm test ${next.chapter.id}` : `npm test ${next.chapter.id} -- -t ${task.id}`;
    lines.push(`Next: Exercise ${task.id} ${task.name} (${task.readme}), then ${hint}`);
  } else if (rows.length > 0) {
    lines.push(pc.green('Every exercise is done.'));
  }
  return lines;
}
