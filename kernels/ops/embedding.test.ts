import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { array } from './create';
import { gatherRows, gatherRowsReference, scatterAddRows, scatterAddRowsReference } from './embedding';
import { arrayArb, assertProperty, expectClose } from '../testing';

const tableAndIndices = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 5 }))
  .chain(([v, d]) => fc.tuple(arrayArb([v, d]), fc.array(fc.integer({ min: 0, max: v - 1 }), { maxLength: 10 })));

describe('gatherRows and scatterAddRows', () => {
  test('gather agrees with the reference', () => {
    assertProperty(
      fc.property(tableAndIndices, ([table, idx]) => {
        expectClose(gatherRows(table, idx), gatherRowsReference(table, idx), { rtol: 0, atol: 0 });
      }),
    );
  });
  test('scatter-add agrees with the reference, repeated indices accumulate', () => {
    assertProperty(
      fc.property(
        tableAndIndices.chain(([t, idx]) => fc.tuple(fc.constant(t), fc.constant(idx), arrayArb([idx.length, t.shape[1]]))),
        fc.double({ min: -2, max: 2, noNaN: true }),
        ([table, idx, rows], scale) => {
          const expected = scatterAddRowsReference(table, idx, rows, scale);
          expectClose(scatterAddRows(table.clone(), idx, rows, scale), expected, { rtol: 0, atol: 0 });
        },
      ),
    );
  });
  test('scatter-add is the adjoint of gather: <gather(T), R> = <T, scatter(0, R)>', () => {
    assertProperty(
      fc.property(
        tableAndIndices.chain(([t, idx]) => fc.tuple(fc.constant(t), fc.constant(idx), arrayArb([idx.length, t.shape[1]]))),
        ([table, idx, rows]) => {
          const g = gatherRows(table, idx);
          const left = g.data.reduce((s, v, i) => s + v * rows.data[i], 0);
          const back = scatterAddRows(NDArray.zeros(table.shape), idx, rows);
          const right = table.data.reduce((s, v, i) => s + v * back.data[i], 0);
          expectClose(left, right, { rtol: 1e-10, atol: 1e-10 });
        },
      ),
    );
  });
  test('examples and errors', () => {
    const table = array([[1, 2], [3, 4], [5, 6]]);
    expect(gatherRows(table, [2, 0]).toNested()).toEqual([[5, 6], [1, 2]]);
    expect(gatherRows(table, array([1])).toNested()).toEqual([[3, 4]]);
    scatterAddRows(table, [0, 0], array([1, 1]), -1);
    expect(table.toNested()).toEqual([[-1, 0], [3, 4], [5, 6]]);
    expect(() => gatherRows(table, [3])).toThrow('gatherRows: index 3 at position 0 is out of range for 3 rows');
    expect(() => scatterAddRows(table, [0, 1], array([[1, 2, 3]]))).toThrow(/scatterAddRows: rows \[1,3\] must hold one row of 2 values per index/);
  });
});
