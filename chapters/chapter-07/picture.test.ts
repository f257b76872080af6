import fc from 'fast-check';
import { NDArray, array, eye, matmul, relu } from '../../kernels';
import { arrayArb, assertProperty, expectClose, expectInputsUnchanged } from '../../kernels/testing';
import { vectMatMul } from '../../solutions/chapter-03/forward';
import { transpose as transposeRows } from '../../solutions/chapter-03/matrices';
import { forward, forwardStack, weightShapes } from './picture';

const side = fc.integer({ min: 1, max: 6 });
const values = { min: -3, max: 3 };

/** l0 [rows, n0], W0 [n0, n1], W1 [n1, n2] with random sizes. */
const network = fc
  .tuple(side, side, side, side)
  .chain(([rows, n0, n1, n2]) => fc.tuple(arrayArb([rows, n0], values), arrayArb([n0, n1], values), arrayArb([n1, n2], values)));

function toRows(x: NDArray): number[][] {
  return x.toNested() as number[][];
}

/** relu(l0 W0) W1 for one example with chapter 3's plain functions (its matrices have one row per output). */
function chapter3Forward(example: readonly number[], W0: NDArray, W1: NDArray): number[] {
  const hidden = vectMatMul(example, transposeRows(toRows(W0))).map((x) => Math.max(0, x));
  return vectMatMul(hidden, transposeRows(toRows(W1)));
}

describe('task 7.1 weightShapes', () => {
  test('the streetlight network 3-4-1 has a 3x4 and a 4x1 matrix', () => {
    expect(weightShapes([3, 4, 1])).toEqual([
      [3, 4],
      [4, 1],
    ]);
  });

  test("chapter 8's MNIST network 784-40-10", () => {
    expect(weightShapes([784, 40, 10])).toEqual([
      [784, 40],
      [40, 10],
    ]);
  });

  test('one matrix per pair of neighbouring layers, rows from the layer below and columns from the layer above', () => {
    assertProperty(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 8 }), (sizes) => {
        const shapes = weightShapes(sizes);
        expect(shapes).toHaveLength(sizes.length - 1);
        shapes.forEach(([rows, cols], k) => {
          expect(rows).toBe(sizes[k]);
          expect(cols).toBe(sizes[k + 1]);
        });
      }),
      { numRuns: 100 },
    );
  });

  test('leaves the list of layer sizes as it was', () => {
    assertProperty(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 6 }), (sizes) => {
        expectInputsUnchanged('weightShapes', { layerSizes: sizes }, () => weightShapes(sizes));
      }),
      { numRuns: 50 },
    );
  });

  test('rejects a single layer and sizes that are not positive integers', () => {
    expect(() => weightShapes([3])).toThrow(/weightShapes: a network needs at least 2 layers, got 1/);
    expect(() => weightShapes([3, 0, 1])).toThrow(/weightShapes: layer 1 has size 0; sizes must be positive integers/);
    expect(() => weightShapes([3, 4, 1.5])).toThrow(/weightShapes: layer 2 has size 1.5/);
  });
});

