/**
 * Chapter 14: how far a gradient reaches back through time in a trained model. The loss of the
 * window's LAST step alone is backpropagated through the whole window, and the size of what
 * arrives at each earlier step's input is measured: the RNN's shrinks by a factor at every step
 * (the vanishing gradient of the toy), the LSTM's cell path carries it further.
 */
import { NDArray, gatherRows, softmax, zerosLike } from '../../kernels';
import type { CharModel } from './models';

/**
 * The norm of dL/dx_t (over the batch) for every step t of one window, where L is the mean
 * cross-entropy of the last step only; element k is k steps back from the last step (k = 0: the
 * last step itself). `state` is not modified.
 * @example gradientThroughTime(model, windows.inputs[0], windows.targets[0], model.initState(16))[24] // 24 steps back
 */
export function gradientThroughTime(model: CharModel, inputs: Int32Array, targets: Int32Array, state: readonly NDArray[]): number[] {
  const batch = state[0].shape[0];
  const steps = inputs.length / batch;
  const pass = model.forward(gatherRows(model.embedding, inputs), state, steps);
  const probabilities = softmax(pass.logits);
  const vocabulary = probabilities.shape[1];
  const dLogits = zerosLike(probabilities);
  for (let r = (steps - 1) * batch; r < inputs.length; r++) {
    for (let v = 0; v < vocabulary; v++) dLogits.data[r * vocabulary + v] = probabilities.data[r * vocabulary + v] / batch;
    dLogits.data[r * vocabulary + targets[r]] -= 1 / batch;
  }
  const dx = pass.backward(dLogits).dInputs;
  const width = dx.shape[1];
  const norms: number[] = [];
  for (let back = 0; back < steps; back++) {
    const t = steps - 1 - back;
    let squares = 0;
    for (let i = t * batch * width; i < (t + 1) * batch * width; i++) squares += dx.data[i] * dx.data[i];
    norms.push(Math.sqrt(squares));
  }
  return norms;
}
