import fc from 'fast-check';
import { NDArray, RandomState, array, softmax } from '../../kernels';
import { assertProperty } from '../../kernels/testing';
import { sampleCategorical } from './sampling';

/** The inverse-CDF index for one uniform draw u, written independently. */
function inverseCdf(logits: readonly number[], temperature: number, u: number): number {
  const p = softmax(new NDArray(Float64Array.from(logits, (z) => z / temperature), [1, logits.length])).data;
  let c = 0;
  for (let k = 0; k < p.length; k++) {
    c += p[k];
    if (u < c) return k;
  }
  return p.length - 1;
}

const logitsArb = fc.array(fc.double({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)), { minLength: 1, maxLength: 8 });

describe('task 14.7 sampleCategorical', () => {
  test('draws by the inverse CDF of softmax(logits / T) with one nextDouble, and leaves the logits alone', () => {
    assertProperty(
      fc.property(logitsArb, fc.double({ min: 0.05, max: 3, noNaN: true }), fc.nat(100000), (logits, temperature, seed) => {
        const x = array(logits);
        const random = new RandomState(seed);
        const twin = new RandomState(seed);
        for (let draw = 0; draw < 5; draw++) {
          expect(sampleCategorical(x, temperature, random)).toBe(inverseCdf(logits, temperature, twin.nextDouble()));
        }
        expect(Array.from(x.data)).toEqual(logits);
        // The generator moved by exactly one double per draw.
        expect(random.nextDouble()).toBe(twin.nextDouble());
      }),
      { label: 'task 14.7 sampleCategorical' },
    );
  });

  test('frequencies follow the probabilities (chi-square, fixed seed)', () => {
    const logits = [0.5, -1, 2, 0, 1.2];
    const temperature = 0.8;
    const p = softmax(new NDArray(Float64Array.from(logits, (z) => z / temperature), [1, 5])).data;
    const random = new RandomState(2024);
    const n = 20000;
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < n; i++) counts[sampleCategorical(array(logits), temperature, random)] += 1;
    const chi2 = counts.reduce((s, c, k) => s + (c - n * p[k]) ** 2 / (n * p[k]), 0);
    // 4 degrees of freedom: P(chi2 > 18.47) = 0.001.
    expect(chi2).toBeLessThan(18.47);
  });

  test('a low temperature picks the most likely character; huge logits do not overflow', () => {
    const random = new RandomState(0);
    for (let i = 0; i < 50; i++) expect(sampleCategorical(array([0.3, 1.1, 0.9, -2]), 0.001, random)).toBe(1);
    expect(sampleCategorical(array([1000, 1001, 999]), 0.01, random)).toBe(1);
    expect(sampleCategorical(array([-1e6, -1e6 + 50]), 1, random)).toBe(1);
  });

  test('rejects a temperature that is not positive, and empty logits', () => {
    expect(() => sampleCategorical(array([1, 2]), 0, new RandomState(0))).toThrow(/sampleCategorical: temperature 0/);
    expect(() => sampleCategorical(new NDArray(new Float64Array(0), [0]), 1, new RandomState(0))).toThrow(/sampleCategorical: logits \[0\] are empty/);
  });

  test('the first index whose running total EXCEEDS the draw; a total that rounding left at the draw falls back to the last likely index', () => {
    const drawing = (u: number): RandomState => ({ nextDouble: () => u }) as unknown as RandomState;
    // Two equal halves and a draw of exactly 0.5: index 0's total equals the draw, so it is index 1.
    expect(sampleCategorical(array([0, 0]), 1, drawing(0.5))).toBe(1);
    // Ten probabilities of 0.1 add up to 0.9999999999999999, the largest double below 1: a draw
    // of that is not exceeded, so the sampler returns the last index with a probability above 0.
    const top = 1 - Number.EPSILON / 2;
    const tenths = new Array<number>(10).fill(0);
    expect(softmax(new NDArray(Float64Array.from(tenths), [1, 10])).data.reduce((a, b) => a + b, 0)).toBe(top);
    expect(sampleCategorical(array(tenths), 1, drawing(top))).toBe(9);
    expect(sampleCategorical(array([...tenths, -1000, -1000]), 1, drawing(top))).toBe(9);
  });
});
