import fc from 'fast-check';
import { NDArray, RandomState, array, eye, zeros } from '../../kernels';
import { GRAD_TOLERANCE, arrayArb, arrayAwayFromKinks, assertProperty, expectClose, gradCheck, matmulPairArb } from '../../kernels/testing';
import { BookEngine, bookCrossEntropy } from './book';
import { Tensor, repeatAlong, topologicalOrder } from './tensor';
import { checkTensorGradients, leaf, randomMatrix, ref, smallArray, smallShape, unrolledRnnLoss } from './tensor.fixtures';

const RUNS = { numRuns: 100 };
const FEW = { numRuns: 25 };

/**
 * Gradient check of ONE op's local backward (no engine involved): the op is built on tensors
 * holding the inputs, and its `localBackward` receives a random upstream gradient.
 */
function checkOp(build: (...xs: Tensor[]) => Tensor, inputs: readonly NDArray[], seed: number, label: string, threshold = GRAD_TOLERANCE.op): void {
  gradCheck(
    (...xs) => build(...xs.map(leaf)).data,
    inputs,
    (g, ...xs) => {
      const y = build(...xs.map(leaf));
      if (y.localBackward === null) throw new Error(`${label}: the result records no localBackward (was it built with Tensor.fromOp?)`);
      return y.localBackward(g);
    },
    { seed, label, threshold },
  );
}

/** Checks that `op` did not change its inputs' data. */
function expectUnchanged(inputs: readonly NDArray[], run: () => void): void {
  const before = inputs.map((x) => x.data.slice());
  run();
  inputs.forEach((x, i) => expect(Array.from(x.data)).toEqual(Array.from(before[i])));
}

/** Two arrays of the same random small shape. */
const samePair = smallShape.chain((shape) => fc.tuple(arrayArb(shape, { min: -2, max: 2 }), arrayArb(shape, { min: -2, max: 2 })));

describe('task 13.1 Tensor.add', () => {
  test('adds elementwise and records its creators and op', () => {
    const a = leaf(array([1, 2, 3, 4, 5]));
    const b = leaf(array([2, 2, 2, 2, 2]));
    const z = a.add(b);
    expect(Array.from(z.data.data)).toEqual([3, 4, 5, 6, 7]);
    expect(z.creators).toEqual([a, b]);
    expect(z.creators[0]).toBe(a);
    expect(z.op).toBe('add');
    expect(z.requiresGrad).toBe(true);
  });

  test('its local backward passes the upstream gradient to both terms (gradient check, random shapes)', () => {
    assertProperty(
      fc.property(samePair, fc.nat(1000), ([a, b], seed) => {
        expectUnchanged([a, b], () => checkOp((x, y) => x.add(y), [a, b], seed, 'task 13.1 add'));
      }),
      RUNS,
    );
  });

  test('inputs that do not require gradients build no graph', () => {
    const z = new Tensor(array([1, 2])).add(new Tensor(array([3, 4])));
    expect(Array.from(z.data.data)).toEqual([4, 6]);
    expect(z.requiresGrad).toBe(false);
    expect(z.creators).toEqual([]);
    expect(z.op).toBeNull();
    expect(z.localBackward).toBeNull();
  });

  test('different shapes are an error naming the op and the shapes', () => {
    expect(leaf(zeros([3])).add(leaf(zeros([3]))).data.shape).toEqual([3]);
    expect(() => leaf(zeros([2, 3])).add(leaf(zeros([3])))).toThrow(/add: shapes \[2,3\] and \[3\] differ/);
  });
});

