import fc from 'fast-check';
import { assertProperty } from '../../kernels/testing';
import { convergenceFactor, diverges, gdStep, gdTrain } from './gradient-descent';
import {
  book, centeredDifference, errorLine, errorOfWeight, moderate, referenceStep, relativeError, runs, withFrozenOptions,
} from './gradient.fixtures';

/** A weight, input and goal whose error slope is not near 0, so a relative error is meaningful. */
const sloped = fc
  .tuple(moderate(), moderate(), moderate())
  .filter(([weight, input, goalPred]) => Math.abs(input * (input * weight - goalPred)) > 0.01);

/** Input and alpha with alpha * input² in [low, high], away from the edges of convergence. */
function inputAndAlpha(low: number, high: number): fc.Arbitrary<[number, number]> {
  return fc
    .tuple(moderate(0.1, 3), fc.boolean(), moderate(low, high))
    .map(([size, negative, product]): [number, number] => [negative ? -size : size, product / (size * size)]);
}

describe('task 4.4 gdStep', () => {
  it('reproduces the book\'s one-iteration walkthrough: weight 0.1, input 8.5, goal 1, alpha 0.01', () => {
    const step = gdStep(0.1, 8.5, 1, 0.01);
    expect(step.weight).toBe(0.1);
    expect(book(step.prediction)).toBe('0.85');
    expect(book(step.error)).toBe('0.0225');
    expect(book(step.delta)).toBe('-0.15');
    expect(book(step.weightDelta)).toBe('-1.275');
    expect(book(step.newWeight)).toBe('0.11275');
  });

  it('uses alpha 1 when none is given', () => {
    const step = gdStep(0.5, 0.5, 0.8);
    expect(step.weightDelta).toBeCloseTo(-0.275, 15);
    expect(step.newWeight).toBeCloseTo(0.775, 15);
  });

  it('passes the gradient check: 2 * weightDelta is the slope of the error (centered difference)', () => {
    assertProperty(
      fc.property(sloped, ([weight, input, goalPred]) => {
        const { weightDelta } = gdStep(weight, input, goalPred);
        const numeric = centeredDifference(errorOfWeight(input, goalPred), weight);
        expect(relativeError(2 * weightDelta, numeric)).toBeLessThan(1e-6);
      }),
      runs,
    );
  });

  it('computes prediction, error, delta and the new weight as the book names them', () => {
    assertProperty(
      fc.property(moderate(), moderate(), moderate(), moderate(0, 1), (weight, input, goalPred, alpha) => {
        const step = gdStep(weight, input, goalPred, alpha);
        const reference = referenceStep(weight, input, goalPred, alpha);
        expect(step.weight).toBe(weight);
        expect(step.prediction).toBeCloseTo(input * weight, 12);
        expect(step.error).toBeCloseTo(errorOfWeight(input, goalPred)(weight), 12);
        expect(step.delta).toBeCloseTo(reference.delta, 12);
        expect(step.weightDelta).toBeCloseTo(reference.weightDelta, 12);
        expect(step.newWeight).toBeCloseTo(reference.newWeight, 12);
      }),
      runs,
    );
  });

  it('moves the weight by alpha × weightDelta, for any alpha: not alpha², not 1, not the other way', () => {
    assertProperty(
      fc.property(sloped, moderate(0.01, 1), ([weight, input, goalPred], alpha) => {
        const step = gdStep(weight, input, goalPred, alpha);
        const expected = alpha * referenceStep(weight, input, goalPred, alpha).weightDelta;
        const moved = weight - step.newWeight;
        if (relativeError(moved, expected) > 1e-9) {
          throw new Error(`with alpha ${alpha} the weight moved by ${moved} (from ${weight} to ${step.newWeight}), but alpha × weightDelta is ${expected}`);
        }
      }),
      runs,
    );
  });

  it('stopping: an input of 0 leaves the weight where it is, whatever the goal', () => {
    assertProperty(
      fc.property(moderate(), moderate(), moderate(0, 1), (weight, goalPred, alpha) => {
        const step = gdStep(weight, 0, goalPred, alpha);
        expect(step.weightDelta).toBeCloseTo(0, 15);
        // `+ 0` turns -0 into 0: a weight of -0 minus a zero step is 0, the same weight.
        expect(step.newWeight + 0).toBe(weight + 0);
      }),
      runs,
    );
  });

  it('negative reversal: flipping the input flips the weight delta for the same delta', () => {
    assertProperty(
      fc.property(moderate(), moderate(), moderate(), (weight, input, goalPred) => {
        const step = gdStep(weight, input, goalPred);
        // (-input) * weight' = input * weight gives the same prediction, so the same delta
        const mirrored = gdStep(-weight, -input, goalPred);
        expect(mirrored.delta).toBeCloseTo(step.delta, 12);
        expect(mirrored.weightDelta).toBeCloseTo(-step.weightDelta, 12);
      }),
      runs,
    );
  });

  it('scaling: the weight delta is the delta times the input, so a bigger input means a bigger step', () => {
    assertProperty(
      fc.property(sloped, moderate(1.5, 4), ([weight, input, goalPred], scale) => {
        const step = gdStep(weight, input, goalPred);
        expect(step.weightDelta).toBeCloseTo(step.delta * input, 12);
        // same prediction (and delta) with the input scaled up and the weight scaled down
        const scaled = gdStep(weight / scale, input * scale, goalPred);
        expect(Math.abs(scaled.weightDelta)).toBeCloseTo(scale * Math.abs(step.weightDelta), 9);
      }),
      runs,
    );
  });

  it('a small step lowers the error (0 < alpha * input² < 2)', () => {
    assertProperty(
      fc.property(inputAndAlpha(0.01, 1.9), moderate(), moderate(), ([input, alpha], weight, goalPred) => {
        fc.pre(Math.abs(input * weight - goalPred) > 1e-3);
        const step = gdStep(weight, input, goalPred, alpha);
        expect(errorOfWeight(input, goalPred)(step.newWeight)).toBeLessThan(step.error);
      }),
      runs,
    );
  });

  it('multiplies the error by (1 - alpha * input²)² in one step', () => {
    assertProperty(
      fc.property(inputAndAlpha(0, 3), moderate(), moderate(), ([input, alpha], weight, goalPred) => {
        const step = gdStep(weight, input, goalPred, alpha);
        const factor = 1 - alpha * input * input;
        const after = errorOfWeight(input, goalPred)(step.newWeight);
        expect(after).toBeCloseTo(factor * factor * step.error, 9);
      }),
      runs,
    );
  });
});

