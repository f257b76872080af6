/** Printing the per-task summary a learner sees after `npm test chapter-NN`. */
import pc from 'picocolors';
import type { Chapter } from './course';
import { type ProgramResult, type TaskResult, nextTask } from './results';

const SYMBOL: Record<TaskResult['status'], string> = {
  done: pc.green('✔'),
  failing: pc.red('✘'),
  'not started': pc.dim('○'),
  waiting: pc.yellow('…'),
  'no tests': pc.yellow('?'),
  hang: pc.red('✘'),
  'does not compile': pc.red('✘'),
  'missing file': pc.red('✘'),
  'could not run': pc.red('✘'),
};

function describeStatus(result: TaskResult): string {
  switch (result.status) {
    case 'done':
      return pc.green(`done (${result.passed} ${result.passed === 1 ? 'test' : 'tests'})`);
    case 'failing':
      return pc.red(`failing: ${result.failed} of ${result.total} tests`);
    case 'not started':
      return pc.dim('not started');
    case 'waiting':
      return pc.yellow(`waiting on task ${result.waitingOn}`);
    case 'no tests':
      return pc.yellow('no tests ran');
    case 'hang':
    case 'could not run':
    case 'missing file':
      return pc.red(result.problem?.detail ?? result.status);
    case 'does not compile':
      return pc.red(`does not compile: ${result.problem?.detail ?? ''}`);
  }
}

/** "Next: Exercise 3.1 neuralNetwork, predict with one weight: open chapters/chapter-03/forward.ts (read chapters/chapter-03/README.md#exercise-3-1)". */
export function nextLine(chapter: Chapter, result: TaskResult): string {
  const { task } = result;
  return `Next: Exercise ${task.id} ${task.name}, ${task.title}: open chapters/${chapter.id}/${task.file} (read ${task.readme})`;
}

/** "✘ program.ts  the chapter's program: failing: 1 of 2 tests", or undefined when it has no tests. */
function programLine(chapter: Chapter, program: ProgramResult | undefined): string | undefined {
  if (program === undefined || chapter.program === null) return undefined;
  const label = `${chapter.program}  the chapter's program`;
  if (program.failed === 0) return `  ${SYMBOL.done} ${label}  ${pc.green(`done (${program.passed} ${program.passed === 1 ? 'test' : 'tests'})`)}`;
  if (program.waitingOn !== undefined) return `  ${SYMBOL.waiting} ${label}  ${pc.yellow(`waiting on task ${program.waitingOn}`)}`;
  return `  ${SYMBOL.failing} ${label}  ${pc.red(`failing: ${program.failed} of ${program.total} tests`)}`;
}

/**
 * The summary block for one chapter, as lines. With `filtered` (the run was narrowed, e.g. by
 * `-t 3.2`), tasks whose tests did not run are left out instead of being listed as a problem.
 * `program` is how the tests of the chapter's program (tagged with no task) did: they get a
 * line of their own, so a failure there is never shown as an exercise's.
 */
export function formatChapterSummary(
  chapter: Chapter,
  results: readonly TaskResult[],
  options: { filtered?: boolean; program?: ProgramResult } = {},
): string[] {
  const lines = [pc.bold(`${chapter.id}  ${chapter.title}`)];
  if (results.length === 0) {
    lines.push(pc.dim('  this chapter has no exercises: read its README'));
    return lines;
  }
  const shown = options.filtered ? results.filter((result) => result.status !== 'no tests') : results;
  if (shown.length === 0) {
    lines.push(pc.yellow('  no tests matched the selection'));
    return lines;
  }
  const width = Math.max(0, ...shown.map((result) => result.task.name.length));
  for (const result of shown) {
    lines.push(`  ${SYMBOL[result.status]} ${result.task.id.padEnd(5)} ${result.task.name.padEnd(width)}  ${describeStatus(result)}`);
    for (const extra of result.problem?.more ?? []) lines.push(pc.dim(`        ${extra}`));
  }
  const program = programLine(chapter, options.program);
  if (program !== undefined) lines.push(program);
  if (options.filtered) {
    const skipped = chapter.tasks.length - shown.length;
    if (skipped > 0) lines.push(pc.dim(`  (${skipped} other tasks of the chapter were not run)`));
    const next = nextTask(shown);
    if (next !== undefined) lines.push(`  ${nextLine(chapter, next)}`);
    return lines;
  }
  const done = results.filter((result) => result.status === 'done').length;
  const next = nextTask(results);
  const tally = `${done} of ${results.length} tasks done`;
  const programFails = options.program !== undefined && options.program.failed > 0;
  if (next === undefined) {
    if (done === results.length && programFails) lines.push(`  ${tally}, but the test of the chapter's program fails: see its message above.`);
    else lines.push(done === results.length ? pc.green(`  ${tally}. Chapter complete!`) : `  ${tally}.`);
  } else {
    lines.push(`  ${tally}.`, `  ${nextLine(chapter, next)}`);
  }
  return lines;
}
