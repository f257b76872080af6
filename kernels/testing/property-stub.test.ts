import fc from 'fast-check';
import { NotImplementedError } from '../not-implemented';
import { assertProperty } from './property';

describe('assertProperty', () => {
  test('lets a stub\'s NotImplementedError through unchanged, so the task reads as not started', () => {
    const stub = (): number => {
      throw new NotImplementedError('6.1', 'stochasticEpoch', 'chapters/chapter-06/README.md#exercise-6-1');
    };
    expect(() => assertProperty(fc.property(fc.integer(), () => stub() === 0))).toThrow(NotImplementedError);
  });

  test('reports an ordinary failure with the counterexample and the replay seed', () => {
    expect(() => assertProperty(fc.property(fc.integer(), (n) => n < 10), { label: 'small' })).toThrow(
      /^small: [\s\S]*Replay it with FC_SEED=-?\d+/,
    );
  });
});
