/**
 * The book's training step of listing 9.3 as it was printed, bugs included, for `--faithful`
 * runs that reproduce its log. The chapter's Errata section explains each difference from the
 * corrected {@link trainStep} in network.ts.
 */
import { NDArray, addScaled, matmul, matmulTransposeA, matmulTransposeB } from '../../kernels';
import { softmax, tanh } from './activations';
import { countCorrect, type StepResult, type TanhSoftmaxNetwork } from './network';

/**
 * One step of listing 9.3.
 *
 * - The delta is `target - prediction` divided by `batch * batch`, and the updates add it
 *   (`+=`): gradient descent with an effective step of `alpha / batch` on the mean gradient.
 * - `tanh2deriv` is taken of `layer_1` AFTER dropout doubled it, so a kept unit gets the slope
 *   `1 - 4 t^2` (negative once |t| > 0.5) instead of `1 - t^2`.
 * - The hidden delta is multiplied by the mask but not by dropout's factor 2.
 * The loss is not computed (the book prints none), so it is reported as NaN.
 */
export function bookTrainStep(
  net: TanhSoftmaxNetwork,
  layer0: NDArray,
  target: NDArray,
  alpha: number,
  dropoutMask: NDArray,
): StepResult {
  const batch = layer0.shape[0];
  const layer1 = tanh(matmul(layer0, net.weights01));
  for (let i = 0; i < layer1.size; i++) layer1.data[i] *= dropoutMask.data[i] * 2;
  const layer2 = softmax(matmul(layer1, net.weights12));
  const correct = countCorrect(layer2, target);
  const layer2Delta = NDArray.zeros(layer2.shape);
  for (let i = 0; i < layer2.size; i++) layer2Delta.data[i] = (target.data[i] - layer2.data[i]) / (batch * layer2.shape[0]);
  const layer1Delta = matmulTransposeB(layer2Delta, net.weights12);
  for (let i = 0; i < layer1Delta.size; i++) {
    const doubled = layer1.data[i];
    layer1Delta.data[i] *= (1 - doubled * doubled) * dropoutMask.data[i];
  }
  const update12 = matmulTransposeA(layer1, layer2Delta);
  const update01 = matmulTransposeA(layer0, layer1Delta);
  addScaled(net.weights12, update12, alpha, net.weights12);
  addScaled(net.weights01, update01, alpha, net.weights01);
  return { correct, loss: Number.NaN };
}
