/**
 * Chapter 10's network (listing 10.3): 16 kernels of 3 x 3 scan every 28 x 28 digit, tanh and
 * dropout on all their outputs, then one dense softmax layer to the 10 labels. There is no
 * pooling: all `positions * 16` kernel outputs go straight into the output layer.
 *
 * {@link trainStep} (exercise 10.6) is the step written with plain ops; {@link trainStepInPlace}
 * (the optional exercise 10.7) does the same arithmetic into a {@link CnnWorkspace} allocated
 * once, so a loop over batches allocates nothing.
 */
import { NDArray, RandomState, addScaled, formatShape, matmul, matmulTransposeA, matmulTransposeB, softmax, tanh } from '../../kernels';
import { countCorrect } from '../../solutions/chapter-09/network';
import { convForward, im2col, kernelGradient } from './convolution';

/** The sizes of the convolutional layer. */
export interface ConvGeometry {
  readonly imageRows: number;
  readonly imageCols: number;
  readonly kernelRows: number;
  readonly kernelCols: number;
  readonly numKernels: number;
  /** How many window rows and columns are used (26 x 26 for every valid window; the book used 25 x 25). */
  readonly positionRows: number;
  readonly positionCols: number;
}

/** Chapter 10's layer: 16 kernels of 3 x 3 on 28 x 28 images, at every valid position or at the book's 25 x 25. */
export function mnistGeometry(bookPositions = false): ConvGeometry {
  const positions = bookPositions ? 25 : 26;
  return { imageRows: 28, imageCols: 28, kernelRows: 3, kernelCols: 3, numKernels: 16, positionRows: positions, positionCols: positions };
}

/** Number of hidden units: one per kernel per position (10,816, or the book's 10,000). */
export function hiddenSize(g: ConvGeometry): number {
  return g.positionRows * g.positionCols * g.numKernels;
}

/** The trainable weights. Training updates them in place. */
export interface Cnn {
  /** `[kernelRows * kernelCols, numKernels]`: one kernel per column. */
  readonly kernels: NDArray;
  /** `weights_1_2`, `[hiddenSize, labels]`. */
  readonly weights12: NDArray;
}

/** The book's initialisation, in its order: kernels uniform in [-0.01, 0.01), then weights_1_2 in [-0.1, 0.1). */
export function initCnn(random: RandomState, g: ConvGeometry, labels = 10): Cnn {
  const kernels = random.random([g.kernelRows * g.kernelCols, g.numKernels]);
  for (let i = 0; i < kernels.size; i++) kernels.data[i] = 0.02 * kernels.data[i] - 0.01;
  const weights12 = random.random([hiddenSize(g), labels]);
  for (let i = 0; i < weights12.size; i++) weights12.data[i] = 0.2 * weights12.data[i] - 0.1;
  return { kernels, weights12 };
}

/** Buffers for one batch size, written by every step (names as in the book). */
export interface CnnWorkspace {
  readonly batch: number;
  readonly geometry: ConvGeometry;
  /** `flattened_input`, `[batch * positions, kernelSize]`. */
  readonly patches: NDArray;
  /** tanh of the kernel outputs before dropout, `[batch, hiddenSize]`. */
  readonly hidden: NDArray;
  /** `layer_1` after dropout. */
  readonly layer1: NDArray;
  /** The output layer's weighted sums, then (in place) its softmax, `[batch, labels]`. */
  readonly layer2: NDArray;
  readonly layer2Delta: NDArray;
  readonly layer1Delta: NDArray;
  readonly gradient12: NDArray;
  readonly kernelGradient: NDArray;
}

/** Allocates the buffers of {@link trainStepInPlace} (and of {@link evaluate}) for batches of `batch` images. */
export function createWorkspace(batch: number, g: ConvGeometry, labels = 10): CnnWorkspace {
  const hidden = hiddenSize(g);
  const kernelSize = g.kernelRows * g.kernelCols;
  return {
    batch,
    geometry: g,
    patches: NDArray.zeros([batch * g.positionRows * g.positionCols, kernelSize]),
    hidden: NDArray.zeros([batch, hidden]),
    layer1: NDArray.zeros([batch, hidden]),
    layer2: NDArray.zeros([batch, labels]),
    layer2Delta: NDArray.zeros([batch, labels]),
    layer1Delta: NDArray.zeros([batch, hidden]),
    gradient12: NDArray.zeros([hidden, labels]),
    kernelGradient: NDArray.zeros([kernelSize, g.numKernels]),
  };
}