describe('task 13.2 Tensor.backward', () => {
  test('topologicalOrder lists every reachable tracked tensor once, creators first, the root last', () => {
    const a = leaf(array([1]));
    const b = leaf(array([2]));
    const x = ref.add(a, b);
    const y = ref.mul(x, a);
    const order = topologicalOrder(y);
    expect(order.length).toBe(4);
    expect(new Set(order).size).toBe(4);
    expect(order[order.length - 1]).toBe(y);
    for (const t of order) for (const c of t.creators) expect(order.indexOf(c)).toBeLessThan(order.indexOf(t));
  });

  test('topologicalOrder skips tensors that need no gradient, and works on random DAGs', () => {
    assertProperty(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 30 }), (recipe) => {
        const nodes: Tensor[] = [leaf(array([1])), new Tensor(array([2]))];
        for (const [i, j, useMul] of recipe) {
          const a = nodes[i % nodes.length];
          const b = nodes[j % nodes.length];
          nodes.push(useMul ? ref.mul(a, b) : ref.add(a, b));
        }
        const root = nodes[nodes.length - 1];
        if (!root.requiresGrad) return;
        const order = topologicalOrder(root);
        expect(new Set(order).size).toBe(order.length);
        expect(order.includes(nodes[1])).toBe(false);
        for (const t of order) {
          expect(t.requiresGrad).toBe(true);
          for (const c of t.creators) if (c.requiresGrad) expect(order.indexOf(c)).toBeGreaterThanOrEqual(0);
          for (const c of t.creators) if (c.requiresGrad) expect(order.indexOf(c)).toBeLessThan(order.indexOf(t));
        }
        expect(order[order.length - 1]).toBe(root);
      }),
      RUNS,
    );
  });

  test('the book\'s multiuse graph: f = (a + b) + (b + c) gives b.grad = 2', () => {
    const [a, b, c] = [1, 2, 3].map((v) => leaf(array([v, v, v, v, v])));
    ref.add(ref.add(a, b), ref.add(b, c)).backward();
    expect(Array.from(b.grad?.data ?? [])).toEqual([2, 2, 2, 2, 2]);
    expect(Array.from(a.grad?.data ?? [])).toEqual([1, 1, 1, 1, 1]);
  });

  test('x * x: the gradient 2x g comes from both uses', () => {
    assertProperty(
      fc.property(smallArray, fc.nat(1000), (x0, seed) => {
        const x = leaf(x0);
        checkTensorGradients(() => ref.mul(x, x), [x], { seed, label: 'x * x' });
      }),
      FEW,
    );
  });

  test('b = a + a, c = b + b: a.grad = 4 g', () => {
    assertProperty(
      fc.property(smallArray, fc.nat(1000), (a0, seed) => {
        const a = leaf(a0);
        checkTensorGradients(() => {
          const b = ref.add(a, a);
          return ref.add(b, b);
        }, [a], { seed, label: 'b = a + a, c = b + b' });
      }),
      FEW,
    );
  });

  test('x = a + b, y = x * a: a reaches y by two paths', () => {
    assertProperty(
      fc.property(samePair, fc.nat(1000), ([a0, b0], seed) => {
        const [a, b] = [leaf(a0), leaf(b0)];
        checkTensorGradients(() => ref.mul(ref.add(a, b), a), [a, b], { seed, label: 'x = a + b, y = x * a' });
      }),
      FEW,
    );
  });

  test('one hidden tensor feeding two mm\'s: correct here, double-counted by the book\'s engine (C.6)', () => {
    const rng = new RandomState(3);
    const x = leaf(randomMatrix(rng, 4, 3));
    const w = leaf(randomMatrix(rng, 3, 5));
    const p = leaf(randomMatrix(rng, 5, 2));
    const q = leaf(randomMatrix(rng, 5, 2));
    const twoHeads = (): Tensor => {
      const hidden = ref.tanh(ref.mm(x, w));
      return ref.add(ref.mm(hidden, p), ref.mm(hidden, q));
    };
    checkTensorGradients(twoHeads, [x, w, p, q], { seed: 1, label: 'corrected engine' });
    const engine = new BookEngine(new RandomState(0)).install();
    try {
      expect(() =>
        checkTensorGradients(twoHeads, [x, w, p, q], { seed: 1, label: 'book engine', backward: (loss, g) => engine.backward(loss, g) }),
      ).toThrow(/book engine: gradients disagree with finite differences/);
    } finally {
      engine.uninstall();
    }
  });

  test('an RNN unrolled 10 steps with a loss at every step: correct here; the book\'s engine raises', () => {
    const rng = new RandomState(5);
    const steps = 10;
    const inputs = Array.from({ length: steps }, () => leaf(randomMatrix(rng, 2, 3)));
    const targets = Array.from({ length: steps }, () => new Tensor(randomMatrix(rng, 2, 3)));
    const w = leaf(randomMatrix(rng, 3, 4));
    const u = leaf(randomMatrix(rng, 4, 4));
    const v = leaf(randomMatrix(rng, 4, 3));
    const h0 = leaf(zeros([2, 4]));
    const loss = (): Tensor => unrolledRnnLoss(inputs, targets, w, u, v, h0);
    checkTensorGradients(loss, [w, u, v, h0, inputs[0], inputs[9]], { seed: 2, threshold: GRAD_TOLERANCE.layer, label: 'unrolled RNN' });
    const engine = new BookEngine(new RandomState(0)).install();
    try {
      const graph = loss();
      expect(() => engine.backward(graph)).toThrow('cannot backprop more than once');
    } finally {
      engine.uninstall();
    }
  });

  test('a chain of 50,000 ops backpropagates without overflowing the stack', () => {
    const x = leaf(array([0.3, -0.2]));
    const c = leaf(array([0.999, 0.998]));
    const chain = (): Tensor => {
      let y = x;
      for (let i = 0; i < 25_000; i++) y = ref.add(ref.mul(y, c), x);
      return y;
    };
    checkTensorGradients(chain, [x, c], { seed: 4, threshold: 1e-5, label: '50,000-node chain' });
  });

  test('each op\'s local backward runs once per backward, however many uses its output has', () => {
    const calls = new Map<string, number>();
    const counted = (name: string, t: Tensor): Tensor =>
      Tensor.fromOp(t.data, name, [t], (g) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return [g];
      });
    const a = leaf(array([1, 2]));
    const shared = counted('shared', ref.tanh(a));
    const loss = ref.add(ref.add(shared, shared), ref.mul(shared, shared));
    loss.backward();
    expect(calls.get('shared')).toBe(1);
  });

  test('backward twice adds the gradients again; zeroing them starts over', () => {
    assertProperty(
      fc.property(samePair, ([a0, b0]) => {
        const [a, b] = [leaf(a0), leaf(b0)];
        const y = ref.mul(ref.add(a, b), a);
        y.backward();
        const once = a.grad?.data.slice() ?? new Float64Array();
        const middle = y.creators[0].grad?.data.slice() ?? new Float64Array();
        y.backward();
        expectClose(a.grad?.data ?? [], once.map((v) => 2 * v), { rtol: 1e-12, atol: 1e-12 });
        expectClose(y.creators[0].grad?.data ?? [], middle.map((v) => 2 * v), { rtol: 1e-12, atol: 1e-12 });
        a.grad?.data.fill(0);
        y.backward();
        expectClose(a.grad?.data ?? [], once, { rtol: 1e-12, atol: 1e-12 });
      }),
      FEW,
    );
  });

  test('the seed gradient defaults to ones, tensors that need no gradient get none, bad calls are errors', () => {
    const a = leaf(array([1, 2]));
    const constant = new Tensor(array([5, 7]));
    const y = ref.mul(a, constant);
    y.backward();
    expect(Array.from(a.grad?.data ?? [])).toEqual([5, 7]);
    expect(constant.grad).toBeNull();
    expect(Array.from(y.grad?.data ?? [])).toEqual([1, 1]);
    expect(() => y.backward(array([1, 2, 3]))).toThrow(/backward: the gradient \[3\] does not match the tensor \[2\]/);
    expect(() => new Tensor(array([1])).backward()).toThrow(/backward: this tensor does not require gradients/);
  });
});

