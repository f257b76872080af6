/**
 * npm run watch -- chapter-06 [--poll]
 *
 * Runs the chapter's tests now and again each time a file of the chapter is saved, with the
 * per-task summary of `npm test`. Press Enter to run again, q to quit (no Enter needed). Where the system cannot
 * watch files (the inotify limit, ENOSPC; some network or WSL folders) it polls every second
 * instead, and says so; --poll asks for polling from the start.
 */
import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { type Chapter, findChapter, loadCourse, repoRoot } from './lib/course';
import { defineTool, singleChapterArgument } from './lib/cli';
import { DEFAULT_HANG_LIMIT_S, runChapters } from './lib/chapter-run';
import { saveProgress, summarizeProgram } from './lib/results';
import { formatChapterSummary } from './lib/summary';

const USAGE = `usage: npm run watch -- <chapter> [--poll]
  e.g. npm run watch -- chapter-06   re-run chapter 6's tests on every save (Enter: run now, q: quit)`;

let running: Promise<void> | null = null;
let again = false;

/** Runs the chapter's tests; a save during a run queues one more run after it. */
function runOnce(chapter: Chapter): void {
  if (running !== null) {
    again = true;
    return;
  }
  running = runTests(chapter).finally(() => {
    running = null;
    if (again) {
      again = false;
      runOnce(chapter);
    }
  });
}

async function runTests(chapter: Chapter): Promise<void> {
  console.log(pc.dim(`\n── ${new Date().toLocaleTimeString()}  npm test ${chapter.id} ──`));
  const run = await runChapters({ target: 'learner', chapters: [chapter], hangLimitMs: DEFAULT_HANG_LIMIT_S * 1000, echo: true });
  if (run.problem !== null) console.error(pc.red(`the test run stopped early: ${run.problem}`));
  for (const verdict of run.chapters) {
    saveProgress(chapter, verdict.results);
    console.log('');
    for (const line of formatChapterSummary(chapter, verdict.results, { program: summarizeProgram(verdict.assertions) })) console.log(line);
  }
  console.log(pc.dim(`watching chapters/${chapter.id}/ — save a file to run again, Enter to run now, q to quit`));
}

/** Calls `onChange` when a .ts file of the folder changes; falls back to polling. */
function watchFolder(folder: string, poll: boolean, onChange: () => void): void {
  const isSource = (name: string | null) => name !== null && name.endsWith('.ts');
  if (!poll) {
    try {
      const watcher = fs.watch(folder, (_event, name) => {
        if (isSource(name)) onChange();
      });
      watcher.on('error', (error) => {
        watcher.close();
        fallBack(error);
      });
      return;
    } catch (error) {
      fallBack(error);
      return;
    }
  }
  startPolling();

  function fallBack(error: unknown): void {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    console.error(
      pc.yellow(
        `cannot watch files here (${code}${code === 'ENOSPC' ? ': the inotify watch limit is reached; raise fs.inotify.max_user_watches' : ''}); ` +
          'polling every second instead. If that misses saves, run "npm test ' +
          `${path.basename(folder)}" after each save.`,
      ),
    );
    startPolling();
  }

  function startPolling(): void {
    for (const name of fs.readdirSync(folder).filter(isSource)) {
      fs.watchFile(path.join(folder, name), { interval: 1000 }, (current, previous) => {
        if (current.mtimeMs !== previous.mtimeMs) onChange();
      });
    }
  }
}

defineTool({
  usage: USAGE,
  positionals: true,
  options: { poll: { type: 'boolean', default: false } },
  main({ values, positionals }): Promise<number> | number {
    const chapterArgument = singleChapterArgument(positionals, USAGE);
    const chapter = findChapter(loadCourse(), chapterArgument);
    const folder = path.join(repoRoot, 'chapters', chapter.id);
    runOnce(chapter);
    let timer: NodeJS.Timeout | undefined;
    // Editors write a file in several steps; wait for them to settle before running.
    const schedule = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => runOnce(chapter), 300);
    };
    watchFolder(folder, values.poll, schedule);
    return new Promise<number>((resolve) => {
      if (process.stdin.isTTY) {
        // Raw mode: a key press arrives at once, no Enter needed (so Ctrl-C arrives as a key too).
        process.stdin.setRawMode(true);
        process.stdin.setEncoding('utf8');
        process.stdin.on('data', (key: string) => {
          if (/^q/i.test(key) || key === '\u0003') {
            process.stdin.setRawMode(false);
            resolve(0);
            process.exit(0);
          }
          if (key === '\r' || key === '\n') schedule();
        });
      }
      process.on('SIGINT', () => {
        resolve(0);
        process.exit(0);
      });
    });
  },
});
