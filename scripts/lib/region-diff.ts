/**
 * `npm run diff`: a learner's chapter (or a submission laid out like the repository) against the
 * reference solution. By default only the exercise regions are compared, task by task, so an
 * instructor reads what the learner wrote and nothing else; `full` compares whole files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { structuredPatch } from 'diff';
import pc from 'picocolors';
import { type Chapter, UsageError, solutionFiles } from './course';
import { type Segment, parseRegions, regionBodies } from './regions';
import { generateChapter } from './stubgen';

export type Colors = Pick<typeof pc, 'red' | 'green' | 'cyan' | 'dim' | 'bold' | 'yellow'>;

/**
 * The folder that holds a chapter's files in a learner's tree or a submission: `<dir>/chapters/<id>`,
 * or `<dir>/<id>`, or `<dir>` itself when it is named like the chapter.
 */
export function chapterFolderIn(dir: string, chapter: Chapter): string {
  const candidates = [path.join(dir, 'chapters', chapter.id), path.join(dir, chapter.id)];
  if (path.basename(path.resolve(dir)) === chapter.id) candidates.push(dir);
  const found = candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isDirectory());
  if (found === undefined) {
    throw new UsageError(`${dir} has no chapters/${chapter.id}/ folder (a submission is laid out like the repository)`);
  }
  return found;
}

/** Every line of a unified diff between two texts, coloured; `from`/`to` name the two sides. */
export function formatPatch(
  from: string,
  to: string,
  before: string,
  after: string,
  colors: Colors,
  lineOffsets: { before: number; after: number } = { before: 0, after: 0 },
): string[] {
  const patch = structuredPatch(from, to, before, after, '', '', { context: 3 });
  const lines = [colors.red(`--- ${from}`), colors.green(`+++ ${to}`)];
  for (const hunk of patch.hunks) {
    const oldStart = hunk.oldStart + lineOffsets.before;
    const newStart = hunk.newStart + lineOffsets.after;
    lines.push(colors.cyan(`@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`));
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue;
      if (line.startsWith('-')) lines.push(colors.red(line));
      else if (line.startsWith('+')) lines.push(colors.green(line));
      else lines.push(line);
    }
  }
  return lines;
}

export interface TaskComparison {
  readonly taskId: string;
  readonly name: string;
  readonly verdict: 'identical' | 'differs' | 'not started' | 'missing';
}

export interface ChapterDiff {
  readonly lines: string[];
  readonly tasks: TaskComparison[];
  /** True when every compared part equals the solution. */
  readonly identical: boolean;
}

function sharedText(segments: readonly Segment[]): string {
  return segments
    .map((segment) => (segment.kind === 'shared' ? segment.lines.join('\n') : `<region ${segment.taskId}>`))
    .join('\n');
}

function regionLines(segments: readonly Segment[], taskId: string): number[] {
  return segments.flatMap((segment) => (segment.kind === 'region' && segment.taskId === taskId ? [segment.line] : []));
}

/**
 * Compares a learner's chapter with the solution.
 * @param root the course repository (solutions and manifest)
 * @param learnerFolder the folder holding the learner's files of this chapter
 */
