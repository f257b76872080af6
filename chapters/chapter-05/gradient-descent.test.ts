import fc from 'fast-check';
import { assertProperty, expectInputsUnchanged, valueArb } from '../../kernels/testing';
import { py2str } from '../../kernels/format';
import { expectClose } from '../../kernels/testing/close';
import { freshProperty, rowsOf } from '../chapter-03/vectors.fixtures';
import { errorSlice, mimoStep, multiInputStep, multiOutputStep, outerProd, weightedSum } from './gradient-descent';

const RUNS = { numRuns: 100 };
const bookInput = [8.5, 0.65, 1.2]; // toes[0], wlrec[0], nfans[0]
const bookWeights = [0.1, 0.2, -0.1];

/** Inputs, weights and goals on the course's decimal grid (0.734212, never 5e-324 or -0). */
const value = valueArb({ min: -2, max: 2 });
/** A learning rate drawn at random, so a step that ignores alpha or applies it twice fails. */
const alphaArb = valueArb({ min: 0.01, max: 1 });
const vector = (length: number) => fc.array(value, { minLength: length, maxLength: length });
const sized = fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(vector(n), vector(n)));

/**
 * A number 0.1 to 2 in size, of either sign. The step checks draw from it so that a failing case
 * shrinks to weight deltas a learner can read (0.01, not 2e-12).
 */
const sizable = fc.tuple(valueArb({ min: 0.1, max: 2 }), fc.boolean()).map(([size, negative]) => (negative ? -size : size));
const sizableVector = (length: number) => fc.array(sizable, { minLength: length, maxLength: length });
const sizablePair = fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(sizableVector(n), sizableVector(n)));

/** Centered difference of f at x along coordinate i, in float64. */
function partial(f: (x: number[]) => number, x: readonly number[], i: number, h = 1e-5): number {
  const up = x.slice();
  const down = x.slice();
  up[i] += h;
  down[i] -= h;
  return (f(up) - f(down)) / (2 * h);
}

/**
 * Throws unless `after = before - alpha * weightDelta`, in words a learner can act on. The
 * tolerance is relative to the sizes involved (a few roundings of the subtraction).
 */
function expectMovedBy(name: string, before: number, after: number, alpha: number, weightDelta: number): void {
  const expected = before - alpha * weightDelta;
  const allowed = 1e-12 * (1 + Math.abs(before) + Math.abs(alpha * weightDelta));
  if (!(Math.abs(after - expected) <= allowed)) {
    throw new Error(
      `${name}: with alpha ${alpha} and weight delta ${weightDelta} the weight ${before} should become ` +
        `${before} - alpha × weightDelta = ${expected}, got ${after}`,
    );
  }
}

/** An analytic derivative agrees with a numerical one up to float64 rounding of the difference quotient. */
function expectDerivative(analytic: number, numeric: number): void {
  const allowed = 1e-7 + 1e-6 * (Math.abs(analytic) + Math.abs(numeric));
  if (!(Math.abs(analytic - numeric) <= allowed)) {
    throw new Error(`analytic derivative ${analytic} differs from the numerical ${numeric}`);
  }
}

function squaredError(input: readonly number[], weights: readonly number[], goal: number): number {
  return (weightedSum(input, weights) - goal) ** 2;
}

