// @ts-check
/**
 * The test environment of the chapter tests: jest's node environment, plus a line in the file
 * named by COURSE_EVENTS_FILE each time a test file is set up and each time a test starts or
 * ends. The lines are written synchronously from the process that runs the test, so when a
 * learner's endless loop blocks that process, the course's test supervisor (scripts/lib/supervise.ts)
 * still knows which test it is stuck in, stops it, and reruns the file without that task.
 * Without COURSE_EVENTS_FILE (plain `npx jest`) it is jest's node environment unchanged.
 */
const fs = require('node:fs');
const NodeEnvironment = require('jest-environment-node').TestEnvironment;

/** @param {any} test the circus test or describe block @returns {string[]} its titles, outermost first */
function titles(test) {
  const names = [];
  for (let block = test; block && block.parent; block = block.parent) names.unshift(block.name);
  return names;
}

class CourseEnvironment extends NodeEnvironment {
  /** @param {any} config @param {any} context */
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.eventsFile = process.env.COURSE_EVENTS_FILE;
  }

  /** @param {Record<string, unknown>} event */
  send(event) {
    if (!this.eventsFile) return;
    fs.appendFileSync(this.eventsFile, `${JSON.stringify({ ...event, file: this.testPath, at: Date.now() })}\n`);
  }

  async setup() {
    this.send({ type: 'file-start' });
    await super.setup();
  }

  /** @param {any} event */
  handleTestEvent(event) {
    if (event.name === 'test_start') this.send({ type: 'test-start', titles: titles(event.test) });
    else if (event.name === 'test_done') this.send({ type: 'test-done', titles: titles(event.test) });
  }
}

module.exports = CourseEnvironment;
