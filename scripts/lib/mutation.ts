/**
 * Mutation testing of the reference solutions: which lines to mutate (the solution regions of a
 * chapter, nothing else), and how to read StrykerJS's report back per exercise.
 *
 * The point is the course's promise that each exercise's own tests catch the mistakes made in
 * it. A mutant is one such mistake, made mechanically (a flipped sign, a dropped term, a
 * condition forced true); it is killed when a test of the chapter fails on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Chapter, repoRoot, solutionFiles } from './course';
import { parseRegions } from './regions';

/** One solution region: the lines StrykerJS may mutate, and the exercise they belong to. */
export interface RegionRange {
  readonly taskId: string;
  /** Repository-relative path, forward slashes. */
  readonly file: string;
  /** 1-based, inclusive: the body between the markers. */
  readonly firstLine: number;
  readonly lastLine: number;
}

/** The solution regions of a chapter, in file order. Empty bodies are left out. */
export function solutionRegions(chapter: Chapter, root: string = repoRoot): RegionRange[] {
  const ranges: RegionRange[] = [];
  for (const name of solutionFiles(chapter, root)) {
    const file = path.posix.join('solutions', chapter.id, name);
    const segments = parseRegions(fs.readFileSync(path.join(root, file), 'utf8'), file);
    for (const segment of segments) {
      if (segment.kind !== 'region' || segment.body.length === 0) continue;
      ranges.push({ taskId: segment.taskId, file, firstLine: segment.line + 1, lastLine: segment.line + segment.body.length });
    }
  }
  return ranges;
}

/** StrykerJS `mutate` patterns for the regions: `file:first-last` (line ranges). */
export function mutatePatterns(ranges: readonly RegionRange[]): string[] {
  return ranges.map((range) => `${range.file}:${range.firstLine}-${range.lastLine}`);
}

/** The part of StrykerJS's JSON report (mutation-testing-report-schema) that is read here. */
export interface StrykerReport {
  readonly files: Record<string, { readonly mutants: readonly StrykerMutant[] }>;
}

export interface StrykerMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: MutantStatus;
  readonly location: { readonly start: { readonly line: number; readonly column: number }; readonly end: { readonly line: number; readonly column: number } };
}

export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

/** A mutant that lived: where, what it changed, for the table of survivors. */
export interface Survivor {
  readonly taskId: string;
  readonly file: string;
  readonly line: number;
  readonly mutator: string;
  readonly replacement: string;
  readonly status: 'Survived' | 'NoCoverage';
}

/** The score of one exercise: killed (timeouts count as killed, as StrykerJS counts them). */
export interface TaskScore {
  readonly taskId: string;
  readonly killed: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Mutants that do not compile or crash before a test runs: not counted in the score. */
  readonly invalid: number;
}

/** killed / (killed + survived + no coverage), as a percentage; null when nothing was mutated. */
export function scoreOf(task: Pick<TaskScore, 'killed' | 'survived' | 'noCoverage'>): number | null {
  const total = task.killed + task.survived + task.noCoverage;
  return total === 0 ? null : (100 * task.killed) / total;
}

/** Assigns every mutant of the report to the region it lies in, and counts per exercise. */
export function scoresByTask(report: StrykerReport, ranges: readonly RegionRange[], root: string = repoRoot): { tasks: TaskScore[]; survivors: Survivor[] } {
  const counts = new Map<string, { killed: number; survived: number; noCoverage: number; invalid: number }>();
  for (const range of ranges) if (!counts.has(range.taskId)) counts.set(range.taskId, { killed: 0, survived: 0, noCoverage: 0, invalid: 0 });
  const survivors: Survivor[] = [];
  for (const [reportedFile, { mutants }] of Object.entries(report.files)) {
    const file = path.relative(root, path.resolve(root, reportedFile)).split(path.sep).join('/');
    for (const mutant of mutants) {
      const line = mutant.location.start.line;
      const range = ranges.find((candidate) => candidate.file === file && line >= candidate.firstLine && line <= candidate.lastLine);
      if (range === undefined) continue;
      const count = counts.get(range.taskId);
      if (count === undefined) continue;
      switch (mutant.status) {
        case 'Killed':
        case 'Timeout':
          count.killed++;
          break;
        case 'Survived':
        case 'NoCoverage':
          if (mutant.status === 'Survived') count.survived++;
          else count.noCoverage++;
          survivors.push({ taskId: range.taskId, file, line, mutator: mutant.mutatorName, replacement: mutant.replacement ?? '', status: mutant.status });
          break;
        case 'CompileError':
        case 'RuntimeError':
          count.invalid++;
          break;
        case 'Ignored':
        case 'Pending':
          break;
      }
    }
  }
  const tasks = [...counts.entries()].map(([taskId, count]) => ({ taskId, ...count }));
  return { tasks, survivors };
}