describe('task 13.3 Tensor.mul', () => {
  test('the book\'s examples: d = a + (-b), e = (-b) + c, f = d + e gives -2 for b\'s two uses', () => {
    const b = leaf(array([2, 2, 2, 2, 2]));
    const negB = b.neg();
    expect(Array.from(negB.data.data)).toEqual([-2, -2, -2, -2, -2]);
    expect(negB.op).toBe('neg');
    expect(negB.localBackward?.(array([1, 2, 3, 4, 5])).map((g) => Array.from(g.data))).toEqual([[-1, -2, -3, -4, -5]]);
    const s = leaf(array([5, 4])).sub(leaf(array([1, 1])));
    expect(Array.from(s.data.data)).toEqual([4, 3]);
    expect(s.op).toBe('sub');
    const m = leaf(array([2, 3])).mul(leaf(array([4, 5])));
    expect(Array.from(m.data.data)).toEqual([8, 15]);
    expect(m.op).toBe('mul');
  });

  test('local backwards match finite differences with a random upstream gradient (random shapes)', () => {
    assertProperty(
      fc.property(samePair, fc.nat(1000), ([a, b], seed) => {
        expectUnchanged([a, b], () => {
          checkOp((x) => x.neg(), [a], seed, 'task 13.3 neg');
          checkOp((x, y) => x.sub(y), [a, b], seed, 'task 13.3 sub');
          checkOp((x, y) => x.mul(y), [a, b], seed, 'task 13.3 mul');
        });
      }),
      RUNS,
    );
  });

  test('no graph without gradients, and shape errors that name the op', () => {
    const [p, q] = [new Tensor(array([1, 2])), new Tensor(array([3, 4]))];
    for (const t of [p.neg(), p.sub(q), p.mul(q)]) {
      expect(t.creators).toEqual([]);
      expect(t.requiresGrad).toBe(false);
    }
    expect(() => leaf(zeros([2])).sub(leaf(zeros([3])))).toThrow(/sub: shapes \[2\] and \[3\] differ/);
    expect(() => leaf(zeros([2])).mul(leaf(zeros([2, 1])))).toThrow(/mul: shapes \[2\] and \[2,1\] differ/);
  });
});

