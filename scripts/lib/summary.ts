/** Printing the per-task summary a learner sees after `npm test chapter-NN`. */
import pc from 'picocolors';
import type { Chapter } from './course';
import { type TaskResult, nextTask } from './results';

const SYMBOL: Record<TaskResult['status'], string> = {
  done: pc.green('✔'),
  failing: pc.red('✘'),
  'not started': pc.dim('○'),
  waiting: pc.yellow('…'),
  'no tests': pc.yellow('?'),
};

function describeStatus(result: TaskResult): string {
  switch (result.status) {
    case 'done':
      return pc.green(`done (${result.passed} tests)`);
    case 'failing':
      return pc.red(`failing: ${result.failed} of ${result.total} tests`);
    case 'not started':
      return pc.dim('not started');
    case 'waiting':
      return pc.yellow(`waiting on task ${result.waitingOn}`);
    case 'no tests':
      return pc.yellow('no tests ran (filtered out?)');
  }
}

/**
 * The summary block for one chapter, as lines. With `filtered` (the run was narrowed, e.g. by
 * `-t 3.2`), tasks whose tests did not run are left out instead of being listed as a problem.
 */
export function formatChapterSummary(
  chapter: Chapter,
  results: readonly TaskResult[],
  options: { filtered?: boolean } = {},
): string[] {
  const lines = [pc.bold(`${chapter.id}  ${chapter.title}`)];
  if (results.length === 0) {
    lines.push(pc.dim('  this chapter has no exercises: read its README'));
    return lines;
  }
  const shown = options.filtered ? results.filter((result) => result.status !== 'no tests') : results;
  const width = Math.max(0, ...shown.map((result) => result.task.name.length));
  for (const result of shown) {
    lines.push(`  ${SYMBOL[result.status]} ${result.task.id.padEnd(5)} ${result.task.name.padEnd(width)}  ${describeStatus(result)}`);
  }
  if (shown.length < results.length) {
    lines.push(pc.dim(`  (${results.length - shown.length} other tasks were not run: the run was filtered)`));
    const next = nextTask(shown);
    if (next !== undefined) lines.push(`  Next: Exercise ${next.task.id} ${next.task.name}, ${next.task.title}: ${next.task.readme}`);
    return lines;
  }
  const done = results.filter((result) => result.status === 'done').length;
  const next = nextTask(results);
  const tally = `${done} of ${results.length} tasks done`;
  if (next === undefined) {
    lines.push(done === results.length ? pc.green(`  ${tally}. Chapter complete!`) : `  ${tally}.`);
  } else {
    lines.push(`  ${tally}. Next: Exercise ${next.task.id} ${next.task.name}, ${next.task.title}: ${next.task.readme}`);
  }
  return lines;
}
