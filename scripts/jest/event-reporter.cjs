// @ts-check
/**
 * A jest reporter that prints nothing and appends each test file's results, one JSON object a
 * line, to the file named by COURSE_EVENTS_FILE, which the course's test supervisor
 * (scripts/lib/supervise.ts) reads while jest runs. So when the supervisor has to stop jest
 * because a later file hangs, it keeps every file that had finished.
 */
const fs = require('node:fs');

/** @param {Record<string, unknown>} event */
function send(event) {
  const file = process.env.COURSE_EVENTS_FILE;
  if (file) fs.appendFileSync(file, `${JSON.stringify({ ...event, at: Date.now() })}\n`);
}

/** @param {any} a */
function assertion(a) {
  return { ancestorTitles: a.ancestorTitles, title: a.title, fullName: a.fullName, status: a.status, failureMessages: a.failureMessages };
}

class EventReporter {
  /** @param {any} _test @param {any} result */
  onTestResult(_test, result) {
    send({
      type: 'file',
      file: result.testFilePath,
      assertions: result.testResults.map(assertion),
      execError: result.testExecError ? String(result.testExecError.message ?? result.testExecError) : null,
      message: result.failureMessage ?? '',
      console: (result.console ?? []).map((/** @type {any} */ entry) => ({ type: entry.type, message: entry.message })),
    });
  }

  getLastError() {
    return undefined;
  }
}

module.exports = EventReporter;
