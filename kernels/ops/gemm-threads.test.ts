import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { getGemmBackend, getGemmThreads, setGemmBackend, setGemmThreads } from './gemm';
import { helperGemmPieces, stopGemmThreads, threadTest, threadedGemmCalls } from './gemm-wasm';
import { matmul, matmulTransposeA, matmulTransposeB } from './matmul';
import { arrayArb, assertProperty } from '../testing';

const products = [
  ['matmul', matmul, (m: number, k: number, n: number): [number[], number[]] => [[m, k], [k, n]]],
  ['matmulTransposeA', matmulTransposeA, (m: number, k: number, n: number): [number[], number[]] => [[k, m], [k, n]]],
  ['matmulTransposeB', matmulTransposeB, (m: number, k: number, n: number): [number[], number[]] => [[m, k], [n, k]]],
] as const;

function sameBits(x: NDArray, y: NDArray): boolean {
  if (x.size !== y.size) return false;
  for (let i = 0; i < x.size; i++) if (!Object.is(x.data[i], y.data[i])) return false;
  return true;
}

describe('threaded matrix products', () => {
  const previous = { backend: getGemmBackend(), ...getGemmThreads() };
  beforeAll(() => setGemmBackend('wasm'));
  afterAll(() => {
    setGemmBackend(previous.backend);
    setGemmThreads(previous.threads, { minWork: previous.minWork });
    stopGemmThreads();
  });

  test.each(products)('%s on 2 and 3 threads is bit-identical to 1 thread, and really runs threaded', (_name, op, shapes) => {
    const side = fc.integer({ min: 1, max: 37 });
    const cases = fc
      .tuple(side, side, side)
      .chain(([m, k, n]) => fc.tuple(...shapes(m, k, n).map((s) => arrayArb(s, { min: -3, max: 3 }))));
    const before = threadedGemmCalls();
    let products = 0;
    assertProperty(
      fc.property(cases, fc.constantFrom(2, 3), ([a, b], threads) => {
        setGemmThreads(1);
        const one = op(a, b);
        setGemmThreads(threads, { minWork: 0 });
        const many = op(a, b);
        products++;
        expect(sameBits(many, one)).toBe(true);
      }),
    );
    // Every product above has at least 4 panels' worth of work on one side or is tiny; most split.
    expect(threadedGemmCalls() - before).toBeGreaterThan(products / 2);
  });

  test.each(products)('%s computed by the helper threads alone is bit-identical to 1 thread', (_name, op, shapes) => {
    const side = fc.integer({ min: 5, max: 41 });
    const cases = fc
      .tuple(side, side, side)
      .chain(([m, k, n]) => fc.tuple(...shapes(m, k, n).map((s) => arrayArb(s, { min: -3, max: 3 }))));
    const before = helperGemmPieces();
    try {
      assertProperty(
        fc.property(cases, fc.constantFrom(2, 3), ([a, b], threads) => {
          setGemmThreads(1);
          threadTest.helpersOnly = false;
          const one = op(a, b);
          setGemmThreads(threads, { minWork: 0 });
          threadTest.helpersOnly = true;
          const many = op(a, b);
          expect(sameBits(many, one)).toBe(true);
        }),
      );
    } finally {
      threadTest.helpersOnly = false;
    }
    expect(helperGemmPieces()).toBeGreaterThan(before);
  });

  test('a chapter-sized product (100x784 by 784x100) agrees bit for bit, with a pre-filled out', () => {
    const a = new NDArray(Float64Array.from({ length: 100 * 784 }, (_, i) => Math.sin(i * 0.7311)), [100, 784]);
    const b = new NDArray(Float64Array.from({ length: 784 * 100 }, (_, i) => Math.cos(i * 0.377)), [784, 100]);
    setGemmThreads(1);
    const one = matmul(a, b);
    setGemmThreads(2);
    const out = NDArray.zeros([100, 100]);
    out.data.fill(Number.NaN);
    const before = threadedGemmCalls();
    matmul(a, b, out);
    expect(threadedGemmCalls()).toBe(before + 1);
    expect(sameBits(out, one)).toBe(true);
  });

  test('below minWork, or with 1 thread, a product stays on the calling thread', () => {
    const a = new NDArray(new Float64Array(64 * 64).fill(0.5), [64, 64]);
    setGemmThreads(2, { minWork: 64 * 64 * 64 + 1 });
    const before = threadedGemmCalls();
    matmul(a, a);
    setGemmThreads(1, { minWork: 0 });
    matmul(a, a);
    expect(threadedGemmCalls()).toBe(before);
  });

  test('bad settings are refused with the reason', () => {
    expect(() => setGemmThreads(0)).toThrow('setGemmThreads: threads must be an integer from 1 to 64, got 0');
    expect(() => setGemmThreads(2, { minWork: -1 })).toThrow('setGemmThreads: minWork must be a non-negative integer, got -1');
  });
});
