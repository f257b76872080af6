import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { array, zeros } from './create';
import { argmax, max, mean, min, sum } from './reduce';
import { arrayArb, assertProperty, expectClose, shapeArb } from '../testing';

/** Plain reference: reduces along `axis` by visiting every element with its multi-index. */
function reduceReference(x: NDArray, axis: number, init: (first: number) => number, step: (acc: number, v: number, l: number) => number): NDArray {
  const shape = x.shape.filter((_, i) => i !== axis);
  const out = NDArray.zeros(shape);
  const outIdx = (idx: number[]): number[] => idx.filter((_, i) => i !== axis);
  const seen = new Set<number>();
  const walk = (idx: number[]): void => {
    if (idx.length === x.ndim) {
      const o = outIdx(idx);
      const key = o.reduce((acc, v, i) => acc * shape[i] + v, 0);
      const v = x.get(...idx);
      if (!seen.has(key)) {
        seen.add(key);
        out.data[key] = init(v);
      } else out.data[key] = step(out.data[key], v, idx[axis]);
      return;
    }
    for (let i = 0; i < x.shape[idx.length]; i++) walk([...idx, i]);
  };
  walk([]);
  return out;
}

const arrayWithAxis = shapeArb({ minDims: 1, maxDims: 3, maxSide: 5 }).chain((s) =>
  fc.tuple(arrayArb(s), fc.integer({ min: 0, max: s.length - 1 })),
);

describe('reductions along an axis agree with the plain reference', () => {
  test('sum', () => {
    assertProperty(
      fc.property(arrayWithAxis, ([x, axis]) => {
        expectClose(sum(x, axis), reduceReference(x, axis, (v) => v, (a, v) => a + v), { rtol: 0, atol: 0 });
      }),
    );
  });
  test('max and min (non-empty axes)', () => {
    assertProperty(
      fc.property(arrayWithAxis.filter(([x, axis]) => x.shape[axis] > 0), ([x, axis]) => {
        expectClose(max(x, axis), reduceReference(x, axis, (v) => v, (a, v) => Math.max(a, v)), { rtol: 0, atol: 0 });
        expectClose(min(x, axis), reduceReference(x, axis, (v) => v, (a, v) => Math.min(a, v)), { rtol: 0, atol: 0 });
      }),
    );
  });
  test('argmax points at the maximum along the axis', () => {
    assertProperty(
      fc.property(arrayWithAxis.filter(([x, axis]) => x.shape[axis] > 0), ([x, axis]) => {
        const idx = argmax(x, axis);
        const m = max(x, axis);
        const picked = reduceReference(x, axis, () => 0, (a) => a); // shape only
        for (let i = 0; i < picked.size; i++) {
          // Walk back from the flat output index to the input element the index picks.
          let inner = 1;
          for (let d = axis + 1; d < x.ndim; d++) inner *= x.shape[d];
          const outer = Math.floor(i / inner);
          const q = i % inner;
          const v = x.data[(outer * x.shape[axis] + idx.data[i]) * inner + q];
          expect(v).toBe(m.data[i]);
        }
      }),
    );
  });
  test('keepDims keeps a size-1 axis so the result broadcasts back', () => {
    const x = array([[1, 2], [3, 4]]);
    expect(sum(x, 1, { keepDims: true }).toNested()).toEqual([[3], [7]]);
    expect(mean(x, 0).toNested()).toEqual([2, 3]);
    expect(sum(x, -1).toNested()).toEqual([3, 7]);
  });
});

describe('whole-array reductions', () => {
  test('examples', () => {
    const x = array([[1, 5], [3, 4]]);
    expect(sum(x)).toBe(13);
    expect(mean(x)).toBe(3.25);
    expect(max(x)).toBe(5);
    expect(min(x)).toBe(1);
    expect(argmax(array([0.1, 0.7, 0.7, 0.2]))).toBe(1);
    expect(argmax(array([[1, 9], [8, 2]]), 1).toNested()).toEqual([1, 0]);
  });
  test('errors', () => {
    expect(() => max(zeros([0]))).toThrow('max: the array [0] is empty');
    expect(() => argmax(zeros([2, 0]), 1)).toThrow('argmax: cannot reduce axis 1 of [2,0] because it is empty');
    expect(() => sum(zeros([2, 3]), 2)).toThrow('sum: axis 2 is out of range for shape [2,3]');
    expect(sum(zeros([0, 3]), 0).toNested()).toEqual([0, 0, 0]);
  });
});
