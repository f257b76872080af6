/**
 * Test support for chapter 8: small random networks whose hidden units are kept away from relu's
 * kink, and the loss whose gradient a training step must follow.
 */
import fc from 'fast-check';
import { NDArray, matmul, relu } from '../../kernels';
import { arrayArb } from '../../kernels/testing';

/** A small network and a batch for it: every hidden pre-activation is at least `margin` from 0. */
export interface SmallCase {
  readonly weights01: NDArray;
  readonly weights12: NDArray;
  readonly layer0: NDArray;
  readonly target: NDArray;
  /** A dropout mask of the hidden layer's shape (0s and 1s). */
  readonly mask: NDArray;
}

const MARGIN = 0.05;

/**
 * Makes a counterexample print an array as the test sees it (`array([[1, 0.5], ...])`), after the
 * arbitrary's own adjustments below, not as it was first drawn.
 */
function shownAs(x: NDArray): NDArray {
  const shown = new NDArray(x.data, [...x.shape]);
  const text = `array(${JSON.stringify(shown.toNested())})`.replace(/,/g, ', ');
  Object.defineProperty(shown, fc.toStringMethod, { value: () => text, enumerable: false });
  return shown;
}

/**
 * Networks `pixels-hidden-labels` (6-5-3 by default) with `rows` examples. The first input of every
 * example is 1, like a bias pixel, and the first row of weights01 is shifted so that no hidden unit
 * sits within MARGIN of relu's kink; the shift is part of the arbitrary, so shrinking keeps it.
 */
export function smallCase(rows: number, pixels = 6, hidden = 5, labels = 3): fc.Arbitrary<SmallCase> {
  return fc
    .tuple(
      arrayArb([pixels, hidden], { min: -1, max: 1 }),
      arrayArb([hidden, labels], { min: -1, max: 1 }),
      arrayArb([rows, pixels], { min: 0, max: 1 }),
      arrayArb([rows, labels], { min: 0, max: 1 }),
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: rows * hidden, maxLength: rows * hidden }),
    )
    .map(([weights01, weights12, layer0, target, bits]) => {
      for (let r = 0; r < rows; r++) layer0.data[r * pixels] = 1;
      // Move every pre-activation out of (-MARGIN, MARGIN) by shifting the bias row; with
      // several rows one shift must serve them all, so shift away from the nearest one.
      for (let j = 0; j < hidden; j++) {
        for (let attempt = 0; attempt < rows + 1; attempt++) {
          const z = matmul(layer0, weights01);
          let closest = Infinity;
          for (let r = 0; r < rows; r++) {
            const v = z.data[r * hidden + j];
            if (Math.abs(v) < Math.abs(closest)) closest = v;
          }
          if (Math.abs(closest) >= MARGIN) break;
          weights01.data[j] += closest >= 0 ? 2 * MARGIN : -2 * MARGIN;
        }
      }
      const mask = new NDArray(Float64Array.from(bits), [rows, hidden]);
      return { weights01: shownAs(weights01), weights12, layer0: shownAs(layer0), target, mask: shownAs(mask) };
    })
    .filter(({ layer0, weights01 }) => {
      const z = matmul(layer0, weights01).data;
      return z.every((v) => Math.abs(v) >= MARGIN / 2);
    });
}

/**
 * The loss whose downhill direction a step of size alpha follows: `sum((layer2 - target)^2) / (2 rows)`
 * (its gradient is the delta `layer2 - target`, averaged over the batch), with an optional dropout mask
 * applied as `layer1 * mask * 2`.
 */
export function batchLoss(weights01: NDArray, weights12: NDArray, layer0: NDArray, target: NDArray, mask?: NDArray): number {
  const layer1 = relu(matmul(layer0, weights01));
  if (mask) for (let i = 0; i < layer1.size; i++) layer1.data[i] *= mask.data[i] * 2;
  const layer2 = matmul(layer1, weights12);
  let loss = 0;
  for (let i = 0; i < layer2.size; i++) loss += (layer2.data[i] - target.data[i]) ** 2;
  return loss / (2 * layer0.shape[0]);
}
