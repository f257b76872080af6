import fc from 'fast-check';
import { NDArray, RandomState, add, array, matmul, sigmoid, tanh, zeros } from '../../kernels';
import { GRAD_TOLERANCE, assertProperty, expectClose } from '../../kernels/testing';
import { SGD } from '../../solutions/chapter-13/optim';
import { CrossEntropyLoss, Embedding, Linear, MSELoss, RNNCell, Relu, Sequential, Sigmoid, Tanh, type Layer } from './layers';
import { Tensor } from './tensor';
import { checkTensorGradients, leaf } from './tensor.fixtures';


/** expectClose on the elements, whatever the two shapes (both are read in row-major order). */
function closeFlat(actual: NDArray | ArrayLike<number>, expected: NDArray | ArrayLike<number>, options: { rtol?: number; atol?: number }): void {
  const values = (x: NDArray | ArrayLike<number>): number[] => Array.from(x instanceof NDArray ? x.data : x);
  expectClose(values(actual), values(expected), options);
}

const RUNS = { numRuns: 25 };

/** Clears the gradients, trains `lossOf` for one step of SGD with a small alpha and returns the losses before and after. */
function oneSmallStep(parameters: Tensor[], lossOf: () => Tensor, alpha = 1e-3): [number, number] {
  for (const p of parameters) p.grad = null;
  const loss = lossOf();
  loss.backward();
  new SGD(parameters, alpha).step();
  return [loss.data.data[0], lossOf().data.data[0]];
}

const twoBit = (): Tensor => new Tensor(array([[0, 0], [0, 1], [1, 0], [1, 1]]));
const twoBitTarget = (): Tensor => new Tensor(array([[0], [1], [0], [1]]));

describe('task 13.7 Linear', () => {
  test('Linear: He-initialised weight drawn with one randn call, zero bias, optional bias', () => {
    const layer = new Linear(200, 50, new RandomState(0));
    const expected = new RandomState(0).randn([200, 50]).data.map((v) => v * Math.sqrt(2 / 200));
    closeFlat(layer.weight.data, expected, { rtol: 1e-15 });
    const variance = layer.weight.data.data.reduce((s, v) => s + v * v, 0) / layer.weight.data.size;
    expect(variance).toBeGreaterThan(0.9 * (2 / 200));
    expect(variance).toBeLessThan(1.1 * (2 / 200));
    expect(Array.from(layer.bias?.data.data ?? [1])).toEqual(new Array<number>(50).fill(0));
    expect(layer.parameters()).toEqual([layer.weight, layer.bias]);
    expect(layer.parameters()[0]).toBe(layer.weight);
    const noBias = new Linear(3, 2, new RandomState(1), { bias: false });
    expect(noBias.bias).toBeNull();
    expect(noBias.parameters()).toEqual([noBias.weight]);
  });

  test('Linear: forward is input · weight + bias for every row, and backward matches finite differences', () => {
    assertProperty(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.nat(1000), fc.boolean(), (batch, nIn, nOut, seed, bias) => {
        const rng = new RandomState(seed);
        const layer = new Linear(nIn, nOut, rng, { bias });
        if (layer.bias) layer.bias.data.data.set(rng.uniform([nOut], -1, 1).data);
        const x = leaf(rng.uniform([batch, nIn], -1, 1));
        const y = layer.forward(x);
        const expected = layer.bias ? add(matmul(x.data, layer.weight.data), layer.bias.data) : matmul(x.data, layer.weight.data);
        closeFlat(y.data, expected.data, { rtol: 1e-12, atol: 1e-15 });
        expect(y.data.shape).toEqual([batch, nOut]);
        checkTensorGradients(() => layer.forward(x), [x, ...layer.parameters()], { seed, label: 'task 13.7 Linear' });
      }),
      RUNS,
    );
  });

  test('Sequential: chains its layers, and its parameters are theirs in order', () => {
    const rng = new RandomState(2);
    const first = new Linear(2, 3, rng);
    const second = new Linear(3, 1, rng);
    const model = new Sequential([first]);
    model.add(second);
    expect(model.parameters()).toEqual([...first.parameters(), ...second.parameters()]);
    expect(model.parameters().length).toBe(4);
    const x = twoBit();
    closeFlat(model.forward(x).data, second.forward(first.forward(x)).data, { rtol: 1e-15 });
    expect(new Sequential([]).forward(x)).toBe(x);
  });

  test('a small SGD step lowers the loss of Sequential(Linear, Linear) on the two-bit data', () => {
    assertProperty(
      fc.property(fc.nat(1000), (seed) => {
        const rng = new RandomState(seed);
        const model = new Sequential([new Linear(2, 3, rng), new Linear(3, 1, rng)]);
        const [before, after] = oneSmallStep(model.parameters(), () => new MSELoss().forward(model.forward(twoBit()), twoBitTarget()));
        expect(after).toBeLessThan(before);
      }),
      RUNS,
    );
  });
});

