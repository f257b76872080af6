/** The class table of `npm run grade -- --class`: one row per student, one column per exercise. */
import fs from 'node:fs';
import type { GradeReport } from './grade';
import type { TaskStatus } from './results';

/** The submission folders of a class folder (every visible sub-folder), sorted. */
export function submissionsIn(classFolder: string): string[] {
  if (!fs.existsSync(classFolder) || !fs.statSync(classFolder).isDirectory()) return [];
  return fs
    .readdirSync(classFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

const CELL: Record<TaskStatus, string> = {
  done: 'done',
  failing: 'failing',
  'not started': 'not started',
  waiting: 'not started',
  'no tests': 'no tests',
  hang: 'hang',
  'does not compile': 'does not compile',
  'missing file': 'missing file',
  'could not run': 'could not run',
};

interface Row {
  readonly student: string;
  readonly report: GradeReport;
}

function taskColumns(rows: readonly Row[]): string[] {
  const ids: string[] = [];
  for (const { report } of rows) {
    for (const chapter of report.chapters) for (const task of chapter.tasks) if (!ids.includes(task.id)) ids.push(task.id);
  }
  const key = (id: string) => id.split('.').map(Number);
  return ids.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
}

function cells(row: Row, ids: readonly string[]): string[] {
  const statuses = new Map(row.report.chapters.flatMap((chapter) => chapter.tasks.map((task) => [task.id, task] as const)));
  return ids.map((id) => {
    const task = statuses.get(id);
    if (task === undefined) return '-';
    return `${CELL[task.status]}${task.sandboxViolation ? ' (blocked)' : ''}`;
  });
}

/** class.md: student × task, with each student's score. */
export function classMarkdown(rows: readonly Row[]): string {
  const ids = taskColumns(rows);
  const lines = [
    '| student | score | ' + ids.join(' | ') + ' |',
    '| --- | --- | ' + ids.map(() => '---').join(' | ') + ' |',
  ];
  for (const row of rows) {
    const score = row.report.failure !== null && row.report.total === 0 ? `not graded: ${row.report.failure}` : `${row.report.done}/${row.report.total}`;
    lines.push(`| ${row.student} | ${score} | ${cells(row, ids).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** class.csv: the same table for a spreadsheet. */
export function classCsv(rows: readonly Row[]): string {
  const ids = taskColumns(rows);
  const lines = [['student', 'done', 'total', ...ids].map(csvField).join(',')];
  for (const row of rows) {
    lines.push([row.student, String(row.report.done), String(row.report.total), ...cells(row, ids)].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

