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

/**
 * How finely values are drawn: the largest power of ten that still leaves about a million values
 * between min and max ([-1, 1] gives steps of 1e-6, [-10, 10] steps of 1e-5). Values are integers
 * divided by a power of ten, so a shrunk counterexample reads 0.734212 or 0.5, never
 * -1.0000000000010011e-13, 5e-324 or -0, and ties stay as rare as between doubles.
 */
function gridScale(min: number, max: number): number {
  const exponent = Math.floor(Math.log10((max - min) / 1e6));
  return 10 ** -Math.min(exponent, 0);
}

/**
 * A finite number in [min, max] on a decimal grid of about a million values (no NaN, no
 * infinities, no subnormals, no -0). Shrinking moves toward 0 (or toward `min` when 0 is outside
 * the range) through numbers a learner recognises.
 */
export function valueArb(options: ValueOptions = {}): fc.Arbitrary<number> {
  const { min = -10, max = 10 } = options;
  if (!(min <= max)) throw new Error(`valueArb: min ${min} is above max ${max}`);
  if (min === max) return fc.constant(min);
  const scale = gridScale(min, max);
  // Dividing an integer by a power of ten rounds once, so 734212 / 1e6 prints as 0.734212.
  const toValue = (i: number): number => (i === 0 ? 0 : i / scale);
  const lo = Math.ceil(min * scale);
  const hi = Math.floor(max * scale);
  if (lo > hi) return fc.constant(min);
  return fc.integer({ min: lo, max: hi }).map(toValue);
}

/**
 * Gives a generated NDArray a printed form taken when it was drawn (`array([[0.5, -1], [2, 0.25]])`,
 * as the kernels' `array` builds it), so a counterexample shows the values the function was given
 * even when the function then changed them. Every new case maps fresh values; a shrink attempt
 * maps fresh values for the part being shrunk but reuses the other parts of a tuple or record, so
 * a function that changes its input can still disturb the shrinking of a case that already
 * failed (the property's time limit keeps that bounded, and the printed case stays true).
 *
 * (A fast-check clone method would make every attempt fresh; fast-check 4.11's tuple drops every
 * value after the last cloneable one when it clones, so it is not used.)
 */
function withDrawnText(array: NDArray): NDArray {
  const drawn = array.shape.length === 0 ? String(array.data[0]) : `array(${JSON.stringify(array.toNested())})`.replace(/,/g, ', ');
  Object.defineProperty(array, fc.toStringMethod, { value: () => drawn, enumerable: false });
  return array;
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
    .map((values) => withDrawnText(new NDArray(Float64Array.from(values), fixed)));
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
  return valueArb({ min, max }).map((v) => {
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
    .map((values) => withDrawnText(new NDArray(Float64Array.from(values), fixed)));
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
    return withDrawnText(out);
  });
}
