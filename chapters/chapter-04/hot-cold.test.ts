import fc from 'fast-check';
import { assertProperty } from '../../kernels/testing';
import { hotColdStep, hotColdTrain } from './hot-cold';
import { errorLine, errorOfWeight, moderate, runs, withFrozenOptions } from './gradient.fixtures';

describe('task 4.2 hotColdStep', () => {
  it('moves the book\'s first example up: weight 0.5, input 0.5, goal 0.8, step 0.001 gives 0.501', () => {
    expect(hotColdStep(0.5, 0.5, 0.8, 0.001)).toBeCloseTo(0.501, 15);
  });

  it('picks "up" in the five-panel walkthrough: weight 0.1, input 8.5, goal 1, step 0.01 gives 0.11', () => {
    // up: prediction 0.935, error 0.004225; down: prediction 0.765, error 0.055225
    expect(hotColdStep(0.1, 8.5, 1, 0.01)).toBeCloseTo(0.11, 15);
  });

  it('moves down when the prediction is too high', () => {
    expect(hotColdStep(2, 0.5, 0.8, 0.1)).toBeCloseTo(1.9, 15);
  });

  it('changes the weight by exactly one step, up or down, towards the smaller error', () => {
    assertProperty(
      fc.property(moderate(-5, 5), moderate(-5, 5), moderate(-5, 5), moderate(0.001, 1), (weight, input, goalPred, step) => {
        const error = errorOfWeight(input, goalPred);
        const up = weight + step;
        const down = weight - step;
        const next = hotColdStep(weight, input, goalPred, step);
        if (error(up) < error(down)) expect(next).toBe(up);
        else if (error(down) < error(up)) expect(next).toBe(down);
        else expect(next).toBe(weight);
      }),
      runs,
    );
  });

  it('stays put when the input is 0, since both directions give the same error', () => {
    assertProperty(
      fc.property(moderate(-5, 5), moderate(-5, 5), moderate(0.001, 1), (weight, goalPred, step) => {
        expect(hotColdStep(weight, 0, goalPred, step)).toBe(weight);
      }),
      runs,
    );
  });
});

describe('task 4.3 hotColdTrain', () => {
  const book = { weight: 0.5, input: 0.5, goalPred: 0.8, stepAmount: 0.001, iterations: 1101 };

  it('prints the book\'s first lines: Error:0.3025 Prediction:0.25, then 0.30195025 / 0.2505', () => {
    const lines = hotColdTrain(book).map(errorLine);
    expect(lines.slice(0, 3)).toEqual([
      'Error:0.3025 Prediction:0.25',
      'Error:0.30195025 Prediction:0.2505',
      'Error:0.301401 Prediction:0.251',
    ]);
  });

  it('prints the book\'s last lines: 2.50000000033e-07 at 0.7995, then 1.07995057925e-27 at 0.8', () => {
    const lines = hotColdTrain(book).map(errorLine);
    expect(lines).toHaveLength(1101);
    expect(lines.slice(-2)).toEqual([
      'Error:2.50000000033e-07 Prediction:0.7995',
      'Error:1.07995057925e-27 Prediction:0.8',
    ]);
  });

  it('needs exactly 1100 steps of 0.0005 to close the gap of 0.55', () => {
    const history = hotColdTrain(book);
    const first = history.findIndex((record) => Math.abs(record.prediction - 0.8) < 1e-9);
    expect(first).toBe(1100);
  });

  it('never gets close with step 10: it alternates between 0.25 and 5.25 forever', () => {
    const lines = hotColdTrain({ ...book, stepAmount: 10, iterations: 6 }).map(errorLine);
    expect(lines).toEqual([
      'Error:0.3025 Prediction:0.25',
      'Error:19.8025 Prediction:5.25',
      'Error:0.3025 Prediction:0.25',
      'Error:19.8025 Prediction:5.25',
      'Error:0.3025 Prediction:0.25',
      'Error:19.8025 Prediction:5.25',
    ]);
  });

  it('cannot land on the goal with step 0.2: it ends up bouncing between 0.75 and 0.85 (error 0.0025)', () => {
    const history = hotColdTrain({ ...book, stepAmount: 0.2, iterations: 10 });
    expect(history.slice(0, 6).map((record) => record.prediction)).toEqual(
      [0.25, 0.35, 0.45, 0.55, 0.65, 0.75].map((value) => expect.closeTo(value, 12)),
    );
    for (const record of history.slice(5)) expect(record.error).toBeCloseTo(0.0025, 12);
  });

  it('records the starting weight first, and every record is that weight\'s prediction and error', () => {
    assertProperty(
      fc.property(
        moderate(-5, 5), moderate(-5, 5), moderate(-5, 5), moderate(0.001, 1), fc.integer({ min: 1, max: 30 }),
        (weight, input, goalPred, stepAmount, iterations) => {
          const history = hotColdTrain({ weight, input, goalPred, stepAmount, iterations });
          expect(history).toHaveLength(iterations);
          expect(history[0].weight).toBe(weight);
          for (const record of history) {
            expect(record.prediction).toBe(input * record.weight);
            expect(record.error).toBeCloseTo(errorOfWeight(input, goalPred)(record.weight), 9);
          }
        },
      ),
      runs,
    );
  });

  it('leaves its options object as it was given', () => {
    assertProperty(
      fc.property(moderate(-5, 5), moderate(-5, 5), moderate(-5, 5), moderate(0.001, 1), fc.integer({ min: 1, max: 5 }), (weight, input, goalPred, stepAmount, iterations) => {
        const options = { weight, input, goalPred, stepAmount, iterations };
        const history = withFrozenOptions('hotColdTrain', options, (frozen) => hotColdTrain(frozen));
        expect(history[0].weight).toBe(weight);
      }),
      runs,
    );
  });

  it('moves the weight by one step towards the smaller error at every iteration', () => {
    assertProperty(
      fc.property(
        moderate(-5, 5), moderate(-5, 5), moderate(-5, 5), moderate(0.001, 1), fc.integer({ min: 2, max: 30 }),
        (weight, input, goalPred, stepAmount, iterations) => {
          const history = hotColdTrain({ weight, input, goalPred, stepAmount, iterations });
          const error = errorOfWeight(input, goalPred);
          for (let i = 1; i < history.length; i++) {
            const before = history[i - 1].weight;
            const up = error(before + stepAmount);
            const down = error(before - stepAmount);
            const expected = down < up ? before - stepAmount : down > up ? before + stepAmount : before;
            expect(history[i].weight).toBe(expected);
          }
        },
      ),
      runs,
    );
  });
});
