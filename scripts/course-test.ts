/**
 * npm test [chapter-NN ...] [-- -t <task> --seed <n> --hang-limit <s>]
 *
 * Runs chapter tests against the learner's files and prints, per chapter, which tasks are done,
 * failing, not started, stuck in an endless loop or not compiling, and which exercise to open
 * next. `-t 3.1` runs exactly task 3.1 (`-t 3.1,3.4` several, `-t 3` a whole chapter). Maintainers
 * use `--target solutions --all` (npm run test:solutions).
 */
import pc from 'picocolors';
import { type Chapter, UsageError, findChapter, loadCourse, readyChapters, repoRoot } from './lib/course';
import { defineTool, integerOption, secondsOption } from './lib/cli';
import { DEFAULT_HANG_LIMIT_S, runChapters } from './lib/chapter-run';
import { saveProgress, summarizeProgram } from './lib/results';
import type { Target } from './lib/run-jest';
import { parseSelection } from './lib/selection';
import { formatChapterSummary } from './lib/summary';

const USAGE = `usage: npm test [chapter-NN ...] [-- <options>]
  -t <tasks>          run only these tasks: -t 3.1, -t 3.1,3.4, or -t 3 for all of chapter 3
                      (anything else is a regex over test names, as jest's -t)
  --seed <n>          replay property tests with this seed (a failure prints the command)
  --hang-limit <s>    stop a test that runs this many seconds (default ${DEFAULT_HANG_LIMIT_S})
  --target <t>        learner (default), solutions or stubs
  --all               every ready chapter (the default when none is named)
  e.g. npm test chapter-03 -- -t 3.2`;

function isTarget(value: string): value is Target {
  return value === 'learner' || value === 'solutions' || value === 'stubs';
}

defineTool({
  usage: USAGE,
  positionals: true,
  options: {
    testNamePattern: { type: 'string', short: 't' },
    seed: { type: 'string' },
    'hang-limit': { type: 'string' },
    target: { type: 'string', default: 'learner' },
    all: { type: 'boolean', default: false },
  },
  async main({ values, positionals }) {
    const course = loadCourse();
    const target = values.target ?? 'learner';
    if (!isTarget(target)) throw new UsageError(`--target must be learner, solutions or stubs, not "${target}"\n${USAGE}`);
    for (const name of positionals) {
      if (!/^(chapter-?)?\d+$/i.test(name)) throw new UsageError(`unknown argument "${name}"\n${USAGE}`);
    }
    let chapters: Chapter[] = values.all || positionals.length === 0 ? readyChapters(course) : positionals.map((name) => findChapter(course, name));
    const selection = values.testNamePattern === undefined ? undefined : parseSelection(values.testNamePattern, chapters);
    const tasks = selection?.kind === 'tasks' ? selection.ids : undefined;
    if (tasks !== undefined) chapters = chapters.filter((chapter) => chapter.tasks.some((task) => tasks.includes(task.id)));
    // fast-check seeds are signed 32-bit integers.
    const seed = integerOption(values.seed, '--seed', USAGE, { negative: true });
    // The reference solutions are trusted and run on busy CI machines: a generous limit there.
    const hangLimit = secondsOption(values['hang-limit'], '--hang-limit', USAGE) ?? (target === 'learner' ? DEFAULT_HANG_LIMIT_S : 300);
    const run = await runChapters({
      target,
      chapters,
      tasks,
      rawPattern: selection?.kind === 'pattern' ? selection.pattern : undefined,
      hangLimitMs: hangLimit * 1000,
      echo: true,
      env: seed === undefined ? {} : { FC_SEED: String(seed) },
    });
    if (run.problem !== null) console.error(pc.red(`the test run stopped early: ${run.problem}`));
    console.log('');
    const filtered = selection !== undefined;
    let allDone = true;
    for (const verdict of run.chapters) {
      // A whole chapter, or whole exercises (-t 3.2), are verdicts worth keeping; a test-name
      // pattern runs some tests of an exercise, which says nothing about the exercise.
      const selectedTasks = tasks === undefined ? undefined : new Set(tasks);
      if (target === 'learner' && seed === undefined && (!filtered || selectedTasks !== undefined)) {
        saveProgress(verdict.chapter, verdict.results, repoRoot, selectedTasks);
      }
      const program = summarizeProgram(verdict.assertions);
      for (const line of formatChapterSummary(verdict.chapter, verdict.results, { filtered, program })) console.log(line);
      if (verdict.results.some((result) => result.status !== 'done' && !(filtered && result.status === 'no tests'))) allDone = false;
      if (program !== undefined && program.failed > 0) allDone = false;
    }
    console.log(`\n${run.passed} passed, ${run.failed} failed`);
    return allDone && run.problem === null ? 0 : 1;
  },
});
