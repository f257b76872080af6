import fc from 'fast-check';
import * as kernels from '../../kernels';
import { NDArray, RandomState, array } from '../../kernels';
import { arrayArb, assertProperty, expectClose, expectInputsUnchanged, gradCheck, valueArb } from '../../kernels/testing';
import {
  crossEntropy,
  sigmoid,
  sigmoidDerivFromOutput,
  softmax,
  softmaxCrossEntropyDelta,
  tanh,
  tanhDerivFromOutput,
} from './activations';
// Other tasks' functions come from the reference solutions: each task's tests judge that task alone.
import * as activationsReference from '../../solutions/chapter-09/activations';

const RUNS = { numRuns: 100 };
/** Inputs where the activations are far from saturation, so finite differences stay accurate. */
const moderate = arrayArb(fc.constantFrom([7], [2, 3], [3, 4]), { min: -4, max: 4 });
/** Logit matrices with 2-6 classes. */
const logits = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 6 }))
  .chain(([rows, classes]) => arrayArb([rows, classes], { min: -10, max: 10 }));

/**
 * Inputs out to |x| = 800, past 709.78 where e^x overflows to Infinity: a naive
 * e^x / (1 + e^x) or (e^x - e^-x) / (e^x + e^-x) gives Infinity / Infinity = NaN there.
 */
const wide = arrayArb(fc.constantFrom([8], [3, 4]), { min: -800, max: 800 });
/** Logit rows spread over [-800, 800], so a softmax that does not subtract each row's largest value overflows. */
const wideLogits = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 6 }))
  .chain(([rows, classes]) => arrayArb([rows, classes], { min: -800, max: 800 }));

/**
 * Tolerance of an activation against a stable reference: both round a few times, so rtol 1e-12;
 * atol 1e-300 because below about 1e-308 doubles are subnormal and keep only a few significant
 * bits, so two correct formulas can differ there by 100% of a value that is 0 for every purpose.
 */
const ACTIVATION_TOL = { rtol: 1e-12, atol: 1e-300 };

/** The sigmoid, written the stable way for each sign (e^x never overflows here). */
function stableSigmoid(v: number): number {
  return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
}

/** Multiplies two arrays of the same shape elementwise (test support, not an exercise). */
function times(a: NDArray, b: NDArray): NDArray {
  return new NDArray(a.data.map((x, i) => x * b.data[i]), a.shape);
}

/** One-hot rows with the 1 at a random class. */
function oneHotRows(rows: number, classes: number, seed: number): NDArray {
  const random = new RandomState(seed);
  const target = NDArray.zeros([rows, classes]);
  for (let r = 0; r < rows; r++) target.data[r * classes + random.randint(0, classes)] = 1;
  return target;
}

describe('task 9.1 sigmoid', () => {
  test('the book\'s worked example: 0 gives 0.5, 100 gives (almost) 1', () => {
    expectClose(sigmoid(array([0, 100, -100])), [0.5, 1, 3.720075976020836e-44], { rtol: 1e-12 });
  });

  test('stays in (0, 1), is symmetric, sigmoid(-x) = 1 - sigmoid(x), and agrees with kernels', () => {
    assertProperty(
      fc.property(arrayArb([6], { min: -30, max: 30 }), (x) => {
        const s = sigmoid(x);
        expect(s.shape).toEqual(x.shape);
        for (const v of s.data) expect(v > 0 && v < 1).toBe(true);
        const minusX = new NDArray(x.data.map((v) => -v), x.shape);
        expectClose(sigmoid(minusX), s.data.map((v) => 1 - v), { rtol: 1e-12, atol: 1e-15 });
        expectClose(s, kernels.sigmoid(x), ACTIVATION_TOL);
      }),
      RUNS,
    );
  });

  test('stays finite and in [0, 1] for inputs out to |x| = 800, where e^x overflows', () => {
    expectClose(sigmoid(array([800, -800, 710, -710])), [1, 0, 1, stableSigmoid(-710)], { ...ACTIVATION_TOL, label: 'sigmoid([800, -800, 710, -710])' });
    assertProperty(
      fc.property(wide, (x) => {
        const s = expectInputsUnchanged('sigmoid', { x }, () => sigmoid(x));
        for (const v of s.data) expect(v >= 0 && v <= 1).toBe(true);
        expectClose(s, new NDArray(x.data.map(stableSigmoid), x.shape), { ...ACTIVATION_TOL, label: 'sigmoid(x)' });
      }),
      RUNS,
    );
  });

  test('sigmoidDerivFromOutput returns a new array and leaves the output it was given as it was', () => {
    assertProperty(
      fc.property(arrayArb([2, 4], { min: 0, max: 1 }), (output) => {
        const d = expectInputsUnchanged('sigmoidDerivFromOutput', { output }, () => sigmoidDerivFromOutput(output));
        expect(d).not.toBe(output);
      }),
      { numRuns: 50 },
    );
  });

  test('the derivative from the output matches finite differences of sigmoid', () => {
    assertProperty(
      fc.property(moderate, fc.nat(1000), (x, seed) => {
        gradCheck(
          (input) => sigmoid(input),
          [x],
          (g, input) => times(g, sigmoidDerivFromOutput(sigmoid(input))),
          { seed, label: 'task 9.1 sigmoidDerivFromOutput' },
        );
      }),
      RUNS,
    );
  });

  test('the derivative from the output is s (1 - s), as in kernels', () => {
    expectClose(sigmoidDerivFromOutput(array([0.5, 0.9, 0])), [0.25, 0.09, 0], { rtol: 1e-12 });
    assertProperty(
      fc.property(arrayArb([5], { min: 0, max: 1 }), (s) => {
        // s (1 - s) is one subtraction and one product: the same formula rounds the same way, so 1e-15.
        expectClose(sigmoidDerivFromOutput(s), kernels.sigmoidDerivFromOutput(s), { rtol: 1e-15, atol: 1e-300 });
      }),
      RUNS,
    );
  });
});

