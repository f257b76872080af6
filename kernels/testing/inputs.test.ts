import { NDArray } from '../ndarray';
import { expectInputsUnchanged, expectReturnsOut, PREFILL, prefilledOut } from './inputs';

describe('expectInputsUnchanged', () => {
  const x = (): NDArray => new NDArray(Float64Array.from([0.25, -1, 2, 0.5]), [2, 2]);
  test('returns what the call returns when nothing was changed', () => {
    const input = x();
    expect(expectInputsUnchanged('double', { input }, () => input.data.map((v) => 2 * v))).toEqual(Float64Array.from([0.5, -2, 4, 1]));
  });
  test('names the function, the argument, the element and both values', () => {
    const input = x();
    expect(() =>
      expectInputsUnchanged('relu', { x: input }, () => {
        input.data[2] = 0;
      }),
    ).toThrow('relu changed its argument x at [1, 0]: it was 2, it is now 0.');
  });
  test('sees changes to plain arrays and typed arrays by flat index', () => {
    const weights = [0.5, 0.5];
    const goal = Float64Array.from([1]);
    expect(() =>
      expectInputsUnchanged('step', { weights, goal }, () => {
        goal[0] = 3;
      }),
    ).toThrow('step changed its argument goal at [0]: it was 1, it is now 3.');
    expect(() =>
      expectInputsUnchanged('step', { weights }, () => {
        weights.push(1);
      }),
    ).toThrow('step changed the shape of its argument weights: it was [2], it is now [3]');
  });
  test('NaN left as NaN is unchanged; -0 written over 0 is a change', () => {
    const input = new NDArray(Float64Array.from([NaN, 0]), [2]);
    expect(() => expectInputsUnchanged('f', { input }, () => undefined)).not.toThrow();
    expect(() =>
      expectInputsUnchanged('f', { input }, () => {
        input.data[1] = -0;
      }),
    ).toThrow('f changed its argument input at [1]: it was 0, it is now -0.');
  });
});

describe('prefilledOut', () => {
  test('an array of the shape, every element the fill value', () => {
    const out = prefilledOut([2, 3]);
    expect(out.shape).toEqual([2, 3]);
    expect(Array.from(out.data)).toEqual(new Array(6).fill(PREFILL));
    expect(Array.from(prefilledOut([2], -1).data)).toEqual([-1, -1]);
  });
});

describe('expectReturnsOut', () => {
  test('passes for the very out, fails for a copy with the same numbers', () => {
    const out = prefilledOut([2]);
    expect(() => expectReturnsOut('relu', out, out)).not.toThrow();
    expect(() => expectReturnsOut('relu', out.clone(), out)).toThrow('relu returned a new array instead of the out it was given: write into out and return it');
  });
});
