import fc from 'fast-check';
import { assertProperty } from '../../kernels/testing';
import { numericalDerivative } from './derivative';
import { moderate, referenceStep, relativeError, runs } from './gradient.fixtures';

describe('task 4.6 numericalDerivative', () => {
  it('finds the slope of w² at 3 (about 6)', () => {
    expect(numericalDerivative((w) => w * w, 3)).toBeCloseTo(6, 6);
  });

  it('finds the slope of the book\'s error parabola (0.5 w - 0.8)² at w = 0.5: -0.55', () => {
    expect(numericalDerivative((w) => (0.5 * w - 0.8) ** 2, 0.5)).toBeCloseTo(-0.55, 6);
  });

  it('is exact for any parabola a w² + b w + c, whatever the step h (a centered difference, not a one-sided one)', () => {
    assertProperty(
      fc.property(moderate(-5, 5), moderate(-5, 5), moderate(-5, 5), moderate(-5, 5), moderate(0.01, 2), (a, b, c, w, h) => {
        const slope = numericalDerivative((x) => a * x * x + b * x + c, w, h);
        expect(Math.abs(slope - (2 * a * w + b))).toBeLessThan(1e-9 * (1 + Math.abs(a) + Math.abs(b) + Math.abs(c)) / h + 1e-9);
      }),
      runs,
    );
  });

  it('uses the step it is given: for w³ the centered difference is exactly 3w² + h²', () => {
    assertProperty(
      fc.property(moderate(-3, 3), moderate(0.05, 1), (w, h) => {
        expect(numericalDerivative((x) => x * x * x, w, h)).toBeCloseTo(3 * w * w + h * h, 8);
      }),
      runs,
    );
  });

  it('has a small default step: the slope of sin is cos to 8 digits', () => {
    assertProperty(
      fc.property(moderate(-3, 3), (x) => {
        expect(Math.abs(numericalDerivative(Math.sin, x) - Math.cos(x))).toBeLessThan(1e-8);
      }),
      runs,
    );
  });

  it('agrees with gradient descent: the slope of the error is 2 * weightDelta', () => {
    assertProperty(
      fc.property(moderate(), moderate(), moderate(), (weight, input, goalPred) => {
        const slope = numericalDerivative((w) => (input * w - goalPred) ** 2, weight);
        const twiceWeightDelta = 2 * referenceStep(weight, input, goalPred, 1).weightDelta;
        expect(Math.abs(slope - twiceWeightDelta) <= 1e-6 || relativeError(twiceWeightDelta, slope) <= 1e-6).toBe(true);
      }),
      runs,
    );
  });

  it('refuses a step that is not positive', () => {
    expect(() => numericalDerivative((w) => w, 1, 0)).toThrow(/numericalDerivative: .*h.*0/);
    expect(() => numericalDerivative((w) => w, 1, -1e-6)).toThrow(/numericalDerivative: .*h/);
    expect(() => numericalDerivative((w) => w, 1, Number.NaN)).toThrow(/numericalDerivative: .*h/);
    // An infinite step gives Infinity - Infinity = NaN, a derivative of nothing.
    expect(() => numericalDerivative((w) => w, 1, Number.POSITIVE_INFINITY)).toThrow(/numericalDerivative: .*h.*Infinity/);
  });
});