describe('task 9.2 tanh', () => {
  test('stays in (-1, 1), is odd, and equals 2 activationsReference.sigmoid(2x) - 1', () => {
    assertProperty(
      fc.property(arrayArb([6], { min: -8, max: 8 }), (x) => {
        const t = tanh(x);
        expect(t.shape).toEqual(x.shape);
        for (const v of t.data) expect(v > -1 && v < 1).toBe(true);
        const minusX = new NDArray(x.data.map((v) => -v), x.shape);
        expectClose(tanh(minusX), t.data.map((v) => -v), { rtol: 1e-12, atol: 1e-15 });
        const viaSigmoid = kernels.sigmoid(new NDArray(x.data.map((v) => 2 * v), x.shape)).data.map((v) => 2 * v - 1);
        expectClose(t, viaSigmoid, { rtol: 1e-9, atol: 1e-12 });
        expectClose(t, kernels.tanh(x), ACTIVATION_TOL);
      }),
      RUNS,
    );
  });

  test('stays finite and in [-1, 1] for inputs out to |x| = 800, where e^x overflows', () => {
    expectClose(tanh(array([800, -800, 0])), [1, -1, 0], { ...ACTIVATION_TOL, label: 'tanh([800, -800, 0])' });
    assertProperty(
      fc.property(wide, (x) => {
        const t = expectInputsUnchanged('tanh', { x }, () => tanh(x));
        for (const v of t.data) expect(v >= -1 && v <= 1).toBe(true);
        expectClose(t, new NDArray(x.data.map(Math.tanh), x.shape), { ...ACTIVATION_TOL, label: 'tanh(x)' });
      }),
      RUNS,
    );
  });

  test('tanhDerivFromOutput returns a new array and leaves the output it was given as it was', () => {
    assertProperty(
      fc.property(arrayArb([2, 4], { min: -1, max: 1 }), (output) => {
        const d = expectInputsUnchanged('tanhDerivFromOutput', { output }, () => tanhDerivFromOutput(output));
        expect(d).not.toBe(output);
      }),
      { numRuns: 50 },
    );
  });

  test('the derivative from the output matches finite differences of tanh', () => {
    assertProperty(
      fc.property(moderate, fc.nat(1000), (x, seed) => {
        gradCheck(
          (input) => tanh(input),
          [x],
          (g, input) => times(g, tanhDerivFromOutput(tanh(input))),
          { seed, label: 'task 9.2 tanhDerivFromOutput' },
        );
      }),
      RUNS,
    );
  });

  test('the derivative from the output is 1 - t^2, as in kernels', () => {
    expectClose(tanhDerivFromOutput(array([0, 0.5, -0.5])), [1, 0.75, 0.75], { rtol: 1e-12 });
    assertProperty(
      fc.property(arrayArb([5], { min: -1, max: 1 }), (t) => {
        // 1 - t^2 near t = +-1 cancels: compare with an absolute floor of one rounding of 1 (2.2e-16).
        expectClose(tanhDerivFromOutput(t), kernels.tanhDerivFromOutput(t), { rtol: 1e-15, atol: 1e-15 });
      }),
      RUNS,
    );
  });
});