describe('task 13.9 MSELoss', () => {
  test('the nonlinearity layers apply their op and have no parameters; backward matches finite differences', () => {
    const rng = new RandomState(3);
    const x0 = rng.uniform([3, 4], -2, 2).data.map((v) => (Math.abs(v) < 0.05 ? 0.5 : v));
    const x = leaf(new NDArray(x0, [3, 4]));
    const cases: Array<[Layer, NDArray]> = [
      [new Tanh(), tanh(x.data)],
      [new Sigmoid(), sigmoid(x.data)],
      [new Relu(), new NDArray(x0.map((v) => Math.max(0, v)), [3, 4])],
    ];
    cases.forEach(([layer, expected], k) => {
      expect(layer.parameters()).toEqual([]);
      closeFlat(layer.forward(x).data, expected.data, { rtol: 1e-15 });
      checkTensorGradients(() => layer.forward(x), [x], { seed: k, label: `task 13.9 ${layer.constructor.name}` });
    });
  });

  test('MSELoss: the summed squared error (a [1] loss for [N,1] predictions, 0-d for wider ones) and its gradient', () => {
    assertProperty(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.nat(1000), (n, k, seed) => {
        const rng = new RandomState(seed);
        const p = leaf(rng.uniform([n, k], -2, 2));
        const t = leaf(rng.uniform([n, k], -2, 2));
        const loss = new MSELoss().forward(p, t);
        expect(loss.data.size).toBe(1);
        expect(loss.data.shape).toEqual(k === 1 ? [1] : []);
        const expected = p.data.data.reduce((s, v, i) => s + (v - t.data.data[i]) ** 2, 0);
        expect(loss.data.data[0]).toBeCloseTo(expected, 12);
        checkTensorGradients(() => new MSELoss().forward(p, t), [p, t], { seed, label: 'task 13.9 MSELoss' });
      }),
      RUNS,
    );
    expect(() => new MSELoss().forward(leaf(zeros([4, 1])), leaf(zeros([4])))).toThrow(/MSELoss: prediction \[4,1\] and target \[4\] must have the same shape/);
    expect(() => new MSELoss().forward(leaf(zeros([4, 1])), leaf(zeros([4, 2])))).toThrow(/MSELoss: prediction \[4,1\] and target \[4,2\] must have the same shape/);
    expect(() => new MSELoss().forward(leaf(zeros([3, 2])), leaf(zeros([4, 2])))).toThrow(/MSELoss: prediction \[3,2\] and target \[4,2\] must have the same shape/);
    expect(() => new MSELoss().forward(leaf(zeros([4])), leaf(zeros([4, 1])))).toThrow(/MSELoss: prediction \[4\] and target \[4,1\] must have the same shape/);
  });

  test('MSELoss of predictions with more axes still sums everything into one 0-d loss', () => {
    const rng = new RandomState(4);
    const p = leaf(rng.uniform([2, 2, 3], -2, 2));
    const t = leaf(rng.uniform([2, 2, 3], -2, 2));
    const loss = new MSELoss().forward(p, t);
    expect(loss.data.shape).toEqual([]);
    expect(loss.data.data[0]).toBeCloseTo(p.data.data.reduce((s, v, i) => s + (v - t.data.data[i]) ** 2, 0), 12);
  });

  test('a small SGD step lowers the loss of Linear, Tanh, Linear, Sigmoid', () => {
    assertProperty(
      fc.property(fc.nat(1000), (seed) => {
        const rng = new RandomState(seed);
        const model = new Sequential([new Linear(2, 3, rng), new Tanh(), new Linear(3, 1, rng), new Sigmoid()]);
        const [before, after] = oneSmallStep(model.parameters(), () => new MSELoss().forward(model.forward(twoBit()), twoBitTarget()));
        expect(after).toBeLessThan(before);
      }),
      RUNS,
    );
  });
});

