/**
 * Runs the chapter tests through jest for one target (the learner's files, the solutions or
 * fresh stubs) and returns jest's JSON results.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { JestJson } from './results';
import { repoRoot } from './course';

export type Target = 'learner' | 'solutions' | 'stubs';

export interface JestRun {
  readonly exitCode: number;
  readonly json: JestJson | null;
}

/**
 * @param testPathPatterns regexes of test paths (e.g. "chapters/chapter-03/"); empty runs every chapter
 * @param extraArgs passed to jest unchanged (e.g. ["-t", "3.2"])
 */
export function runChapterTests(
  target: Target,
  testPathPatterns: readonly string[],
  extraArgs: readonly string[] = [],
  options: { root?: string; reporter?: 'course' | 'silent'; outputFile?: string; timeoutMs?: number } = {},
): JestRun {
  const root = options.root ?? repoRoot;
  const outputFile = options.outputFile ?? path.join(root, '.course', `last-run-${target}.json`);
  fs.mkdirSync(path.dirname(outputFile), { recursive: true });
  fs.rmSync(outputFile, { force: true });
  const jestBin = require.resolve('jest/bin/jest', { paths: [root] });
  const reporter = options.reporter === 'silent'
    ? path.join(repoRoot, 'scripts', 'jest', 'silent-reporter.cjs')
    : path.join(repoRoot, 'scripts', 'jest', 'course-reporter.cjs');
  const args = [
    jestBin,
    '--selectProjects', 'chapters',
    `--reporters=${reporter}`,
    '--json', `--outputFile=${outputFile}`,
    '--passWithNoTests',
    ...(testPathPatterns.length > 0 ? ['--testPathPatterns', ...testPathPatterns] : []),
    ...extraArgs,
  ];
  const env = { ...process.env };
  if (target === 'learner') delete env.COURSE_TARGET;
  else env.COURSE_TARGET = target;
  const child = spawnSync(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['inherit', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
  });
  // jest announces the selected project and the JSON file on stderr; everything else is kept.
  const stderr = (child.stderr ?? '')
    .split('\n')
    .filter((line) => !/^(Running one project: |Test results written to: )/.test(line))
    .join('\n');
  if (stderr.trim() !== '') process.stderr.write(stderr.endsWith('\n') ? stderr : `${stderr}\n`);
  const json = fs.existsSync(outputFile)
    ? (JSON.parse(fs.readFileSync(outputFile, 'utf8')) as JestJson)
    : null;
  return { exitCode: child.status ?? 1, json };
}
