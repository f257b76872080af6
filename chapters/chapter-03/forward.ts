/**
 * Forward propagation, one network shape at a time: one weight, a weighted sum of several
 * inputs, one input fanned out to several outputs, several inputs and outputs, and a stack of
 * layers. Every network here only computes a prediction; learning the weights starts in
 * chapter 4.
 */

import { NotImplementedError } from '../../kernels/not-implemented';

/** A matrix as a list of rows. In this chapter a weight matrix has one row per output. */
export type Matrix = readonly (readonly number[])[];

/**
 * Exercise 3.1: the smallest neural network. It scales its one input by its one weight.
 *
 * @example neuralNetwork(8.5, 0.1) // ≈ 0.85
 */
export function neuralNetwork(input: number, weight: number): number {
  // #region solution 3.1
  throw new NotImplementedError('3.1', 'neuralNetwork', 'chapters/chapter-03/README.md#exercise-3-1');
  // #endregion
}

/**
 * Exercise 3.2: the weighted sum of the inputs, `input[0] * weights[0] + input[1] * weights[1] + ...`
 * (also called the dot product). With three inputs and three weights it is the prediction of a
 * network with three inputs and one output.
 *
 * @throws an Error `weightedSum: vectors have different lengths 2 and 3` when the lengths differ
 * @example weightedSum([8.5, 0.65, 1.2], [0.1, 0.2, 0]) // ≈ 0.98
 */
export function weightedSum(input: readonly number[], weights: readonly number[]): number {
  // #region solution 3.2
  throw new NotImplementedError('3.2', 'weightedSum', 'chapters/chapter-03/README.md#exercise-3-2');
  // #endregion
}

/**
 * Exercise 3.8: one input, several outputs. Each output is its own one-weight network, so the
 * prediction is the weight vector scaled by the input: `[input * weights[0], input * weights[1], ...]`.
 *
 * @example scaleVector(0.65, [0.3, 0.2, 0.9]) // ≈ [0.195, 0.13, 0.585]
 */
export function scaleVector(input: number, weights: readonly number[]): number[] {
  // #region solution 3.8
  throw new NotImplementedError('3.8', 'scaleVector', 'chapters/chapter-03/README.md#exercise-3-8');
  // #endregion
}

/**
 * Exercise 3.9: several inputs, several outputs (vector-matrix multiplication). `weights` has
 * one row per output and one column per input; output `k` is the weighted sum of the input
 * with row `k`.
 *
 * @throws an Error `vectMatMul: input has length 3 but row 1 of the weights has length 2` when a
 *   row does not have one weight per input
 * @example vectMatMul([8.5, 0.65, 1.2], [[0.1, 0.1, -0.3], [0.1, 0.2, 0], [0, 1.3, 0.1]])
 *   // ≈ [0.555, 0.98, 0.965]
 */
export function vectMatMul(input: readonly number[], weights: Matrix): number[] {
  // #region solution 3.9
  throw new NotImplementedError('3.9', 'vectMatMul', 'chapters/chapter-03/README.md#exercise-3-9');
  // #endregion
}

/**
 * Exercise 3.10: predicting on predictions. The input goes through each layer's weight matrix
 * in turn (`vectMatMul`), and each layer's output is the next layer's input. With two layers,
 * the first one's output is the hidden layer.
 *
 * @throws the error of `vectMatMul` when a layer's rows do not fit the previous layer's output
 * @example stackedNetwork([8.5, 0.65, 1.2], [inputToHidden, hiddenToPrediction]) // ≈ [0.2135, 0.145, 0.5065]
 */
export function stackedNetwork(input: readonly number[], layers: readonly Matrix[]): number[] {
  // #region solution 3.10
  throw new NotImplementedError('3.10', 'stackedNetwork', 'chapters/chapter-03/README.md#exercise-3-10');
  // #endregion
}
