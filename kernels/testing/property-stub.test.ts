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

describe('assertProperty time limit', () => {
  test('a failure whose shrinking would take minutes is reported with the counterexample reached by the limit', () => {
    // 300 values, 5 ms per call: shrinking every value to 0 one at a time would take minutes.
    const slowCheck = fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 300, maxLength: 300 }), (values) => {
      const start = Date.now();
      while (Date.now() - start < 5);
      return values.length === 0;
    });
    expect(() => assertProperty(slowCheck, { timeLimitMs: 300, seed: 3 })).toThrow(/Counterexample: \[\[/);
  });
});
