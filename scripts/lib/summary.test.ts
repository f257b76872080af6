import type { Chapter } from './course';
import { type AssertionLike, summarizeChapter, summarizeProgram } from './results';
import { formatChapterSummary } from './summary';

const CHAPTER: Chapter = {
  number: 5,
  id: 'chapter-05',
  title: 'fixture',
  status: 'ready',
  program: 'program.ts',
  tasks: [
    { id: '5.1', name: 'multiInputStep', file: 'gradient-descent.ts', title: 'a step', anchor: 'exercise-5-1', readme: 'chapters/chapter-05/README.md#exercise-5-1' },
  ],
};

function assertion(describe: string, status: 'passed' | 'failed', message = 'expected 1, got 2'): AssertionLike {
  return { ancestorTitles: [describe], title: 'a test', status, failureMessages: status === 'failed' ? [message] : [] };
}

/** The summary without colours. */
function summary(assertions: readonly AssertionLike[]): string[] {
  const plain = (line: string) => line.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
  return formatChapterSummary(CHAPTER, summarizeChapter(CHAPTER, assertions), { program: summarizeProgram(assertions) }).map(plain);
}

describe('the chapter program in the summary', () => {
  test('a failing program test gets its own line, is never counted as an exercise, and the chapter is not complete', () => {
    const lines = summary([assertion('task 5.1 multiInputStep', 'passed'), assertion('chapter 5 program', 'failed')]);
    expect(lines).toContain('  ✔ 5.1   multiInputStep  done (1 test)');
    expect(lines).toContain("  ✘ program.ts  the chapter's program  failing: 1 of 1 tests");
    expect(lines.join('\n')).not.toMatch(/Chapter complete/);
  });

  test('a passing program test shows as done, and the chapter is complete', () => {
    const lines = summary([assertion('task 5.1 multiInputStep', 'passed'), assertion('chapter 5 program', 'passed')]);
    expect(lines).toContain("  ✔ program.ts  the chapter's program  done (1 test)");
    expect(lines.at(-1)).toMatch(/1 of 1 tasks done\. Chapter complete!/);
  });

  test('a program test that only hits a stub waits on that exercise', () => {
    const stub = 'NotImplementedError: task 5.1 multiInputStep is not implemented yet: see chapters/chapter-05/README.md';
    const result = summarizeProgram([assertion('chapter 5 program', 'failed', stub)]);
    expect(result).toEqual({ passed: 0, failed: 1, total: 1, waitingOn: '5.1' });
  });

  test('a chapter whose tests are all tagged has no program line', () => {
    expect(summarizeProgram([assertion('task 5.1 multiInputStep', 'failed')])).toBeUndefined();
    expect(summary([assertion('task 5.1 multiInputStep', 'passed')]).join('\n')).not.toMatch(/program/);
  });
});
