/**
 * The recorded mutation scores: docs/mutation-scores.json (what the last `--record` run
 * measured, per chapter) and the generated table in docs/mutation.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './course';
import { type Survivor, type TaskScore, scoreOf } from './mutation';

export interface RecordedChapter {
  readonly chapter: string;
  readonly seconds: number;
  readonly tasks: readonly TaskScore[];
  readonly survivors: readonly Survivor[];
  /** When and where it was measured (date, cores, load average at the end). */
  readonly measured?: string;
  /**
   * True when the run reused StrykerJS's incremental cache of an earlier run, so `seconds` is
   * only the time to retest what changed, not the chapter's full run.
   */
  readonly incremental?: boolean;
}

export type RecordedScores = Record<string, RecordedChapter>;

const scoresFile = path.join(repoRoot, 'docs', 'mutation-scores.json');
const TABLE_START = '<!-- mutation-scores:start -->';
const TABLE_END = '<!-- mutation-scores:end -->';

export function readScores(file: string = scoresFile): RecordedScores {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as RecordedScores) : {};
}

/** Merges newly measured chapters into the recorded ones and writes the file; returns the merge. */
export function writeScores(previous: RecordedScores, measured: readonly RecordedChapter[], file: string = scoresFile): RecordedScores {
  const load = os.loadavg().map((value) => value.toFixed(2)).join(' / ');
  const stamp = `${new Date().toISOString().slice(0, 10)}, ${os.availableParallelism()} cores, load ${load}`;
  const merged: RecordedScores = { ...previous };
  for (const chapter of measured) {
    const before = previous[chapter.chapter];
    // An incremental rerun updates the scores but keeps the wall time of the full run before it.
    merged[chapter.chapter] =
      chapter.incremental && before !== undefined && !before.incremental
        ? { ...chapter, seconds: before.seconds, measured: before.measured, incremental: false }
        : { ...chapter, measured: stamp };
  }
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
  return sorted;
}

function percent(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(1)}%`;
}

/** The per-chapter table (chapter score, weakest exercise, survivors, wall time). */
export function scoresTable(scores: RecordedScores): string {
  const rows = Object.values(scores).map((chapter) => {
    const total = chapter.tasks.reduce((sum, task) => ({ killed: sum.killed + task.killed, survived: sum.survived + task.survived, noCoverage: sum.noCoverage + task.noCoverage }), { killed: 0, survived: 0, noCoverage: 0 });
    const weakest = chapter.tasks
      .map((task) => ({ id: task.taskId, score: scoreOf(task) }))
      .filter((task): task is { id: string; score: number } => task.score !== null)
      .sort((a, b) => a.score - b.score)[0];
    const mutants = total.killed + total.survived + total.noCoverage;
    return `| ${chapter.chapter} | ${mutants} | ${percent(scoreOf(total))} | ${weakest === undefined ? '–' : `${weakest.id}: ${percent(weakest.score)}`} | ${chapter.survivors.length} | ${chapter.seconds} s${chapter.incremental ? ' (incremental rerun)' : ''} | ${chapter.measured ?? ''} |`;
  });
  return ['| chapter | mutants | score | weakest exercise | survivors | wall time | measured |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Replaces the generated table between its markers in docs/mutation.md. */
export function renderScoresTable(markdown: string, scores: RecordedScores): string {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`docs/mutation.md has no ${TABLE_START} ... ${TABLE_END} block`);
  return `${markdown.slice(0, start + TABLE_START.length)}\n${scoresTable(scores)}\n${markdown.slice(end)}`;
}
