import fc from 'fast-check';
import { assertProperty } from '../../kernels/testing';
import { squaredError } from './error';
import { book, moderate, runs } from './gradient.fixtures';

describe('task 4.1 squaredError', () => {
  it('reproduces the book\'s first error: prediction 0.25 (0.5 * 0.5) against goal 0.8 prints 0.3025', () => {
    expect(book(squaredError(0.5 * 0.5, 0.8))).toBe('0.3025');
  });

  it('reproduces the hot-and-cold panel: prediction 0.85 against goal 1 is 0.0225 (the figure rounds it to .023)', () => {
    expect(squaredError(0.85, 1)).toBeCloseTo(0.0225, 15);
  });

  it('is the square of the miss, never negative, and 0 only for a perfect prediction', () => {
    assertProperty(
      fc.property(moderate(-100, 100), moderate(-100, 100), (prediction, goalPred) => {
        const error = squaredError(prediction, goalPred);
        const miss = prediction - goalPred;
        expect(error).toBeGreaterThanOrEqual(0);
        expect(error).toBeCloseTo(miss * miss, 9);
      }),
      runs,
    );
  });

  it('is 0 for a perfect prediction and positive for any miss', () => {
    assertProperty(
      fc.property(moderate(-100, 100), moderate(1e-6, 100), fc.boolean(), (goalPred, size, above) => {
        expect(squaredError(goalPred, goalPred)).toBe(0);
        expect(squaredError(above ? goalPred + size : goalPred - size, goalPred)).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('costs a miss above and a miss below the goal the same (the archer\'s inch)', () => {
    assertProperty(
      fc.property(moderate(-100, 100), moderate(-100, 100), (goalPred, miss) => {
        expect(squaredError(goalPred + miss, goalPred)).toBeCloseTo(squaredError(goalPred - miss, goalPred), 9);
      }),
      runs,
    );
  });

  it('grows misses bigger than 1 and shrinks misses smaller than 1', () => {
    assertProperty(
      fc.property(moderate(-10, 10), moderate(0.01, 0.99), moderate(1.01, 50), (goalPred, small, big) => {
        expect(squaredError(goalPred + small, goalPred)).toBeLessThan(small);
        expect(squaredError(goalPred + big, goalPred)).toBeGreaterThan(big);
      }),
      runs,
    );
  });
});
