import fc from 'fast-check';
import { NDArray, RandomState, array, matmul, relu, sigmoid } from '../../kernels';
import { assertProperty, expectClose, numericGradient } from '../../kernels/testing';
import { clipGradNorm, explodingDemo } from './gradients';

const BOOK_WEIGHTS = [[1, 4], [4, 1]];

/** The state after `steps` steps from `start`, written directly with kernels. */
function finalState(weights: NDArray, start: NDArray, steps: number, act: 'sigmoid' | 'relu'): NDArray {
  let a = new NDArray(start.data.slice(), [1, start.size]);
  for (let k = 0; k < steps; k++) a = act === 'sigmoid' ? sigmoid(matmul(a, weights)) : relu(matmul(a, weights));
  return a;
}

describe('task 14.1 explodingDemo', () => {
  test("the book's sigmoid run: activations saturate near 0.993 and gradients vanish", () => {
    const demo = explodingDemo(array(BOOK_WEIGHTS), sigmoid(array([1, 0.01])), 10, 'sigmoid');
    expect(demo.activations).toHaveLength(10);
    expect(demo.gradients).toHaveLength(10);
    expectClose(demo.activations[0], [0.93940638, 0.96852968], { rtol: 1e-7 });
    expectClose(demo.activations[1], [0.9919462, 0.99121735], { rtol: 1e-7 });
    expectClose(demo.activations[9], [0.99307291, 0.99307291], { rtol: 1e-7 });
    expectClose(demo.gradients[0], [0.03439552, 0.03439552], { rtol: 1e-6 });
    expectClose(demo.gradients[1], [0.00118305, 0.00118305], { rtol: 1e-5 });
    expectClose(demo.gradients[2], [4.06916726e-5, 4.06916726e-5], { rtol: 1e-7 });
    expect(Math.max(...demo.gradients[9].data)).toBeLessThan(1e-13);
  });

  test("the book's relu run (one run of the printed code, C.13): gradients are exactly 5^k", () => {
    // The printed code's relu loop starts where its sigmoid backward loop left `activation`:
    // at the sigmoid run's first state.
    const sigmoidRun = explodingDemo(array(BOOK_WEIGHTS), sigmoid(array([1, 0.01])), 10, 'sigmoid');
    const demo = explodingDemo(array(BOOK_WEIGHTS), sigmoidRun.activations[0], 10, 'relu');
    expectClose(demo.activations[0], [4.8135251, 4.72615519], { rtol: 1e-7 });
    expectClose(demo.activations[1], [23.71814585, 23.98025559], { rtol: 1e-9 });
    expectClose(demo.activations[9], [9315234.18, 9316953.88], { rtol: 1e-9 });
    demo.gradients.forEach((g, k) => expect(Array.from(g.data)).toEqual([5 ** (k + 1), 5 ** (k + 1)]));
  });

  test('the last gradient is d(sum of the final state)/d(start), by finite differences', () => {
    const arb = fc.record({
      seed: fc.nat(100000),
      size: fc.integer({ min: 1, max: 4 }),
      steps: fc.integer({ min: 1, max: 6 }),
      act: fc.constantFrom<'sigmoid' | 'relu'>('sigmoid', 'relu'),
    });
    assertProperty(
      fc.property(arb, ({ seed, size, steps, act }) => {
        const random = new RandomState(seed);
        // Positive weights and a positive start keep relu away from its kink at 0.
        const weights = act === 'relu' ? (random.uniform([size, size], 0.2, 1.5)) : (random.uniform([size, size], -2, 2));
        const start = random.uniform([size], 0.1, 1);
        const before = Float64Array.from(start.data);
        const demo = explodingDemo(weights, start, steps, act);
        const numeric = numericGradient((s) => finalState(weights, s, steps, act).data.reduce((a, b) => a + b, 0), start.clone());
        expectClose(demo.gradients[steps - 1], numeric, { rtol: 1e-5, atol: 1e-9 });
        expectClose(demo.activations[steps - 1], finalState(weights, start, steps, act).data, { rtol: 1e-12 });
        expect(Array.from(start.data)).toEqual(Array.from(before));
      }),
      { label: 'task 14.1 explodingDemo' },
    );
  });

  test('relu: a unit that is switched off passes no gradient back', () => {
    // From [1, 1] the second unit's input is -2 and then -6 (far from the kink): it stays at 0,
    // and the sum of the final state is 4 s1, so its gradient is [4, 0].
    const weights = array([[2, -3], [0, 1]]);
    const demo = explodingDemo(weights, array([1, 1]), 2, 'relu');
    expectClose(demo.activations[1], [4, 0]);
    expectClose(demo.gradients[1], [4, 0]);
    const numeric = numericGradient((s) => finalState(weights, s, 2, 'relu').data.reduce((a, b) => a + b, 0), array([1, 1]));
    expectClose(demo.gradients[1], numeric, { rtol: 1e-6, atol: 1e-9 });
  });

  test('names the shapes when W and the state do not fit, and refuses a step count that is not a positive integer', () => {
    expect(() => explodingDemo(array([[1, 2, 3]]), array([1]), 3, 'relu')).toThrow(/explodingDemo: .*\[1,3\]/);
    expect(() => explodingDemo(array([[1, 2], [3, 4]]), array([1, 2, 3]), 3, 'relu')).toThrow(
      /explodingDemo: weights \[2,2\] must be square and match the state \[3\]/,
    );
    expect(() => explodingDemo(new NDArray(new Float64Array(4), [2, 2, 1]), array([1, 2]), 3, 'relu')).toThrow(
      /explodingDemo: weights \[2,2,1\] must be square and match the state \[2\]/,
    );
    expect(() => explodingDemo(array(BOOK_WEIGHTS), array([1, 2]), 0, 'relu')).toThrow(/explodingDemo: steps 0 must be a positive integer/);
    expect(() => explodingDemo(array(BOOK_WEIGHTS), array([1, 2]), 2.5, 'sigmoid')).toThrow(/explodingDemo: steps 2.5 must be a positive integer/);
  });
});

