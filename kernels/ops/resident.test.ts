import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { addScaled } from './elementwise';
import { GEMM_BACKENDS, getGemmBackend, getGemmThreads, setGemmBackend, setGemmThreads } from './gemm';
import { gemmArena, stopGemmThreads, threadedGemmCalls } from './gemm-wasm';
import { matmul, matmulTransposeA, matmulTransposeB, type MatrixOperand } from './matmul';
import { ResidentMatrix, getResidentCheck, resident, setResidentCheck } from './resident';
import { arrayArb, assertProperty } from '../testing';

type Product = (a: MatrixOperand, b: MatrixOperand, out?: NDArray) => NDArray;

/** Each product with the shapes of its operands for an [m,k] x [k,n] product. */
const products: readonly (readonly [string, Product, (m: number, k: number, n: number) => [number[], number[]]])[] = [
  ['matmul', matmul, (m, k, n) => [[m, k], [k, n]]],
  ['matmulTransposeA', matmulTransposeA, (m, k, n) => [[k, m], [k, n]]],
  ['matmulTransposeB', matmulTransposeB, (m, k, n) => [[m, k], [n, k]]],
];

/** Which operands are passed as resident handles. */
const sides = ['a', 'b', 'both'] as const;

function sameBits(x: NDArray, y: NDArray): boolean {
  if (x.size !== y.size) return false;
  for (let i = 0; i < x.size; i++) if (!Object.is(x.data[i], y.data[i])) return false;
  return true;
}

function filled(shape: [number, number], f: (i: number) => number): NDArray {
  return new NDArray(Float64Array.from({ length: shape[0] * shape[1] }, (_, i) => f(i)), shape);
}

const previous = { backend: getGemmBackend(), check: getResidentCheck(), ...getGemmThreads() };
afterEach(() => {
  setGemmBackend(previous.backend);
  setResidentCheck(previous.check);
  setGemmThreads(previous.threads, { minWork: previous.minWork });
});
afterAll(() => stopGemmThreads());

describe.each(GEMM_BACKENDS)('resident operands, %s backend', (backend) => {
  beforeEach(() => setGemmBackend(backend));

  test.each(products)('%s with resident a, b or both is bit-identical to plain arrays, used repeatedly', (_name, op, shapes) => {
    const side = fc.integer({ min: 1, max: 19 });
    const cases = fc
      .tuple(side, side, side)
      .chain(([m, k, n]) => fc.tuple(...shapes(m, k, n).map((s) => arrayArb(s, { min: -3, max: 3 }))));
    assertProperty(
      fc.property(cases, fc.constantFrom(...sides), ([a, b], which) => {
        const plain = op(a, b);
        const ra = which === 'b' ? a : resident(a);
        const rb = which === 'a' ? b : resident(b);
        // Twice: the first use packs, the second reuses the packed copy.
        expect(sameBits(op(ra, rb), plain)).toBe(true);
        const out = NDArray.zeros(plain.shape);
        out.data.fill(Number.NaN);
        expect(sameBits(op(ra, rb, out), plain)).toBe(true);
        for (const h of [ra, rb]) if (h instanceof ResidentMatrix) h.release();
      }),
    );
  });
});

