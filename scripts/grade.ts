/**
 * npm run grade -- --dir <submission> | --class <folder>  [--out <report-dir>] [--chapter NN ...]
 *
 * Runs the official chapter tests against a submission (a folder laid out like the repository),
 * or against every submission folder of a class, each in an isolated copy of the course under
 * Node's permission model, and writes report.md, report.json and junit.xml per submission (and a
 * class table as class.md and class.csv). Submissions are only read.
 */
import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { UsageError, findChapter, loadCourse, repoRoot } from './lib/course';
import { defineTool, integerOption, secondsOption } from './lib/cli';
import { DEFAULT_HANG_LIMIT_S } from './lib/chapter-run';
import { type GradeReport, gradeSubmission, writeReports } from './lib/grade';
import { classCsv, classMarkdown, submissionsIn } from './lib/class-grade';

const USAGE = `usage: npm run grade -- --dir <submission> [options]
       npm run grade -- --class <folder> [options]
  <submission> is laid out like the repository (chapters/chapter-NN/*.ts); only its exercise
  files are used. With --class, every folder inside <folder> is one student's submission.
  --out <dir>           where the reports go (default grade-report/)
  --chapter NN          grade only this chapter (repeatable)
  --hang-limit <s>      stop a test that runs this many seconds (default ${DEFAULT_HANG_LIMIT_S})
  --memory <MB>         memory cap of a submission's test process (default 2048)
  --keep-workspace      keep the isolated copy (to debug a grade)`;

const STATUS_MARK: Record<string, string> = { done: pc.green('✔'), failing: pc.red('✘'), hang: pc.red('✘'), 'does not compile': pc.red('✘') };

function printReport(report: GradeReport, name: string): void {
  for (const chapter of report.chapters) {
    const missing = chapter.missingFiles.length > 0 ? pc.yellow(` (missing: ${chapter.missingFiles.join(', ')})`) : '';
    console.log(`${pc.bold(name)}  ${chapter.id}  ${chapter.done}/${chapter.total} exercises done${missing}`);
    for (const task of chapter.tasks) {
      const mark = STATUS_MARK[task.status] ?? pc.dim('○');
      const detail = task.status === 'hang' || task.status === 'does not compile' || task.status === 'missing file' || task.status === 'could not run'
        ? `: ${task.failures[0]?.split('\n')[0] ?? ''}`
        : ` (${task.passed}/${task.total} tests)`;
      console.log(`  ${mark} ${task.id.padEnd(5)} ${task.name.padEnd(22)} ${task.status}${detail}${task.sandboxViolation ? pc.yellow(' [blocked by the sandbox]') : ''}`);
    }
    for (const error of chapter.compileErrors) console.log(pc.red(error.split('\n').map((line) => `    ${line}`).join('\n')));
  }
  if (report.failure !== null) console.log(pc.red(`the grader could not grade everything (not the student's fault): ${report.failure}`));
}

defineTool({
  usage: USAGE,
  options: {
    dir: { type: 'string' },
    class: { type: 'string' },
    out: { type: 'string' },
    chapter: { type: 'string', multiple: true },
    'hang-limit': { type: 'string' },
    memory: { type: 'string' },
    'keep-workspace': { type: 'boolean', default: false },
  },
  async main({ values }) {
    if ((values.dir === undefined) === (values.class === undefined)) throw new UsageError(`give --dir <submission> or --class <folder>\n${USAGE}`);
    const course = loadCourse();
    const chapters = values.chapter?.map((name) => findChapter(course, name));
    const hangLimit = secondsOption(values['hang-limit'], '--hang-limit', USAGE) ?? DEFAULT_HANG_LIMIT_S;
    const memoryMb = integerOption(values.memory, '--memory', USAGE);
    const outDir = path.resolve(values.out ?? 'grade-report');
    const shownPath = (file: string) => (path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file));
    const grade = (submission: string) =>
      gradeSubmission({
        courseRoot: repoRoot,
        submission: path.resolve(submission),
        chapters,
        hangLimitMs: hangLimit * 1000,
        memoryMb,
        keepWorkspace: values['keep-workspace'],
      });
    if (values.dir !== undefined) {
      console.log(pc.dim(`grading ${values.dir} in an isolated copy of the course...`));
      const report = { ...(await grade(values.dir)), submission: values.dir };
      printReport(report, path.basename(path.resolve(values.dir)));
      const files = writeReports(report, outDir);
      console.log(`score: ${report.done} of ${report.total} exercises`);
      console.log(`reports: ${files.map(shownPath).join(', ')}`);
      return report.failure === null ? 0 : 1;
    }
    const classFolder = values.class ?? '';
    const students = submissionsIn(path.resolve(classFolder));
    if (students.length === 0) throw new UsageError(`--class ${classFolder}: no submission folders in it`);
    const reports: Array<{ student: string; report: GradeReport }> = [];
    for (const student of students) {
      console.log(pc.dim(`grading ${student} (${reports.length + 1} of ${students.length})...`));
      let report: GradeReport;
      try {
        report = { ...(await grade(path.join(classFolder, student))), submission: path.join(classFolder, student) };
      } catch (error) {
        // One unreadable submission must not stop the class: it gets a report that says why.
        report = { course: course.title, submission: path.join(classFolder, student), gradedAt: new Date().toISOString(), chapters: [], done: 0, total: 0, failure: (error as Error).message };
      }
      printReport(report, student);
      writeReports(report, path.join(outDir, student));
      reports.push({ student, report });
    }
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'class.md'), classMarkdown(reports));
    fs.writeFileSync(path.join(outDir, 'class.csv'), classCsv(reports));
    console.log('');
    console.log(classMarkdown(reports).trimEnd());
    console.log(`\nclass table: ${shownPath(path.join(outDir, 'class.md'))}, ${shownPath(path.join(outDir, 'class.csv'))}; each student's reports in ${shownPath(outDir)}/<student>/`);
    const failed = reports.filter(({ report }) => report.failure !== null);
    if (failed.length > 0) {
      console.error(pc.red(`could not grade everything of: ${failed.map(({ student, report }) => `${student} (${report.failure})`).join('; ')}`));
      return 1;
    }
    return 0;
  },
});