describe('task 13.4 Tensor.sum', () => {
  const x = (): Tensor => leaf(array([[1, 2, 3], [4, 5, 6]]));

  test('the book\'s examples', () => {
    expect(x().sum(0).toNested()).toEqual([5, 7, 9]);
    expect(x().sum(1).toNested()).toEqual([6, 15]);
    expect(x().sum(0).op).toBe('sum_0');
    const e0 = x().expand(0, 4);
    expect(e0.data.shape).toEqual([4, 2, 3]);
    expect(e0.toNested()).toEqual([0, 1, 2, 3].map(() => [[1, 2, 3], [4, 5, 6]]));
    const e2 = x().expand(2, 4);
    expect(e2.data.shape).toEqual([2, 3, 4]);
    expect(e2.toNested()).toEqual([[[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]], [[4, 4, 4, 4], [5, 5, 5, 5], [6, 6, 6, 6]]]);
    expect(e2.op).toBe('expand_2');
    expect(repeatAlong(array([[1, 2]]), 1, 2).toNested()).toEqual([[[1, 2], [1, 2]]]);
  });

  test('sum and expand are adjoint: <expand(x), y> = <x, sum(y)>, and expand(d, n).sum(d) = n x', () => {
    assertProperty(
      fc.property(
        smallShape.chain((shape) =>
          fc.tuple(fc.constant(shape), fc.integer({ min: 0, max: shape.length }), fc.integer({ min: 1, max: 3 })),
        ),
        fc.nat(1000),
        ([shape, dim, copies], seed) => {
          const rng = new RandomState(seed);
          const x0 = rng.uniform(shape, -1, 1);
          const expanded = leaf(x0).expand(dim, copies);
          const y = rng.uniform(expanded.data.shape, -1, 1);
          const summed = leaf(y).sum(dim);
          let left = 0;
          for (let i = 0; i < y.size; i++) left += expanded.data.data[i] * y.data[i];
          let right = 0;
          for (let i = 0; i < x0.size; i++) right += x0.data[i] * summed.data.data[i];
          expect(left).toBeCloseTo(right, 10);
          expectClose(expanded.sum(dim).data.data, x0.data.map((v) => v * copies), { rtol: 1e-12, atol: 1e-12 });
        },
      ),
      RUNS,
    );
  });

  test('local backwards match finite differences (random shapes, dims and copies)', () => {
    assertProperty(
      fc.property(
        smallShape.chain((shape) =>
          fc.tuple(arrayArb(shape, { min: -2, max: 2 }), fc.integer({ min: 0, max: shape.length - 1 }), fc.integer({ min: 0, max: shape.length }), fc.integer({ min: 1, max: 3 })),
        ),
        fc.nat(1000),
        ([a, sumDim, expandDim, copies], seed) => {
          expectUnchanged([a], () => {
            checkOp((t) => t.sum(sumDim), [a], seed, `task 13.4 sum(${sumDim})`);
            checkOp((t) => t.expand(expandDim, copies), [a], seed, `task 13.4 expand(${expandDim}, ${copies})`);
          });
        },
      ),
      RUNS,
    );
  });

  test('dims out of range are errors naming the op and the shape', () => {
    expect(x().sum(1).expand(1, 2).data.shape).toEqual([2, 2]);
    expect(() => x().sum(2)).toThrow(/sum: dim 2 is out of range for shape \[2,3\]/);
    expect(() => x().expand(3, 2)).toThrow(/expand: dim 3 is out of range for shape \[2,3\]/);
    expect(() => x().sum(-1)).toThrow(/sum: dim -1 is out of range for shape \[2,3\]/);
    expect(() => x().sum(0.5)).toThrow(/sum: dim 0.5 is out of range for shape \[2,3\]/);
  });

  test('expand takes any number of copies, none included; a negative or fractional count is an error', () => {
    const empty = x().expand(0, 0);
    expect(empty.data.shape).toEqual([0, 2, 3]);
    expect(() => x().expand(0, -1)).toThrow(/expand: copies -1 must be a non-negative integer \(shape \[2,3\]\)/);
    expect(() => x().expand(1, 1.5)).toThrow(/expand: copies 1.5 must be a non-negative integer \(shape \[2,3\]\)/);
  });
});