/** The forward pass without dropout into `work.hidden` (tanh of the kernel outputs) and `work.layer2` (weighted sums, no softmax). */
export function forwardInto(net: Cnn, layer0: NDArray, work: CnnWorkspace): void {
  const g = work.geometry;
  const images = new NDArray(layer0.data, [work.batch, g.imageRows, g.imageCols]);
  im2col(images, g.kernelRows, g.kernelCols, { rows: g.positionRows, cols: g.positionCols, out: work.patches });
  convForward(work.patches, net.kernels, work.batch, work.hidden);
  tanh(work.hidden, work.hidden);
}

/** The loss and accuracy of a network on a dataset. */
export interface Evaluation {
  /** The mean cross-entropy of the softmax predictions. */
  readonly loss: number;
  /** The share of images whose largest output is at the label (the book's `Test-Acc`). */
  readonly accuracy: number;
}

/**
 * Evaluates `net` on `images` `[n, 784]` with one-hot `labels`, `batch` images at a time (the
 * network first, then the data, as in {@link trainStep}; the geometry, as everywhere in this
 * file, last). No dropout. Accuracy is counted on the weighted sums, as in the book's test loop
 * (softmax never changes which output is largest); the loss uses the softmax. A final partial
 * batch is evaluated too.
 * @throws an Error `evaluate: 5 images but 4 labels` when the row counts differ
 */
export function evaluate(net: Cnn, images: NDArray, labels: NDArray, g: ConvGeometry, batch = 500): Evaluation {
  const count = images.shape[0];
  if (labels.shape[0] !== count) throw new Error(`evaluate: ${count} images but ${labels.shape[0]} labels`);
  const pixels = images.shape[1];
  const classes = labels.shape[1];
  let work = createWorkspace(Math.min(batch, count), g, classes);
  let correct = 0;
  let loss = 0;
  for (let start = 0; start < count; start += batch) {
    const rows = Math.min(batch, count - start);
    if (rows !== work.batch) work = createWorkspace(rows, g, classes);
    forwardInto(net, new NDArray(images.data.subarray(start * pixels, (start + rows) * pixels), [rows, pixels]), work);
    matmul(work.hidden, net.weights12, work.layer2);
    const target = new NDArray(labels.data.subarray(start * classes, (start + rows) * classes), [rows, classes]);
    correct += countCorrect(work.layer2, target);
    softmax(work.layer2, work.layer2);
    for (let i = 0; i < work.layer2.size; i++) if (target.data[i] !== 0) loss -= target.data[i] * Math.log(work.layer2.data[i]);
  }
  return { loss: loss / count, accuracy: correct / count };
}

/** What one training step saw on its forward pass (with dropout), before the update. */
export interface StepResult {
  readonly correct: number;
  /** The batch's mean cross-entropy (NaN where the book's code does not compute it). */
  readonly loss: number;
}

/**
 * Exercise 10.6: one training step of the convolutional network (the concept: write it with
 * plain ops that return new arrays; exercise 10.7 makes it allocation-free).
 *
 * Forward: `patches = im2col(images)` (the `[batch, 784]` rows seen as `[batch, 28, 28]`),
 * `hidden = tanh(convForward(patches, kernels))`, `layer1 = hidden * mask * 2`,
 * `layer2 = softmax(layer1 W12)`. Backward for the mean cross-entropy:
 * `layer2Delta = (layer2 - target) / batch`,
 * `layer1Delta = (layer2Delta W12^T) * mask * 2 * (1 - hidden^2)`, then
 * `W12 -= alpha layer1^T layer2Delta` and `kernels -= alpha kernelGradient(patches, layer1Delta)`,
 * in place. The arguments come in the order of chapters 8 and 9 (network, data, step size,
 * mask), with the layer's geometry last.
 *
 * @param layer0 `[batch, 784]` images; @param target `[batch, labels]`; @param alpha the step
 * size; @param dropoutMask `[batch, hiddenSize]` of 0s and 1s.
 * @returns the number of right predictions and the mean cross-entropy, both before the update.
 * @throws an Error `trainStep: dropoutMask [3,30] does not match the hidden layer [3,32]`
 */