export function diffChapter(
  chapter: Chapter,
  root: string,
  learnerFolder: string,
  options: { full: boolean; colors: Colors; label?: string },
): ChapterDiff {
  const { colors } = options;
  const label = options.label ?? `chapters/${chapter.id}`;
  const lines: string[] = [];
  const tasks: TaskComparison[] = [];
  let identical = true;
  const stubs = new Map(generateChapter(chapter, root).map((file) => [path.basename(file.target), file.text]));
  for (const file of solutionFiles(chapter, root)) {
    const solutionPath = `solutions/${chapter.id}/${file}`;
    const solution = fs.readFileSync(path.join(root, solutionPath), 'utf8');
    const learnerPath = path.join(learnerFolder, file);
    const learnerLabel = `${label}/${file}`;
    const fileTasks = chapter.tasks.filter((task) => task.file === file);
    if (!fs.existsSync(learnerPath)) {
      identical = false;
      lines.push(colors.yellow(`${learnerLabel}: missing`));
      for (const task of fileTasks) tasks.push({ taskId: task.id, name: task.name, verdict: 'missing' });
      continue;
    }
    const learner = fs.readFileSync(learnerPath, 'utf8');
    if (options.full) {
      if (learner === solution) {
        lines.push(`${colors.green('=')} ${learnerLabel}: identical to ${solutionPath}`);
      } else {
        identical = false;
        lines.push(...formatPatch(learnerLabel, solutionPath, learner, solution, colors), '');
      }
      continue;
    }
    if (fileTasks.length === 0) continue; // a file the learner is given whole (data, helpers, the program)
    let learnerSegments: Segment[];
    try {
      learnerSegments = parseRegions(learner, learnerLabel);
    } catch (error) {
      identical = false;
      lines.push(colors.yellow(`${(error as Error).message}; compare whole files with --full`));
      continue;
    }
    const solutionSegments = parseRegions(solution, solutionPath);
    const stubSegments = parseRegions(stubs.get(file) ?? '', `stub of ${file}`);
    const learnerBodies = regionBodies(learnerSegments);
    const solutionBodies = regionBodies(solutionSegments);
    const stubBodies = regionBodies(stubSegments);
    lines.push(colors.bold(learnerLabel));
    for (const task of fileTasks) {
      const mine = learnerBodies.get(task.id) ?? [];
      const reference = solutionBodies.get(task.id) ?? [];
      const stub = stubBodies.get(task.id) ?? [];
      const head = `Exercise ${task.id} ${task.name}`;
      const same = (a: string[][], b: string[][]) => a.length === b.length && a.every((body, i) => body.join('\n') === b[i].join('\n'));
      if (mine.length !== reference.length) {
        identical = false;
        tasks.push({ taskId: task.id, name: task.name, verdict: 'missing' });
        lines.push(`  ${colors.yellow('?')} ${head}: its "// #region solution ${task.id}" markers are missing or changed; compare whole files with --full`);
      } else if (same(mine, stub)) {
        identical = false;
        tasks.push({ taskId: task.id, name: task.name, verdict: 'not started' });
        lines.push(`  ${colors.dim('○')} ${head}: not started (still the stub)`);
      } else if (same(mine, reference)) {
        tasks.push({ taskId: task.id, name: task.name, verdict: 'identical' });
        lines.push(`  ${colors.green('=')} ${head}: identical to the solution`);
      } else {
        identical = false;
        tasks.push({ taskId: task.id, name: task.name, verdict: 'differs' });
        lines.push(`  ${colors.yellow('≠')} ${head}: differs from the solution`);
        const mineAt = regionLines(learnerSegments, task.id);
        const referenceAt = regionLines(solutionSegments, task.id);
        mine.forEach((body, index) => {
          if (body.join('\n') === reference[index].join('\n')) return;
          const patch = formatPatch(
            `${learnerLabel} (yours)`,
            `${solutionPath} (solution)`,
            `${body.join('\n')}\n`,
            `${reference[index].join('\n')}\n`,
            colors,
            { before: mineAt[index], after: referenceAt[index] },
          );
          lines.push(...patch.map((line) => `    ${line}`));
        });
      }
    }
    const stubShared = stubSegments.length > 0 ? sharedText(stubSegments) : '';
    if (sharedText(learnerSegments) !== stubShared && sharedText(learnerSegments) !== sharedText(solutionSegments)) {
      identical = false;
      lines.push(colors.yellow(`  and code outside the exercise regions was changed (--full shows whole files)`));
    }
  }
  const count = (verdict: TaskComparison['verdict']) => tasks.filter((task) => task.verdict === verdict).length;
  lines.push('');
  if (identical) {
    lines.push(colors.green(`${chapter.id}: identical to the solution${options.full ? '' : ` (${tasks.length} exercises)`}`));
  } else if (!options.full) {
    const parts = [`${count('identical')} identical`, `${count('differs')} different`, `${count('not started')} not started`];
    if (count('missing') > 0) parts.push(`${count('missing')} missing`);
    lines.push(`${chapter.id}: ${tasks.length} exercises: ${parts.join(', ')}`);
  } else {
    lines.push(`${chapter.id}: differs from the solution`);
  }
  return { lines, tasks, identical };
}
