import fc from 'fast-check';
import { arrayArb, oneHotArb, twoLayerNetworkArb, valueArb } from './arbitraries';

describe('network arbitraries', () => {
  test('twoLayerNetworkArb: shapes that chain, sizes from 1, values in range', () => {
    fc.assert(
      fc.property(twoLayerNetworkArb({ maxBatch: 4, maxWidth: 6, min: -2, max: 2 }), ({ layer0, weights01, weights12, goal }) => {
        expect(layer0.shape[1]).toBe(weights01.shape[0]);
        expect(weights01.shape[1]).toBe(weights12.shape[0]);
        expect(goal.shape).toEqual([layer0.shape[0], weights12.shape[1]]);
        for (const x of [layer0, weights01, weights12, goal]) {
          expect(Math.min(...x.shape)).toBeGreaterThanOrEqual(1);
          for (const v of x.data) expect(Math.abs(v)).toBeLessThanOrEqual(2);
        }
        expect(layer0.shape[0]).toBeLessThanOrEqual(4);
      }),
      { numRuns: 100 },
    );
  });
  test('oneHotArb: exactly one 1 per row', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }).chain((rows) => oneHotArb(rows, 4)), (labels) => {
        const rows = labels.toNested() as number[][];
        for (const row of rows) {
          expect(row.filter((v) => v === 1)).toHaveLength(1);
          expect(row.filter((v) => v !== 0 && v !== 1)).toHaveLength(0);
        }
      }),
      { numRuns: 100 },
    );
    expect(() => oneHotArb(2, 0)).toThrow('oneHotArb: classes must be a positive integer, got 0');
  });
  test('valueArb draws no subnormals and no -0', () => {
    fc.assert(
      fc.property(valueArb({ min: -1e-290, max: 1e-290 }), (v) => {
        expect(v === 0 || Math.abs(v) >= 1e-300).toBe(true);
        expect(Object.is(v, -0)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
  test('valueArb draws decimals a learner can read: a few digits, never -0, inside [min, max]', () => {
    fc.assert(
      fc.property(fc.constantFrom([-1, 1], [-10, 10], [0.1, 2], [0, 1000]), fc.integer(), ([min, max], seed) => {
        for (const v of fc.sample(valueArb({ min, max }), { numRuns: 20, seed })) {
          expect(v).toBeGreaterThanOrEqual(min);
          expect(v).toBeLessThanOrEqual(max);
          expect(Object.is(v, -0)).toBe(false);
          expect(String(v)).toMatch(/^-?\d+(\.\d{1,6})?$/);
        }
      }),
      { numRuns: 20 },
    );
    expect(fc.sample(valueArb({ min: 2, max: 2 }), 3)).toEqual([2, 2, 2]);
    expect(() => valueArb({ min: 1, max: 0 })).toThrow('valueArb: min 1 is above max 0');
  });
  test('a counterexample prints the array as it was drawn, even after the function changed it', () => {
    const details = fc.check(
      fc.property(arrayArb([2, 2], { min: -1, max: 1 }), (a) => {
        a.data.fill(99);
        return false;
      }),
      { seed: 1 },
    );
    expect(details.failed).toBe(true);
    const shown = fc.stringify(details.counterexample);
    expect(shown).toMatch(/^\[array\(\[\[-?[\d.]+, -?[\d.]+\], \[-?[\d.]+, -?[\d.]+\]\]\)\]$/);
    expect(shown).not.toContain('99');
  });
});
