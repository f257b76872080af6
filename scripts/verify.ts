/**
 * npm run verify — everything CI checks, in order, with the time of each step:
 * typecheck, lint, stubs up to date, kernel and tool tests, every chapter test against the
 * solutions, every chapter test failing on fresh stubs, the prose checks, the site build and
 * the site's browser tests. It runs every step even after a failure, so one run shows all
 * problems, and ends with a "N passed, N failed" line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { repoRoot } from './lib/course';
import { defineTool } from './lib/cli';
import type { JestJson } from './lib/results';

interface Step {
  readonly name: string;
  readonly command: readonly string[];
  /** A jest JSON file the step writes, for the test counts. */
  readonly jestJson?: string;
  /** Counts printed by the step itself on a line "N passed, N failed". */
  readonly countsFromOutput?: boolean;
}

/** A package's own script, by path (some packages do not export their bin files). */
const bin = (...parts: string[]): string => path.join(repoRoot, 'node_modules', ...parts);
const tsx = bin('tsx', 'dist', 'cli.mjs');
const jest = bin('jest', 'bin', 'jest.js');
const node = process.execPath;

const STEPS: readonly Step[] = [
  { name: 'typecheck', command: [node, bin('typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', command: [node, bin('eslint', 'bin', 'eslint.js'), '.'] },
  { name: 'stubs:check', command: [node, tsx, 'scripts/stubs.ts', '--check'] },
  {
    name: 'kernels and tools tests',
    command: [node, jest, '--selectProjects', 'kernels', 'scripts', '--json', '--outputFile=.course/verify-kernels.json'],
    jestJson: '.course/verify-kernels.json',
  },
  { name: 'test:solutions', command: [node, tsx, 'scripts/course-test.ts', '--target', 'solutions', '--all'], countsFromOutput: true },
  { name: 'test:stubs', command: [node, tsx, 'scripts/test-stubs.ts'], countsFromOutput: true },
  { name: 'prose:check', command: [node, tsx, 'scripts/prose-check.ts'], countsFromOutput: true },
  { name: 'docs', command: [node, tsx, 'scripts/build-site.ts'] },
  {
    name: 'test:site',
    command: [node, jest, '--selectProjects', 'site', '--json', '--outputFile=.course/verify-site.json'],
    jestJson: '.course/verify-site.json',
  },
];

interface Outcome {
  readonly step: Step;
  readonly ok: boolean;
  readonly seconds: number;
  readonly passed: number;
  readonly failed: number;
}

function countsFromText(text: string): { passed: number; failed: number } | null {
  const matches = [...text.matchAll(/^(\d+) passed, (\d+) failed\s*$/gm)];
  const last = matches.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : null;
}

function runStep(step: Step): Outcome {
  console.log(pc.bold(pc.cyan(`\n▶ ${step.name}`)));
  const started = performance.now();
  const child = spawnSync(step.command[0], step.command.slice(1), {
    cwd: repoRoot,
    stdio: step.countsFromOutput ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') },
  });
  if (step.countsFromOutput && child.stdout) process.stdout.write(child.stdout);
  const seconds = (performance.now() - started) / 1000;
  const ok = child.status === 0;
  let passed = 0;
  let failed = 0;
  if (step.jestJson && fs.existsSync(path.join(repoRoot, step.jestJson))) {
    const json = JSON.parse(fs.readFileSync(path.join(repoRoot, step.jestJson), 'utf8')) as JestJson;
    passed = json.numPassedTests;
    failed = json.numFailedTests;
  } else if (step.countsFromOutput && child.stdout) {
    const counts = countsFromText(child.stdout);
    if (counts) ({ passed, failed } = counts);
  }
  return { step, ok, seconds, passed, failed };
}

defineTool({
  usage: `usage: npm run verify
  Runs every check CI runs (typecheck, lint, stubs, tests, prose, site) and prints a summary.`,
  options: {},
  main() {
    fs.mkdirSync(path.join(repoRoot, '.course'), { recursive: true });
    const outcomes = STEPS.map(runStep);
    console.log(pc.bold('\nverify summary'));
    for (const outcome of outcomes) {
      const mark = outcome.ok ? pc.green('ok  ') : pc.red('FAIL');
      const counts = outcome.passed + outcome.failed > 0 ? `  (${outcome.passed} passed, ${outcome.failed} failed)` : '';
      console.log(`  ${mark} ${outcome.step.name.padEnd(24)} ${outcome.seconds.toFixed(1).padStart(6)} s${counts}`);
    }
    const failedSteps = outcomes.filter((outcome) => !outcome.ok).length;
    const passed = outcomes.reduce((sum, outcome) => sum + outcome.passed, 0);
    const failed = outcomes.reduce((sum, outcome) => sum + outcome.failed, 0) + failedSteps;
    const total = outcomes.reduce((sum, outcome) => sum + outcome.seconds, 0);
    console.log(failedSteps === 0 ? pc.green(`verify passed in ${total.toFixed(0)} s`) : pc.red(`verify: ${failedSteps} step(s) failed`));
    console.log(`${passed} passed, ${failed} failed`);
    return failedSteps === 0 ? 0 : 1;
  },
});
