import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { array } from './create';
import {
  relu,
  reluDerivFromOutput,
  sigmoid,
  sigmoidDerivFromOutput,
  softmax,
  softmaxBackwardFromOutput,
  tanh,
  tanhDerivFromOutput,
} from './activations';
import { add, mul } from './elementwise';
import { sum } from './reduce';
import { arrayArb, arrayAwayFromKinks, assertProperty, expectClose, gradCheck, shapeArb } from '../testing';

const small = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }));

describe('activations: book examples', () => {
  test('relu and relu2deriv', () => {
    expect(relu(array([-1, 0, 2])).toNested()).toEqual([0, 0, 2]);
    expect(reluDerivFromOutput(relu(array([-1, 0, 2]))).toNested()).toEqual([0, 0, 1]);
  });
  test('sigmoid and tanh at 0', () => {
    expect(sigmoid(array([0])).toNested()).toEqual([0.5]);
    expect(sigmoidDerivFromOutput(sigmoid(array([0]))).toNested()).toEqual([0.25]);
    expect(tanhDerivFromOutput(tanh(array([0]))).toNested()).toEqual([1]);
  });
  test('softmax of equal logits is uniform, and huge logits do not overflow', () => {
    expect(softmax(array([[0, 0]])).toNested()).toEqual([[0.5, 0.5]]);
    expectClose(softmax(array([[1000, 1000, 1000]])), [[1 / 3, 1 / 3, 1 / 3]], { rtol: 1e-15 });
  });
  test('errors name the op', () => {
    expect(() => softmax(new NDArray(Float64Array.of(1), []))).toThrow('softmax: needs at least one axis, got shape []');
    expect(() => relu(array([1]), array([1, 2]))).toThrow('relu: out has shape [2] but the result has shape [1]');
  });
});

describe('activations: properties', () => {
  test('softmax rows sum to 1 and are shift-invariant', () => {
    assertProperty(
      fc.property(shapeArb({ minDims: 1, maxDims: 3, minSide: 1, maxSide: 6 }).chain((s) => arrayArb(s, { min: -50, max: 50 })), fc.double({ min: -50, max: 50, noNaN: true }), (x, c) => {
        const y = softmax(x);
        const n = x.shape[x.ndim - 1];
        const rows = sum(y, x.ndim - 1);
        expectClose(rows, new NDArray(new Float64Array(rows.size).fill(1), rows.shape), { rtol: 1e-14, atol: 1e-14 });
        expectClose(softmax(add(x, c)), y, { rtol: 1e-12, atol: 1e-15 });
        expect(n).toBeGreaterThan(0);
      }),
    );
  });
  test('in place: out may be the input', () => {
    const x = array([-1, 2]);
    expect(relu(x, x)).toBe(x);
    expect(x.toNested()).toEqual([0, 2]);
  });
});

describe('activations: derivatives from the output pass a gradient check', () => {
  const cases: [string, (x: NDArray) => NDArray, (y: NDArray) => NDArray][] = [
    ['sigmoid', sigmoid, sigmoidDerivFromOutput],
    ['tanh', tanh, tanhDerivFromOutput],
  ];
  test.each(cases)('%s', (name, f, deriv) => {
    assertProperty(
      fc.property(small.chain(([m, n]) => arrayArb([m, n], { min: -4, max: 4 })), (x) => {
        gradCheck(f, x, (g, input) => mul(g, deriv(f(input))), { label: name });
      }),
    );
  });
  test('relu, away from its kink at 0', () => {
    assertProperty(
      fc.property(small.chain(([m, n]) => arrayAwayFromKinks([m, n], [0], { margin: 1e-3 })), (x) => {
        gradCheck(relu, x, (g, input) => mul(g, reluDerivFromOutput(relu(input))), { label: 'relu' });
      }),
    );
  });
  test('softmax backward', () => {
    assertProperty(
      fc.property(small.chain(([m, n]) => arrayArb([m, n], { min: -4, max: 4 })), (x) => {
        gradCheck(softmax, x, (g, input) => softmaxBackwardFromOutput(softmax(input), g), { label: 'softmax' });
      }),
    );
  });
});
