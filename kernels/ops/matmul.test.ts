import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { array } from './create';
import {
  dot,
  matmul,
  matmulReference,
  matmulTransposeA,
  matmulTransposeAReference,
  matmulTransposeB,
  matmulTransposeBReference,
  outer,
  vectorDot,
} from './matmul';
import { transpose } from './shape';
import { getGemmBackend, setGemmBackend, GEMM_BACKENDS, SPARSE_MAX_ROWS } from './gemm';
import { gemmJs, gemmSparseRowsJs } from './gemm-js';
import { assertProperty, expectClose, matmulPairArb, arrayArb, maxRelativeError, valueArb } from '../testing';

const side = fc.integer({ min: 0, max: 11 });

describe.each(GEMM_BACKENDS)('matmul kernels, %s backend', (backend) => {
  const previous = getGemmBackend();
  beforeAll(() => setGemmBackend(backend));
  afterAll(() => setGemmBackend(previous));

  test('matmul agrees with the plain reference (0-sized, 1x1 and odd sizes)', () => {
    assertProperty(
      fc.property(matmulPairArb({ maxSide: 11 }), ([a, b]) => {
        expect(maxRelativeError(matmul(a, b), matmulReference(a, b))).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  test('matmulTransposeA agrees with its reference and with transpose + matmul', () => {
    assertProperty(
      fc.property(
        fc.tuple(side, side, side).chain(([k, m, n]) => fc.tuple(arrayArb([k, m]), arrayArb([k, n]))),
        ([a, b]) => {
          const c = matmulTransposeA(a, b);
          expect(maxRelativeError(c, matmulTransposeAReference(a, b))).toBeLessThanOrEqual(1e-12);
          expect(maxRelativeError(c, matmulReference(transpose(a), b))).toBeLessThanOrEqual(1e-12);
        },
      ),
    );
  });

  test('matmulTransposeB agrees with its reference and with matmul + transpose', () => {
    assertProperty(
      fc.property(
        fc.tuple(side, side, side).chain(([m, k, n]) => fc.tuple(arrayArb([m, k]), arrayArb([n, k]))),
        ([a, b]) => {
          const c = matmulTransposeB(a, b);
          expect(maxRelativeError(c, matmulTransposeBReference(a, b))).toBeLessThanOrEqual(1e-12);
          expect(maxRelativeError(c, matmulReference(a, transpose(b)))).toBeLessThanOrEqual(1e-12);
        },
      ),
    );
  });

  test('sizes the course uses agree with the reference', () => {
    for (const [m, k, n] of [[1, 784, 40], [1, 40, 10], [100, 784, 100], [37, 61, 19], [128, 9, 16]]) {
      const a = new NDArray(Float64Array.from({ length: m * k }, (_, i) => Math.sin(i)), [m, k]);
      const b = new NDArray(Float64Array.from({ length: k * n }, (_, i) => Math.cos(i)), [k, n]);
      expect(maxRelativeError(matmul(a, b), matmulReference(a, b))).toBeLessThanOrEqual(1e-12);
      const aT = transpose(a);
      expect(maxRelativeError(matmulTransposeA(aT, b), matmulReference(a, b))).toBeLessThanOrEqual(1e-12);
      expect(maxRelativeError(matmulTransposeB(a, transpose(b)), matmulReference(a, b))).toBeLessThanOrEqual(1e-12);
    }
  });

  test('(AB)^T = B^T A^T', () => {
    assertProperty(
      fc.property(matmulPairArb(), ([a, b]) => {
        expectClose(transpose(matmul(a, b)), matmul(transpose(b), transpose(a)), { rtol: 1e-12, atol: 1e-12 });
      }),
    );
  });

  test('(AB)C = A(BC) within rounding', () => {
    assertProperty(
      fc.property(
        fc.tuple(side, side, side, side).chain(([m, k, p, n]) =>
          fc.tuple(arrayArb([m, k], { min: -1, max: 1 }), arrayArb([k, p], { min: -1, max: 1 }), arrayArb([p, n], { min: -1, max: 1 })),
        ),
        ([a, b, c]) => {
          // Rounding differs between the two orders, so allow a few ulps of the largest possible sum.
          expectClose(matmul(matmul(a, b), c), matmul(a, matmul(b, c)), { rtol: 1e-10, atol: 1e-12 * (1 + a.shape[1] * b.shape[1]) });
        },
      ),
    );
  });

  test('out is filled and returned; stale contents do not leak', () => {
    const a = array([[1, 2], [3, 4]]);
    const b = array([[5, 6], [7, 8]]);
    const out = new NDArray(new Float64Array([9, 9, 9, 9]), [2, 2]);
    expect(matmul(a, b, out)).toBe(out);
    expect(out.toNested()).toEqual([[19, 22], [43, 50]]);
  });
});

describe('backends agree bit for bit', () => {
  afterAll(() => setGemmBackend('auto'));
  test('js and wasm give identical results for all three variants', () => {
    const run = (backend: 'js' | 'wasm', f: () => NDArray): number[] => {
      setGemmBackend(backend);
      return Array.from(f().data);
    };
    assertProperty(
      fc.property(matmulPairArb({ maxSide: 13 }), ([a, b]) => {
        const at = transpose(a);
        const bt = transpose(b);
        for (const f of [() => matmul(a, b), () => matmulTransposeA(at, b), () => matmulTransposeB(a, bt)]) {
          // toEqual tells -0 from 0, so this is a bit-level comparison apart from NaN payloads.
          expect(run('wasm', f)).toEqual(run('js', f));
        }
      }),
    );
  });

  test('tall products with few columns (the row-major A path: chapter 10, im2col) agree too', () => {
    const run = (backend: 'js' | 'wasm', f: () => NDArray): number[] => {
      setGemmBackend(backend);
      return Array.from(f().data);
    };
    const tall = fc
      .tuple(fc.integer({ min: 41, max: 260 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 4, max: 33 }))
      .chain(([m, k, n]) => fc.tuple(arrayArb([m, k]), arrayArb([k, n]), arrayArb([n, k])));
    assertProperty(
      fc.property(tall, ([a, b, bt]) => {
        expect(run('wasm', () => matmul(a, b))).toEqual(run('js', () => matmul(a, b)));
        expect(run('wasm', () => matmulTransposeB(a, bt))).toEqual(run('js', () => matmulTransposeB(a, bt)));
      }),
      { numRuns: 20 },
    );
  });
});

describe('the sparse-row path (batch-1 MNIST rows, relu layers)', () => {
  /** Rows of A that are mostly zeros, as an MNIST image is. */
  const sparseRows = fc
    .tuple(fc.integer({ min: 1, max: SPARSE_MAX_ROWS }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 19 }))
    .chain(([m, k, n]) =>
      fc.tuple(
        fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: valueArb() }), { minLength: m * k, maxLength: m * k }).map((v) => new NDArray(Float64Array.from(v), [m, k])),
        arrayArb([k, n]),
      ),
    );
  test('gives the same bits as the dense kernel for finite weights, through matmul and directly', () => {
    assertProperty(
      fc.property(sparseRows, ([a, b]) => {
        const [m, k] = a.shape;
        const n = b.shape[1];
        const dense = new Float64Array(m * n);
        const sparse = new Float64Array(m * n).fill(Number.NaN);
        gemmJs(m, n, k, a.data, k, 1, b.data, n, 1, dense);
        gemmSparseRowsJs(m, n, k, a.data, k, 1, b.data, n, 1, sparse);
        expect(Array.from(sparse)).toEqual(Array.from(dense));
        setGemmBackend('auto');
        expect(Array.from(matmul(a, b).data)).toEqual(Array.from(dense));
        expect(Array.from(matmulTransposeA(transpose(a), b).data)).toEqual(Array.from(dense));
      }),
    );
  });
});

describe('matmul inputs and errors', () => {
  test('the issue example message', () => {
    expect(() => matmul(NDArray.zeros([2, 3]), NDArray.zeros([4, 5]))).toThrow(
      'matmul: cannot multiply [2,3] by [4,5] (inner sizes 3 and 4 differ)',
    );
  });
  test('transposed variants name the mismatch', () => {
    expect(() => matmulTransposeA(NDArray.zeros([2, 3]), NDArray.zeros([4, 5]))).toThrow(/matmulTransposeA: .*\[2,3\].*\[4,5\]/);
    expect(() => matmulTransposeB(NDArray.zeros([2, 3]), NDArray.zeros([4, 5]))).toThrow(/matmulTransposeB: .*\[2,3\].*\[4,5\]/);
  });
  test('rejects vectors, wrong out shapes and aliasing', () => {
    expect(() => matmul(NDArray.zeros([3]), NDArray.zeros([3, 1]))).toThrow('matmul: a must be 2-dimensional, got shape [3]');
    expect(() => matmul(NDArray.zeros([2, 3]), NDArray.zeros([3, 1]), NDArray.zeros([2, 2]))).toThrow(
      'matmul: out has shape [2,2] but the result has shape [2,1]',
    );
    const a = NDArray.zeros([2, 2]);
    expect(() => matmul(a, NDArray.zeros([2, 2]), a)).toThrow(/matmul: out must not share memory/);
  });
  test('dot follows np.dot for vectors and matrices', () => {
    const v = array([1, 2]);
    const m = array([[1, 2], [3, 4]]);
    expect(dot(v, v).shape).toEqual([]);
    expect(dot(v, v).data[0]).toBe(5);
    expect(dot(v, m).toNested()).toEqual([7, 10]);
    expect(dot(m, v).toNested()).toEqual([5, 11]);
    expect(dot(m, m).toNested()).toEqual([[7, 10], [15, 22]]);
    expect(vectorDot(array([1, 2, 3]), array([4, 5, 6]))).toBe(32);
    expect(() => dot(array([1, 2, 3]), m)).toThrow('dot: cannot multiply [3] by [2,2] (inner sizes 3 and 2 differ)');
  });
  test('dot of vectors and matrices agrees with matmul of the reshaped operands', () => {
    assertProperty(
      fc.property(fc.tuple(side, side, side).chain(([m, k, n]) => fc.tuple(arrayArb([m, k]), arrayArb([k]), arrayArb([k, n]), arrayArb([k]))), ([m, v, w, u]) => {
        expectClose(dot(m, v), matmulReference(m, new NDArray(v.data, [v.size, 1])).data, { rtol: 0, atol: 0 });
        expectClose(dot(v, w), matmulReference(new NDArray(v.data, [1, v.size]), w).data, { rtol: 0, atol: 0 });
        expectClose(vectorDot(v, u), dot(v, u).data[0], { rtol: 0, atol: 0 });
      }),
    );
  });
  test('outer is the matmul of a column by a row', () => {
    assertProperty(
      fc.property(fc.tuple(side, side).chain(([m, n]) => fc.tuple(arrayArb([m]), arrayArb([n]))), ([u, v]) => {
        const expected = matmulReference(new NDArray(u.data, [u.size, 1]), new NDArray(v.data, [1, v.size]));
        // Compared with ===, so -0 and 0 count as equal (u*v and 0 + u*v differ only in that sign).
        expectClose(outer(u, v), expected, { rtol: 0, atol: 0 });
      }),
    );
  });
});
