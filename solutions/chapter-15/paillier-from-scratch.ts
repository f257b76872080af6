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
  if (p === q) throw new Error(`paillierKeyFromPrimes: p and q must differ, both are ${p}`);
  const n = p * q;
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  return { n, nSquared: n * n, g: n + 1n, lambda, mu: modularInverse(lambda, n) };
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
  if (m < 0n || m >= key.n) throw new Error(`paillierEncrypt: plaintext ${m} lies outside [0, n)`);
  if (r < 1n || r >= key.n || gcd(r, key.n) !== 1n) throw new Error(`paillierEncrypt: r = ${r} must lie in [1, n) and be coprime to n`);
  return (modPow(key.g, m, key.nSquared) * modPow(r, key.n, key.nSquared)) % key.nSquared;
  // #endregion
}

/**
 * Exercise 15.11 (optional): homomorphic addition, the product of the ciphertexts modulo
 * `n^2`; it decrypts to `(m1 + m2) mod n`.
 */
export function paillierAdd(key: ScratchKey, c1: bigint, c2: bigint): bigint {
  // #region solution 15.11
  return (c1 * c2) % key.nSquared;
  // #endregion
}

/**
 * Exercise 15.12 (optional): `m = L(c^lambda mod n^2) mu mod n` with `L(x) = (x - 1) / n`
 * (an exact division: `c^lambda mod n^2` is always 1 more than a multiple of `n`).
 * @throws when `c` lies outside `[1, n^2)` (0 is no ciphertext: every ciphertext is coprime to n)
 */
export function paillierDecrypt(key: ScratchKey, c: bigint): bigint {
  // #region solution 15.12
  if (c < 1n || c >= key.nSquared) throw new Error(`paillierDecrypt: ciphertext ${c} lies outside [1, n^2)`);
  const x = modPow(c, key.lambda, key.nSquared);
  return (((x - 1n) / key.n) * key.mu) % key.n;
  // #endregion
}