describe('task 5.1 multiInputStep', () => {
  test("reproduces the book's first step (listing 5.1)", () => {
    const step = multiInputStep(bookWeights, bookInput, 1, 0.01);
    expect(py2str(step.pred)).toBe('0.86');
    expect(py2str(step.error)).toBe('0.0196');
    expect(py2str(step.delta)).toBe('-0.14');
    expectClose(step.weightDeltas, [-1.19, -0.091, -0.168]);
    expectClose(step.weights, [0.1119, 0.20091, -0.09832]);
  });

  test("reproduces the book's three iterations (listing 5.3)", () => {
    let weights = bookWeights;
    const preds: string[] = [];
    const errors: string[] = [];
    for (let i = 0; i < 3; i++) {
      const step = multiInputStep(weights, bookInput, 1, 0.01);
      preds.push(py2str(step.pred));
      errors.push(py2str(step.error));
      weights = step.weights;
    }
    expect(preds).toEqual(['0.86', '0.9637575', '0.990617722813']);
    expect(errors).toEqual(['0.0196', '0.00131351880625', '8.80271252231e-05']);
  });

  test('with alpha = 0.1 the same example diverges (alpha * |x|^2 = 7.4 > 2)', () => {
    let weights = bookWeights;
    const preds: number[] = [];
    for (let i = 0; i < 4; i++) {
      const step = multiInputStep(weights, bookInput, 1, 0.1);
      preds.push(step.pred);
      weights = step.weights;
    }
    expectClose(preds, [0.86, 1.8976, -4.75462, 37.894], { rtol: 1e-4 });
  });

  test('leaves its weights argument untouched', () => {
    const weights = [0.1, 0.2, -0.1];
    multiInputStep(weights, bookInput, 1, 0.01);
    expect(weights).toEqual([0.1, 0.2, -0.1]);
  });

  test('leaves weights, input and frozen unchanged for any arguments, and returns new arrays', () => {
    assertProperty(
      freshProperty(
        fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(vector(n), vector(n), fc.array(fc.boolean(), { maxLength: n }))),
        value,
        alphaArb,
        ([weights, input, frozen], goal, alpha) => {
          const flags = [...frozen];
          const step = expectInputsUnchanged('multiInputStep', { weights, input }, () => multiInputStep(weights, input, goal, alpha, frozen));
          expect(frozen).toEqual(flags);
          expect(step.weights).not.toBe(weights);
          expect(step.weightDeltas).not.toBe(input);
        },
      ),
      RUNS,
    );
  });

  test('moves every weight by alpha × its weight delta, for alpha drawn at random', () => {
    assertProperty(
      freshProperty(sizablePair, sizable, alphaArb, (pair, goal, alpha) => {
        const [weights, input] = pair;
        const delta = weightedSum(input, weights) - goal;
        const step = multiInputStep(weights, input, goal, alpha);
        weights.forEach((w, j) => expectMovedBy(`multiInputStep weight ${j}`, w, step.weights[j], alpha, input[j] * delta));
      }),
      RUNS,
    );
  });

  test('every weight delta is its input times the shared delta (0 where the input is 0)', () => {
    assertProperty(
      freshProperty(sized, value, (pair, goal) => {
        const [weights, input] = pair;
        const step = multiInputStep(weights, input, goal, 0.01);
        expect(step.delta).toBeCloseTo(weightedSum(input, weights) - goal, 12);
        step.weightDeltas.forEach((wd, j) => {
          expect(wd).toBe(input[j] * step.delta);
          if (input[j] === 0) expect(wd === 0).toBe(true);
        });
      }),
      RUNS,
    );
  });

  test('the weight deltas are half the numerical derivative of the error', () => {
    assertProperty(
      freshProperty(sized, value, (pair, goal) => {
        const [weights, input] = pair;
        const step = multiInputStep(weights, input, goal, 0.01);
        weights.forEach((_, j) => {
          const numeric = partial((w) => squaredError(input, w, goal), weights, j);
          expectDerivative(2 * step.weightDeltas[j], numeric);
        });
      }),
      RUNS,
    );
  });

  test('a small enough step lowers the error, and delta shrinks by (1 - alpha |x|^2)', () => {
    const nonZero = valueArb({ min: 0.1, max: 2 });
    assertProperty(
      freshProperty(sized, nonZero, valueArb({ min: 0.05, max: 1.9 }), (pair, shift, scale) => {
        const [weights, input] = pair;
        const norm = input.reduce((s, x) => s + x * x, 0);
        fc.pre(norm > 1e-3);
        const alpha = scale / norm; // 0 < alpha |x|^2 < 2
        const goal = weightedSum(input, weights) + shift;
        const step = multiInputStep(weights, input, goal, alpha);
        const after = squaredError(input, step.weights, goal);
        expect(after).toBeLessThan(step.error);
        const newDelta = weightedSum(input, step.weights) - goal;
        expect(newDelta).toBeCloseTo((1 - alpha * norm) * step.delta, 9);
      }),
      RUNS,
    );
  });

  test('frozen weights stay bit-identical over many steps while the others learn', () => {
    assertProperty(
      freshProperty(
        fc.integer({ min: 2, max: 5 }).chain((n) =>
          fc.tuple(vector(n), vector(n), fc.array(fc.boolean(), { minLength: n, maxLength: n })),
        ),
        value,
        ([start, input, frozen], goal) => {
          let weights = start;
          for (let i = 0; i < 20; i++) {
            const step = multiInputStep(weights, input, goal, 0.05, frozen);
            frozen.forEach((isFrozen, j) => {
              if (isFrozen) expect(step.weightDeltas[j]).toBe(0);
              else expect(step.weightDeltas[j]).toBe(input[j] * step.delta);
            });
            weights = step.weights;
          }
          frozen.forEach((isFrozen, j) => {
            if (isFrozen) expect(Object.is(weights[j], start[j])).toBe(true);
          });
        },
      ),
      RUNS,
    );
  });

  test("freezing weight a reproduces the book's listing 5.4", () => {
    let weights = bookWeights;
    const preds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const step = multiInputStep(weights, bookInput, 1, 0.3, [true, false, false]);
      preds.push(py2str(step.pred));
      weights = step.weights;
    }
    expect(preds).toEqual(['0.86', '0.938225', '0.97274178125']);
    expect(weights[0]).toBe(0.1);
  });

  test('rejects an input whose length differs from the weights', () => {
    expect(() => multiInputStep([1, 2], [1, 2, 3], 0, 0.1)).toThrow(
      /multiInputStep: .*lengths 3 and 2/,
    );
  });
});

