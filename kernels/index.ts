/**
 * The course's numeric toolkit ("our NumPy"): NDArray, the ops the chapters need, and a
 * NumPy-compatible RandomState. Test helpers live in 'kernels/testing'.
 *
 * Conventions: arrays are float64, row-major, and never share data unless a function says so
 * (reshape, flatten, rowsView). Ops that take an optional last argument `out` write their result
 * there (it must have the result's shape) and return it, so training loops can allocate nothing.
 * Errors read `op: what is wrong [shapes]`.
 */
export { NDArray, formatShape, shapeSize } from './ndarray';
export type { Nested, Shape } from './ndarray';
export { RandomState } from './random';
export type { RandomStateSnapshot } from './random';
export { arange, array, copy, copyInto, eye, fromArray, full, ones, zeros, zerosLike } from './ops/create';
export {
  abs,
  add,
  addScaled,
  broadcastShapes,
  div,
  exp,
  log,
  map,
  mul,
  neg,
  sqrt,
  square,
  sub,
} from './ops/elementwise';
export type { ArrayOrScalar, BinaryOpName, MathOpName } from './ops/elementwise';
export type { ActivationName } from './ops/activations';
export type { ReduceOpName } from './ops/reduce';
// The op-authoring core and the shared argument checks, for chapter code that writes its own ops.
export { assertNever, binaryOp, lastAxisRows, sameShapeOp, unaryOp } from './ops/core';
export type { BinaryKernel, PairKernel, UnaryKernel } from './ops/core';
export { checkArray, checkNdim, checkNoAlias, checkSameShape, normalizeAxis, outOrNew, sameShape } from './ops/check';
export { dot, matmul, matmulTransposeA, matmulTransposeB, outer, vectorDot } from './ops/matmul';
export type { MatrixOperand } from './ops/matmul';
export { ResidentMatrix, getResidentCheck, resident, setResidentCheck } from './ops/resident';
export type { PanelLayout, ResidentCheck } from './ops/resident';
export { getGemmBackend, getGemmThreads, setGemmBackend, setGemmThreads } from './ops/gemm';
export type { GemmBackend, GemmThreadOptions } from './ops/gemm';
export { argmax, max, mean, min, sum } from './ops/reduce';
export type { ReduceOptions } from './ops/reduce';
export { concatRows, flatten, reshape, row, rowsView, sliceRows, transpose } from './ops/shape';
export {
  relu,
  reluDerivFromOutput,
  sigmoid,
  sigmoidDerivFromOutput,
  softmax,
  softmaxBackwardFromOutput,
  tanh,
  tanhDerivFromOutput,
} from './ops/activations';
export { assertFinite, checkFinite } from './ops/finite';
export { countCorrect } from './ops/metrics';
export { col2im, im2col } from './ops/conv';
export type { PatchOptions } from './ops/conv';
export { gatherRows, scatterAddRows } from './ops/embedding';
export type { Indices } from './ops/embedding';
export { clipByNorm, cosineSimilarity, cosineSimilarityRows, norm, rowNorms } from './ops/norms';