describe('task 14.2 clipGradNorm', () => {
  const gradientsArb = fc.record({
    seed: fc.nat(100000),
    sizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
    scale: fc.constantFrom(1e-3, 1, 50, 1e200),
    maxNorm: fc.double({ min: 0.1, max: 20, noNaN: true }),
  });

  test('returns the global norm and scales every array by one factor to at most maxNorm', () => {
    assertProperty(
      fc.property(gradientsArb, ({ seed, sizes, scale, maxNorm }) => {
        const random = new RandomState(seed);
        const gradients = sizes.map((n) => {
          const g = random.uniform([n], -1, 1);
          for (let i = 0; i < g.size; i++) g.data[i] *= scale;
          return g;
        });
        const before = gradients.map((g) => Float64Array.from(g.data));
        let expectedNorm = 0;
        for (const b of before) for (const v of b) expectedNorm += (v / scale) ** 2;
        expectedNorm = Math.sqrt(expectedNorm) * scale;
        const total = clipGradNorm(gradients, maxNorm);
        expect(total).toBeCloseTo(expectedNorm, -Math.log10(expectedNorm) + 9);
        const factor = total > maxNorm ? maxNorm / total : 1;
        gradients.forEach((g, k) => expectClose(g, before[k].map((v) => v * factor), { rtol: 1e-12, atol: 0 }));
        if (total <= maxNorm) gradients.forEach((g, k) => expect(Array.from(g.data)).toEqual(Array.from(before[k])));
      }),
      { label: 'task 14.2 clipGradNorm' },
    );
  });

  test('the worked example: [3] and [4] have norm 5 and become [0.6] and [0.8]', () => {
    const a = array([3]);
    const b = array([4]);
    expect(clipGradNorm([a, b], 1)).toBe(5);
    expectClose(a, [0.6]);
    expectClose(b, [0.8]);
  });

  test('all-zero gradients have norm 0 and an infinite one has norm Infinity; neither is scaled', () => {
    const zeros = [array([0, 0]), array([0])];
    expect(clipGradNorm(zeros, 1)).toBe(0);
    zeros.forEach((g) => expect(Array.from(g.data)).toEqual(new Array(g.size).fill(0)));
    const exploded = [array([Infinity, 1]), array([2])];
    expect(clipGradNorm(exploded, 1)).toBe(Infinity);
    expect(Array.from(exploded[0].data)).toEqual([Infinity, 1]);
    expect(Array.from(exploded[1].data)).toEqual([2]);
  });

  test('rejects a maxNorm that is not positive', () => {
    expect(() => clipGradNorm([array([1])], 0)).toThrow(/clipGradNorm: maxNorm 0/);
  });
});
