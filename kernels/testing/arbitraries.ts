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

/** Below this magnitude a drawn value becomes 0: no subnormals (1e-320) that no learner would recognise. */
const TINIEST = 1e-300;

/** A finite double in [min, max] (no NaN, no infinities, no subnormals; -0 is avoided too). */
export function valueArb(options: ValueOptions = {}): fc.Arbitrary<number> {
  const { min = -10, max = 10 } = options;
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => (Math.abs(v) < TINIEST ? 0 : v));
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

/** Size bounds of a generated network (each layer's width and the batch). */
export interface NetworkOptions extends ValueOptions {
  /** Most rows in the batch (default 3). */
  maxBatch?: number;
  /** Widest layer (default 5). */
  maxWidth?: number;
}

/** A small two-layer network with a batch and a goal, as chapters 6-10 train. */
export interface TwoLayerNetwork {
  /** The input batch [batch, inputs]. */
  layer0: NDArray;
  /** [inputs, hidden] */
  weights01: NDArray;
  /** [hidden, outputs] */
  weights12: NDArray;
  /** What the network should output [batch, outputs]. */
  goal: NDArray;
}

/**
 * A random small network (`layer0 [batch, inputs]`, `weights01 [inputs, hidden]`,
 * `weights12 [hidden, outputs]`, `goal [batch, outputs]`) with every size from 1, so the chapter
 * tests of forward passes and training steps share one generator instead of each writing its own.
 * @example fc.property(twoLayerNetworkArb({ min: -1, max: 1 }), ({ layer0, weights01 }) => ...)
 */
export function twoLayerNetworkArb(options: NetworkOptions = {}): fc.Arbitrary<TwoLayerNetwork> {
  const { maxBatch = 3, maxWidth = 5, min = -1, max = 1 } = options;
  const width = fc.integer({ min: 1, max: maxWidth });
  return fc
    .record({ batch: fc.integer({ min: 1, max: maxBatch }), inputs: width, hidden: width, outputs: width })
    .chain(({ batch, inputs, hidden, outputs }) =>
      fc.record({
        layer0: arrayArb([batch, inputs], { min, max }),
        weights01: arrayArb([inputs, hidden], { min, max }),
        weights12: arrayArb([hidden, outputs], { min, max }),
        goal: arrayArb([batch, outputs], { min, max }),
      }),
    );
}

/**
 * One-hot label rows [rows, classes] (one 1 per row, the rest 0), as MNIST's labels are fed to
 * chapters 8-10.
 * @example oneHotArb(4, 10) // four labels out of ten classes
 */
export function oneHotArb(rows: number, classes: number): fc.Arbitrary<NDArray> {
  if (!Number.isInteger(classes) || classes < 1) throw new Error(`oneHotArb: classes must be a positive integer, got ${classes}`);
  return fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: rows, maxLength: rows }).map((labels) => {
    const out = new NDArray(new Float64Array(rows * classes), [rows, classes]);
    labels.forEach((label, r) => (out.data[r * classes + label] = 1));
    return out;
  });
}