describe('task 9.3 softmax', () => {
  test('the book\'s worked example: nine 0s and a 100 give almost all probability to the 100', () => {
    const s = softmax(array([[0, 0, 0, 0, 0, 0, 0, 0, 0, 100]]));
    // e^100 is about 2.688e43, so each 0 gets 1 / (9 + e^100).
    expect(Math.exp(100)).toBeCloseTo(2.688e43, -40);
    expectClose(s.data.subarray(0, 9), new Array<number>(9).fill(1 / (9 + Math.exp(100))), { rtol: 1e-12 });
    expectClose(s.data[9], 1, { rtol: 1e-15 });
  });

  test('each row is positive and sums to 1', () => {
    assertProperty(
      fc.property(logits, (x) => {
        const s = softmax(x);
        expect(s.shape).toEqual(x.shape);
        const [rows, classes] = x.shape;
        for (let r = 0; r < rows; r++) {
          let total = 0;
          for (let c = 0; c < classes; c++) {
            const v = s.data[r * classes + c];
            expect(v).toBeGreaterThan(0);
            total += v;
          }
          expect(Math.abs(total - 1)).toBeLessThan(1e-12);
        }
      }),
      RUNS,
    );
  });

  test('adding the same number to a row changes nothing, and the largest input keeps the largest output', () => {
    assertProperty(
      fc.property(logits, valueArb({ min: -50, max: 50 }), (x, shift) => {
        const s = softmax(x);
        const shifted = softmax(new NDArray(x.data.map((v) => v + shift), x.shape));
        expectClose(shifted, s, { rtol: 1e-9, atol: 1e-15 });
        const [rows, classes] = x.shape;
        for (let r = 0; r < rows; r++) {
          const row = Array.from(x.data.subarray(r * classes, (r + 1) * classes));
          const sorted = [...row].sort((a, b) => b - a);
          if (sorted[0] - sorted[1] < 1e-9) continue; // a tie: either index is the largest
          const best = row.indexOf(sorted[0]);
          const probabilities = Array.from(s.data.subarray(r * classes, (r + 1) * classes));
          expect(probabilities.indexOf(Math.max(...probabilities))).toBe(best);
        }
      }),
      RUNS,
    );
  });

  test('raising one input raises its probability and lowers all the others', () => {
    assertProperty(
      fc.property(logits, fc.nat(), valueArb({ min: 0.1, max: 3 }), (x, pick, bump) => {
        const classes = x.shape[1];
        const c = pick % classes;
        const raised = x.clone();
        raised.data[c] += bump;
        const before = softmax(x);
        const after = softmax(raised);
        for (let k = 0; k < classes; k++) {
          if (k === c) expect(after.data[k]).toBeGreaterThan(before.data[k]);
          else expect(after.data[k]).toBeLessThan(before.data[k]);
        }
      }),
      RUNS,
    );
  });

  test('does not overflow on large inputs and agrees with kernels', () => {
    const s = softmax(array([[1000, 999, -1000], [0, 0, 0]]));
    expectClose(s, kernels.softmax(array([[1000, 999, -1000], [0, 0, 0]])), { rtol: 1e-12, atol: 1e-300 });
    expect(s.data.every(Number.isFinite)).toBe(true);
    assertProperty(
      fc.property(logits, (x) => expectClose(softmax(x), kernels.softmax(x), { rtol: 1e-12, atol: 1e-300 })),
      RUNS,
    );
  });

  test('rows spread over [-800, 800]: finite, each row sums to 1, as kernels computes it, inputs unchanged', () => {
    assertProperty(
      fc.property(wideLogits, (x) => {
        const s = expectInputsUnchanged('softmax', { x }, () => softmax(x));
        expect(s).not.toBe(x);
        const [rows, classes] = x.shape;
        for (let r = 0; r < rows; r++) {
          let total = 0;
          for (let c = 0; c < classes; c++) total += s.data[r * classes + c];
          // classes <= 6 additions of values <= 1: a few ulps of 1.
          expect(Math.abs(total - 1)).toBeLessThan(1e-12);
        }
        expectClose(s, kernels.softmax(x), { ...ACTIVATION_TOL, label: 'softmax(x)' });
      }),
      RUNS,
    );
  });

  test('each row is shifted by its own largest value: a row far below another keeps its probabilities', () => {
    // A shift by the largest value of the whole matrix would send the second row to 0 / 0.
    const s = softmax(array([[800, 0], [-800, -801]]));
    expectClose(s, [[1, Math.exp(-800)], [1 / (1 + Math.exp(-1)), Math.exp(-1) / (1 + Math.exp(-1))]], {
      ...ACTIVATION_TOL,
      label: 'softmax([[800, 0], [-800, -801]])',
    });
  });

  test('rejects anything that is not a matrix', () => {
    expect(() => softmax(array([1, 2, 3]))).toThrow(/softmax: x must be a matrix \[rows, classes\], got \[3\]/);
  });
});