describe('task 13.5 Tensor.mm', () => {
  test('values, op names and gradient shapes', () => {
    const a = leaf(array([[1, 2, 3], [4, 5, 6]]));
    expect(a.transpose().toNested()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(a.transpose().op).toBe('transpose');
    const w = leaf(array([[1], [0], [-1]]));
    const y = a.mm(w);
    expect(y.toNested()).toEqual([[-2], [-2]]);
    expect(y.op).toBe('mm');
    const grads = y.localBackward?.(array([[1], [1]])) ?? [];
    expect(grads.map((g) => g.shape)).toEqual([[2, 3], [3, 1]]);
  });

  test('local backwards match finite differences (random matrix pairs)', () => {
    assertProperty(
      fc.property(matmulPairArb({ minSide: 1, maxSide: 5, min: -2, max: 2 }), fc.nat(1000), ([a, w], seed) => {
        expectUnchanged([a, w], () => {
          checkOp((x, y) => x.mm(y), [a, w], seed, 'task 13.5 mm');
          checkOp((x) => x.transpose(), [a], seed, 'task 13.5 transpose');
        });
      }),
      RUNS,
    );
  });

  test('mismatched inner sizes are an error naming both shapes', () => {
    expect(leaf(zeros([2, 3])).mm(leaf(zeros([3, 1]))).data.shape).toEqual([2, 1]);
    expect(() => leaf(zeros([2, 3])).mm(leaf(zeros([4, 5])))).toThrow(/mm: cannot multiply \[2,3\] by \[4,5\] \(inner sizes 3 and 4 differ\)/);
  });

  test('anything but two matrices is an error, even when the sizes next to each other agree', () => {
    expect(() => leaf(zeros([3])).mm(leaf(zeros([3, 2])))).toThrow(/mm: cannot multiply \[3\] by \[3,2\] \(both must be matrices\)/);
    expect(() => leaf(zeros([2, 3])).mm(leaf(zeros([3])))).toThrow(/mm: cannot multiply \[2,3\] by \[3\] \(both must be matrices\)/);
    expect(() => leaf(zeros([2, 3, 1])).mm(leaf(zeros([3, 2])))).toThrow(/mm: cannot multiply \[2,3,1\] by \[3,2\] \(both must be matrices\)/);
    expect(() => leaf(zeros([2, 3])).mm(leaf(zeros([3, 2, 1])))).toThrow(/mm: cannot multiply \[2,3\] by \[3,2,1\] \(both must be matrices\)/);
  });
});

describe('task 13.8 Tensor.sigmoid', () => {
  test('values and op names', () => {
    const x = leaf(array([-1, 0, 2]));
    expectClose(x.sigmoid().data, [1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-2))], { rtol: 1e-15 });
    expectClose(x.tanh().data, [Math.tanh(-1), 0, Math.tanh(2)], { rtol: 1e-15 });
    expect(Array.from(x.relu().data.data)).toEqual([0, 0, 2]);
    expect([x.sigmoid().op, x.tanh().op, x.relu().op]).toEqual(['sigmoid', 'tanh', 'relu']);
  });

  test('local backwards match finite differences (random shapes; relu away from its kink)', () => {
    assertProperty(
      fc.property(
        smallArray,
        smallShape.chain((shape) => arrayAwayFromKinks(shape, [0], { min: -3, max: 3, margin: 0.01 })),
        fc.nat(1000),
        (a, k, seed) => {
          expectUnchanged([a, k], () => {
            checkOp((x) => x.sigmoid(), [a], seed, 'task 13.8 sigmoid');
            checkOp((x) => x.tanh(), [a], seed, 'task 13.8 tanh');
            checkOp((x) => x.relu(), [k], seed, 'task 13.8 relu');
          });
        },
      ),
      RUNS,
    );
  });

  test('no graph without gradients', () => {
    const x = new Tensor(array([1, -1]));
    for (const t of [x.sigmoid(), x.tanh(), x.relu()]) expect(t.creators).toEqual([]);
  });
});

