/**
 * Chapter 8's network: 784 pixels, a relu hidden layer, 10 linear outputs, trained on MNIST one
 * image (or one mini-batch) at a time. In the book's names: `layer_0` is the input,
 * `layer_1 = relu(layer_0 weights_0_1)`, `layer_2 = layer_1 weights_1_2`.
 */
import { NDArray, RandomState, countCorrect, formatShape, matmul, matmulTransposeB, mul, relu } from '../../kernels';
import { applyDropout } from './dropout';

/** The two weight matrices of a three-layer network. They are updated in place by training. */
export interface Network {
  /** `weights_0_1`, `[pixels, hidden]`. */
  readonly weights01: NDArray;
  /** `weights_1_2`, `[hidden, labels]`. */
  readonly weights12: NDArray;
}

/** The layers of one forward pass, one row per example. */
export interface Layers {
  /** `[examples, hidden]`: relu of the weighted sums (after dropout, when there was dropout). */
  readonly layer1: NDArray;
  /** `[examples, labels]`: the prediction. */
  readonly layer2: NDArray;
}

/** What one training step measured, before it changed the weights. */
export interface StepResult extends Layers {
  /** The summed squared error over the rows and outputs, `sum((layer2 - target)^2)`. */
  readonly error: number;
  /** How many rows had their largest output at the label. */
  readonly correct: number;
}

/**
 * Exercise 8.1: a fresh network with weights uniform in [-0.1, 0.1): `0.2 * random - 0.1`,
 * drawing ALL of `weights01` first (`rng.random([pixels, hidden])`), then `weights12`. The order
 * matters: with `new RandomState(1)` it gives the book's starting weights exactly.
 * @example initNetwork(new RandomState(1), 784, 40, 10) // the book's 784-40-10 network
 */
export function initNetwork(rng: RandomState, pixels: number, hidden: number, labels: number): Network {
  // #region solution 8.1
  const weights01 = rng.random([pixels, hidden]);
  const weights12 = rng.random([hidden, labels]);
  for (const w of [weights01, weights12]) {
    const d = w.data;
    for (let i = 0; i < d.length; i++) d[i] = 0.2 * d[i] - 0.1;
  }
  return { weights01, weights12 };
  // #endregion
}

/**
 * Exercise 8.2: relu's derivative, computed from relu's OUTPUT: 1 where the output is positive,
 * 0 where it is 0 (the unit was off, so its incoming weights did not matter).
 * @example relu2deriv(array([[0, 0.5]])) // [[0, 1]]
 */
export function relu2deriv(output: NDArray): NDArray {
  // #region solution 8.2
  const result = NDArray.zeros(output.shape);
  const o = output.data;
  const r = result.data;
  for (let i = 0; i < r.length; i++) r[i] = o[i] > 0 ? 1 : 0;
  return result;
  // #endregion
}

/**
 * Exercise 8.3: the forward pass, `layer1 = relu(layer0 weights01)`, `layer2 = layer1 weights12`,
 * for `layer0` of shape `[examples, pixels]`.
 * @throws an Error `forward: layer0 [1,5] has 5 pixels but weights01 [4,3] expects 4` when the
 *   sizes do not fit
 */
export function forward(layer0: NDArray, net: Network): Layers {
  // #region solution 8.3
  if (layer0.ndim !== 2 || layer0.shape[1] !== net.weights01.shape[0]) {
    throw new Error(
      `forward: layer0 ${formatShape(layer0.shape)} has ${layer0.shape[layer0.ndim - 1]} pixels ` +
        `but weights01 ${formatShape(net.weights01.shape)} expects ${net.weights01.shape[0]}`,
    );
  }
  const layer1 = relu(matmul(layer0, net.weights01));
  const layer2 = matmul(layer1, net.weights12);
  return { layer1, layer2 };
  // #endregion
}

/**
 * `weights += scale * leftᵀ right` in place, for `left` `[rows, n]` and `right` `[rows, m]`: with
 * `scale = -alpha` it is the weight update `weights01 -= alpha * layer0ᵀ layer1Delta` without
 * building the `[n, m]` product. Rows of `left` that are 0 are skipped, and most MNIST pixels are 0, which
 * makes the first layer's update about five times faster.
 * @throws an Error `addProduct: weights [4,3] cannot take leftᵀ right for left [1,5] and right [1,3]`
 */
