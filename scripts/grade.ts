/**
 * npm run grade -- --dir <submission> [--out <report-dir>] [--chapter NN ...]
 *
 * Runs the official chapter tests against a submission (a folder laid out like the repository)
 * in an isolated copy of the course, and writes report.md, report.json and junit.xml with each
 * exercise's status and a score per chapter. The submission is only read.
 */
import path from 'node:path';
import pc from 'picocolors';
import { UsageError, findChapter, loadCourse, repoRoot } from './lib/course';
import { integerOption, parseCommandLine, runCli } from './lib/cli';
import { gradeSubmission, writeReports } from './lib/grade';

const USAGE = `usage: npm run grade -- --dir <submission> [--out <report-dir>] [--chapter NN ...] [--timeout <seconds>]
  <submission> is laid out like the repository (chapters/chapter-NN/*.ts); only its exercise
  files are used. Reports go to grade-report/ unless --out says otherwise.`;

function main(argv: readonly string[]): number {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      dir: { type: 'string' },
      out: { type: 'string' },
      chapter: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      'keep-workspace': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"\n${USAGE}`);
  if (values.dir === undefined) throw new UsageError(`--dir <submission> is required\n${USAGE}`);
  const course = loadCourse();
  const chapters = values.chapter?.map((name) => findChapter(course, name));
  const timeoutSeconds = integerOption(values.timeout, '--timeout', USAGE) ?? 600;
  console.log(pc.dim(`grading ${values.dir} in an isolated copy of the course...`));
  const report = gradeSubmission({
    courseRoot: repoRoot,
    submission: path.resolve(values.dir),
    chapters,
    timeoutMs: timeoutSeconds * 1000,
    keepWorkspace: values['keep-workspace'],
  });
  const shown = { ...report, submission: values.dir };
  for (const chapter of shown.chapters) {
    const missing = chapter.missingFiles.length > 0 ? pc.yellow(` (missing: ${chapter.missingFiles.join(', ')})`) : '';
    console.log(`${pc.bold(chapter.id)}  ${chapter.done}/${chapter.total} exercises done${missing}`);
    for (const task of chapter.tasks) {
      const mark = task.status === 'done' ? pc.green('✔') : task.status === 'failing' ? pc.red('✘') : pc.dim('○');
      console.log(`  ${mark} ${task.id.padEnd(5)} ${task.name.padEnd(22)} ${task.status} (${task.passed}/${task.total} tests)`);
    }
    for (const error of chapter.errors) console.log(pc.red(`  ${error.split('\n')[0]}`));
  }
  if (shown.failure !== null) console.log(pc.red(`no results: ${shown.failure}`));
  const outDir = path.resolve(values.out ?? 'grade-report');
  const files = writeReports(shown, outDir);
  console.log(`score: ${shown.done} of ${shown.total} exercises`);
  const shownPath = (file: string) => (path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file));
  console.log(`reports: ${files.map(shownPath).join(', ')}`);
  return 0;
}

runCli(main);
