/**
 * Paillier keys from the `paillier-bigint` library (MIT). The library's key generation draws
 * its primes from the operating system's randomness and cannot be seeded, so tests and figures
 * that must give the same bytes every time build their keys from fixed primes instead.
 *
 * Both functions use the "simple variant" of Paillier: `g = n + 1`, `lambda = (p - 1)(q - 1)`,
 * `mu = lambda^-1 mod n`.
 */
import { PrivateKey, PublicKey, generateRandomKeysSync, type KeyPair } from 'paillier-bigint';

export type { KeyPair };
export { PrivateKey, PublicKey };

/** The book's demonstration key size for the encrypted run (listing 15.11): 128 bits. Far too small to be secure. */
export const BOOK_KEY_BITS = 128;

/** `a^-1 mod m` by the extended Euclidean algorithm; throws when no inverse exists. */
export function modularInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) throw new Error(`modularInverse: ${a} has no inverse modulo ${m}`);
  return ((oldS % m) + m) % m;
}

/**
 * A library key pair built from two given primes (for reproducible tests). The primes are not
 * checked for primality: with composites, decryption silently gives wrong answers.
 * @throws when `p` equals `q` or either is below 3
 */
export function keyPairFromPrimes(p: bigint, q: bigint): KeyPair {
  if (p === q || p < 3n || q < 3n) throw new Error(`keyPairFromPrimes: need two distinct odd primes, got ${p} and ${q}`);
  const n = p * q;
  const lambda = (p - 1n) * (q - 1n);
  const publicKey = new PublicKey(n, n + 1n);
  const privateKey = new PrivateKey(lambda, modularInverse(lambda, n), publicKey, p, q);
  return { publicKey, privateKey };
}

/** A fresh random key pair of `bits` bits (not reproducible: the primes come from the OS). */
export function generateKeyPair(bits: number = BOOK_KEY_BITS): KeyPair {
  if (!Number.isInteger(bits) || bits < 16) throw new Error(`generateKeyPair: ${bits} bits is not a usable key size`);
  return generateRandomKeysSync(bits, true);
}

/**
 * Two fixed 64-bit primes, so `n` has 128 bits like the book's demo key. For tests and figures
 * only: anyone can read them here, so they protect nothing.
 */
export const TEST_PRIMES = { p: 16020706778281846411n, q: 15055705463037660493n } as const;
/** Two fixed 32-bit primes: a 64-bit key, for tests that need many quick encryptions. */
export const SMALL_TEST_PRIMES = { p: 3639667951n, q: 4142339053n } as const;
