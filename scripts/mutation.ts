/**
 * npm run test:mutation -- <chapter ...> | --all  [--concurrency N] [--record]
 *
 * Mutation testing with StrykerJS: mutates only the solution regions of a chapter (the code a
 * learner writes), runs that chapter's tests against the reference solutions for each mutant,
 * and reports the mutation score per exercise with every surviving mutant. Slow (minutes per
 * chapter), so it is not part of `npm run verify`. --record stores the scores in
 * docs/mutation-scores.json and rewrites the table in docs/mutation.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import type { PartialStrykerOptions } from '@stryker-mutator/api/core';
import { MUTATION_RUN_ENV } from '../kernels/testing/property';
import { defineTool, integerOption } from './lib/cli';
import { type Chapter, UsageError, findChapter, loadCourse, readyChapters, repoRoot } from './lib/course';
import { type StrykerReport, type Survivor, type TaskScore, mutatePatterns, scoreOf, scoresByTask, solutionRegions } from './lib/mutation';
import { type RecordedChapter, readScores, renderScoresTable, writeScores } from './lib/mutation-record';

const USAGE = `usage: npm run test:mutation -- <chapter ...> [options]
       npm run test:mutation -- --all [options]
  Mutates the solution regions of each chapter and runs its tests on every mutant.
  --concurrency N   test processes at once (default: the number of cores)
  --record          store the scores in docs/mutation-scores.json and docs/mutation.md
  --fresh           ignore the incremental cache in reports/mutation/`;

const reportsDir = path.join(repoRoot, 'reports', 'mutation');

/** The jest configuration of one chapter's tests, as `npm test` runs them on the solutions. */
function chapterJestConfig(chapter: Chapter): Record<string, unknown> {
  return {
    rootDir: '.',
    roots: [`<rootDir>/chapters/${chapter.id}`],
    testMatch: ['**/*.test.ts'],
    transform: { '^.+\\.m?tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
    moduleFileExtensions: ['ts', 'mts', 'js', 'mjs', 'cjs', 'json'],
    resolver: '<rootDir>/scripts/jest/course-resolver.cjs',
    // StrykerJS wraps the environment and resolves it from the sandbox, where <rootDir> means nothing.
    testEnvironment: './scripts/jest/course-environment.cjs',
  };
}

function strykerOptions(chapter: Chapter, concurrency: number, fresh: boolean): PartialStrykerOptions {
  return {
    testRunner: 'jest',
    plugins: ['@stryker-mutator/jest-runner'],
    jest: { projectType: 'custom', config: chapterJestConfig(chapter), enableFindRelatedTests: false },
    mutate: mutatePatterns(solutionRegions(chapter)),
    coverageAnalysis: 'perTest',
    concurrency,
    reporters: ['json', 'progress'],
    jsonReporter: { fileName: path.join(reportsDir, `${chapter.id}.json`) },
    incremental: !fresh,
    incrementalFile: path.join(reportsDir, `${chapter.id}.incremental.json`),
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    ignorePatterns: ['docs/site', 'docs/site-screenshots', 'reports', '.course', '.backups', '.stubs', '.data', 'grade-report', 'coverage'],
    // A mutant that turns a loop endless is a killed mutant, not a stuck run.
    timeoutMS: 10_000,
    timeoutFactor: 2,
    // The first, instrumented run of every test: chapter 5's read all of MNIST and train on it,
    // which took more than StrykerJS's default 5 minutes on a shared 2-core machine.
    dryRunTimeoutMinutes: 30,
    logLevel: 'warn' as PartialStrykerOptions['logLevel'],
    fileLogLevel: 'off' as PartialStrykerOptions['fileLogLevel'],
  };
}

function printChapter(chapter: Chapter, tasks: readonly TaskScore[], survivors: readonly Survivor[], seconds: number): void {
  const all = tasks.reduce((sum, task) => ({ killed: sum.killed + task.killed, survived: sum.survived + task.survived, noCoverage: sum.noCoverage + task.noCoverage }), { killed: 0, survived: 0, noCoverage: 0 });
  const chapterScore = scoreOf(all);
  console.log(`\n${pc.bold(chapter.id)}  mutation score ${chapterScore === null ? '–' : `${chapterScore.toFixed(1)}%`}  (${all.killed} killed, ${all.survived} survived, ${all.noCoverage} untested) in ${seconds.toFixed(0)} s`);
  for (const task of tasks) {
    const score = scoreOf(task);
    const text = score === null ? '–' : `${score.toFixed(1)}%`;
    const colour = score === null || score >= 90 ? pc.green : pc.red;
    const name = chapter.tasks.find((candidate) => candidate.id === task.taskId)?.name ?? '';
    console.log(`  ${task.taskId.padEnd(5)} ${name.padEnd(24)} ${colour(text.padStart(6))}  ${task.killed}/${task.killed + task.survived + task.noCoverage}`);
  }
  for (const survivor of survivors) {
    console.log(pc.yellow(`  survived ${survivor.taskId} ${survivor.file}:${survivor.line} ${survivor.mutator}${survivor.status === 'NoCoverage' ? ' (no test reaches it)' : ''}: ${survivor.replacement.split('\n')[0].slice(0, 80)}`));
  }
}

defineTool({
  usage: USAGE,
  positionals: true,
  options: {
    all: { type: 'boolean', default: false },
    concurrency: { type: 'string' },
    record: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
  },
  async main({ values, positionals }) {
    const course = loadCourse();
    if (values.all === positionals.length > 0) throw new UsageError(`name the chapters, or give --all\n${USAGE}`);
    const chapters = values.all ? readyChapters(course) : positionals.map((name) => findChapter(course, name));
    const concurrency = integerOption(values.concurrency, '--concurrency', USAGE) ?? os.availableParallelism();
    fs.mkdirSync(reportsDir, { recursive: true });
    // The chapter tests resolve the learner's imports to solutions/ (see scripts/jest/course-resolver.cjs);
    // StrykerJS's test processes inherit this.
    process.env.COURSE_TARGET = 'solutions';
    // A failing property kills its mutant at the first counterexample, without shrinking it.
    process.env[MUTATION_RUN_ENV] = '1';
    const recorded: RecordedChapter[] = [];
    let belowGoal = 0;
    for (const chapter of chapters) {
      const regions = solutionRegions(chapter);
      if (regions.length === 0) {
        console.log(`${chapter.id}: no solution regions to mutate`);
        continue;
      }
      // With the cache of an earlier run, StrykerJS retests only what changed: not a full run's time.
      const incremental = !values.fresh && fs.existsSync(path.join(reportsDir, `${chapter.id}.incremental.json`));
      const started = Date.now();
      // StrykerJS is an ES module; this script runs as CommonJS under tsx.
      const { Stryker } = await import('@stryker-mutator/core');
      await new Stryker(strykerOptions(chapter, concurrency, values.fresh)).runMutationTest();
      const seconds = (Date.now() - started) / 1000;
      const report = JSON.parse(fs.readFileSync(path.join(reportsDir, `${chapter.id}.json`), 'utf8')) as StrykerReport;
      const { tasks, survivors } = scoresByTask(report, regions);
      printChapter(chapter, tasks, survivors, seconds);
      recorded.push({ chapter: chapter.id, seconds: Math.round(seconds), tasks, survivors, incremental });
      if (tasks.some((task) => (scoreOf(task) ?? 100) < 90)) belowGoal++;
    }
    if (values.record) {
      const scores = writeScores(readScores(), recorded);
      const docs = path.join(repoRoot, 'docs', 'mutation.md');
      fs.writeFileSync(docs, renderScoresTable(fs.readFileSync(docs, 'utf8'), scores));
      console.log(`\nrecorded in docs/mutation-scores.json and docs/mutation.md`);
    }
    return belowGoal === 0 ? 0 : 1;
  },
});