describe('task 13.10 Tensor.indexSelect', () => {
  test('the book\'s example: rows of eye(5), and a gradient that counts each row\'s uses', () => {
    const x = leaf(eye(5));
    const rows = x.indexSelect([[1, 2, 3], [2, 3, 4]]);
    expect(rows.data.shape).toEqual([2, 3, 5]);
    expect(rows.op).toBe('index_select');
    const identity = eye(5).toNested() as number[][];
    expect(rows.toNested()).toEqual([[identity[1], identity[2], identity[3]], [identity[2], identity[3], identity[4]]]);
    const [grad] = rows.localBackward?.(new NDArray(new Float64Array(30).fill(1), [2, 3, 5])) ?? [];
    expect(grad.toNested()).toEqual([0, 1, 2, 2, 1].map((count) => [count, count, count, count, count]));
    expect(x.indexSelect(Int32Array.from([4, 0])).toNested()).toEqual([[0, 0, 0, 0, 1], [1, 0, 0, 0, 0]]);
  });

  test('its local backward matches finite differences, repeated indices included (1-D and 2-D index lists)', () => {
    assertProperty(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((rows) =>
          fc.tuple(
            arrayArb([rows, 3], { min: -2, max: 2 }),
            fc.array(fc.integer({ min: 0, max: rows - 1 }), { minLength: 1, maxLength: 6 }),
            fc.array(fc.array(fc.integer({ min: 0, max: rows - 1 }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
          ),
        ),
        fc.nat(1000),
        ([table, list, matrix], seed) => {
          expectUnchanged([table], () => {
            checkOp((t) => t.indexSelect(list), [table], seed, 'task 13.10 indexSelect (list)');
            checkOp((t) => t.indexSelect(matrix), [table], seed, 'task 13.10 indexSelect (matrix)');
          });
        },
      ),
      RUNS,
    );
  });

  test('indices out of range, non-integers and tensors that are not tables are errors', () => {
    expect(leaf(eye(5)).indexSelect([4]).data.shape).toEqual([1, 5]);
    expect(() => leaf(eye(5)).indexSelect([1, 7])).toThrow(/indexSelect: index 7 at position 1 is out of range for a tensor of 5 rows/);
    expect(() => leaf(eye(5)).indexSelect([1.5])).toThrow(/indexSelect: index 1.5 at position 0/);
    expect(() => leaf(zeros([5])).indexSelect([1])).toThrow(/indexSelect: needs a 2-D tensor of rows, got shape \[5\]/);
  });
});

describe('task 13.11 Tensor.crossEntropy', () => {
  const logitsArb = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 5 }))
    .chain(([n, c]) => fc.tuple(arrayArb([n, c], { min: -5, max: 5 }), fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: n, maxLength: n })));

  test('softmax: rows sum to 1, a shift changes nothing, no graph, no overflow', () => {
    assertProperty(
      fc.property(logitsArb, ([z]) => {
        const s = leaf(z).softmax();
        expect(s.requiresGrad).toBe(false);
        expect(s.creators).toEqual([]);
        const [n, c] = z.shape;
        for (let i = 0; i < n; i++) {
          let total = 0;
          for (let j = 0; j < c; j++) total += s.data.data[i * c + j];
          expect(total).toBeCloseTo(1, 12);
        }
        const shifted = new Tensor(new NDArray(z.data.map((v) => v + 700), z.shape)).softmax();
        expectClose(shifted.data, s.data, { rtol: 1e-9, atol: 1e-15 });
      }),
      RUNS,
    );
  });

  test('cross-entropy: log(classes) for zero logits, never negative, finite for huge logits', () => {
    const zerosLoss = leaf(zeros([3, 4])).crossEntropy([0, 1, 3]);
    expect(zerosLoss.data.shape).toEqual([]);
    expect(zerosLoss.data.data[0]).toBeCloseTo(Math.log(4), 14);
    expect(zerosLoss.op).toBe('cross_entropy');
    const huge = leaf(array([[1000, 0], [0, 1000]])).crossEntropy([1, 1]);
    expect(huge.data.data[0]).toBeCloseTo(500, 9);
    assertProperty(
      fc.property(logitsArb, ([z, t]) => {
        expect(leaf(z).crossEntropy(t).data.data[0]).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  test('its gradient is (softmax - onehot) / N times the upstream gradient (gradient check); the book\'s is not (C.4)', () => {
    assertProperty(
      fc.property(logitsArb, fc.nat(1000), ([z, t], seed) => {
        expectUnchanged([z], () => checkOp((x) => x.crossEntropy(t), [z], seed, 'task 13.11 crossEntropy'));
      }),
      RUNS,
    );
    // The book's backward ignores the upstream gradient and the 1/N: the same check catches it.
    const z = new RandomState(1).uniform([3, 4], -1, 1);
    expect(() => checkOp((x) => bookCrossEntropy(x, [0, 2, 3]), [z], 7, 'book cross_entropy')).toThrow(/book cross_entropy: gradient check failed/);
  });

  test('wrong target counts or classes are errors', () => {
    expect(leaf(zeros([2, 5])).crossEntropy([4, 0]).data.data[0]).toBeCloseTo(Math.log(5), 14);
    expect(() => leaf(zeros([4, 5])).crossEntropy([0, 1, 2])).toThrow(/crossEntropy: 3 targets for logits \[4,5\] \(one per row\)/);
    expect(() => leaf(zeros([1, 5])).crossEntropy([5])).toThrow(/crossEntropy: target 5 of row 0 is not a class of logits \[1,5\]/);
    expect(() => leaf(zeros([2, 5])).crossEntropy([0, -1])).toThrow(/crossEntropy: target -1 of row 1 is not a class of logits \[2,5\]/);
    expect(() => leaf(zeros([2, 5])).crossEntropy([1.5, 0])).toThrow(/crossEntropy: target 1.5 of row 0 is not a class of logits \[2,5\]/);
    expect(() => leaf(zeros([5])).crossEntropy([0, 1, 2, 3, 4])).toThrow(/crossEntropy: logits must be \[N, classes\], got \[5\]/);
  });
});
