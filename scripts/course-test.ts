/**
 * npm test [chapter-03 ...] [-- <jest options, e.g. -t 3.2>]
 *
 * Runs chapter tests against the learner's files and prints, per chapter, which tasks are done,
 * failing or not started, and which exercise to read next. Maintainers use
 * `--target solutions --all` (npm run test:solutions).
 */
import pc from 'picocolors';
import { type Chapter, UsageError, findChapter, loadCourse, readyChapters } from './lib/course';
import { chapterAssertions, saveProgress, summarizeChapter } from './lib/results';
import { type Target, runChapterTests } from './lib/run-jest';
import { formatChapterSummary } from './lib/summary';

const USAGE = 'usage: npm test [chapter-NN ...] [-- <jest options, e.g. -t 3.2>]';

interface Options {
  target: Target;
  chapters: Chapter[];
  jestArgs: string[];
}

function parse(argv: readonly string[]): Options {
  const course = loadCourse();
  let target: Target = 'learner';
  let all = false;
  const names: string[] = [];
  const jestArgs: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--target') {
      const value = argv[++index];
      if (value !== 'learner' && value !== 'solutions' && value !== 'stubs') {
        throw new UsageError(`--target must be learner, solutions or stubs, not "${value ?? ''}"`);
      }
      target = value;
    } else if (arg === '--all') {
      all = true;
    } else if (/^(chapter-?)?\d+$/i.test(arg)) {
      names.push(arg);
    } else if (arg.startsWith('-')) {
      jestArgs.push(arg);
      // Options such as -t take a value; pass it along untouched.
      if (['-t', '--testNamePattern'].includes(arg) && index + 1 < argv.length) jestArgs.push(argv[++index]);
    } else {
      throw new UsageError(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  const chapters = all || names.length === 0 ? readyChapters(course) : names.map((name) => findChapter(course, name));
  return { target, chapters, jestArgs };
}

function main(): number {
  let options: Options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(pc.red((error as Error).message));
    return error instanceof UsageError ? 2 : 1;
  }
  const patterns = options.chapters.map((chapter) => `chapters/${chapter.id}/`);
  const run = runChapterTests(options.target, patterns, options.jestArgs);
  if (run.json === null) {
    console.error(pc.red('jest did not produce results (see its output above)'));
    return run.exitCode || 1;
  }
  console.log('');
  for (const chapter of options.chapters) {
    const results = summarizeChapter(chapter, chapterAssertions(run.json, chapter));
    if (options.target === 'learner' && options.jestArgs.length === 0) saveProgress(chapter, results);
    const filtered = options.jestArgs.length > 0;
    for (const line of formatChapterSummary(chapter, results, { filtered })) console.log(line);
  }
  const { numPassedTests, numFailedTests } = run.json;
  console.log(`\n${numPassedTests} passed, ${numFailedTests} failed`);
  return run.exitCode;
}

process.exitCode = main();
