/**
 * Checks of a function's argument contract: the arrays it reads are left as they were, and an
 * `out` it is given is overwritten, not added to. Both throw plain Errors that name the function,
 * the argument and the first element that went wrong, so a learner sees
 * `sigmoid changed its argument x at [1, 0]: it was 0.25, it is now 0.562177`.
 */
import { NDArray } from '../ndarray';
import { unravel } from './close';
import { showValue } from './show';

/** Arrays whose contents a call must not change, by argument name. */
export type Inputs = Readonly<Record<string, NDArray | Float64Array | readonly number[]>>;

/**
 * Calls `call` and throws if it changed any element (or the shape) of the named inputs.
 * Returns what `call` returned.
 * @example const y = expectInputsUnchanged('relu', { x }, () => relu(x));
 */
export function expectInputsUnchanged<R>(name: string, inputs: Inputs, call: () => R): R {
  const before = Object.entries(inputs).map(([arg, value]) => ({ arg, value, shape: shapeOf(value), data: Array.from(dataOf(value)) }));
  const result = call();
  for (const { arg, value, shape, data } of before) {
    const nowShape = shapeOf(value);
    if (nowShape.join(',') !== shape.join(',')) {
      throw new Error(`${name} changed the shape of its argument ${arg}: it was [${shape.join(', ')}], it is now [${nowShape.join(', ')}]`);
    }
    const now = dataOf(value);
    for (let i = 0; i < data.length; i++) {
      if (!Object.is(now[i], data[i])) {
        const at = shape.length > 1 ? `[${unravel(i, shape).join(', ')}]` : `[${i}]`;
        throw new Error(
          `${name} changed its argument ${arg} at ${at}: it was ${showValue(data[i])}, it is now ${showValue(now[i])}. ` +
            'Compute into a new array (or into out) and leave the inputs as they were.',
        );
      }
    }
  }
  return result;
}

/**
 * The `out` contract's first half: throws unless the function handed back the very `out` it was
 * given (a new array with the right numbers is still a broken contract).
 * @example expectReturnsOut('applyDropout', applyDropout(layer, mask, out), out);
 */
export function expectReturnsOut(name: string, result: unknown, out: NDArray): void {
  if (result !== out) {
    throw new Error(`${name} returned a new array instead of the out it was given: write into out and return it`);
  }
}

/** The value {@link prefilledOut} fills with: far from what any exercise computes, and easy to spot. */
export const PREFILL = 7.25;

/**
 * An `out` array of the given shape that is already full of {@link PREFILL}, so a function that
 * adds into `out` (or writes only part of it) gives visibly wrong numbers.
 * @example const out = prefilledOut([2, 3]); relu(x, out); expectClose(out, reference.relu(x));
 */
export function prefilledOut(shape: readonly number[], fill = PREFILL): NDArray {
  const size = shape.reduce((a, b) => a * b, 1);
  return new NDArray(new Float64Array(size).fill(fill), [...shape]);
}

function shapeOf(value: NDArray | Float64Array | readonly number[]): readonly number[] {
  return value instanceof NDArray ? [...value.shape] : [value.length];
}

function dataOf(value: NDArray | Float64Array | readonly number[]): ArrayLike<number> {
  return value instanceof NDArray ? value.data : value;
}