describe('resident operands on the WebAssembly kernel', () => {
  beforeEach(() => setGemmBackend('wasm'));

  test('a weight is packed once per layout, however many products use it', () => {
    const w = filled([33, 70], (i) => Math.sin(i));
    const x = filled([16, 33], (i) => Math.cos(i));
    const g = filled([16, 70], (i) => Math.sin(3 * i));
    const wr = resident(w);
    for (let t = 0; t < 5; t++) {
      expect(sameBits(matmul(x, wr), matmul(x, w))).toBe(true);
      expect(sameBits(matmulTransposeB(g, wr), matmulTransposeB(g, w))).toBe(true);
    }
    // One 'columns' packing (B of matmul) and one 'rows' packing (B^T of matmulTransposeB).
    expect(wr.packCount).toBe(2);
    wr.release();
  });

  test('after invalidate() or update() the next product uses the new weights', () => {
    const w = filled([24, 40], (i) => Math.sin(i));
    const x = filled([8, 24], (i) => Math.cos(i));
    const dw = filled([24, 40], (i) => Math.cos(5 * i));
    const wr = resident(w);
    matmul(x, wr);
    addScaled(w, dw, -0.1, w);
    wr.invalidate();
    expect(wr.version).toBe(1);
    expect(sameBits(matmul(x, wr), matmul(x, w))).toBe(true);
    wr.update((weights) => addScaled(weights, dw, 0.37, weights));
    expect(wr.version).toBe(2);
    expect(sameBits(matmul(x, wr), matmul(x, w))).toBe(true);
    expect(wr.packCount).toBe(3);
    wr.release();
  });

  test('a changed source without invalidate() is refused, never used stale (full and sample checks)', () => {
    const w = filled([24, 40], (i) => Math.sin(i));
    const x = filled([8, 24], (i) => Math.cos(i));
    const wr = resident(w);
    matmul(x, wr);
    setResidentCheck('full');
    w.data[24 * 40 - 1] += 1e-12; // one element, the last one
    expect(() => matmul(x, wr)).toThrow(
      'matmul: the resident matrix [24,40] changed since it was packed (element 959, version 0); call invalidate()',
    );
    // An optimizer step moves every weight, which a sample of 16 catches on the first use.
    setResidentCheck('sample');
    addScaled(w, w, 1e-3, w);
    expect(() => matmulTransposeA(filled([24, 8], (i) => i), wr)).toThrow('matmulTransposeA: the resident matrix [24,40] changed');
    wr.invalidate();
    expect(sameBits(matmul(x, wr), matmul(x, w))).toBe(true);
    wr.release();
  });

  test('released memory is reused, and a released handle is refused', () => {
    const arena = gemmArena();
    expect(arena).not.toBeNull();
    const x = filled([8, 64], (i) => Math.sin(i));
    matmul(x, filled([64, 64], () => 1)); // sizes the scratch first
    const before = arena!.used;
    const wr = resident(filled([64, 64], (i) => i % 7));
    matmul(x, wr);
    const withOne = arena!.used;
    const size = arena!.heap().length;
    expect(withOne).toBeGreaterThan(before);
    wr.release();
    expect(arena!.used).toBe(before);
    // A second matrix of the same size fits in the released block: the memory does not grow.
    const again = resident(filled([64, 64], (i) => i % 5));
    matmul(x, again);
    expect(arena!.used).toBe(withOne);
    expect(arena!.heap().length).toBe(size);
    again.release();
    expect(arena!.used).toBe(before);
    expect(() => matmul(x, wr)).toThrow('matmul: this resident matrix [64,64] was released');
  });

  test('resident operands on two threads give the one-thread bits', () => {
    const w = filled([512, 256], (i) => Math.sin(i * 0.37));
    const h = filled([16, 512], (i) => Math.cos(i * 0.11));
    const dz = filled([16, 256], (i) => Math.sin(i * 0.7));
    setGemmThreads(1);
    const one = [matmul(h, w), matmulTransposeB(dz, w)];
    setGemmThreads(2, { minWork: 0 });
    const wr = resident(w);
    const before = threadedGemmCalls();
    const two = [matmul(h, wr), matmulTransposeB(dz, wr)];
    expect(threadedGemmCalls()).toBe(before + 2);
    expect(sameBits(two[0], one[0])).toBe(true);
    expect(sameBits(two[1], one[1])).toBe(true);
    wr.release();
  });
});

describe('resident operand errors', () => {
  test('bad weights, shapes and out are refused naming the op and shapes', () => {
    expect(() => resident(NDArray.zeros([3]))).toThrow('resident: weights must be 2-dimensional, got shape [3]');
    const wr = resident(NDArray.zeros([4, 5]));
    expect(() => matmul(NDArray.zeros([2, 3]), wr)).toThrow('matmul: cannot multiply [2,3] by [4,5] (inner sizes 3 and 4 differ)');
    expect(() => matmulTransposeB(NDArray.zeros([2, 4]), wr)).toThrow(
      'matmulTransposeB: cannot multiply [2,4] by the transpose of [4,5] (the column counts 4 and 5 must match)',
    );
    expect(() => matmul(wr, wr.source)).toThrow('matmul: cannot multiply [4,5] by [4,5]');
    expect(() => setResidentCheck('always' as 'full')).toThrow("setResidentCheck: unknown mode 'always' (use full, sample or off)");
    const square = resident(NDArray.zeros([4, 4]));
    expect(() => matmul(square, NDArray.zeros([4, 4]), square.source)).toThrow('matmul: out must not share memory with an input');
    wr.release();
    square.release();
  });
});
