import fc from 'fast-check';
import { assertProperty } from '../../kernels/testing';
import { PrivateKey, PublicKey, SMALL_TEST_PRIMES, TEST_PRIMES } from '../../solutions/chapter-15/keys';
import { paillierKeyFromPrimes as referenceKey, paillierEncrypt as referenceEncrypt } from '../../solutions/chapter-15/paillier-from-scratch';
import { bookSizeKeys, smallKeys } from './fixtures.fixtures';
import { gcd, paillierAdd, paillierDecrypt, paillierEncrypt, paillierKeyFromPrimes } from './paillier-from-scratch';

const RUNS = { numRuns: 100 };
const cases = [
  { primes: SMALL_TEST_PRIMES, library: smallKeys },
  { primes: TEST_PRIMES, library: bookSizeKeys },
] as const;
const caseArb = fc.constantFrom(...cases);
/** A plaintext and a valid randomness for the key of the case. */
const inputArb = caseArb.chain((c) =>
  fc.tuple(fc.constant(c), fc.bigInt({ min: 0n, max: c.library.publicKey.n - 1n }), fc.bigInt({ min: 1n, max: c.library.publicKey.n - 1n }).filter((r) => gcd(r, c.library.publicKey.n) === 1n)),
);

describe('task 15.10 paillierKeyFromPrimes', () => {
  test("n = pq, g = n + 1, lambda = lcm(p-1, q-1), mu = lambda^-1 mod n: a key the library decrypts with", () => {
    for (const { primes, library } of cases) {
      const key = paillierKeyFromPrimes(primes.p, primes.q);
      const p1 = primes.p - 1n;
      const q1 = primes.q - 1n;
      expect(key.n).toBe(library.publicKey.n);
      expect(key.nSquared).toBe(key.n * key.n);
      expect(key.g).toBe(key.n + 1n);
      expect(key.lambda).toBe((p1 * q1) / gcd(p1, q1));
      expect((key.lambda * key.mu) % key.n).toBe(1n);
      const libraryKey = new PrivateKey(key.lambda, key.mu, new PublicKey(key.n, key.g));
      expect(libraryKey.decrypt(library.publicKey.encrypt(12345n))).toBe(12345n);
    }
    expect(() => paillierKeyFromPrimes(7n, 7n)).toThrow(/paillierKeyFromPrimes: p and q must differ/);
  });
});

/** The reference key, so 15.11 and 15.12 are tested without the learner's 15.10. */
function referenceKeyFor(primes: { p: bigint; q: bigint }): ReturnType<typeof referenceKey> {
  return referenceKey(primes.p, primes.q);
}

describe('task 15.11 paillierEncrypt', () => {
  test("with the same randomness, the same ciphertext as the library's publicKey.encrypt(m, r)", () => {
    assertProperty(
      fc.property(inputArb, ([{ primes, library }, m, r]) => {
        expect(paillierEncrypt(referenceKeyFor(primes), m, r)).toBe(library.publicKey.encrypt(m, r));
      }),
      RUNS,
    );
  });

  test('paillierAdd multiplies ciphertexts: the library decrypts the sum mod n', () => {
    assertProperty(
      fc.property(inputArb, inputArb, ([{ primes, library }, a, r], [, b]) => {
        const key = referenceKeyFor(primes);
        const n = library.publicKey.n;
        const sum = paillierAdd(key, library.publicKey.encrypt(a, r), library.publicKey.encrypt(b % n));
        expect(library.privateKey.decrypt(sum)).toBe((a + (b % n)) % n);
      }),
      RUNS,
    );
  });

  test('out-of-range plaintexts and randomness are errors', () => {
    const key = referenceKeyFor(SMALL_TEST_PRIMES);
    expect(() => paillierEncrypt(key, key.n, 2n)).toThrow(/paillierEncrypt: plaintext .* outside \[0, n\)/);
    expect(() => paillierEncrypt(key, 1n, 0n)).toThrow(/paillierEncrypt: r = 0 must lie in \[1, n\)/);
    expect(() => paillierEncrypt(key, 1n, SMALL_TEST_PRIMES.p)).toThrow(/paillierEncrypt: r = .* coprime to n/);
    expect(() => paillierEncrypt(key, -1n, 2n)).toThrow(/paillierEncrypt: plaintext -1 lies outside \[0, n\)/);
    // Coprime to n (gcd 1, even by the given gcd), and still out of range: below 1, or n + 1.
    expect(() => paillierEncrypt(key, 1n, -2n)).toThrow(/paillierEncrypt: r = -2 must lie in \[1, n\)/);
    expect(() => paillierEncrypt(key, 1n, key.n + 1n)).toThrow(/paillierEncrypt: r = \d+ must lie in \[1, n\)/);
  });
});

describe('task 15.12 paillierDecrypt', () => {
  test("decrypts the library's ciphertexts, including sums of them", () => {
    assertProperty(
      fc.property(inputArb, inputArb, ([{ primes, library }, a], [, b]) => {
        const key = referenceKeyFor(primes);
        const n = library.publicKey.n;
        expect(paillierDecrypt(key, library.publicKey.encrypt(a))).toBe(a);
        expect(paillierDecrypt(key, library.publicKey.addition(library.publicKey.encrypt(a), library.publicKey.encrypt(b % n)))).toBe((a + (b % n)) % n);
      }),
      RUNS,
    );
  });

  test("the book's demo: 5 + 3 decrypts to 8; ciphertexts outside [1, n^2) are errors", () => {
    const key = referenceKeyFor(TEST_PRIMES);
    const { publicKey } = bookSizeKeys;
    expect(paillierDecrypt(key, publicKey.addition(referenceEncrypt(key, 5n, 17n), publicKey.encrypt(3n)))).toBe(8n);
    expect(() => paillierDecrypt(key, key.nSquared)).toThrow(/paillierDecrypt: ciphertext .* outside \[1, n\^2\)/);
    expect(() => paillierDecrypt(key, 0n)).toThrow(/paillierDecrypt: ciphertext 0 lies outside \[1, n\^2\)/);
    expect(() => paillierDecrypt(key, -1n)).toThrow(/paillierDecrypt: ciphertext -1 lies outside \[1, n\^2\)/);
    // 1 is the encryption of 0 with r = 1.
    expect(paillierDecrypt(key, 1n)).toBe(0n);
  });
});