describe('task 4.5 gdTrain', () => {
  it('prints the book\'s gradient-descent log for input 0.5, goal 0.8 (first and last three lines)', () => {
    const lines = gdTrain({ weight: 0.5, input: 0.5, goalPred: 0.8, iterations: 20 }).map(errorLine);
    expect(lines).toHaveLength(20);
    expect(lines.slice(0, 3)).toEqual([
      'Error:0.3025 Prediction:0.25',
      'Error:0.17015625 Prediction:0.3875',
      'Error:0.095712890625 Prediction:0.490625',
    ]);
    expect(lines.slice(-3)).toEqual([
      'Error:1.7092608064e-05 Prediction:0.79586567925',
      'Error:9.61459203602e-06 Prediction:0.796899259437',
      'Error:5.40820802026e-06 Prediction:0.797674444578',
    ]);
  });

  it('prints the book\'s "watch several steps" log for input 1.1: overshoot, back, overshoot less', () => {
    const lines = gdTrain({ weight: 0, input: 1.1, goalPred: 0.8, iterations: 4 }).map(
      (step) =>
        `Weight:${book(step.weight)} Error:${book(step.error)} Prediction:${book(step.prediction)} ` +
        `Delta:${book(step.delta)} Weight Delta:${book(step.weightDelta)}`,
    );
    expect(lines).toEqual([
      'Weight:0.0 Error:0.64 Prediction:0.0 Delta:-0.8 Weight Delta:-0.88',
      'Weight:0.88 Error:0.028224 Prediction:0.968 Delta:0.168 Weight Delta:0.1848',
      'Weight:0.6952 Error:0.0012446784 Prediction:0.76472 Delta:-0.03528 Weight Delta:-0.038808',
      'Weight:0.734008 Error:5.489031744e-05 Prediction:0.8074088 Delta:0.0074088 Weight Delta:0.00814968',
    ]);
  });

  it('diverges like the book with input 2: the error is multiplied by 9 at every step', () => {
    const lines = gdTrain({ weight: 0.5, input: 2, goalPred: 0.8, iterations: 20 }).map(errorLine);
    expect(lines.slice(0, 4)).toEqual([
      'Error:0.04 Prediction:1.0',
      'Error:0.36 Prediction:0.2',
      'Error:3.24 Prediction:2.6',
      'Error:29.16 Prediction:-4.6',
    ]);
    expect(lines.slice(-3)).toEqual([
      'Error:6.67087267987e+14 Prediction:-25828031.8',
      'Error:6.00378541188e+15 Prediction:77484098.6',
      'Error:5.40340687069e+16 Prediction:-232452292.6',
    ]);
  });

  it('converges like the book with input 2 and alpha 0.1', () => {
    const lines = gdTrain({ weight: 0.5, input: 2, goalPred: 0.8, alpha: 0.1, iterations: 20 }).map(errorLine);
    expect(lines.slice(0, 3)).toEqual([
      'Error:0.04 Prediction:1.0',
      'Error:0.0144 Prediction:0.92',
      'Error:0.005184 Prediction:0.872',
    ]);
    expect(lines[17]).toBe('Error:1.14604719983e-09 Prediction:0.800033853319');
    expect(lines[19]).toBe('Error:1.48527717099e-10 Prediction:0.800012187195');
  });

  it('leaves its options object as it was given', () => {
    assertProperty(
      fc.property(moderate(), moderate(), moderate(), moderate(0, 1), fc.integer({ min: 1, max: 5 }), (weight, input, goalPred, alpha, iterations) => {
        const options = { weight, input, goalPred, alpha, iterations };
        const history = withFrozenOptions('gdTrain', options, (frozen) => gdTrain(frozen));
        expect(history[0].weight).toBe(weight);
      }),
      runs,
    );
  });

  it('starts from the given weight and chains each step\'s new weight into the next', () => {
    assertProperty(
      fc.property(
        moderate(), moderate(), moderate(), moderate(0, 1), fc.integer({ min: 1, max: 20 }),
        (weight, input, goalPred, alpha, iterations) => {
          const history = gdTrain({ weight, input, goalPred, alpha, iterations });
          expect(history).toHaveLength(iterations);
          expect(history[0].weight).toBe(weight);
          for (let i = 0; i < history.length; i++) {
            const reference = referenceStep(history[i].weight, input, goalPred, alpha);
            expect(history[i].newWeight).toBeCloseTo(reference.newWeight, 9);
            if (i > 0) expect(history[i].weight).toBe(history[i - 1].newWeight);
          }
        },
      ),
      runs,
    );
  });

  it('lowers the error at every step when 0 < alpha * input² < 2', () => {
    assertProperty(
      fc.property(inputAndAlpha(0.05, 1.9), moderate(), moderate(), ([input, alpha], weight, goalPred) => {
        fc.pre(Math.abs(input * weight - goalPred) > 0.1);
        const errors = gdTrain({ weight, input, goalPred, alpha, iterations: 8 }).map((step) => step.error);
        for (let i = 1; i < errors.length; i++) {
          if (errors[i - 1] > 1e-20) expect(errors[i]).toBeLessThan(errors[i - 1]);
        }
      }),
      runs,
    );
  });

  it('raises the error at every step when alpha * input² > 2 (divergence)', () => {
    assertProperty(
      fc.property(inputAndAlpha(2.1, 10), moderate(), moderate(), ([input, alpha], weight, goalPred) => {
        fc.pre(Math.abs(input * weight - goalPred) > 1e-3);
        const errors = gdTrain({ weight, input, goalPred, alpha, iterations: 8 }).map((step) => step.error);
        for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeGreaterThan(errors[i - 1]);
      }),
      runs,
    );
  });
});

