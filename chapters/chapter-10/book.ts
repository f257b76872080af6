/**
 * The book's training step of listing 10.3 as it was printed, bugs included, for `--faithful`
 * runs that reproduce its log. The chapter's Errata section explains each difference from the
 * corrected {@link trainStep} in cnn.ts. (The 25 x 25 positions are chosen by the geometry,
 * `mnistGeometry(true)`, and the 896 images by the program.)
 */
import { NDArray, addScaled, matmul, matmulTransposeA, matmulTransposeB, softmax } from '../../kernels';
import { countCorrect } from '../../solutions/chapter-09/network';
import { forwardInto, type Cnn, type CnnWorkspace, type StepResult } from './cnn';
import { kernelGradient } from './convolution';

/**
 * One step of listing 10.3.
 *
 * - The delta is `target - prediction` divided by `batch * batch`, and `weights_1_2` ADDS the
 *   update, which is gradient descent; the kernels SUBTRACT the same kind of update, which is
 *   gradient ascent on the kernels.
 * - `tanh2deriv` is taken of `layer_1` after dropout doubled it (`1 - 4 t^2` for kept units),
 *   and the hidden delta is multiplied by the mask without dropout's factor 2, as in chapter 9.
 */
export function bookTrainStep(
  net: Cnn,
  layer0: NDArray,
  target: NDArray,
  alpha: number,
  dropoutMask: NDArray,
  work: CnnWorkspace,
): StepResult {
  const batch = work.batch;
  forwardInto(net, layer0, work);
  const layer1 = work.layer1.data;
  const mask = dropoutMask.data;
  for (let i = 0; i < layer1.length; i++) layer1[i] = work.hidden.data[i] * mask[i] * 2;
  matmul(work.layer1, net.weights12, work.layer2);
  softmax(work.layer2, work.layer2);
  const correct = countCorrect(work.layer2, target);
  const layer2Delta = work.layer2Delta.data;
  for (let i = 0; i < layer2Delta.length; i++) layer2Delta[i] = (target.data[i] - work.layer2.data[i]) / (batch * batch);
  matmulTransposeB(work.layer2Delta, net.weights12, work.layer1Delta);
  const layer1Delta = work.layer1Delta.data;
  for (let i = 0; i < layer1Delta.length; i++) layer1Delta[i] *= (1 - layer1[i] * layer1[i]) * mask[i];
  matmulTransposeA(work.layer1, work.layer2Delta, work.gradient12);
  addScaled(net.weights12, work.gradient12, alpha, net.weights12);
  kernelGradient(work.patches, work.layer1Delta, work.kernelGradient);
  addScaled(net.kernels, work.kernelGradient, -alpha, net.kernels);
  return { correct, loss: Number.NaN };
}
