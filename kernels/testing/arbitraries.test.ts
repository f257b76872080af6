import fc from 'fast-check';
import { oneHotArb, twoLayerNetworkArb, valueArb } from './arbitraries';

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
});