describe('task 13.12 Embedding', () => {
  test('Embedding: (rand - 0.5) / dim from one rand call, rows looked up by index', () => {
    const embed = new Embedding(6, 4, new RandomState(0));
    const expected = new RandomState(0).random([6, 4]).data.map((v) => (v - 0.5) / 4);
    closeFlat(embed.weight.data, expected, { rtol: 1e-15 });
    for (const v of embed.weight.data.data) expect(Math.abs(v)).toBeLessThan(0.5 / 4);
    expect(embed.parameters()).toEqual([embed.weight]);
    const rows = embed.forward([5, 0, 5]);
    expect(rows.data.shape).toEqual([3, 4]);
    closeFlat(rows.data.data.subarray(0, 4), embed.weight.data.data.subarray(20, 24), { rtol: 0 });
    expect(embed.forward([[1, 2], [3, 4]]).data.shape).toEqual([2, 2, 4]);
    closeFlat(embed.forward(new Tensor(array([5, 0, 5]))).data, rows.data, { rtol: 0 });
  });

  test('Embedding backward adds into the selected rows only; CrossEntropyLoss is the fused loss (gradient checks)', () => {
    assertProperty(
      fc.property(fc.nat(1000), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }), (seed, indices) => {
        const rng = new RandomState(seed);
        const embed = new Embedding(5, 3, rng);
        checkTensorGradients(() => embed.forward(indices), [embed.weight], { seed, label: 'task 13.12 Embedding' });
        const logits = leaf(rng.uniform([indices.length, 5], -2, 2));
        const loss = new CrossEntropyLoss().forward(logits, indices);
        expect(loss.data.data[0]).toBeCloseTo(logits.crossEntropy(indices).data.data[0], 14);
        checkTensorGradients(() => new CrossEntropyLoss().forward(logits, indices), [logits], { seed, label: 'task 13.12 CrossEntropyLoss' });
      }),
      RUNS,
    );
  });

  test('a small SGD step lowers the loss of Embedding, Tanh, Linear with cross-entropy', () => {
    assertProperty(
      fc.property(fc.nat(1000), (seed) => {
        const rng = new RandomState(seed);
        const model = new Sequential([new Embedding(3, 3, rng), new Tanh(), new Linear(3, 4, rng)]);
        const [before, after] = oneSmallStep(model.parameters(), () => new CrossEntropyLoss().forward(model.forward(new Tensor(array([1, 2, 1, 2]))), [0, 1, 0, 1]), 1e-2);
        expect(after).toBeLessThan(before);
      }),
      RUNS,
    );
  });
});

describe('task 13.13 RNNCell', () => {
  test('three Linear layers in the book\'s order, six parameters, a zero hidden state that takes part in the graph', () => {
    const cell = new RNNCell(4, 3, 5, 'sigmoid', new RandomState(0));
    const rng = new RandomState(0);
    const expected = [new Linear(4, 3, rng), new Linear(3, 3, rng), new Linear(3, 5, rng)];
    const params = cell.parameters();
    expect(params.length).toBe(6);
    expected.flatMap((l) => l.parameters()).forEach((p, i) => closeFlat(params[i].data, p.data, { rtol: 0 }));
    const h = cell.initHidden(7);
    expect(h.data.shape).toEqual([7, 3]);
    expect(h.requiresGrad).toBe(true);
    expect(Array.from(h.data.data)).toEqual(new Array<number>(21).fill(0));
    expect(() => new RNNCell(1, 1, 1, 'relu' as 'tanh', new RandomState(0))).toThrow(/RNNCell: activation must be 'sigmoid' or 'tanh', got 'relu'/);
  });

  test('step: hidden = act(x W_ih + b_ih + h W_hh + b_hh), output = hidden W_ho + b_ho, for both activations (C.10 fixed)', () => {
    for (const activation of ['sigmoid', 'tanh'] as const) {
      const rng = new RandomState(4);
      const cell = new RNNCell(3, 4, 2, activation, rng);
      for (const p of cell.parameters()) p.data.data.set(rng.uniform(p.data.shape, -1, 1).data);
      const x = leaf(rng.uniform([2, 3], -1, 1));
      const h = leaf(rng.uniform([2, 4], -1, 1));
      const { output, hidden } = cell.step(x, h);
      const [wIh, bIh, wHh, bHh, wHo, bHo] = cell.parameters().map((p) => p.data);
      const combined = add(add(matmul(x.data, wIh), bIh), add(matmul(h.data, wHh), bHh));
      const expectedHidden = activation === 'sigmoid' ? sigmoid(combined) : tanh(combined);
      closeFlat(hidden.data, expectedHidden.data, { rtol: 1e-12, atol: 1e-15 });
      closeFlat(output.data, add(matmul(expectedHidden, wHo), bHo).data, { rtol: 1e-12, atol: 1e-15 });
      closeFlat(cell.forward(x, h).data, output.data, { rtol: 0 });
    }
  });

  test('unrolled 4 steps with a loss at every step, the gradients of every parameter match finite differences', () => {
    assertProperty(
      fc.property(fc.nat(1000), fc.constantFrom('sigmoid' as const, 'tanh' as const), (seed, activation) => {
        const rng = new RandomState(seed);
        const cell = new RNNCell(3, 4, 5, activation, rng);
        const inputs = Array.from({ length: 4 }, () => new Tensor(rng.uniform([2, 3], -1, 1)));
        const targets = Array.from({ length: 4 }, () => [rng.randint(0, 5), rng.randint(0, 5)]);
        const h0 = cell.initHidden(2);
        const lossOf = (): Tensor => {
          let hidden = h0;
          let total: Tensor | null = null;
          inputs.forEach((x, t) => {
            const step = cell.step(x, hidden);
            hidden = step.hidden;
            const loss = step.output.crossEntropy(targets[t]);
            total = total === null ? loss : total.add(loss);
          });
          return total as unknown as Tensor;
        };
        checkTensorGradients(lossOf, [...cell.parameters(), h0], { seed, threshold: GRAD_TOLERANCE.layer, label: 'task 13.13 RNNCell' });
        const [before, after] = oneSmallStep(cell.parameters(), lossOf, 1e-3);
        expect(after).toBeLessThan(before);
      }),
      RUNS,
    );
  });
});
