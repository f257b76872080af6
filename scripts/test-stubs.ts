/**
 * npm run test:stubs — every chapter test must fail on the pristine stubs, and fail because the
 * exercise throws NotImplementedError. A test that passes on a stub asserts nothing about the
 * exercise; a test that fails for another reason (a crash in a fixture, a typo) would greet the
 * learner with a confusing error. Both are listed, and the command fails.
 *
 * The stubs are generated fresh into .stubs/ (the learner's own files are never used), and the
 * course resolver serves them to the tests (COURSE_TARGET=stubs).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pc from 'picocolors';
import { repoRoot } from './lib/course';
import { notImplementedTask } from './lib/results';
import { runChapterTests } from './lib/run-jest';
import { defineTool } from './lib/cli';

defineTool({
  usage: `usage: npm run test:stubs
  Runs every chapter test on freshly generated stubs: each must fail with NotImplementedError.`,
  options: {},
  main() {
    const generate = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/stubs.ts', '--out', '.stubs'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    if (generate.status !== 0) return generate.status ?? 1;

    const run = runChapterTests('stubs', [], [], { reporter: 'silent' });
    if (run.json === null) {
      console.error(pc.red('test:stubs: jest produced no results'));
      return 1;
    }
    const passing: string[] = [];
    const wrongReason: string[] = [];
    let expected = 0;
    for (const file of run.json.testResults) {
      const relative = path.relative(repoRoot, file.name);
      if (file.assertionResults.length === 0 && file.status === 'failed') {
        wrongReason.push(`${relative}: the file could not run: ${file.message.split('\n').find((line) => line.trim()) ?? ''}`);
        continue;
      }
      for (const assertion of file.assertionResults) {
        const name = `${relative} › ${[...assertion.ancestorTitles, assertion.title].join(' › ')}`;
        if (assertion.status === 'passed') passing.push(name);
        else if (assertion.status !== 'failed') passing.push(`${name} (${assertion.status})`);
        else if (notImplementedTask(assertion) === undefined) {
          const firstLine = assertion.failureMessages.join('\n').split('\n').find((line) => line.trim()) ?? '';
          wrongReason.push(`${name}: ${firstLine.trim()}`);
        } else expected++;
      }
    }
    if (passing.length > 0) {
      console.error(pc.red(`\n${passing.length} test(s) pass on the stubs, so they check nothing about the exercise:`));
      for (const name of passing) console.error(`  ${name}`);
    }
    if (wrongReason.length > 0) {
      console.error(pc.red(`\n${wrongReason.length} test(s) fail on the stubs for a reason other than NotImplementedError:`));
      for (const name of wrongReason) console.error(`  ${name}`);
    }
    const bad = passing.length + wrongReason.length;
    console.log(`test:stubs: ${expected} tests fail on the stubs with NotImplementedError, as they should; ${bad} do not`);
    console.log(`${expected} passed, ${bad} failed`);
    return bad === 0 ? 0 : 1;
  },
});
