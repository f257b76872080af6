/**
 * Optional: the Paillier cryptosystem written out with BigInt, to see that the library does
 * nothing magic. Everything here is checked against `paillier-bigint`. It is for learning only:
 * real keys need large random primes and constant-time arithmetic, which this is not.
 *
 * With primes `p`, `q`: `n = pq`, `g = n + 1`, `lambda = lcm(p - 1, q - 1)`,
 * `mu = lambda^-1 mod n`. Encryption of `m` with a random `r` coprime to `n` is
 * `c = g^m r^n mod n^2`; decryption is `m = L(c^lambda mod n^2) mu mod n` with
 * `L(x) = (x - 1) / n`. Multiplying two ciphertexts adds their plaintexts.
 */
import { modularInverse } from './keys';
import { NotImplementedError } from '../../kernels/not-implemented';

export { modularInverse };

/** A key written out: the public part `n`, `g` and the private part `lambda`, `mu`. */
export interface ScratchKey {
  readonly n: bigint;
  readonly nSquared: bigint;
  readonly g: bigint;
  readonly lambda: bigint;
  readonly mu: bigint;
}

/** `base^exponent mod modulus` by square-and-multiply, for `exponent >= 0`. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (exponent < 0n) throw new Error(`modPow: negative exponent ${exponent}`);
  let result = 1n % modulus;
  let square = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

/** The greatest common divisor of two non-negative integers. */
export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * Exercise 15.10 (optional): the key of two primes, with `g = n + 1` and
 * `lambda = lcm(p - 1, q - 1)` (so `lambda = (p - 1)(q - 1) / gcd(p - 1, q - 1)`), and
 * `mu = lambda^-1 mod n` (use the given `modularInverse`).
 * @throws when `p` equals `q`
 */
export function paillierKeyFromPrimes(p: bigint, q: bigint): ScratchKey {
  // #region solution 15.10
  throw new NotImplementedError('15.10', 'paillierKeyFromPrimes', 'chapters/chapter-15/README.md#exercise-15-10');
  // #endregion
}

/**
 * Exercise 15.11 (optional): `c = g^m r^n mod n^2`. The random `r` is passed in so the result
 * can be compared with the library's `publicKey.encrypt(m, r)`.
 * @param m the plaintext, in `[0, n)`
 * @param r the randomness, in `[1, n)` and coprime to `n`
 * @throws when `m` or `r` is out of range
 */
export function paillierEncrypt(key: ScratchKey, m: bigint, r: bigint): bigint {
  // #region solution 15.11
  throw new NotImplementedError('15.11', 'paillierEncrypt', 'chapters/chapter-15/README.md#exercise-15-11');
  // #endregion
}

/**
 * Exercise 15.11 (optional): homomorphic addition, the product of the ciphertexts modulo
 * `n^2`; it decrypts to `(m1 + m2) mod n`.
 */
export function paillierAdd(key: ScratchKey, c1: bigint, c2: bigint): bigint {
  // #region solution 15.11
  throw new NotImplementedError('15.11', 'paillierEncrypt', 'chapters/chapter-15/README.md#exercise-15-11');
  // #endregion
}

/**
 * Exercise 15.12 (optional): `m = L(c^lambda mod n^2) mu mod n` with `L(x) = (x - 1) / n`
 * (an exact division: `c^lambda mod n^2` is always 1 more than a multiple of `n`).
 * @throws when `c` lies outside `[1, n^2)` (0 is no ciphertext: every ciphertext is coprime to n)
 */
export function paillierDecrypt(key: ScratchKey, c: bigint): bigint {
  // #region solution 15.12
  throw new NotImplementedError('15.12', 'paillierDecrypt', 'chapters/chapter-15/README.md#exercise-15-12');
  // #endregion
}
