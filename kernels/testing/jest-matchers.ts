/**
 * Optional jest matchers over the closeness checks. Register once in a test file:
 *
 * @example
 * import { closeMatchers } from '../../kernels/testing/jest-matchers';
 * expect.extend(closeMatchers);
 * expect(layer1).toBeAllClose([[0.1, 0.2]], { rtol: 1e-6 });
 */
import { expectClose, type CloseOptions, type Numeric } from './close';

declare global {
  // jest's own typing for custom matchers lives in this namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** Passes when the value is elementwise close to `expected` (see expectClose). */
      toBeAllClose(expected: Numeric, options?: CloseOptions): R;
    }
  }
}

/** The matchers object to pass to `expect.extend`. */
export const closeMatchers = {
  toBeAllClose(received: Numeric, expected: Numeric, options?: CloseOptions): { pass: boolean; message: () => string } {
    try {
      expectClose(received, expected, options);
      return { pass: true, message: () => 'expected the values not to be close, but they are' };
    } catch (e) {
      return { pass: false, message: () => (e as Error).message };
    }
  },
};
