// @ts-check
/**
 * Jest resolver for the chapter tests: the two test targets of the course.
 *
 * Chapter tests import the learner's code by relative path (`./forward`). That is the default
 * target. With COURSE_TARGET=solutions every non-test module under chapters/<ch>/ is served from
 * solutions/<ch>/ instead; with COURSE_TARGET=stubs it is served from .stubs/<ch>/, where
 * `npm run test:stubs` writes freshly generated stubs. Files named *.fixtures.ts are test support
 * and are never redirected.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const chaptersDir = path.join(root, 'chapters');
const targetDirs = { solutions: 'solutions', stubs: '.stubs' };

/** @param {string} request @param {any} options */
module.exports = function courseResolver(request, options) {
  const resolved = options.defaultResolver(request, options);
  const target = process.env.COURSE_TARGET;
  if (!target || target === 'learner') return resolved;
  const dirName = targetDirs[/** @type {'solutions'|'stubs'} */ (target)];
  if (!dirName) {
    throw new Error(`COURSE_TARGET must be "learner", "solutions" or "stubs", not "${target}"`);
  }
  const relative = path.relative(chaptersDir, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return resolved;
  if (/\.test\.ts$/.test(relative) || /\.fixtures\.ts$/.test(relative)) return resolved;
  const mapped = path.join(root, dirName, relative);
  if (!fs.existsSync(mapped)) {
    throw new Error(
      `course resolver: chapters/${relative} has no counterpart ${dirName}/${relative} ` +
        `(run "npm run stubs" after adding a solution file)`,
    );
  }
  return mapped;
};
