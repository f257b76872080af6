import fc from 'fast-check';
import { assertProperty, expectInputsUnchanged } from '../../kernels/testing';
import { matMul, shape, transpose } from './matrices';
import { expectAllClose, matrixOf, referenceMatMul, referenceTranspose, rowsOf, side, freshProperty } from './vectors.fixtures';

/** A matrix of zeros with the given shape, like NumPy's zeros((rows, columns)). */
function zeros(rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
}

describe('task 3.11 transpose', () => {
  it('turns rows into columns', () => {
    expect(transpose([[1, 2, 3], [4, 5, 6]])).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(transpose([[1, 2], [3, 4]])).toEqual([[1, 3], [2, 4]]);
    expect(transpose([[7]])).toEqual([[7]]);
  });

  it('swaps the shape: (a, b) becomes (b, a)', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side()).chain(([rows, columns]) => matrixOf(rows, columns)),
        (matrix) => {
          const [rows, columns] = shape(matrix);
          expect(shape(transpose(matrix))).toEqual([columns, rows]);
        },
      ),
    );
  });

  it('puts entry [i][j] at [j][i], square matrices included', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side()).chain(([rows, columns]) => matrixOf(rows, columns)),
        side().chain((n) => matrixOf(n, n)),
        (matrix, square) => {
          expect(transpose(matrix)).toEqual(referenceTranspose(matrix));
          expect(transpose(square)).toEqual(referenceTranspose(square));
        },
      ),
    );
  });

  it('undoes itself: transpose(transpose(M)) = M, and leaves M unchanged', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side()).chain(([rows, columns]) => matrixOf(rows, columns)),
        (matrix) => {
          const before = matrix.map((row) => [...row]);
          expect(transpose(transpose(matrix))).toEqual(before);
          expect(matrix).toEqual(before);
        },
      ),
    );
  });

  it('leaves its matrix unchanged and shares no row with it (a 1 x 1 and a square one included)', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side()).chain(([rows, columns]) => matrixOf(rows, columns)),
        (matrix) => {
          const result = expectInputsUnchanged('transpose', rowsOf('matrix', matrix), () => transpose(matrix));
          for (const row of result) expect(matrix).not.toContain(row);
        },
      ),
    );
  });

  it('rejects ragged rows with the error of shape', () => {
    expect(() => transpose([[1, 2, 3], [4, 5]])).toThrow(/shape: row 1 has 2 values but row 0 has 3/);
  });
});

describe('task 3.12 matMul', () => {
  it('follows the shape table of the NumPy primer (listing 3.13)', () => {
    expect(shape(matMul(zeros(1, 4), zeros(4, 3)))).toEqual([1, 3]);
    expect(shape(matMul(zeros(2, 4), zeros(4, 3)))).toEqual([2, 3]);
    expect(shape(matMul(zeros(2, 1), zeros(1, 3)))).toEqual([2, 3]);
    expect(shape(matMul(referenceTranspose(zeros(5, 4)), zeros(5, 6)))).toEqual([4, 6]);
    expect(() => matMul(zeros(5, 4), zeros(5, 6))).toThrow(
      'matMul: cannot multiply [5,4] by [5,6] (inner sizes 4 and 5 differ)',
    );
  });

  it('multiplies a small example by hand', () => {
    expect(matMul([[1, 2]], [[3], [4]])).toEqual([[11]]);
    expect(matMul([[1, 2], [3, 4]], [[5, 6, 7], [8, 9, 10]])).toEqual([
      [21, 24, 27],
      [47, 54, 61],
    ]);
  });

  it('reproduces the vector-matrix prediction of game 1: [x] × Wᵀ = [[0.555, 0.98, 0.965]]', () => {
    const weights = [
      [0.1, 0.1, -0.3],
      [0.1, 0.2, 0.0],
      [0.0, 1.3, 0.1],
    ];
    expectAllClose(matMul([[8.5, 0.65, 1.2]], referenceTranspose(weights)), [[0.555, 0.98, 0.965]]);
  });

  it('succeeds exactly when the inner sizes agree, with shape (rows of a, columns of b)', () => {
    assertProperty(
      freshProperty(side(), side(), side(), side(), (n, k, kb, m) => {
        if (k === kb) {
          expect(shape(matMul(zeros(n, k), zeros(kb, m)))).toEqual([n, m]);
        } else {
          expect(() => matMul(zeros(n, k), zeros(kb, m))).toThrow(
            `matMul: cannot multiply [${n},${k}] by [${kb},${m}] (inner sizes ${k} and ${kb} differ)`,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('puts the dot product of row i of a and column j of b at [i][j]', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side(), side()).chain(([n, k, m]) => fc.tuple(matrixOf(n, k), matrixOf(k, m))),
        ([a, b]) => {
          expectAllClose(matMul(a, b), referenceMatMul(a, b), 1e-9);
        },
      ),
    );
  });

  it('leaves a and b unchanged and shares no row with them', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side(), side()).chain(([n, k, m]) => fc.tuple(matrixOf(n, k), matrixOf(k, m))),
        ([a, b]) => {
          const product = expectInputsUnchanged('matMul', { ...rowsOf('a', a), ...rowsOf('b', b) }, () => matMul(a, b));
          for (const row of product) {
            expect(a).not.toContain(row);
            expect(b).not.toContain(row);
          }
        },
      ),
    );
  });

  it('obeys (A B)ᵀ = Bᵀ Aᵀ and leaves the identity alone', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side(), side()).chain(([n, k, m]) => fc.tuple(matrixOf(n, k), matrixOf(k, m))),
        ([a, b]) => {
          expectAllClose(referenceTranspose(matMul(a, b)), matMul(referenceTranspose(b), referenceTranspose(a)), 1e-9);
          const eye = b.map((_, i) => b.map((__, j) => (i === j ? 1 : 0)));
          expect(matMul(a, eye)).toEqual(a);
        },
      ),
    );
  });
});