describe('task 5.3 multiOutputStep', () => {
  test("reproduces listing 5.5 (with the book's weight_deltas corrected)", () => {
    const step = multiOutputStep([0.3, 0.2, 0.9], 0.65, [0.1, 1, 0.1], 0.1);
    expectClose(step.pred, [0.195, 0.13, 0.585]);
    expectClose(step.error, [0.009025, 0.7569, 0.235225]);
    expectClose(step.delta, [0.095, -0.87, 0.485]);
    expectClose(step.weightDeltas, [0.06175, -0.5655, 0.31525]);
    expectClose(step.weights, [0.293825, 0.25655, 0.868475]);
  });

  test('equals one independent single-weight step per output, for alpha drawn at random', () => {
    assertProperty(
      freshProperty(sizablePair, sizable, alphaArb, (pair, input, alpha) => {
        const [weights, goal] = pair;
        const step = multiOutputStep(weights, input, goal, alpha);
        weights.forEach((w, k) => {
          const delta = input * w - goal[k];
          expect(step.pred[k]).toBe(input * w);
          expect(step.error[k]).toBeCloseTo(delta * delta, 12);
          expect(step.delta[k]).toBe(delta);
          expectMovedBy(`multiOutputStep weight ${k}`, w, step.weights[k], alpha, input * delta);
        });
      }),
      RUNS,
    );
  });

  test('the weight deltas are half the numerical derivative of the summed error', () => {
    assertProperty(
      freshProperty(fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(vector(n), vector(n))), value, (pair, input) => {
        const [weights, goal] = pair;
        const step = multiOutputStep(weights, input, goal, 0.1);
        const total = (w: number[]) => w.reduce((s, wk, k) => s + (input * wk - goal[k]) ** 2, 0);
        weights.forEach((_, k) => {
          expectDerivative(2 * step.weightDeltas[k], partial(total, weights, k));
        });
      }),
      RUNS,
    );
  });

  test('leaves weights and goal unchanged, and returns new arrays', () => {
    assertProperty(
      freshProperty(fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(vector(n), vector(n))), value, alphaArb, ([weights, goal], input, alpha) => {
        const step = expectInputsUnchanged('multiOutputStep', { weights, goal }, () => multiOutputStep(weights, input, goal, alpha));
        expect(step.weights).not.toBe(weights);
      }),
      RUNS,
    );
  });

  test('rejects goals whose length differs from the weights', () => {
    expect(() => multiOutputStep([1, 2, 3], 1, [0, 0], 0.1)).toThrow(/multiOutputStep: .*lengths 2 and 3/);
  });
});