export function addProduct(weights: NDArray, left: NDArray, right: NDArray, scale: number): void {
  const [rows, n] = left.shape;
  const m = right.shape[1];
  if (right.shape[0] !== rows || weights.shape[0] !== n || weights.shape[1] !== m) {
    throw new Error(
      `addProduct: weights ${formatShape(weights.shape)} cannot take leftᵀ right for left ` +
        `${formatShape(left.shape)} and right ${formatShape(right.shape)}`,
    );
  }
  const w = weights.data;
  const l = left.data;
  const r = right.data;
  for (let row = 0; row < rows; row++) {
    for (let i = 0; i < n; i++) {
      const x = l[row * n + i];
      if (x === 0) continue;
      const base = i * m;
      const from = row * m;
      for (let j = 0; j < m; j++) w[base + j] += scale * (x * r[from + j]);
    }
  }
}

// How many rows of a prediction pick the target's class: the toolkit's countCorrect, re-exported
// so the chapter's other files keep importing it from here.
export { countCorrect } from '../../kernels';

/**
 * Exercise 8.4: one step of gradient descent on the rows of `layer0` (one image, or a mini-batch),
 * changing `net` in place. In the course's convention (the delta is prediction minus goal, and
 * the weights move against it, as in chapters 6, 9 and 10):
 *
 * - forward: `layer1 = relu(layer0 weights01)`; with a `dropoutMask`, `layer1 = applyDropout(layer1, mask)`;
 *   `layer2 = layer1 weights12`;
 * - `layer2Delta = (layer2 - target) / rows` (the average over the batch; a single image has rows = 1);
 * - `layer1Delta = (layer2Delta weights12ᵀ) * relu2deriv(layer1)`, and with a mask,
 *   `layer1Delta = applyDropout(layer1Delta, mask)` (the same mask, forward and backward);
 * - `weights12 -= alpha * layer1ᵀ layer2Delta`, then `weights01 -= alpha * layer0ᵀ layer1Delta`
 *   (with the given {@link addProduct} and `scale = -alpha`, which does this in place and fast).
 *
 * Returns the layers, the summed squared error and the number of correct rows of this forward
 * pass (before the update).
 * @throws an Error `trainStep: target [1,9] does not match the prediction [1,10]` when the
 *   target's shape is not the prediction's
 */
export function trainStep(
  net: Network,
  layer0: NDArray,
  target: NDArray,
  alpha: number,
  dropoutMask?: NDArray,
): StepResult {
  // #region solution 8.4
  const layer1 = relu(matmul(layer0, net.weights01));
  if (dropoutMask) applyDropout(layer1, dropoutMask, layer1);
  const layer2 = matmul(layer1, net.weights12);
  if (target.shape[0] !== layer2.shape[0] || target.shape[1] !== layer2.shape[1]) {
    throw new Error(
      `trainStep: target ${formatShape(target.shape)} does not match the prediction ${formatShape(layer2.shape)}`,
    );
  }
  const rows = layer0.shape[0];
  const layer2Delta = NDArray.zeros(layer2.shape);
  let error = 0;
  for (let i = 0; i < layer2Delta.size; i++) {
    const miss = layer2.data[i] - target.data[i];
    error += miss * miss;
    layer2Delta.data[i] = miss / rows;
  }
  const correct = countCorrect(layer2, target);
  const layer1Delta = mul(matmulTransposeB(layer2Delta, net.weights12), relu2deriv(layer1));
  if (dropoutMask) applyDropout(layer1Delta, dropoutMask, layer1Delta);
  addProduct(net.weights12, layer1, layer2Delta, -alpha);
  addProduct(net.weights01, layer0, layer1Delta, -alpha);
  return { layer1, layer2, error, correct };
  // #endregion
}

/** The error and accuracy of a network on a dataset. */
export interface Evaluation {
  /** The summed squared error per image, averaged over the images (the book's `Test-Err`). */
  readonly error: number;
  /** The fraction of images classified correctly (the book's `Test-Acc`). */
  readonly accuracy: number;
}

/**
 * Exercise 8.5: evaluates `net` on `images` `[n, pixels]` with one-hot `labels` `[n, labels]`
 * (the same argument order as {@link trainStep}: the network first, then the data):
 * a plain forward pass (no dropout, no update), the summed squared error divided by n, and the
 * fraction of rows whose largest output is at the label.
 * @throws an Error `evaluate: 5 images but 4 labels` when the row counts differ
 */
export function evaluate(net: Network, images: NDArray, labels: NDArray): Evaluation {
  // #region solution 8.5
  const count = images.shape[0];
  if (labels.shape[0] !== count) throw new Error(`evaluate: ${count} images but ${labels.shape[0]} labels`);
  const { layer2 } = forward(images, net);
  let error = 0;
  for (let i = 0; i < layer2.size; i++) error += (layer2.data[i] - labels.data[i]) ** 2;
  return { error: error / count, accuracy: countCorrect(layer2, labels) / count };
  // #endregion
}
