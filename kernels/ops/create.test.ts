import { arange, array, copyInto, eye, fromArray, full, ones, zeros, zerosLike } from './create';
import { assertFinite, checkFinite } from './finite';

describe('creation helpers', () => {
  test('zeros, ones, full, eye, arange', () => {
    expect(zeros([2, 1]).toNested()).toEqual([[0], [0]]);
    expect(ones([2]).toNested()).toEqual([1, 1]);
    expect(full([1, 2], 0.5).toNested()).toEqual([[0.5, 0.5]]);
    expect(eye(2).toNested()).toEqual([[1, 0], [0, 1]]);
    expect(arange(3).toNested()).toEqual([0, 1, 2]);
    expect(arange(1, 2, 0.5).toNested()).toEqual([1, 1.5]);
    expect(zerosLike(ones([3, 0])).shape).toEqual([3, 0]);
    expect(fromArray([1, 2, 3, 4], [2, 2]).toNested()).toEqual([[1, 2], [3, 4]]);
    expect(array([[1, 2]]).shape).toEqual([1, 2]);
  });
  test('errors', () => {
    expect(() => zeros([2, -1])).toThrow('zeros: shape [2,-1] must hold non-negative integers');
    expect(() => eye(1.5)).toThrow('eye: size 1.5 must be a non-negative integer');
    expect(() => fromArray([1, 2, 3], [2, 2])).toThrow('fromArray: 3 values cannot fill shape [2,2] (it needs 4)');
    expect(() => copyInto(zeros([2]), zeros([3]))).toThrow('copyInto: cannot copy [3] into [2] (sizes differ)');
  });
});

describe('finite checks', () => {
  test('checkFinite spots NaN and infinities', () => {
    expect(checkFinite(array([1, 2]))).toBe(true);
    expect(checkFinite(array([1, NaN]))).toBe(false);
    expect(checkFinite(array([Infinity]))).toBe(false);
    expect(checkFinite(-Infinity)).toBe(false);
    expect(checkFinite(zeros([0]))).toBe(true);
  });
  test('assertFinite stops with the advice and the culprit', () => {
    expect(() => assertFinite(array([1, NaN]), 'the loss diverged: try a smaller alpha (chapter 4)')).toThrow(
      'the loss diverged: try a smaller alpha (chapter 4) (element 1 of [2] is NaN)',
    );
    expect(() => assertFinite(Infinity, 'the loss diverged')).toThrow('the loss diverged (value is Infinity)');
    assertFinite(0.5, 'fine');
  });
});
