import fc from 'fast-check';
import { NDArray, RandomState, array, matmul, matmulTransposeA, sub } from '../../kernels';
import { arrayArb, assertProperty, expectClose } from '../../kernels/testing';
import { SGD } from './optim';
import { Tensor } from './tensor';


/** expectClose on the elements, whatever the two shapes (both are read in row-major order). */
function closeFlat(actual: NDArray | ArrayLike<number>, expected: NDArray | ArrayLike<number>, options: { rtol?: number; atol?: number }): void {
  const values = (x: NDArray | ArrayLike<number>): number[] => Array.from(x instanceof NDArray ? x.data : x);
  expectClose(values(actual), values(expected), options);
}

const RUNS = { numRuns: 100 };

function parameter(data: NDArray, grad: NDArray | null): Tensor {
  const t = new Tensor(data, { requiresGrad: true });
  t.grad = grad;
  return t;
}

describe('task 13.6 SGD', () => {
  test('step moves every parameter by -alpha * grad, in place, then zeroes the gradients', () => {
    assertProperty(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 })).chain(([r, c]) =>
          fc.tuple(arrayArb([r, c]), arrayArb([r, c]), arrayArb([c]), arrayArb([c])),
        ),
        fc.double({ min: 0.001, max: 2, noNaN: true }),
        ([w, gw, b, gb], alpha) => {
          const [weight, bias] = [parameter(w.clone(), gw.clone()), parameter(b.clone(), gb.clone())];
          const dataBefore = weight.data;
          new SGD([weight, bias], alpha).step();
          expect(weight.data).toBe(dataBefore);
          closeFlat(weight.data, w.data.map((v, i) => v - alpha * gw.data[i]), { rtol: 1e-12, atol: 1e-12 });
          closeFlat(bias.data, b.data.map((v, i) => v - alpha * gb.data[i]), { rtol: 1e-12, atol: 1e-12 });
          expect(Array.from(weight.grad?.data ?? [1])).toEqual(new Array<number>(w.size).fill(0));
          expect(Array.from(bias.grad?.data ?? [1])).toEqual(new Array<number>(b.size).fill(0));
        },
      ),
      RUNS,
    );
  });

  test('step(false) keeps the gradients; zero() clears them; parameters with no gradient are left alone', () => {
    const p = parameter(array([1, 2]), array([0.5, -1]));
    const untouched = parameter(array([3]), null);
    const optim = new SGD([p, untouched], 0.1);
    optim.step(false);
    closeFlat(p.data, [0.95, 2.1], { rtol: 1e-15 });
    expect(Array.from(p.grad?.data ?? [])).toEqual([0.5, -1]);
    expect(Array.from(untouched.data.data)).toEqual([3]);
    optim.zero();
    expect(Array.from(p.grad?.data ?? [1])).toEqual([0, 0]);
    expect(untouched.grad).toBeNull();
    expect(() => new SGD([parameter(array([1, 2, 3]), array([1, 2]))], 0.1).step()).toThrow(/SGD.step: parameter 0 has data \[3\] but gradient \[2\]/);
  });

  test('a small enough step lowers a least-squares loss', () => {
    assertProperty(
      fc.property(fc.nat(1000), fc.double({ min: 1e-4, max: 1e-2, noNaN: true }), (seed, alpha) => {
        const rng = new RandomState(seed);
        const x = rng.uniform([6, 3], -1, 1);
        const target = rng.uniform([6, 2], -1, 1);
        const w = parameter(rng.uniform([3, 2], -1, 1), null);
        const loss = (): number => sub(matmul(x, w.data), target).data.reduce((s, v) => s + v * v, 0);
        const before = loss();
        const residual = sub(matmul(x, w.data), target);
        w.grad = new NDArray(matmulTransposeA(x, residual).data.map((v) => 2 * v), [3, 2]);
        new SGD([w], alpha).step();
        expect(loss()).toBeLessThan(before);
      }),
      RUNS,
    );
  });
});
