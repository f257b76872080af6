import fc from 'fast-check';
import { assertProperty } from '../../kernels/testing';
import { encodeFixedPoint as referenceEncode } from '../../solutions/chapter-15/fixed-point';
import { bookSizeKeys, scaleArb, smallKeys, weightArb } from './fixtures.fixtures';
import { DEFAULT_SCALE, decodeFixedPoint, encodeFixedPoint } from './fixed-point';

const RUNS = { numRuns: 200 };
const keys = fc.constantFrom(smallKeys, bookSizeKeys);

describe('task 15.5 encodeFixedPoint', () => {
  test('positive weights become round(x * scale); negative ones n + round(x * scale), above n/2', () => {
    assertProperty(
      fc.property(keys, weightArb, scaleArb, ({ publicKey: { n } }, x, scale) => {
        const encoded = encodeFixedPoint(x, n, scale);
        const integer = BigInt(Math.round(x * scale));
        expect(encoded).toBe(integer < 0n ? n + integer : integer);
        expect(encoded >= 0n && encoded < n).toBe(true);
        if (integer < 0n) expect(encoded > n / 2n).toBe(true);
        if (integer > 0n) expect(encoded < n / 2n).toBe(true);
      }),
      RUNS,
    );
  });

  test('the default scale is 2^32, and examples come out exactly', () => {
    const n = smallKeys.publicKey.n;
    expect(encodeFixedPoint(1.5, n)).toBe(3n * 2n ** 31n);
    expect(encodeFixedPoint(-0.25, n, 4)).toBe(n - 1n);
    expect(encodeFixedPoint(0, n, 1000)).toBe(0n);
    expect(encodeFixedPoint(0.0123, n, 1e4)).toBe(123n);
    expect(DEFAULT_SCALE).toBe(2 ** 32);
  });

  test('sums of encodings, taken mod n, are encodings of the sums (negatives included)', () => {
    assertProperty(
      fc.property(keys, fc.array(weightArb, { minLength: 1, maxLength: 6 }), scaleArb, ({ publicKey: { n } }, xs, scale) => {
        const sum = xs.reduce((acc, x) => (acc + encodeFixedPoint(x, n, scale)) % n, 0n);
        const exact = xs.reduce((acc, x) => acc + BigInt(Math.round(x * scale)), 0n);
        expect(sum).toBe(((exact % n) + n) % n);
      }),
      RUNS,
    );
  });

  test('a value too large for the plaintext space is an error, not a silent wrap-around', () => {
    const n = smallKeys.publicKey.n; // about 1.5e19: n/2 / 2^32 is about 1.7e9
    expect(() => encodeFixedPoint(2e9, n)).toThrow(/encodeFixedPoint: .*does not fit/);
    expect(() => encodeFixedPoint(-2e9, n)).toThrow(/encodeFixedPoint: .*does not fit/);
    expect(encodeFixedPoint(1e9, n)).toBe(BigInt(1e9) * 2n ** 32n);
    // At the edge, with n = 11 and scale 1: |v| must stay below n/2 = 5.
    expect(encodeFixedPoint(4, 11n, 1)).toBe(4n);
    expect(encodeFixedPoint(-4, 11n, 1)).toBe(7n);
    expect(() => encodeFixedPoint(5, 11n, 1)).toThrow(/encodeFixedPoint: 5 times scale 1 does not fit/);
    expect(() => encodeFixedPoint(-5, 11n, 1)).toThrow(/encodeFixedPoint: -5 times scale 1 does not fit/);
  });

  test('non-finite values and bad scales are errors that say so', () => {
    const n = smallKeys.publicKey.n;
    expect(() => encodeFixedPoint(Number.NaN, n)).toThrow(/encodeFixedPoint: value NaN is not a finite number/);
    expect(() => encodeFixedPoint(Infinity, n)).toThrow(/encodeFixedPoint: value Infinity/);
    expect(() => encodeFixedPoint(1, n, 0)).toThrow(/encodeFixedPoint: scale 0/);
  });
});

describe('task 15.6 decodeFixedPoint', () => {
  test('decodes round(x * scale) and n - k exactly: the upper half of [0, n) holds the negatives', () => {
    assertProperty(
      fc.property(keys, fc.bigInt({ min: 0n, max: 2n ** 40n }), scaleArb, ({ publicKey: { n } }, k, scale) => {
        expect(decodeFixedPoint(k, n, scale)).toBe(Number(k) / scale);
        if (k > 0n) expect(decodeFixedPoint(n - k, n, scale)).toBe(-Number(k) / scale);
      }),
      RUNS,
    );
    const n = smallKeys.publicKey.n;
    expect(decodeFixedPoint(n - 1n, n, 4)).toBe(-0.25);
    expect(decodeFixedPoint(3n * 2n ** 31n, n)).toBe(1.5);
  });

  test('decode(encode(x)) recovers x within half a fixed-point step', () => {
    assertProperty(
      fc.property(keys, weightArb, scaleArb, ({ publicKey: { n } }, x, scale) => {
        expect(Math.abs(decodeFixedPoint(referenceEncode(x, n, scale), n, scale) - x)).toBeLessThanOrEqual(0.5 / scale + 1e-15 * Math.abs(x));
      }),
      RUNS,
    );
  });

  test('decoding a sum of encodings mod n gives the sum of the weights, negatives included', () => {
    assertProperty(
      fc.property(keys, fc.array(weightArb, { minLength: 1, maxLength: 6 }), scaleArb, ({ publicKey: { n } }, xs, scale) => {
        const sum = xs.reduce((acc, x) => (acc + referenceEncode(x, n, scale)) % n, 0n);
        const expected = xs.reduce((a, b) => a + b, 0);
        expect(Math.abs(decodeFixedPoint(sum, n, scale) - expected)).toBeLessThanOrEqual((0.5 * xs.length) / scale + 1e-12);
      }),
      RUNS,
    );
  });

  test('integers outside [0, n) and bad scales are errors', () => {
    const n = smallKeys.publicKey.n;
    expect(() => decodeFixedPoint(n, n)).toThrow(/decodeFixedPoint: .*outside the plaintext space/);
    expect(() => decodeFixedPoint(-1n, n)).toThrow(/decodeFixedPoint: -1 lies outside/);
    expect(() => decodeFixedPoint(1n, n, -2)).toThrow(/decodeFixedPoint: scale -2/);
    expect(() => decodeFixedPoint(1n, n, 0)).toThrow(/decodeFixedPoint: scale 0/);
  });

  test('integers at or above n/2 are negatives, n/2 itself included', () => {
    expect(decodeFixedPoint(4n, 11n, 1)).toBe(4);
    expect(decodeFixedPoint(5n, 11n, 1)).toBe(-6);
    expect(decodeFixedPoint(10n, 11n, 2)).toBe(-0.5);
  });
});