describe('task 4.7 convergenceFactor', () => {
  it('gives the book\'s four runs their factors: 0.75, -0.21, -3 and 0.6', () => {
    expect(convergenceFactor(0.5, 1)).toBeCloseTo(0.75, 15);
    expect(convergenceFactor(1.1, 1)).toBeCloseTo(-0.21, 15);
    expect(convergenceFactor(2, 1)).toBe(-3);
    expect(convergenceFactor(2, 0.1)).toBeCloseTo(0.6, 15);
  });

  it('is what one step multiplies the delta by', () => {
    assertProperty(
      fc.property(moderate(), moderate(), moderate(), moderate(-1, 3), (weight, input, goalPred, alpha) => {
        const { delta, newWeight } = referenceStep(weight, input, goalPred, alpha);
        const nextDelta = input * newWeight - goalPred;
        expect(nextDelta).toBeCloseTo(convergenceFactor(input, alpha) * delta, 9);
      }),
      runs,
    );
  });

  it('is negative (the step overshoots the goal) exactly when alpha * input² > 1', () => {
    assertProperty(
      fc.property(inputAndAlpha(0, 3), ([input, alpha]) => {
        fc.pre(Math.abs(alpha * input * input - 1) > 1e-9);
        expect(convergenceFactor(input, alpha) < 0).toBe(alpha * input * input > 1);
      }),
      runs,
    );
  });
});

