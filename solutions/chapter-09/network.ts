/**
 * Chapter 9's MNIST network: 784 pixels, a tanh hidden layer with dropout, and a softmax output
 * layer trained with cross-entropy, one mini-batch at a time. In the book's names:
 * `layer_1 = tanh(layer_0 weights_0_1)` (then dropout), `layer_2 = softmax(layer_1 weights_1_2)`.
 */
import { NDArray, RandomState, addScaled, countCorrect, formatShape, matmul, matmulTransposeA, matmulTransposeB } from '../../kernels';
import { crossEntropy, softmax, softmaxCrossEntropyDelta, tanh } from './activations';

/** The two weight matrices. Training updates them in place. */
export interface TanhSoftmaxNetwork {
  /** `weights_0_1`, `[pixels, hidden]`. */
  readonly weights01: NDArray;
  /** `weights_1_2`, `[hidden, labels]`. */
  readonly weights12: NDArray;
}

/**
 * The book's initialisation, in its order: `weights_0_1` uniform in [-0.01, 0.01) (tanh wants
 * small weights; relu's chapter 8 used [-0.1, 0.1)), then `weights_1_2` uniform in [-0.1, 0.1).
 */
export function initNetwork(random: RandomState, pixels = 784, hidden = 100, labels = 10): TanhSoftmaxNetwork {
  const weights01 = random.random([pixels, hidden]);
  for (let i = 0; i < weights01.size; i++) weights01.data[i] = 0.02 * weights01.data[i] - 0.01;
  const weights12 = random.random([hidden, labels]);
  for (let i = 0; i < weights12.size; i++) weights12.data[i] = 0.2 * weights12.data[i] - 0.1;
  return { weights01, weights12 };
}

// How many rows of a prediction pick the target's class: the toolkit's countCorrect, re-exported
// so chapter 10 and the book's variant keep importing it from here.
export { countCorrect } from '../../kernels';

/** The loss and accuracy of a network on a dataset. */
export interface Evaluation {
  /** The mean cross-entropy of the softmax predictions. */
  readonly loss: number;
  /** The share of images whose largest output is at the label (the book's `Test-Acc`). */
  readonly accuracy: number;
}

/**
 * Evaluates `net` on `images` `[n, pixels]` with one-hot `labels` `[n, labels]` (the same
 * argument order as {@link trainStep}: the network first, then the data). Tanh hidden layer
 * without dropout, then the output layer. Accuracy is counted on the weighted sums, as in the
 * book's test loop (softmax never changes which output is largest); the loss uses the softmax.
 * @throws an Error `evaluate: 5 images but 4 labels` when the row counts differ
 */
export function evaluate(net: TanhSoftmaxNetwork, images: NDArray, labels: NDArray): Evaluation {
  const count = images.shape[0];
  if (labels.shape[0] !== count) throw new Error(`evaluate: ${count} images but ${labels.shape[0]} labels`);
  const layer1 = tanh(matmul(images, net.weights01));
  const logits = matmul(layer1, net.weights12);
  const accuracy = countCorrect(logits, labels) / count;
  return { loss: crossEntropy(softmax(logits), labels), accuracy };
}

/** What one training step saw, measured on the forward pass before the update (with dropout). */
export interface StepResult {
  /** Rows whose prediction was right. */
  readonly correct: number;
  /** The batch's mean cross-entropy. */
  readonly loss: number;
}

/**
 * Exercise 9.5: one step of mini-batch gradient descent for the tanh + softmax network.
 *
 * Forward: `hidden = tanh(layer0 W01)`, `layer1 = hidden * mask * 2` (dropout),
 * `layer2 = softmax(layer1 W12)`. Backward, for the mean cross-entropy of the batch:
 * `layer2Delta = (layer2 - target) / rows`, then
 * `layer1Delta = (layer2Delta W12^T) * mask * 2 * (1 - hidden^2)`: dropout's factor 2 and
 * tanh's slope both use the values before dropout. Finally `W12 -= alpha layer1^T layer2Delta`
 * and `W01 -= alpha layer0^T layer1Delta`, in place.
 *
 * The arguments come in the order of chapter 8's `trainStep`: the network, the data, the step
 * size, then the dropout mask.
 *
 * @param layer0 `[rows, pixels]` images; @param target `[rows, labels]` one-hot labels;
 * @param alpha the step size; @param dropoutMask `[rows, hidden]` of 0s and 1s.
 * @returns the number of right predictions and the loss, both before the update.
 * @throws an Error `trainStep: dropoutMask [2,5] does not match the hidden layer [2,4]`
 */
export function trainStep(
  net: TanhSoftmaxNetwork,
  layer0: NDArray,
  target: NDArray,
  alpha: number,
  dropoutMask: NDArray,
): StepResult {
  // #region solution 9.5
  const hidden = tanh(matmul(layer0, net.weights01));
  if (dropoutMask.shape.length !== 2 || dropoutMask.shape[0] !== hidden.shape[0] || dropoutMask.shape[1] !== hidden.shape[1]) {
    throw new Error(`trainStep: dropoutMask ${formatShape(dropoutMask.shape)} does not match the hidden layer ${formatShape(hidden.shape)}`);
  }
  const layer1 = NDArray.zeros(hidden.shape);
  for (let i = 0; i < layer1.size; i++) layer1.data[i] = hidden.data[i] * dropoutMask.data[i] * 2;
  const layer2 = softmax(matmul(layer1, net.weights12));
  const correct = countCorrect(layer2, target);
  const loss = crossEntropy(layer2, target);

  const layer2Delta = softmaxCrossEntropyDelta(layer2, target);
  const layer1Delta = matmulTransposeB(layer2Delta, net.weights12);
  for (let i = 0; i < layer1Delta.size; i++) {
    const t = hidden.data[i];
    layer1Delta.data[i] *= dropoutMask.data[i] * 2 * (1 - t * t);
  }
  const gradient12 = matmulTransposeA(layer1, layer2Delta);
  const gradient01 = matmulTransposeA(layer0, layer1Delta);
  addScaled(net.weights12, gradient12, -alpha, net.weights12);
  addScaled(net.weights01, gradient01, -alpha, net.weights01);
  return { correct, loss };
  // #endregion
}
