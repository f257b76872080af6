import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { array } from '../ops/create';
import { mul } from '../ops/elementwise';
import { matmul, matmulTransposeA, matmulTransposeB } from '../ops/matmul';
import { sum } from '../ops/reduce';
import { square } from '../ops/elementwise';
import {
  allClose,
  arrayArb,
  arrayAwayFromKinks,
  assertProperty,
  awayFromKinks,
  expectClose,
  gradCheck,
  matmulPairArb,
  maxRelativeError,
  numericGradient,
  relativeError,
  shapeArb,
} from './index';
import { closeMatchers } from './jest-matchers';
import { MUTATION_RUN_ENV } from './property';

describe('expectClose', () => {
  test('passes within tolerance and lists the differing indices otherwise', () => {
    expectClose(array([1, 2]), [1, 2 + 1e-12]);
    let message = '';
    try {
      expectClose(array([[1, 2], [3, 4]]), [[1, 2.5], [3, 4.5]], { label: 'layer_1' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('layer_1: 2 of 4 elements of [2,2] differ');
    expect(message).toContain('at [0,1]: actual 2, expected 2.5');
    expect(message).toContain('at [1,1]: actual 4, expected 4.5');
  });
  test('shape mismatches and NaN', () => {
    expect(() => expectClose(array([1, 2]), [[1, 2]])).toThrow('shape [2] differs from the expected [1,2]');
    expect(() => expectClose(array([NaN]), [1])).toThrow(/actual NaN/);
    expectClose(array([NaN]), [NaN]);
    expect(allClose(array([1]), [1.1])).toBe(false);
    expect(allClose(5, 5)).toBe(true);
  });
  test('relative error follows max|a-n| / max(1e-8, |a|+|n|)', () => {
    expect(relativeError(1, 1)).toBe(0);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(1e-10, 0)).toBeCloseTo(1e-2, 12);
    expect(maxRelativeError(array([1, 3]), array([1, 1]))).toBe(0.5);
  });
});

describe('gradCheck', () => {
  const x = array([[0.5, -1.5, 2], [1, 0.25, -0.75]]);
  const w = array([[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]]);

  test('passes for the matmul gradients and reports the error', () => {
    const report = gradCheck(
      (a, b) => matmul(a, b),
      [x, w],
      (g, a, b) => [matmulTransposeB(g, b), matmulTransposeA(a, g)],
    );
    expect(report.maxError).toBeLessThan(1e-8);
    expect(report.inputs).toHaveLength(2);
    expect(report.upstream.shape).toEqual([2, 2]);
  });

  test('fails with index, analytic, numeric and relative error when a gradient is wrong', () => {
    // A classic bug: forgetting to transpose, which a summed output (upstream of ones) can hide.
    const wrong = (): void => {
      gradCheck((b) => matmul(x, b), w, (g) => mul(matmulTransposeA(x, g), 1.01), { label: 'task 6.3' });
    };
    expect(wrong).toThrow(/task 6.3: gradient check failed/);
    expect(wrong).toThrow(/input 0 \[3,2\]: 6 of 6 elements exceed 0.000001/);
    expect(wrong).toThrow(/at \[\d,\d\]: analytic -?[\d.e-]+, numeric -?[\d.e-]+, relative error [\d.e-]+/);
  });

  test('scalar outputs and numericGradient', () => {
    gradCheck((v) => sum(square(v)), x, (g, v) => mul(v, 2 * g.data[0]));
    expectClose(numericGradient((v) => sum(square(v)), array([1, 2])), [2, 4], { rtol: 1e-8 });
  });

  test('wrong gradient shape is reported plainly', () => {
    expect(() => gradCheck((b) => matmul(x, b), w, () => NDArray.zeros([2]))).toThrow(
      'gradCheck: the gradient for input 0 has shape [2] but the input has shape [3,2]',
    );
  });
});

describe('arbitraries', () => {
  test('shapes, arrays and matmul pairs are well formed', () => {
    assertProperty(
      fc.property(shapeArb({ maxDims: 3, maxSide: 4 }).chain((s) => arrayArb(s, { min: -1, max: 1 })), (a) => {
        expect(a.data.every((v) => v >= -1 && v <= 1 && Number.isFinite(v))).toBe(true);
      }),
    );
    assertProperty(
      fc.property(matmulPairArb(), ([a, b]) => {
        expect(a.shape[1]).toBe(b.shape[0]);
      }),
    );
  });
  test('values stay away from kinks, including while shrinking', () => {
    assertProperty(
      fc.property(awayFromKinks([0, 1], { margin: 0.01 }), (v) => {
        expect(Math.abs(v) >= 0.01 && Math.abs(v - 1) >= 0.01).toBe(true);
      }),
    );
    // A failing property shrinks toward 0, and the shrunk counterexample must still be off the kink.
    const details = fc.check(fc.property(arrayAwayFromKinks([3], [0], { margin: 1e-3 }), () => false));
    const shrunk = details.counterexample?.[0] as NDArray;
    expect(shrunk.data.every((v) => Math.abs(v) >= 1e-3)).toBe(true);
  });
});

describe('assertProperty', () => {
  test('the failure message carries the cause and the replay seed and path', () => {
    let message = '';
    try {
      assertProperty(fc.property(fc.integer({ min: 0, max: 100 }), (n) => {
        if (n > 10) throw new Error(`too big: ${n}`);
      }), { label: 'demo', seed: 42 });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('demo: ');
    expect(message).toContain('The counterexample failed with: too big: 11');
    expect(message).toContain('Replay it with FC_SEED=42');
    expect(message).not.toMatch(/Hint: /);
  });

  test('prints no fast-check or jest frames, only those of the code under test', () => {
    let stack = '';
    try {
      assertProperty(fc.property(fc.integer(), (n) => {
        if (n > 10) throw new Error('too big');
      }), { seed: 7 });
    } catch (e) {
      stack = (e as Error).stack ?? '';
    }
    expect(stack).toContain('too big');
    expect(stack).not.toMatch(/node_modules/);
  });

  test('in a mutation run it reports the first counterexample without shrinking it', () => {
    const failOnBig = (): string => {
      try {
        assertProperty(fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
          if (n > 10) throw new Error(`too big: ${n}`);
        }), { seed: 42 });
      } catch (e) {
        return (e as Error).message;
      }
      return 'passed';
    };
    expect(failOnBig()).toContain('too big: 11\n');
    const before = process.env[MUTATION_RUN_ENV];
    process.env[MUTATION_RUN_ENV] = '1';
    try {
      const message = failOnBig();
      expect(message).toMatch(/too big: \d+/);
      expect(message).not.toContain('too big: 11\n');
    } finally {
      if (before === undefined) delete process.env[MUTATION_RUN_ENV];
      else process.env[MUTATION_RUN_ENV] = before;
    }
  });
});

describe('jest matcher', () => {
  test('toBeAllClose passes and fails with the expectClose message', () => {
    expect.extend(closeMatchers);
    expect(array([1, 2])).toBeAllClose([1, 2]);
    expect(array([1, 2])).not.toBeAllClose([1, 3]);
    expect(() => expect(array([1, 2])).toBeAllClose([1, 3])).toThrow(/at \[1\]: actual 2, expected 3/);
  });
});
