/**
 * Test helpers for kernels and chapter tests: closeness checks, gradient checks, fast-check
 * arbitraries and a property runner. Everything throws plain Errors, so no jest globals are needed.
 *
 * @example
 * import { gradCheck, expectClose, arrayArb, assertProperty } from '../../kernels/testing';
 */
export { allClose, closeMismatches, expectClose, maxRelativeError, relativeError } from './close';
export type { CloseOptions, Mismatch, Numeric } from './close';
export { GRAD_TOLERANCE, gradCheck, numericGradient, numericVjp } from './gradcheck';
export type { Backward, Forward, GradCheckInputReport, GradCheckOptions, GradCheckReport } from './gradcheck';
export {
  arrayArb,
  arrayAwayFromKinks,
  awayFromKinks,
  matmulPairArb,
  oneHotArb,
  shapeArb,
  twoLayerNetworkArb,
  valueArb,
} from './arbitraries';
export type { NetworkOptions, ShapeOptions, TwoLayerNetwork, ValueOptions } from './arbitraries';
export { assertProperty } from './property';
export { expectInputsUnchanged, expectReturnsOut, prefilledOut, PREFILL } from './inputs';
export type { Inputs } from './inputs';
export { showValue } from './show';
export type { PropertyOptions } from './property';
