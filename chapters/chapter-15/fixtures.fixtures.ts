/**
 * Test support for chapter 15 (never redirected to the solutions): fixed keys and arbitraries
 * of weights a learner would recognise.
 */
import fc from 'fast-check';
import { keyPairFromPrimes, SMALL_TEST_PRIMES, TEST_PRIMES, type KeyPair } from '../../solutions/chapter-15/keys';

/** A 128-bit key (the book's demo size) from fixed primes, so every run encrypts under the same key. */
export const bookSizeKeys: KeyPair = keyPairFromPrimes(TEST_PRIMES.p, TEST_PRIMES.q);
/** A 64-bit key from fixed primes, for properties that encrypt many values. */
export const smallKeys: KeyPair = keyPairFromPrimes(SMALL_TEST_PRIMES.p, SMALL_TEST_PRIMES.q);

/**
 * Weights such as 0.25, -3.1416 or 812.5: a mantissa of up to six digits times a power of ten
 * from 1e-6 to 1e2 (no denormals, no -0).
 */
export const weightArb: fc.Arbitrary<number> = fc
  .tuple(fc.integer({ min: -999_999, max: 999_999 }), fc.integer({ min: -6, max: -3 }))
  .map(([mantissa, exponent]) => (mantissa === 0 ? 0 : mantissa * 10 ** exponent));

/** Fixed-point scales a learner might pick: 2^16, 10^6, 2^24, 2^32. */
export const scaleArb: fc.Arbitrary<number> = fc.constantFrom(2 ** 16, 1e6, 2 ** 24, 2 ** 32);
