// @ts-check
/**
 * The jest reporter behind `npm test chapter-NN`.
 *
 * A test that fails only because its exercise still throws NotImplementedError is a task not
 * started yet, not an error: it gets no stack trace. Every other failure keeps jest's full detail
 * (diff, code frame, stack), and a test file that cannot even load is shown as jest shows it.
 * The per-task summary is printed afterwards by scripts/course-test.ts from jest's JSON results.
 */
const path = require('node:path');
const { formatResultsErrors } = require('jest-message-util');

const MARKER = 'is not implemented yet: see ';
// Colour codes, built from the escape character so the pattern has no control character in it.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** @param {string} message */
function isNotImplemented(message) {
  return message.includes('NotImplementedError') && message.includes(MARKER);
}

class CourseReporter {
  /** @param {any} globalConfig */
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
    this.rootDir = globalConfig.rootDir;
  }

  /** @param {any} test @param {any} result */
  onTestResult(test, result) {
    const file = path.relative(this.rootDir, result.testFilePath);
    const out = process.stdout;
    if (result.testExecError) {
      // The per-task summary says why (the compile error, the missing file); one line here.
      const plain = String(result.testExecError.message ?? result.testExecError).replace(ANSI, '');
      const first = plain.split('\n').find((line) => line.trim() !== '') ?? '';
      out.write(`FAIL ${file}: the test file could not run: ${first.split(this.rootDir + path.sep).join('').trim()}\n`);
      return;
    }
    /** @type {any[]} */
    const failed = result.testResults.filter((/** @type {any} */ a) => a.status === 'failed');
    const realFailures = failed.filter(
      (/** @type {any} */ a) => !a.failureMessages.every((/** @type {string} */ m) => isNotImplemented(m)),
    );
    const notStarted = failed.length - realFailures.length;
    const parts = [`${result.numPassingTests} passed`];
    if (realFailures.length > 0) parts.push(`${realFailures.length} failing`);
    if (notStarted > 0) parts.push(`${notStarted} not started`);
    if (result.numPassingTests === 0 && failed.length === 0) {
      out.write(`SKIP ${file} (no test selected)\n`);
      return;
    }
    const verdict = failed.length === 0 ? 'PASS' : realFailures.length > 0 ? 'FAIL' : 'TODO';
    out.write(`${verdict} ${file} (${parts.join(', ')})\n`);
    if (result.console && result.console.length > 0) {
      for (const entry of result.console) out.write(`  console.${entry.type}: ${entry.message}\n`);
    }
    if (realFailures.length > 0) {
      const formatted = formatResultsErrors(
        realFailures,
        test.context.config,
        { noStackTrace: false },
        result.testFilePath,
      );
      if (formatted) out.write(`${formatted}\n\n`);
    }
  }

  getLastError() {
    return undefined;
  }
}

module.exports = CourseReporter;