describe('task 9.4 crossEntropy', () => {
  test('is -log of the probability given to the right class, averaged over rows', () => {
    expect(crossEntropy(array([[0.25, 0.75]]), array([[0, 1]]))).toBeCloseTo(-Math.log(0.75), 12);
    const twoRows = crossEntropy(array([[0.25, 0.75], [0.5, 0.5]]), array([[0, 1], [1, 0]]));
    expect(twoRows).toBeCloseTo(-(Math.log(0.75) + Math.log(0.5)) / 2, 12);
    expect(crossEntropy(array([[0, 1]]), array([[0, 1]]))).toBe(0);
  });

  test('the delta (prediction - target) / rows is the gradient of crossEntropy(activationsReference.softmax(x)) with respect to x', () => {
    assertProperty(
      fc.property(logits, fc.nat(1000), (x, seed) => {
        const target = oneHotRows(x.shape[0], x.shape[1], seed);
        gradCheck(
          (input) => crossEntropy(activationsReference.softmax(input), target),
          [x],
          (g, input) => {
            const delta = softmaxCrossEntropyDelta(activationsReference.softmax(input), target);
            return new NDArray(delta.data.map((v) => v * g.data[0]), delta.shape);
          },
          { seed, label: 'task 9.4 softmaxCrossEntropyDelta' },
        );
      }),
      RUNS,
    );
  });

  test('is the mean over rows of -log(probability of the right class), for any batch size; inputs unchanged', () => {
    assertProperty(
      fc.property(logits, fc.nat(1000), (x, seed) => {
        const prediction = activationsReference.softmax(x);
        const target = oneHotRows(x.shape[0], x.shape[1], seed);
        const loss = expectInputsUnchanged('crossEntropy', { prediction, target }, () => crossEntropy(prediction, target));
        let expected = 0;
        for (let i = 0; i < target.size; i++) if (target.data[i] === 1) expected -= Math.log(prediction.data[i]);
        expectClose(loss, expected / x.shape[0], { rtol: 1e-12, atol: 1e-15, label: `crossEntropy of ${x.shape[0]} rows` });
      }),
      RUNS,
    );
  });

  test('a probability of exactly 0 on a wrong class adds nothing (no 0 * log 0 = NaN)', () => {
    expectClose(crossEntropy(array([[0, 0.5, 0.5], [0, 0, 1]]), array([[0, 1, 0], [0, 0, 1]])), -Math.log(0.5) / 2, { rtol: 1e-12 });
  });

  test('the delta is (prediction - target) / rows for any batch, a new array, inputs unchanged', () => {
    assertProperty(
      fc.property(logits, fc.nat(1000), (x, seed) => {
        const prediction = activationsReference.softmax(x);
        const target = oneHotRows(x.shape[0], x.shape[1], seed);
        const delta = expectInputsUnchanged('softmaxCrossEntropyDelta', { prediction, target }, () =>
          softmaxCrossEntropyDelta(prediction, target),
        );
        expect(delta).not.toBe(prediction);
        const rows = x.shape[0];
        expectClose(delta, new NDArray(prediction.data.map((p, i) => (p - target.data[i]) / rows), x.shape), { rtol: 1e-15, atol: 1e-300 });
      }),
      RUNS,
    );
  });

  test('the delta of an example', () => {
    expectClose(softmaxCrossEntropyDelta(array([[0.25, 0.75]]), array([[0, 1]])), [[0.25, -0.25]], { rtol: 1e-15 });
    expectClose(
      softmaxCrossEntropyDelta(array([[0.25, 0.75], [0.5, 0.5]]), array([[0, 1], [1, 0]])),
      [[0.125, -0.125], [-0.25, 0.25]],
      { rtol: 1e-15 },
    );
  });

  test('rejects a target of another shape', () => {
    expect(() => crossEntropy(array([[0.5, 0.5, 0]]), array([[1, 0]]))).toThrow(
      /crossEntropy: prediction \[1,3\] and target \[1,2\] must have the same shape/,
    );
    expect(() => softmaxCrossEntropyDelta(array([[0.5, 0.5, 0]]), array([[1, 0]]))).toThrow(
      /softmaxCrossEntropyDelta: prediction \[1,3\] and target \[1,2\] must have the same shape/,
    );
  });
});