describe('task 5.4 outerProd', () => {
  test('builds a[i] * b[j]', () => {
    expect(outerProd([1, 2], [3, 4, 5])).toEqual([
      [3, 4, 5],
      [6, 8, 10],
    ]);
    expect(outerProd([], [1, 2])).toEqual([]);
  });

  test('has shape a.length x b.length, is the transpose of outerProd(b, a), and has rank 1', () => {
    assertProperty(
      freshProperty(
        fc.array(value, { minLength: 1, maxLength: 5 }),
        fc.array(value, { minLength: 1, maxLength: 5 }),
        (a, b) => {
          const m = outerProd(a, b);
          const t = outerProd(b, a);
          expect(m).toHaveLength(a.length);
          m.forEach((row, i) => {
            expect(row).toHaveLength(b.length);
            row.forEach((x, j) => {
              expect(x).toBe(a[i] * b[j]);
              expect(x).toBe(t[j][i]);
            });
          });
          const last = a.length - 1;
          const lastCol = b.length - 1;
          expect(m[0][0] * m[last][lastCol]).toBeCloseTo(m[0][lastCol] * m[last][0], 12);
        },
      ),
      RUNS,
    );
  });

  test('leaves a and b unchanged and shares no row with them', () => {
    assertProperty(
      freshProperty(fc.array(value, { minLength: 1, maxLength: 5 }), fc.array(value, { minLength: 1, maxLength: 5 }), (a, b) => {
        const m = expectInputsUnchanged('outerProd', { a, b }, () => outerProd(a, b));
        for (const row of m) expect(row).not.toBe(b);
      }),
      RUNS,
    );
  });
});

describe('task 5.5 mimoStep', () => {
  const bookMatrix = [
    [0.1, 0.1, -0.3],
    [0.1, 0.2, 0.0],
    [0.0, 1.3, 0.1],
  ];

  test('reproduces listing 5.6 with [output][input] weights', () => {
    const step = mimoStep(bookMatrix, bookInput, [0.1, 1, 0.1], 0.01);
    expectClose(step.pred, [0.555, 0.98, 0.965]);
    expectClose(step.error, [0.207025, 0.0004, 0.748225]);
    expectClose(step.delta, [0.455, -0.02, 0.865]);
    expectClose(step.weightDeltas, [
      [3.8675, 0.29575, 0.546],
      [-0.17, -0.013, -0.024],
      [7.3525, 0.56225, 1.038],
    ]);
    expectClose(step.weights, [
      [0.061325, 0.0970425, -0.30546],
      [0.1017, 0.20013, 0.00024],
      [-0.073525, 1.2943775, 0.08962],
    ], { atol: 1e-15 });
  });

  const matrixCase = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
    .chain(([outputs, inputs]) =>
      fc.tuple(fc.array(vector(inputs), { minLength: outputs, maxLength: outputs }), vector(inputs), vector(outputs)),
    );

  const sizableMatrixCase = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
    .chain(([outputs, inputs]) =>
      fc.tuple(fc.array(sizableVector(inputs), { minLength: outputs, maxLength: outputs }), sizableVector(inputs), sizableVector(outputs)),
    );

  test('equals a multi-input step on each output row, with the outer product as weight deltas, for alpha drawn at random', () => {
    assertProperty(
      freshProperty(sizableMatrixCase, alphaArb, ([weights, input, goal], alpha) => {
        const step = mimoStep(weights, input, goal, alpha);
        weights.forEach((row, k) => {
          const delta = weightedSum(input, row) - goal[k];
          expect(step.pred[k]).toBeCloseTo(weightedSum(input, row), 12);
          expect(step.error[k]).toBeCloseTo(delta * delta, 12);
          expect(step.delta[k]).toBeCloseTo(delta, 12);
          row.forEach((w, j) => {
            expect(step.weightDeltas[k][j]).toBeCloseTo(delta * input[j], 12);
            expectMovedBy(`mimoStep weight [${k}][${j}]`, w, step.weights[k][j], alpha, delta * input[j]);
          });
        });
      }),
      RUNS,
    );
  });

  test('the weight deltas are half the numerical derivative of the summed error', () => {
    assertProperty(
      freshProperty(matrixCase, ([weights, input, goal]) => {
        const step = mimoStep(weights, input, goal, 0.05);
        weights.forEach((row, k) => {
          const rowError = (w: number[]) => squaredError(input, w, goal[k]);
          row.forEach((_, j) => {
            expectDerivative(2 * step.weightDeltas[k][j], partial(rowError, row, j));
          });
        });
      }),
      RUNS,
    );
  });

  test('leaves every row of the weights, the input and the goal unchanged, and returns a new matrix', () => {
    assertProperty(
      freshProperty(matrixCase, alphaArb, ([weights, input, goal], alpha) => {
        const step = expectInputsUnchanged('mimoStep', { ...rowsOf('weights', weights), input, goal }, () => mimoStep(weights, input, goal, alpha));
        step.weights.forEach((row) => expect(weights).not.toContain(row));
      }),
      RUNS,
    );
  });

  test('rejects mismatched shapes', () => {
    expect(() => mimoStep([[1, 2], [3, 4]], [1, 2, 3], [0, 0], 0.1)).toThrow(
      /mimoStep: row 0 of weights has length 2 but input has length 3/,
    );
    expect(() => mimoStep(bookMatrix, bookInput, [0, 0], 0.1)).toThrow(/mimoStep: goal has length 2 but weights has 3 rows/);
  });
});

