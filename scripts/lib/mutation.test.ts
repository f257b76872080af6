import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Chapter } from './course';
import { type StrykerMutant, type StrykerReport, mutatePatterns, scoreOf, scoresByTask, solutionRegions } from './mutation';
import { renderScoresTable, scoresTable, writeScores } from './mutation-record';

const SOLUTION = [
  '/** Exercise 7.1 */',
  'export function double(x: number): number {',
  '  // #region solution 7.1',
  '  return 2 * x;',
  '  // #endregion',
  '}',
  '',
  'export function shift(x: number): number {',
  '  // #region solution 7.2',
  '  const y = x + 1;',
  '  return y;',
  '  // #endregion',
  '}',
  '',
].join('\n');

const CHAPTER: Chapter = { number: 7, id: 'chapter-07', title: 'fixture', status: 'ready', program: null, tasks: [] };

function fixtureRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-'));
  fs.mkdirSync(path.join(root, 'solutions', 'chapter-07'), { recursive: true });
  fs.writeFileSync(path.join(root, 'solutions', 'chapter-07', 'tiny.ts'), SOLUTION);
  return root;
}

function mutant(id: string, line: number, status: StrykerMutant['status']): StrykerMutant {
  return { id, mutatorName: 'ArithmeticOperator', replacement: 'x - 1', status, location: { start: { line, column: 3 }, end: { line, column: 10 } } };
}

describe('solution regions as StrykerJS mutate ranges', () => {
  it('covers exactly the bodies between the markers', () => {
    const root = fixtureRoot();
    const regions = solutionRegions(CHAPTER, root);
    expect(regions).toEqual([
      { taskId: '7.1', file: 'solutions/chapter-07/tiny.ts', firstLine: 4, lastLine: 4 },
      { taskId: '7.2', file: 'solutions/chapter-07/tiny.ts', firstLine: 10, lastLine: 11 },
    ]);
    expect(mutatePatterns(regions)).toEqual(['solutions/chapter-07/tiny.ts:4-4', 'solutions/chapter-07/tiny.ts:10-11']);
  });
});

describe('scores per exercise', () => {
  it('counts timeouts as killed, leaves invalid mutants out, and lists survivors with their line', () => {
    const root = fixtureRoot();
    const regions = solutionRegions(CHAPTER, root);
    const report: StrykerReport = {
      files: {
        'solutions/chapter-07/tiny.ts': {
          mutants: [
            mutant('1', 4, 'Killed'),
            mutant('2', 4, 'Timeout'),
            mutant('3', 4, 'CompileError'),
            mutant('4', 10, 'Killed'),
            mutant('5', 11, 'Survived'),
            mutant('6', 11, 'NoCoverage'),
          ],
        },
      },
    };
    const { tasks, survivors } = scoresByTask(report, regions, root);
    expect(tasks).toEqual([
      { taskId: '7.1', killed: 2, survived: 0, noCoverage: 0, invalid: 1 },
      { taskId: '7.2', killed: 1, survived: 1, noCoverage: 1, invalid: 0 },
    ]);
    expect(scoreOf(tasks[0])).toBe(100);
    expect(scoreOf(tasks[1])).toBeCloseTo(100 / 3, 12);
    expect(survivors.map((survivor) => `${survivor.taskId} line ${survivor.line} ${survivor.status}`)).toEqual(['7.2 line 11 Survived', '7.2 line 11 NoCoverage']);
  });

  it('has no score for an exercise without mutants', () => {
    expect(scoreOf({ killed: 0, survived: 0, noCoverage: 0 })).toBeNull();
  });
});

describe('the recorded table', () => {
  it('names the chapter score and the weakest exercise, between the markers only', () => {
    const scores = {
      'chapter-07': {
        chapter: 'chapter-07',
        seconds: 61,
        measured: '2026-12-01, 2 cores, load 1.00 / 1.00 / 1.00',
        tasks: [
          { taskId: '7.1', killed: 9, survived: 1, noCoverage: 0, invalid: 0 },
          { taskId: '7.2', killed: 10, survived: 0, noCoverage: 0, invalid: 2 },
        ],
        survivors: [],
      },
    };
    expect(scoresTable(scores)).toContain('| chapter-07 | 20 | 95.0% | 7.1: 90.0% | 0 | 61 s |');
    const page = 'intro\n<!-- mutation-scores:start -->\nold\n<!-- mutation-scores:end -->\nafter\n';
    const rendered = renderScoresTable(page, scores);
    expect(rendered.startsWith('intro\n<!-- mutation-scores:start -->\n| chapter |')).toBe(true);
    expect(rendered.endsWith('<!-- mutation-scores:end -->\nafter\n')).toBe(true);
    expect(rendered).not.toContain('old');
  });

  it('an incremental rerun updates the scores and keeps the wall time of the full run before it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-scores-')), 'scores.json');
    const full = { chapter: 'chapter-07', seconds: 900, tasks: [{ taskId: '7.1', killed: 9, survived: 1, noCoverage: 0, invalid: 0 }], survivors: [] };
    const first = writeScores({}, [full], file);
    const rerun = { ...full, seconds: 40, incremental: true, tasks: [{ taskId: '7.1', killed: 10, survived: 0, noCoverage: 0, invalid: 0 }] };
    const second = writeScores(first, [rerun], file);
    expect(second['chapter-07'].seconds).toBe(900);
    expect(second['chapter-07'].measured).toBe(first['chapter-07'].measured);
    expect(scoresTable(second)).toContain('| chapter-07 | 10 | 100.0% | 7.1: 100.0% | 0 | 900 s |');
    // With no full run on record, the rerun's time is shown for what it is.
    expect(scoresTable(writeScores({}, [rerun], file))).toContain('| 40 s (incremental rerun) |');
  });
});
