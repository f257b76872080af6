/**
 * npm run chapter -- NN [--solution] [--faithful] [--seed n] [--iterations n] [--resume] [--part name] [--book-schedule] [--no-progress]
 *
 * Runs a chapter's experiment (the "program" of its chapter.json): your version in chapters/ by
 * default, the reference with --solution. Progress bars show on a terminal; the log is printed;
 * every recorded series is saved to .course/runs/chapter-NN[-faithful].json with the wall time.
 */
import path from 'node:path';
import pc from 'picocolors';
import { PROGRAM_FLAGS, type ChapterProgram, type ProgramOptions, interruptedInfo } from '../kernels/program';
import { UsageError, findChapter, loadCourse, readyChapters, repoRoot } from './lib/course';
import { defineTool, integerOption, singleChapterArgument } from './lib/cli';
import { type RunRecord, notImplementedInfo, runnerContext, saveRunRecord } from './lib/runs';

const USAGE = `usage: npm run chapter -- <chapter> [--solution] [--faithful] [--seed <n>] [--iterations <n>] [--resume] [--part <name>] [--book-schedule] [--no-progress]
  --solution        run the reference solution instead of your chapters/ version
  --faithful        reproduce the book's code, bugs included (see the chapter's Errata)
  --seed <n>        a different random seed (the book's by default)
  --iterations <n>  passes over the data, for programs that offer a shorter or longer run (chapters 8, 9, 10 and 14)
  --resume          continue from the program's last checkpoint (chapters 8, 9, 10 and 14; Ctrl-C saves one)
  --part <name>     run one part of a program with several (chapter 14: rnn or lstm)
  --book-schedule   measure everything the book does, even where slow (chapter 10: test after every pass)
  --no-progress     no progress bars`;

defineTool({
  usage: USAGE,
  positionals: true,
  options: {
    ...PROGRAM_FLAGS,
    solution: { type: 'boolean', default: false },
    'no-progress': { type: 'boolean', default: false },
  },
  async main({ values, positionals }) {
    const chapterArgument = singleChapterArgument(positionals, USAGE);
    const seed = integerOption(values.seed, '--seed', USAGE);
    const iterations = integerOption(values.iterations, '--iterations', USAGE);
    if (iterations !== undefined && iterations < 1) throw new UsageError(`--iterations must be at least 1, not ${iterations}\n${USAGE}`);
    const programOptions: ProgramOptions = { iterations, resume: values.resume, part: values.part, bookSchedule: values['book-schedule'] };
    const course = loadCourse();
    const chapter = findChapter(course, chapterArgument);
    if (chapter.program === null) {
      const withPrograms = readyChapters(course).filter((candidate) => candidate.program !== null).map((candidate) => candidate.id);
      throw new UsageError(`${chapter.id} has no program to run; chapters with one: ${withPrograms.join(', ') || 'none yet'}`);
    }
    const source = values.solution ? 'solution' : 'learner';
    const program = `${values.solution ? 'solutions' : 'chapters'}/${chapter.id}/${chapter.program}`;
    const module = (await import(path.join(repoRoot, program))) as { run?: ChapterProgram; default?: { run?: ChapterProgram } };
    const run = module.run ?? module.default?.run;
    if (typeof run !== 'function') throw new Error(`${program} does not export run(context)`);
    const context = runnerContext({ source, faithful: values.faithful, seed, program: programOptions, bars: !values['no-progress'] });
    const startedAt = new Date();
    const start = performance.now();
    // Whatever ends the run (an error, Ctrl-C, process.exit), the terminal gets its cursor back.
    process.once('exit', () => context.close());
    try {
      await run(context);
    } catch (error) {
      context.close();
      const interrupted = interruptedInfo(error);
      if (interrupted !== undefined) {
        const again = ['npm run chapter --', String(chapter.number).padStart(2, '0'), ...(values.solution ? ['--solution'] : []),
          ...(values.faithful ? ['--faithful'] : []), ...(seed === undefined ? [] : ['--seed', String(seed)]),
          ...(iterations === undefined ? [] : ['--iterations', String(iterations)]), ...(values['book-schedule'] ? ['--book-schedule'] : []), '--resume'];
        console.error(pc.yellow(`${interrupted.message}; resume with ${again.join(' ')}`));
        return 130;
      }
      const missing = notImplementedInfo(error);
      if (missing === undefined) throw error;
      console.error(
        pc.yellow(
          `${program} needs Exercise ${missing.taskId} ${missing.functionName} first (${missing.readme}; check it with ` +
            `npm test ${chapter.id} -- -t ${missing.taskId}), or run the reference: npm run chapter -- ${String(chapter.number).padStart(2, '0')} --solution`,
        ),
      );
      return 1;
    }
    context.close();
    const record: RunRecord = {
      chapter: chapter.id,
      program,
      source,
      faithful: values.faithful,
      seed: seed ?? null,
      startedAt: startedAt.toISOString(),
      wallTimeMs: Math.round(performance.now() - start),
      node: process.version,
      series: context.series,
      log: context.logged,
    };
    const file = saveRunRecord(record, chapter, repoRoot);
    const names = Object.keys(record.series);
    console.error(
      pc.dim(`${program} ran in ${record.wallTimeMs < 1000 ? `${record.wallTimeMs} ms` : `${(record.wallTimeMs / 1000).toFixed(2)} s`}; ${names.length > 0 ? `series ${names.join(', ')}` : 'no series'} saved to ${file}`),
    );
    return 0;
  },
});