describe('task 7.2 forward', () => {
  test('a worked example: relu zeroes the negative hidden sum', () => {
    const l0 = array([[1, 0, 1]]);
    const W0 = array([
      [0.5, -0.2, -1, 0.1],
      [0.3, 0.4, 0.2, -0.5],
      [0.2, 0.5, -0.3, 0.6],
    ]);
    const W1 = array([[1], [0.5], [2], [-1]]);
    // l0 W0 = [0.7, 0.3, -1.3, 0.7]; relu -> [0.7, 0.3, 0, 0.7]; times W1 -> 0.7 + 0.15 + 0 - 0.7
    expectClose(forward(l0, W0, W1), [[0.15]]);
  });

  test('returns [examples, outputs]', () => {
    assertProperty(
      fc.property(network, ([l0, W0, W1]) => {
        expect(forward(l0, W0, W1).shape).toEqual([l0.shape[0], W1.shape[1]]);
      }),
      { numRuns: 100 },
    );
  });

  test("equals the composition of chapter 3's plain functions, example by example", () => {
    assertProperty(
      fc.property(network, ([l0, W0, W1]) => {
        const l2 = toRows(forward(l0, W0, W1));
        toRows(l0).forEach((example, r) => expectClose(l2[r], chapter3Forward(example, W0, W1), { rtol: 1e-12, atol: 1e-12 }));
      }),
      { numRuns: 100 },
    );
  });

  test('applies relu between the layers: with identity weights it is relu of the input', () => {
    assertProperty(
      fc.property(side.chain((n) => arrayArb([2, n], values)), (l0) => {
        const n = l0.shape[1];
        expectClose(forward(l0, eye(n), eye(n)), relu(l0));
      }),
      { numRuns: 100 },
    );
  });

  test('leaves l0, W0 and W1 as they were', () => {
    assertProperty(
      fc.property(network, ([l0, W0, W1]) => {
        expectInputsUnchanged('forward', { l0, W0, W1 }, () => forward(l0, W0, W1));
      }),
      { numRuns: 50 },
    );
  });

  test('rejects matrices that do not fit, naming the sizes', () => {
    expect(() => forward(array([[1, 0, 1]]), NDArray.zeros([4, 4]), NDArray.zeros([4, 1]))).toThrow(
      /forward: l0 \[1,3\] does not fit W0 \[4,4\] \(3 inputs but 4 rows\)/,
    );
    expect(() => forward(array([[1, 0, 1]]), NDArray.zeros([3, 4]), NDArray.zeros([5, 1]))).toThrow(
      /forward: W0 \[3,4\] does not fit W1 \[5,1\] \(4 hidden nodes but 5 rows\)/,
    );
  });
});

describe('task 7.3 forwardStack', () => {
  test('with two matrices it is relu(l0 W0) W1', () => {
    assertProperty(
      fc.property(network, ([l0, W0, W1]) => {
        expectClose(forwardStack(l0, [W0, W1]), matmul(relu(matmul(l0, W0)), W1), { rtol: 1e-12, atol: 1e-12 });
      }),
      { numRuns: 100 },
    );
  });

  test('one matrix is a linear layer, with no relu', () => {
    const l0 = array([[1, -2]]);
    expectClose(forwardStack(l0, [eye(2)]), [[1, -2]]);
  });

  test('doing the layers one at a time equals the whole stack', () => {
    const stack = fc
      .array(side, { minLength: 2, maxLength: 5 })
      .chain((sizes) => fc.tuple(arrayArb([3, sizes[0]], values), fc.tuple(...sizes.slice(1).map((n, k) => arrayArb([sizes[k], n], values)))));
    assertProperty(
      fc.property(stack, ([l0, weights]) => {
        let layer = l0;
        weights.forEach((W, k) => {
          layer = k < weights.length - 1 ? relu(matmul(layer, W)) : matmul(layer, W);
        });
        expectClose(forwardStack(l0, weights), layer, { rtol: 1e-12, atol: 1e-12 });
      }),
      { numRuns: 100 },
    );
  });

  test('leaves l0 and every weight matrix as they were', () => {
    assertProperty(
      fc.property(network, ([l0, W0, W1]) => {
        expectInputsUnchanged('forwardStack', { l0, W0, W1 }, () => forwardStack(l0, [W0, W1]));
      }),
      { numRuns: 50 },
    );
  });

  test('rejects an empty stack and a matrix that does not fit', () => {
    expect(() => forwardStack(array([[1]]), [])).toThrow(/forwardStack: needs at least one weight matrix/);
    expect(() => forwardStack(array([[1, 0, 1]]), [NDArray.zeros([3, 4]), NDArray.zeros([5, 1])])).toThrow(
      /forwardStack: W1 \[5,1\] does not fit the layer before it \(4 nodes\)/,
    );
  });
});
