/**
 * npm run progress [-- --run]
 *
 * Every chapter with its exercises done, failing and not started, and the next exercise to open.
 * By default it reads what `npm test` last saved (instant); `--run` runs every chapter's tests
 * against your files now (silently) and saves the fresh verdicts.
 */
import pc from 'picocolors';
import { loadCourse, readyChapters, repoRoot } from './lib/course';
import { defineTool } from './lib/cli';
import { chapterProgress, formatProgress } from './lib/progress';
import { DEFAULT_HANG_LIMIT_S, runChapters } from './lib/chapter-run';
import { readProgress, saveProgress } from './lib/results';

const USAGE = `usage: npm run progress [-- --run]
  --run  run every chapter's tests against your files now (otherwise: what npm test last saved)`;

defineTool({
  usage: USAGE,
  options: { run: { type: 'boolean', default: false } },
  async main({ values }) {
    const course = loadCourse();
    if (values.run) {
      const chapters = readyChapters(course).filter((chapter) => chapter.tasks.length > 0);
      console.log(pc.dim(`running the tests of ${chapters.length} chapter(s) against your files...`));
      const run = await runChapters({ target: 'learner', chapters, hangLimitMs: DEFAULT_HANG_LIMIT_S * 1000 });
      if (run.problem !== null) console.error(pc.red(`the test run stopped early: ${run.problem}`));
      for (const verdict of run.chapters) saveProgress(verdict.chapter, verdict.results);
    }
    const rows = chapterProgress(course, readProgress(), repoRoot);
    for (const line of formatProgress(course, rows, { fresh: values.run })) console.log(line);
    return 0;
  },
});
