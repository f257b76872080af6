import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { arange, array, zeros } from './create';
import { concatRows, flatten, reshape, row, rowsView, sliceRows, transpose } from './shape';
import { arrayArb, assertProperty, shapeArb } from '../testing';

/** Plain reference transpose of a matrix. */
function transposeReference(x: NDArray): NDArray {
  const [m, n] = x.shape;
  const out = NDArray.zeros([n, m]);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out.set(x.get(i, j), j, i);
  return out;
}

describe('transpose', () => {
  test('matrices agree with the reference, across the 8x8 tiles', () => {
    assertProperty(
      fc.property(fc.tuple(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 19 })).chain(([m, n]) => arrayArb([m, n])), (x) => {
        expect(Array.from(transpose(x).data)).toEqual(Array.from(transposeReference(x).data));
      }),
    );
  });
  test('transposing twice gives the array back, for any axes', () => {
    assertProperty(
      fc.property(shapeArb({ minDims: 0, maxDims: 4, maxSide: 4 }).chain((s) => arrayArb(s)), (x) => {
        const back = transpose(transpose(x));
        expect(back.shape).toEqual(x.shape);
        expect(Array.from(back.data)).toEqual(Array.from(x.data));
      }),
    );
  });
  test('permuted axes', () => {
    const x = reshape(arange(24), [2, 3, 4]);
    const y = transpose(x, [1, 0, 2]);
    expect(y.shape).toEqual([3, 2, 4]);
    expect(y.get(2, 1, 3)).toBe(x.get(1, 2, 3));
    expect(() => transpose(x, [0, 0, 1])).toThrow('transpose: axes [0,0,1] are not a permutation of the axes of [2,3,4]');
  });
});

describe('reshape and rows', () => {
  test('reshape infers -1 and shares data', () => {
    const x = arange(6);
    const y = reshape(x, [2, -1]);
    expect(y.shape).toEqual([2, 3]);
    y.set(42, 1, 2);
    expect(x.data[5]).toBe(42);
    expect(() => reshape(x, [4, -1])).toThrow('reshape: cannot reshape [6] (6 values) into [4,-1]');
    expect(flatten(y).shape).toEqual([6]);
  });
  test('sliceRows copies the book-style batch x[start:end]', () => {
    const x = array([[1, 2], [3, 4], [5, 6]]);
    const s = sliceRows(x, 1, 3);
    expect(s.toNested()).toEqual([[3, 4], [5, 6]]);
    s.set(0, 0, 0);
    expect(x.get(1, 0)).toBe(3);
    expect(row(x, 2).toNested()).toEqual([[5, 6]]);
    expect(() => sliceRows(x, 2, 4)).toThrow('sliceRows: rows 2..4 are out of range for [3,2]');
    expect(sliceRows(zeros([0, 5]), 0, 0).shape).toEqual([0, 5]);
  });
  test('rowsView shares data', () => {
    const x = array([[1, 2], [3, 4]]);
    rowsView(x, 1, 2).set(9, 0, 0);
    expect(x.get(1, 0)).toBe(9);
  });
  test('concatRows stacks along the first axis', () => {
    expect(concatRows([array([[1, 2]]), array([[3, 4], [5, 6]])]).toNested()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(() => concatRows([zeros([1, 2]), zeros([1, 3])])).toThrow(/concatRows: shapes \[1,2\] and \[1,3\] differ/);
  });
});
