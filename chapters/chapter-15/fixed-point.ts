/**
 * Fixed-point encoding: Paillier encrypts integers modulo `n`, and a model's weights are
 * floats, some of them negative. A weight `x` becomes the integer `round(x * scale)`, and a
 * negative integer `v` is stored as `n + v`, so that the upper half of the plaintext space holds
 * the negatives (two's complement, with `n` in place of a power of two). Sums of encodings are
 * encodings of sums, as long as every partial sum stays inside `(-n/2, n/2)`.
 */

import { NotImplementedError } from '../../kernels/not-implemented';

/** The default scale: 2^32, so an encoded weight keeps about 9-10 decimal places. */
export const DEFAULT_SCALE = 2 ** 32;

/**
 * Exercise 15.5: encodes a float as an integer of the plaintext space `[0, n)`:
 * `round(value * scale)` when that is not negative, `n + round(value * scale)` when it is.
 * @param value a finite number
 * @param n the public modulus of the key (`publicKey.n`)
 * @param scale how many integer steps make 1.0 (default {@link DEFAULT_SCALE})
 * @throws when `value` is not finite, `scale` is not a positive finite number, or
 *   `|round(value * scale)|` does not fit below `n / 2`
 */
export function encodeFixedPoint(value: number, n: bigint, scale: number = DEFAULT_SCALE): bigint {
  // #region solution 15.5
  throw new NotImplementedError('15.5', 'encodeFixedPoint', 'chapters/chapter-15/README.md#exercise-15-5');
  // #endregion
}

/**
 * Exercise 15.6: the inverse of {@link encodeFixedPoint}: an integer of `[0, n)` back to a
 * float. Integers at or above `n / 2` stand for negatives (`m - n`); the result is divided by
 * `scale`.
 * @param encoded an integer in `[0, n)`, e.g. a decrypted sum of encodings
 * @param n the public modulus of the key
 * @param scale the scale the values were encoded with
 * @throws when `encoded` lies outside `[0, n)` or `scale` is not a positive finite number
 */
export function decodeFixedPoint(encoded: bigint, n: bigint, scale: number = DEFAULT_SCALE): number {
  // #region solution 15.6
  throw new NotImplementedError('15.6', 'decodeFixedPoint', 'chapters/chapter-15/README.md#exercise-15-6');
  // #endregion
}
