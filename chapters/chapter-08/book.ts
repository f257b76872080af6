/**
 * The book's training step as its listings 8.2-8.5 wrote it, bugs included, for `--faithful`
 * runs that reproduce the printed logs. The chapter's Errata section explains each bug; the
 * exercises (`trainStep` in network.ts) are the corrected code.
 */
import { NDArray, addScaled, matmul, matmulTransposeA, matmulTransposeB, relu } from '../../kernels';
import { addProduct, countCorrect, type Network, type StepResult } from './network';

/**
 * The book's `relu2deriv = lambda x: x >= 0`, applied to relu's output, which is never negative:
 * it returns 1 everywhere, so units that were off still pass their delta back (bug 1).
 */
export function bookRelu2deriv(output: NDArray): NDArray {
  const result = NDArray.zeros(output.shape);
  const o = output.data;
  for (let i = 0; i < o.length; i++) result.data[i] = o[i] >= 0 ? 1 : 0;
  return result;
}

/**
 * One step of listings 8.2 (no mask), 8.5a (a mask, one image) or 8.5b (a mask and a batch).
 *
 * - In the book's sign convention: `layer_2_delta = target - prediction`, and the updates ADD
 *   `alpha` times the weight deltas. It is the same step as the course's `prediction - target`
 *   with `-=` (only the sign of the bookkeeping differs), and it is kept here so the arithmetic
 *   matches the book's listing line for line.
 *
 * - The delta of the hidden layer is multiplied by the mask but not by its factor 2 (bug 3).
 * - In 8.5b the delta and update lines sit inside the loop that counts the correct rows, so the
 *   batch's update is applied once per row (bug 2). `repeatUpdate` says how many times. Each
 *   repetition reuses the same `layer_2_delta`, but recomputes `layer_1_delta` against the
 *   `weights_1_2` that the previous repetitions already moved. `weights_0_1` is not read inside
 *   the loop, so its updates are summed and applied once, which is the same arithmetic with
 *   100 times fewer large matrix products.
 */
export function bookStep(
  net: Network,
  layer0: NDArray,
  target: NDArray,
  alpha: number,
  dropoutMask?: NDArray,
  repeatUpdate = 1,
): StepResult {
  const layer1 = relu(matmul(layer0, net.weights01));
  const scale = dropoutMask?.data;
  if (scale) for (let i = 0; i < layer1.size; i++) layer1.data[i] *= scale[i] * 2;
  const layer2 = matmul(layer1, net.weights12);
  const rows = layer0.shape[0];
  const layer2Delta = NDArray.zeros(layer2.shape);
  let error = 0;
  for (let i = 0; i < layer2.size; i++) {
    const miss = target.data[i] - layer2.data[i];
    error += miss * miss;
    layer2Delta.data[i] = miss / rows;
  }
  const correct = countCorrect(layer2, target);
  const derivative = bookRelu2deriv(layer1);
  const weights12Step = matmulTransposeA(layer1, layer2Delta);
  const layer1DeltaSum = NDArray.zeros(layer1.shape);
  const layer1Delta = NDArray.zeros(layer1.shape);
  for (let repeat = 0; repeat < repeatUpdate; repeat++) {
    matmulTransposeB(layer2Delta, net.weights12, layer1Delta);
    for (let i = 0; i < layer1Delta.size; i++) {
      layer1DeltaSum.data[i] += layer1Delta.data[i] * derivative.data[i] * (scale ? scale[i] : 1);
    }
    addScaled(net.weights12, weights12Step, alpha, net.weights12);
  }
  addProduct(net.weights01, layer0, layer1DeltaSum, alpha);
  return { layer1, layer2, error, correct };
}