export function trainStep(
  net: Cnn,
  layer0: NDArray,
  target: NDArray,
  alpha: number,
  dropoutMask: NDArray,
  g: ConvGeometry,
): StepResult {
  // #region solution 10.6
  const batch = layer0.shape[0];
  const images = new NDArray(layer0.data, [batch, g.imageRows, g.imageCols]);
  const patches = im2col(images, g.kernelRows, g.kernelCols, { rows: g.positionRows, cols: g.positionCols });
  const hidden = tanh(convForward(patches, net.kernels, batch));
  if (dropoutMask.size !== hidden.size || dropoutMask.shape[0] !== batch) {
    throw new Error(`trainStep: dropoutMask ${formatShape(dropoutMask.shape)} does not match the hidden layer ${formatShape(hidden.shape)}`);
  }
  const layer1 = NDArray.zeros(hidden.shape);
  for (let i = 0; i < layer1.size; i++) layer1.data[i] = hidden.data[i] * dropoutMask.data[i] * 2;
  const layer2 = softmax(matmul(layer1, net.weights12));
  const correct = countCorrect(layer2, target);

  let loss = 0;
  const layer2Delta = NDArray.zeros(layer2.shape);
  for (let i = 0; i < layer2.size; i++) {
    if (target.data[i] !== 0) loss -= target.data[i] * Math.log(layer2.data[i]);
    layer2Delta.data[i] = (layer2.data[i] - target.data[i]) / batch;
  }
  const layer1Delta = matmulTransposeB(layer2Delta, net.weights12);
  for (let i = 0; i < layer1Delta.size; i++) {
    layer1Delta.data[i] *= dropoutMask.data[i] * 2 * (1 - hidden.data[i] * hidden.data[i]);
  }
  const gradient12 = matmulTransposeA(layer1, layer2Delta);
  const gradientKernels = kernelGradient(patches, layer1Delta);
  addScaled(net.weights12, gradient12, -alpha, net.weights12);
  addScaled(net.kernels, gradientKernels, -alpha, net.kernels);
  return { correct, loss: loss / batch };
  // #endregion
}

/**
 * Exercise 10.7 (optional, performance): the step of {@link trainStep}, with the same arithmetic
 * and the same results, but allocation-free: every intermediate goes into the buffers of a
 * {@link CnnWorkspace} allocated once, through the `out` arguments of the kernels' ops
 * (`im2col`'s `out` option, `convForward`, `tanh`, `matmul`, `matmulTransposeA`,
 * `matmulTransposeB`, `softmax`, `kernelGradient`, `addScaled`). {@link forwardInto} does the
 * first half for you. After the call the workspace holds the step's intermediates:
 * `patches`, `hidden` (before dropout), `layer1`, `layer2` (the softmax), `layer2Delta`,
 * `layer1Delta`, `gradient12` and `kernelGradient`.
 *
 * @param work buffers for this batch size, from {@link createWorkspace}.
 * @throws an Error `trainStepInPlace: 64 images do not match a workspace for 128` when the batch differs
 */
export function trainStepInPlace(
  net: Cnn,
  layer0: NDArray,
  target: NDArray,
  alpha: number,
  dropoutMask: NDArray,
  work: CnnWorkspace,
): StepResult {
  // #region solution 10.7
  const batch = layer0.shape[0];
  if (batch !== work.batch) throw new Error(`trainStepInPlace: ${batch} images do not match a workspace for ${work.batch}`);
  forwardInto(net, layer0, work);
  const hidden = work.hidden.data;
  const mask = dropoutMask.data;
  const layer1 = work.layer1.data;
  for (let i = 0; i < layer1.length; i++) layer1[i] = hidden[i] * mask[i] * 2;
  matmul(work.layer1, net.weights12, work.layer2);
  softmax(work.layer2, work.layer2);
  const correct = countCorrect(work.layer2, target);

  let loss = 0;
  const prediction = work.layer2.data;
  const layer2Delta = work.layer2Delta.data;
  for (let i = 0; i < prediction.length; i++) {
    if (target.data[i] !== 0) loss -= target.data[i] * Math.log(prediction[i]);
    layer2Delta[i] = (prediction[i] - target.data[i]) / batch;
  }
  matmulTransposeB(work.layer2Delta, net.weights12, work.layer1Delta);
  const layer1Delta = work.layer1Delta.data;
  for (let i = 0; i < layer1Delta.length; i++) layer1Delta[i] *= mask[i] * 2 * (1 - hidden[i] * hidden[i]);

  matmulTransposeA(work.layer1, work.layer2Delta, work.gradient12);
  kernelGradient(work.patches, work.layer1Delta, work.kernelGradient);
  addScaled(net.weights12, work.gradient12, -alpha, net.weights12);
  addScaled(net.kernels, work.kernelGradient, -alpha, net.kernels);
  return { correct, loss: loss / batch };
  // #endregion
}