describe('task 5.2 errorSlice', () => {
  test('passes through the current error and is lowest where the delta would vanish', () => {
    const slice = errorSlice(bookWeights, bookInput, 1, 0, [0.1, 0.1 + 0.14 / 8.5, 0.3]);
    expect(slice.map((p) => p.weight)).toEqual([0.1, 0.1 + 0.14 / 8.5, 0.3]);
    expect(py2str(slice[0].error)).toBe('0.0196');
    expect(slice[1].error).toBeLessThan(1e-20);
    expect(py2str(slice[2].error)).toBe('2.4336');
  });

  test('is a parabola whose curvature is 2 input[index]^2, steepest for the largest input', () => {
    assertProperty(
      freshProperty(sized, value, fc.nat(), (pair, goal, pick) => {
        const [weights, input] = pair;
        const index = pick % weights.length;
        const w = weights[index];
        const [a, b, c] = errorSlice(weights, input, goal, index, [w - 0.5, w, w + 0.5]).map((p) => p.error);
        expect(b).toBeCloseTo(squaredError(input, weights, goal), 9);
        expect((a - 2 * b + c) / 0.25).toBeCloseTo(2 * input[index] ** 2, 6);
      }),
      RUNS,
    );
  });

  test('gives (weightedSum - goal)² for every candidate, in order, and leaves weights, input and candidates unchanged', () => {
    assertProperty(
      freshProperty(sized, value, fc.nat(), fc.array(value, { maxLength: 4 }), (pair, goal, pick, candidates) => {
        const [weights, input] = pair;
        const index = pick % weights.length;
        const slice = expectInputsUnchanged('errorSlice', { weights, input, candidates }, () => errorSlice(weights, input, goal, index, candidates));
        expect(slice.map((point) => point.weight)).toEqual(candidates);
        slice.forEach((point) => {
          const trial = weights.map((w, j) => (j === index ? point.weight : w));
          expect(point.error).toBeCloseTo(squaredError(input, trial, goal), 12);
        });
      }),
      RUNS,
    );
  });

  test('rejects an index that is not a weight', () => {
    expect(() => errorSlice(bookWeights, bookInput, 1, -1, [0])).toThrow(/errorSlice: index -1 is not a weight \(there are 3\)/);
    expect(() => errorSlice(bookWeights, bookInput, 1, 1.5, [0])).toThrow(/errorSlice: index 1.5 is not a weight \(there are 3\)/);
    expect(() => errorSlice(bookWeights, bookInput, 1, 3, [0])).toThrow(/errorSlice: index 3 is not a weight \(there are 3\)/);
  });
});
