/**
 * fast-check arbitraries for the course's arrays. Values come out finite and bounded; values meant
 * to avoid kinks (relu at 0) are generated already away from them, so shrinking cannot walk a
 * counterexample onto a kink.
 */
import fc from 'fast-check';
import { NDArray, shapeSize, type Shape } from '../ndarray';

/** Bounds of generated shapes. */
export interface ShapeOptions {
  /** Fewest dimensions (default 1). */
  minDims?: number;
  /** Most dimensions (default 3). */
  maxDims?: number;
  /** Smallest size of a dimension (default 0, so empty arrays are generated too). */
  minSide?: number;
  /** Largest size of a dimension (default 5). */
  maxSide?: number;
}

/** Bounds of generated values. */
export interface ValueOptions {
  /** Smallest value (default -10). */
  min?: number;
  /** Largest value (default 10). */
  max?: number;
}

/**
 * Shapes such as [], [3], [0, 4], [2, 1, 5].
 * @example fc.assert(fc.property(shapeArb({ maxDims: 2 }), (s) => s.length <= 2))
 */
export function shapeArb(options: ShapeOptions = {}): fc.Arbitrary<number[]> {
  const { minDims = 1, maxDims = 3, minSide = 0, maxSide = 5 } = options;
  return fc.array(fc.integer({ min: minSide, max: maxSide }), { minLength: minDims, maxLength: maxDims });
}

/** A finite double in [min, max] (no NaN, no infinities; -0 is avoided too). */
export function valueArb(options: ValueOptions = {}): fc.Arbitrary<number> {
  const { min = -10, max = 10 } = options;
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));
}

/**
 * An NDArray of the given shape (or of a shape drawn from a shape arbitrary) with values in [min, max].
 * @example arrayArb([2, 3], { min: -1, max: 1 })
 */
export function arrayArb(shape: Shape | fc.Arbitrary<number[]>, options: ValueOptions = {}): fc.Arbitrary<NDArray> {
  if (shape instanceof fc.Arbitrary) return shape.chain((s) => arrayArb(s, options));
  const n = shapeSize(shape);
  const fixed = [...shape];
  return fc
    .array(valueArb(options), { minLength: n, maxLength: n })
    .map((values) => new NDArray(Float64Array.from(values), fixed));
}

/**
 * Matrices [m, k] and [k, n] that can be multiplied; sides range over 0..maxSide (default 9) so
 * they cross the 4x4 block size of the kernels.
 * @example fc.property(matmulPairArb(), ([a, b]) => matmul(a, b).shape[0] === a.shape[0])
 */
export function matmulPairArb(options: { minSide?: number; maxSide?: number } & ValueOptions = {}): fc.Arbitrary<[NDArray, NDArray]> {
  const side = fc.integer({ min: options.minSide ?? 0, max: options.maxSide ?? 9 });
  return fc
    .tuple(side, side, side)
    .chain(([m, k, n]) => fc.tuple(arrayArb([m, k], options), arrayArb([k, n], options)));
}

/**
 * Doubles in [min, max] at least `margin` away from every kink. Values are pushed out of each
 * kink's margin by a fixed map, so every shrunk value is still away from the kinks.
 * Kinks should be more than 2*margin apart.
 * @example awayFromKinks([0], { margin: 1e-3 }) // never within 1e-3 of 0, for testing relu
 */
export function awayFromKinks(kinks: readonly number[], options: ValueOptions & { margin?: number } = {}): fc.Arbitrary<number> {
  const margin = options.margin ?? 1e-3;
  const { min = -10, max = 10 } = options;
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => {
    let x = v;
    for (const k of kinks) {
      if (Math.abs(x - k) < margin) x = x >= k ? k + margin : k - margin;
    }
    return x;
  });
}

/**
 * An NDArray of the given shape whose values stay `margin` away from every kink.
 * @example arrayAwayFromKinks([3, 4], [0]) // inputs for a relu gradient check
 */
export function arrayAwayFromKinks(
  shape: Shape,
  kinks: readonly number[],
  options: ValueOptions & { margin?: number } = {},
): fc.Arbitrary<NDArray> {
  const n = shapeSize(shape);
  const fixed = [...shape];
  return fc
    .array(awayFromKinks(kinks, options), { minLength: n, maxLength: n })
    .map((values) => new NDArray(Float64Array.from(values), fixed));
}
