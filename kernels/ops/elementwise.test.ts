import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { array, zeros } from './create';
import { add, addScaled, broadcastShapes, div, exp, mul, neg, square, sub } from './elementwise';
import { arrayArb, assertProperty, expectClose } from '../testing';

const dims = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }));

/** Plain reference: out[i,j] = a[i or 0, j or 0] op b[...] for 2-d operands with size-1 axes stretched. */
function broadcast2dReference(a: NDArray, b: NDArray, f: (x: number, y: number) => number): NDArray {
  const a2 = a.ndim === 2 ? a : new NDArray(a.data, [1, a.shape[0]]);
  const b2 = b.ndim === 2 ? b : new NDArray(b.data, [1, b.shape[0]]);
  const m = a2.shape[0] === 1 ? b2.shape[0] : a2.shape[0];
  const n = a2.shape[1] === 1 ? b2.shape[1] : a2.shape[1];
  const out = NDArray.zeros([m, n]);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const x = a2.get(a2.shape[0] === 1 ? 0 : i, a2.shape[1] === 1 ? 0 : j);
      const y = b2.get(b2.shape[0] === 1 ? 0 : i, b2.shape[1] === 1 ? 0 : j);
      out.set(f(x, y), i, j);
    }
  }
  return out;
}

const ops = [
  ['add', add, (x: number, y: number) => x + y],
  ['sub', sub, (x: number, y: number) => x - y],
  ['mul', mul, (x: number, y: number) => x * y],
  ['div', div, (x: number, y: number) => x / y],
] as const;

describe.each(ops)('%s', (name, op, f) => {
  test('same shape, rows ([n] and [1,n]) and columns ([m,1]) agree with the reference', () => {
    assertProperty(
      fc.property(
        dims.chain(([m, n]) =>
          fc.tuple(
            arrayArb([m, n]),
            fc.oneof(arrayArb([m, n]), arrayArb([n]), arrayArb([1, n]), arrayArb([m, 1]), arrayArb([1, 1])),
          ),
        ),
        fc.boolean(),
        ([a, b], swap) => {
          const [x, y] = swap ? [b, a] : [a, b];
          expectClose(op(x, y), broadcast2dReference(x, y, f), { rtol: 0, atol: 0, label: name });
        },
      ),
    );
  });

  test('scalars broadcast on either side', () => {
    const a = array([[1, 2], [4, 8]]);
    expect(op(a, 2).toNested()).toEqual([[f(1, 2), f(2, 2)], [f(4, 2), f(8, 2)]]);
    expect(op(2, a).toNested()).toEqual([[f(2, 1), f(2, 2)], [f(2, 4), f(2, 8)]]);
  });

  test('out may be the first input (in-place update)', () => {
    const a = array([[1, 2], [3, 4]]);
    const r = op(a, array([10, 20]), a);
    expect(r).toBe(a);
    expect(a.toNested()).toEqual([[f(1, 10), f(2, 20)], [f(3, 10), f(4, 20)]]);
  });
});

/** Plain n-d reference: each output multi-index reads index 0 along the operands' size-1 axes. */
function broadcastReference(a: NDArray, b: NDArray, f: (x: number, y: number) => number): NDArray {
  const shape = broadcastShapes('reference', a.shape, b.shape);
  const out = NDArray.zeros(shape);
  const pick = (x: NDArray, idx: number[]): number =>
    x.get(...x.shape.map((d, i) => (d === 1 ? 0 : idx[idx.length - x.ndim + i])));
  for (let flat = 0; flat < out.size; flat++) {
    const idx: number[] = [];
    let rest = flat;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      idx.unshift(rest % shape[axis]);
      rest = Math.floor(rest / shape[axis]);
    }
    out.data[flat] = f(pick(a, idx), pick(b, idx));
  }
  return out;
}

/** Two shapes that broadcast: a base shape, and each operand drops leading axes or sets some to 1. */
const broadcastPair = fc
  .array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 })
  .chain((base) => {
    const variant = fc
      .tuple(fc.integer({ min: 0, max: base.length }), fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }))
      .map(([drop, ones]) => base.map((d, i) => (ones[i] ? 1 : d)).slice(drop));
    return fc.tuple(variant, variant);
  })
  .chain(([sa, sb]) => fc.tuple(arrayArb(sa), arrayArb(sb)));

describe('broadcasting', () => {
  test('n-d broadcasting agrees with the plain reference', () => {
    assertProperty(
      fc.property(broadcastPair, fc.constantFrom(...ops), ([a, b], [name, op, f]) => {
        expectClose(op(a, b), broadcastReference(a, b, f), { rtol: 0, atol: 0, label: name });
      }),
    );
  });

  test('general n-d broadcasting follows NumPy', () => {
    const a = new NDArray(Float64Array.from({ length: 6 }, (_, i) => i), [2, 1, 3]);
    const b = new NDArray(Float64Array.from({ length: 4 }, (_, i) => 10 * i), [4, 1]);
    const c = add(a, b);
    expect(c.shape).toEqual([2, 4, 3]);
    // np.arange(6).reshape(2,1,3) + 10*np.arange(4).reshape(4,1)
    expect(c.get(1, 2, 1)).toBe(4 + 20);
    expect(c.get(0, 3, 2)).toBe(2 + 30);
  });
  test('errors name the op and both shapes', () => {
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow('add: cannot broadcast [2,3] with [4]');
    expect(() => broadcastShapes('mul', [3, 1], [2, 4])).toThrow(/mul: cannot broadcast \[3,1\] with \[2,4\]/);
    expect(() => add(1, 2)).toThrow('add: at least one argument must be an NDArray');
    expect(() => add([1, 2] as unknown as NDArray, 1)).toThrow(/add: a must be an NDArray, got a JavaScript array/);
  });
  test('0-sized arrays broadcast to 0-sized results', () => {
    expect(add(zeros([0, 3]), zeros([3])).shape).toEqual([0, 3]);
    expect(mul(zeros([4, 0]), zeros([4, 1])).shape).toEqual([4, 0]);
  });
});

describe('unary helpers', () => {
  test('addScaled is a + alpha*b', () => {
    assertProperty(
      fc.property(dims.chain(([m, n]) => fc.tuple(arrayArb([m, n]), arrayArb([m, n]))), fc.double({ min: -2, max: 2, noNaN: true }), ([a, b], alpha) => {
        expectClose(addScaled(a, b, alpha), add(a, mul(b, alpha)), { rtol: 0, atol: 0 });
      }),
    );
    expect(() => addScaled(zeros([2]), zeros([3]), 1)).toThrow('addScaled: a [2] and b [3] must have the same shape');
  });
  test('neg, square, exp', () => {
    expect(neg(array([1, -2])).toNested()).toEqual([-1, 2]);
    expect(square(array([3, -2])).toNested()).toEqual([9, 4]);
    expect(exp(array([0])).toNested()).toEqual([1]);
  });
});