describe('task 4.8 diverges', () => {
  it('detects the book\'s divergence (input 2, alpha 1) and its fix (alpha 0.1)', () => {
    expect(diverges(2, 1)).toBe(true);
    expect(diverges(2, 0.1)).toBe(false);
    expect(diverges(0.5, 1)).toBe(false);
    expect(diverges(1.1, 1)).toBe(false);
  });

  it('does not call a bounce of constant size divergence (factor exactly -1) nor standing still', () => {
    expect(diverges(1, 2)).toBe(false);
    expect(diverges(0, 5)).toBe(false);
    expect(diverges(3, 0)).toBe(false);
  });

  it('calls a negative alpha divergence: it climbs the error instead of descending', () => {
    expect(diverges(1, -0.1)).toBe(true);
  });

  it('is true exactly when alpha * input² > 2 (for a positive alpha)', () => {
    assertProperty(
      fc.property(fc.oneof(inputAndAlpha(0.01, 1.99), inputAndAlpha(2.01, 10)), ([input, alpha]) => {
        expect(diverges(input, alpha)).toBe(alpha * input * input > 2);
      }),
      runs,
    );
  });

  it('predicts what a run does: the error grows at every step when it says so, and shrinks otherwise', () => {
    assertProperty(
      fc.property(fc.oneof(inputAndAlpha(0.05, 1.95), inputAndAlpha(2.05, 6)), moderate(), ([input, alpha], goalPred) => {
        fc.pre(Math.abs(goalPred) > 0.1);
        let weight = 0;
        let error = errorOfWeight(input, goalPred)(weight);
        const grows = diverges(input, alpha);
        for (let i = 0; i < 6; i++) {
          weight = referenceStep(weight, input, goalPred, alpha).newWeight;
          const next = errorOfWeight(input, goalPred)(weight);
          if (grows) expect(next).toBeGreaterThan(error);
          else expect(next).toBeLessThan(error);
          error = next;
        }
      }),
      runs,
    );
  });
});
