import fc from 'fast-check';
import { NDArray, RandomState, array } from '../../kernels';
import { arrayArb, assertProperty, expectClose, expectInputsUnchanged, expectReturnsOut, PREFILL, prefilledOut } from '../../kernels/testing';
import { applyDropout, dropoutMask } from './dropout';
// Other tasks' functions come from the reference solutions: each task's tests judge that task alone.
import * as dropoutReference from '../../solutions/chapter-08/dropout';


describe('task 8.6 dropoutMask', () => {
  test("draws the book's masks: np.random.randint(2, size=shape) after seed 1", () => {
    // np.random.seed(1); np.random.randint(2, size=(1, 4)) -> [[1 1 0 0]]
    expect(dropoutMask(new RandomState(1), [1, 4]).toNested()).toEqual([[1, 1, 0, 0]]);
  });

  test('uses the generator exactly like randint(0, 2, shape), so later draws stay in step with the book', () => {
    assertProperty(
      fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 40 }), (seed, rows, cols) => {
        const rng = new RandomState(seed);
        const mask = dropoutMask(rng, [rows, cols]);
        const reference = new RandomState(seed);
        expect(mask.shape).toEqual([rows, cols]);
        expect(Array.from(mask.data)).toEqual(Array.from(reference.randint(0, 2, [rows, cols]).data));
        expect(rng.random()).toBe(reference.random());
      }),
      { numRuns: 100 },
    );
  });

  test('keeps about half of the units (10,000 draws, within 4 standard deviations)', () => {
    const mask = dropoutMask(new RandomState(3), [100, 100]);
    expect(mask.data.every((v) => v === 0 || v === 1)).toBe(true);
    const kept = mask.data.reduce((s, v) => s + v, 0);
    // A binomial(10000, 1/2) count has standard deviation 50.
    expect(Math.abs(kept - 5000)).toBeLessThan(200);
  });
});

describe('task 8.7 applyDropout', () => {
  test('switches off the masked units and doubles the others', () => {
    expectClose(applyDropout(array([[0.5, 1, 2]]), array([[1, 0, 1]])), [[1, 0, 4]]);
  });

  test('each unit becomes 0 or twice its value, following the mask exactly', () => {
    assertProperty(
      fc.property(arrayArb([3, 7], { min: -5, max: 5 }), fc.integer({ min: 0, max: 1000 }), (layer, seed) => {
        const mask = new RandomState(seed).randint(0, 2, [3, 7]);
        const dropped = expectInputsUnchanged('applyDropout', { layer, mask }, () => applyDropout(layer, mask));
        expect(dropped).not.toBe(layer);
        for (let i = 0; i < layer.size; i++) expect(dropped.data[i]).toBe(mask.data[i] === 1 ? 2 * layer.data[i] : 0 * layer.data[i]);
      }),
      { numRuns: 100 },
    );
  });

  test('keeps the expectation: averaged over many masks, the dropped-out layer is the layer', () => {
    const layer = array([[0.3, 1.5, 0, 2.2, 0.8, 4, 0.05, 1]]);
    const rng = new RandomState(12);
    const draws = 20000;
    const total = NDArray.zeros(layer.shape);
    for (let k = 0; k < draws; k++) {
      const dropped = applyDropout(layer, dropoutReference.dropoutMask(rng, layer.shape));
      for (let i = 0; i < total.size; i++) total.data[i] += dropped.data[i];
    }
    // Each draw is 0 or 2x with probability 1/2: standard deviation x per draw, x / sqrt(20000) for the mean.
    for (let i = 0; i < layer.size; i++) {
      const x = layer.data[i];
      expect(Math.abs(total.data[i] / draws - x)).toBeLessThanOrEqual((4 * x) / Math.sqrt(draws) + 1e-12);
    }
  });

  test('the sum of a wide layer, which is what the next layer sees, keeps its size', () => {
    const layer = new RandomState(5).random([1, 10000]);
    const dropped = applyDropout(layer, dropoutReference.dropoutMask(new RandomState(6), [1, 10000]));
    const sum = (x: NDArray) => x.data.reduce((s, v) => s + v, 0);
    expect(Math.abs(sum(dropped) / sum(layer) - 1)).toBeLessThan(0.03);
  });

  test('writes into out when it is given, even the layer itself', () => {
    const layer = array([[1, 2, 3]]);
    const result = applyDropout(layer, array([[0, 1, 1]]), layer);
    expect(result).toBe(layer);
    expect(layer.toNested()).toEqual([[0, 4, 6]]);
  });

  test(`overwrites every element of a given out (pre-filled with ${PREFILL}) and returns it, leaving layer and mask as they were`, () => {
    assertProperty(
      fc.property(arrayArb([2, 6], { min: -5, max: 5 }), fc.integer({ min: 0, max: 1000 }), (layer, seed) => {
        const mask = new RandomState(seed).randint(0, 2, [2, 6]);
        const out = prefilledOut([2, 6]);
        const result = expectInputsUnchanged('applyDropout', { layer, mask }, () => applyDropout(layer, mask, out));
        expectReturnsOut('applyDropout', result, out);
        expectClose(out, dropoutReference.applyDropout(layer, mask), { rtol: 0, atol: 0, label: 'applyDropout into a pre-filled out' });
      }),
      { numRuns: 50 },
    );
  });

  test('with out = layer, every unit is computed from its own value (layer * mask * 2 in place)', () => {
    assertProperty(
      fc.property(arrayArb([3, 4], { min: -5, max: 5 }), fc.integer({ min: 0, max: 1000 }), (layer, seed) => {
        const mask = new RandomState(seed).randint(0, 2, [3, 4]);
        const expected = dropoutReference.applyDropout(layer, mask);
        expect(applyDropout(layer, mask, layer)).toBe(layer);
        expectClose(layer, expected, { rtol: 0, atol: 0, label: 'applyDropout(layer, mask, layer)' });
      }),
      { numRuns: 50 },
    );
  });

  test('rejects a mask of another shape', () => {
    expect(() => applyDropout(NDArray.zeros([1, 4]), NDArray.zeros([1, 3]))).toThrow(/applyDropout: mask \[1,3\] does not match the layer \[1,4\]/);
    // A mask with fewer dimensions, whose sizes match the layer's first ones.
    expect(() => applyDropout(NDArray.zeros([1, 4]), NDArray.zeros([1]))).toThrow(/applyDropout: mask \[1\] does not match the layer \[1,4\]/);
  });
});
