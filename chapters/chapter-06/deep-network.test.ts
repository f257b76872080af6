import fc from 'fast-check';
import { NDArray, RandomState, array, matmul, mul, sliceRows, sub, sum, square } from '../../kernels';
import { py2str } from '../../kernels/format';
import { arrayArb, arrayAwayFromKinks, assertProperty, awayFromKinks, expectClose, expectInputsUnchanged, gradCheck, valueArb } from '../../kernels/testing';
import {
  backward,
  collapseLinear,
  forward,
  relu,
  relu2deriv,
  streetlightsV2,
  trainDeepNetwork,
} from './deep-network';
// Other tasks' functions come from the reference solutions: each task's tests judge that task alone.
import * as deepNetworkReference from '../../solutions/chapter-06/deep-network';

const RUNS = { numRuns: 100 };
const identity = (x: NDArray) => x;

/** Sizes of a small network: 1-3 rows, 1-4 inputs, 1-5 hidden units, 1-3 outputs. */
const networkSizes = fc.record({
  n: fc.integer({ min: 1, max: 3 }),
  inputs: fc.integer({ min: 1, max: 4 }),
  hidden: fc.integer({ min: 1, max: 5 }),
  outputs: fc.integer({ min: 1, max: 3 }),
});

/** A small random network: layer0 [n, inputs], weights01 [inputs, hidden], weights12 [hidden, outputs]. */
const network = networkSizes
  .chain(({ n, inputs, hidden, outputs }) =>
    fc.record({
      layer0: arrayArb([n, inputs], { min: -1, max: 1 }),
      weights01: arrayArb([inputs, hidden], { min: -1, max: 1 }),
      weights12: arrayArb([hidden, outputs], { min: -1, max: 1 }),
      goal: arrayArb([n, outputs], { min: -1, max: 1 }),
    }),
  );

/** An array whose entries stay 0.1 away from 0 (so products rarely land on relu's kink). */
const nonZeroArray = (shape: number[]) => arrayAwayFromKinks(shape, [0], { min: -1, max: 1, margin: 0.1 });

/** A small random network whose every value is 0.1 to 1 in size, so a failure shrinks to readable numbers. */
const sizableNetwork = networkSizes
  .chain(({ n, inputs, hidden, outputs }) =>
    fc.record({
      layer0: nonZeroArray([n, inputs]),
      weights01: nonZeroArray([inputs, hidden]),
      weights12: nonZeroArray([hidden, outputs]),
      goal: nonZeroArray([n, outputs]),
    }),
  );

/**
 * Networks whose hidden pre-activations all stay 1e-3 away from relu's kink at 0, so finite
 * differences (steps of 1e-6) never cross it. The filter is part of the arbitrary, so shrinking
 * keeps it too.
 */
const smoothNetwork = networkSizes
  .chain(({ n, inputs, hidden, outputs }) =>
    fc.record({
      layer0: nonZeroArray([n, inputs]),
      weights01: nonZeroArray([inputs, hidden]),
      weights12: nonZeroArray([hidden, outputs]),
      goal: nonZeroArray([n, outputs]),
      // Drawn per case, so no fixed upstream gradient can hide a wrong layer or a transpose. Like
      // the weights it stays 0.1 away from 0, so a failure shrinks to numbers a learner can read.
      upstream: nonZeroArray([n, outputs]),
    }),
  )
  .filter(({ layer0, weights01 }) =>
  Array.from(matmul(layer0, weights01).data).every((v) => Math.abs(v) > 1e-3),
);

describe('task 6.5 relu', () => {
  test('zeroes negatives and keeps positives', () => {
    expect(Array.from(relu(array([-1, 0, 2, -0.5, 3.25])).data)).toEqual([0, 0, 2, 0, 3.25]);
    expect(relu(array([[1, -1]])).shape).toEqual([1, 2]);
  });

  test('is non-negative, idempotent, relu(x) - relu(-x) = x, and the identity on positives', () => {
    assertProperty(
      // Large magnitudes too: relu has no exp to overflow, but a learner's max(0, x) written with
      // an exp-based trick would.
      fc.property(arrayArb(fc.constantFrom([5], [2, 3], [1, 1, 4]), { min: -1000, max: 1000 }), (x) => {
        const r = relu(x);
        const back = relu(mul(x, -1));
        r.data.forEach((v, i) => {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v - back.data[i]).toBe(x.data[i] === 0 ? 0 : x.data[i]);
          if (x.data[i] > 0) expect(v).toBe(x.data[i]);
        });
        expect(Array.from(relu(r).data)).toEqual(Array.from(r.data));
      }),
      RUNS,
    );
  });
});

describe('task 6.5 relu, arguments', () => {
  test('leaves x unchanged and returns a new array of its shape', () => {
    assertProperty(
      fc.property(arrayArb(fc.constantFrom([4], [2, 3]), { min: -10, max: 10 }), (x) => {
        const r = expectInputsUnchanged('relu', { x }, () => relu(x));
        expect(r).not.toBe(x);
        expect(r.data).not.toBe(x.data);
        expect(r.shape).toEqual(x.shape);
      }),
      RUNS,
    );
  });
});

describe('task 6.6 relu2deriv', () => {
  test('is 1 where the relu output is positive and 0 elsewhere', () => {
    expect(Array.from(relu2deriv(array([0, 3, 0, 0.001])).data)).toEqual([0, 1, 0, 1]);
  });

  test('is the derivative of relu away from the kink (gradient check)', () => {
    assertProperty(
      fc.property(fc.array(awayFromKinks([0], { min: -3, max: 3 }), { minLength: 1, maxLength: 6 }), (values) => {
        const x = array(values);
        gradCheck(
          (input) => deepNetworkReference.relu(input),
          [x],
          (g, input) => mul(g, relu2deriv(deepNetworkReference.relu(input))),
          { label: 'task 6.6 relu2deriv' },
        );
        relu2deriv(deepNetworkReference.relu(x)).data.forEach((d) => expect(d === 0 || d === 1).toBe(true));
      }),
      RUNS,
    );
  });

  test('leaves the relu output unchanged and returns a new array of its shape', () => {
    assertProperty(
      fc.property(arrayArb(fc.constantFrom([4], [2, 3]), { min: 0, max: 10 }), (output) => {
        const d = expectInputsUnchanged('relu2deriv', { output }, () => relu2deriv(output));
        expect(d).not.toBe(output);
        expect(d.shape).toEqual(output.shape);
        d.data.forEach((v, i) => expect(v).toBe(output.data[i] > 0 ? 1 : 0));
      }),
      RUNS,
    );
  });
});

describe('task 6.8 forward', () => {
  test("reproduces listing 6.6: seed 1, four hidden nodes, the first pattern", () => {
    const random = new RandomState(1);
    const weights01 = sub(mul(2, random.random([3, 4])), 1);
    const weights12 = sub(mul(2, random.random([4, 1])), 1);
    const pass = forward(array([[1, 0, 1]]), weights01, weights12);
    expectClose(pass.layer1, [[0, 0.51828245, 0, 0]], { atol: 1e-8 });
    expect(py2str(pass.layer2.data[0])).toBe('0.39194326634');
  });

  test('without a nonlinearity the network collapses to one matrix', () => {
    assertProperty(
      fc.property(network, ({ layer0, weights01, weights12 }) => {
        const deep = forward(layer0, weights01, weights12, identity).layer2;
        expectClose(deep, matmul(layer0, deepNetworkReference.collapseLinear(weights01, weights12)), { rtol: 1e-10, atol: 1e-12 });
      }),
      RUNS,
    );
  });

  test('relu hidden layer: layer1 = deepNetworkReference.relu(layer0 weights01) and layer2 = layer1 weights12', () => {
    assertProperty(
      fc.property(network, ({ layer0, weights01, weights12 }) => {
        const pass = forward(layer0, weights01, weights12);
        const hidden = matmul(layer0, weights01);
        expectClose(pass.layer1, new NDArray(hidden.data.map((v) => Math.max(0, v)), hidden.shape), { rtol: 0, atol: 0 });
        expectClose(pass.layer2, matmul(pass.layer1, weights12), { rtol: 1e-12, atol: 1e-15 });
      }),
      RUNS,
    );
  });

  test('permuting the hidden nodes leaves the prediction unchanged', () => {
    assertProperty(
      fc.property(network, fc.nat(), ({ layer0, weights01, weights12 }, seed) => {
        const hidden = weights01.shape[1];
        const order = new RandomState(seed % 1000).permutation(hidden);
        const p01 = permuteColumns(weights01, order);
        const p12 = permuteRows(weights12, order);
        expectClose(forward(layer0, p01, p12).layer2, forward(layer0, weights01, weights12).layer2, { rtol: 1e-12, atol: 1e-14 });
      }),
      RUNS,
    );
  });

  test('leaves layer0 and both weight matrices unchanged', () => {
    assertProperty(
      fc.property(network, ({ layer0, weights01, weights12 }) => {
        expectInputsUnchanged('forward', { layer0, weights01, weights12 }, () => forward(layer0, weights01, weights12));
      }),
      RUNS,
    );
  });

  test('applies the activation it is given to the hidden layer only', () => {
    assertProperty(
      fc.property(network, ({ layer0, weights01, weights12 }) => {
        const double = (x: NDArray) => mul(2, x);
        const pass = forward(layer0, weights01, weights12, double);
        expectClose(pass.layer1, mul(2, matmul(layer0, weights01)), { rtol: 1e-12, atol: 1e-15 });
        expectClose(pass.layer2, matmul(pass.layer1, weights12), { rtol: 1e-12, atol: 1e-15 });
      }),
      RUNS,
    );
  });

  test('rejects matrices that do not chain', () => {
    expect(() => forward(array([[1, 0, 1]]), NDArray.zeros([4, 4]), NDArray.zeros([4, 1]))).toThrow(
      /matmul: cannot multiply \[1,3\] by \[4,4\]/,
    );
  });
});

function permuteColumns(x: NDArray, order: NDArray): NDArray {
  const [rows, cols] = x.shape;
  const out = NDArray.zeros(x.shape);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.data[r * cols + c] = x.data[r * cols + order.data[c]];
  return out;
}

function permuteRows(x: NDArray, order: NDArray): NDArray {
  const [rows, cols] = x.shape;
  const out = NDArray.zeros(x.shape);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.data[r * cols + c] = x.data[order.data[r] * cols + c];
  return out;
}

describe('task 6.9 backward', () => {
  test('weight deltas equal finite differences for a random upstream gradient (random small networks)', () => {
    assertProperty(
      fc.property(smoothNetwork, ({ layer0, weights01, weights12, upstream }) => {
        // Choosing goal = layer2 - g makes layer2Delta the upstream gradient g of the output.
        gradCheck(
          (w01, w12) => deepNetworkReference.forward(layer0, w01, w12).layer2,
          [weights01.clone(), weights12.clone()],
          (g, w01, w12) => {
            const pass = deepNetworkReference.forward(layer0, w01, w12);
            const deltas = backward(layer0, pass.layer1, pass.layer2, sub(pass.layer2, g), w12);
            return [deltas.weightDelta01, deltas.weightDelta12];
          },
          { label: 'task 6.9 backward', upstream },
        );
      }),
      RUNS,
    );
  });

  test('weight deltas are the gradient of half the squared error', () => {
    assertProperty(
      fc.property(smoothNetwork, ({ layer0, weights01, weights12, goal }) => {
        gradCheck(
          (w01, w12) => sum(square(sub(deepNetworkReference.forward(layer0, w01, w12).layer2, goal))) / 2,
          [weights01.clone(), weights12.clone()],
          (g, w01, w12) => {
            const pass = deepNetworkReference.forward(layer0, w01, w12);
            const deltas = backward(layer0, pass.layer1, pass.layer2, goal, w12);
            return [mul(g.data[0], deltas.weightDelta01), mul(g.data[0], deltas.weightDelta12)];
          },
          { label: 'task 6.9 backward' },
        );
      }),
      RUNS,
    );
  });

  test('a dead hidden node gets no delta and its incoming weights no weight delta', () => {
    assertProperty(
      fc.property(sizableNetwork, fc.nat(), ({ layer0, weights01, weights12, goal }, pick) => {
        const hidden = weights01.shape[1];
        const dead = pick % hidden;
        const w01 = weights01.clone();
        // Make the node's pre-activation negative for every row: zero its weights, bias it with -1 on a constant input.
        const input = new NDArray(Float64Array.from(layer0.data, () => 1), layer0.shape);
        for (let i = 0; i < w01.shape[0]; i++) w01.data[i * hidden + dead] = -1;
        const pass = deepNetworkReference.forward(input, w01, weights12);
        const deltas = backward(input, pass.layer1, pass.layer2, goal, weights12);
        for (let r = 0; r < input.shape[0]; r++) {
          const value = deltas.layer1Delta.data[r * hidden + dead];
          if (value !== 0) throw new Error(`hidden node ${dead} is off (relu output 0) in row ${r}, yet its layer1Delta is ${value}, not 0: multiply by relu2deriv(layer1)`);
        }
        for (let i = 0; i < w01.shape[0]; i++) {
          const value = deltas.weightDelta01.data[i * hidden + dead];
          if (value !== 0) throw new Error(`hidden node ${dead} is off, yet weightDelta01[${i}, ${dead}] into it is ${value}, not 0`);
        }
      }),
      RUNS,
    );
  });

  test("reproduces the one-iteration figure (listing 6.8, three hidden nodes): error 1.04", () => {
    const random = new RandomState(1);
    const weights01 = sub(mul(2, random.random([3, 3])), 1);
    const weights12 = sub(mul(2, random.random([3, 1])), 1);
    const layer0 = array([[1, 0, 1]]);
    const pass = deepNetworkReference.forward(layer0, weights01, weights12);
    const deltas = backward(layer0, pass.layer1, pass.layer2, array([[1]]), weights12);
    expect(py2str(deltas.layer2Delta.data[0] ** 2)).toBe('1.04304459828');
    expectClose(deltas.layer1Delta, [[0, 0.16505256554, 0]], { atol: 1e-11 });
    expectClose(deltas.weightDelta12, new NDArray(mul(pass.layer1, deltas.layer2Delta.data[0]).data, [3, 1]), { rtol: 1e-12 });
  });

  test('gives layer2Delta = layer2 - goal and layer1Delta = (layer2Delta weights12ᵀ) * relu2deriv(layer1)', () => {
    assertProperty(
      fc.property(sizableNetwork, ({ layer0, weights01, weights12, goal }) => {
        const pass = deepNetworkReference.forward(layer0, weights01, weights12);
        const deltas = backward(layer0, pass.layer1, pass.layer2, goal, weights12);
        expectClose(deltas.layer2Delta, sub(pass.layer2, goal), { rtol: 0, atol: 0 });
        const [n, hidden] = pass.layer1.shape;
        const outputs = weights12.shape[1];
        const expected = NDArray.zeros([n, hidden]);
        for (let r = 0; r < n; r++) {
          for (let h = 0; h < hidden; h++) {
            if (pass.layer1.data[r * hidden + h] <= 0) continue;
            let total = 0;
            for (let o = 0; o < outputs; o++) total += deltas.layer2Delta.data[r * outputs + o] * weights12.data[h * outputs + o];
            expected.data[r * hidden + h] = total;
          }
        }
        expectClose(deltas.layer1Delta, expected, { rtol: 1e-12, atol: 1e-15 });
      }),
      RUNS,
    );
  });

  test('leaves all five arguments unchanged', () => {
    assertProperty(
      fc.property(network, ({ layer0, weights01, weights12, goal }) => {
        const { layer1, layer2 } = deepNetworkReference.forward(layer0, weights01, weights12);
        expectInputsUnchanged('backward', { layer0, layer1, layer2, goal, weights12 }, () => backward(layer0, layer1, layer2, goal, weights12));
      }),
      RUNS,
    );
  });

  test('rejects a goal whose shape differs from layer2', () => {
    const x = array([[1, 0, 1]]);
    expect(() => backward(x, array([[1, 1]]), array([[1]]), array([[1, 2]]), array([[1], [1]]))).toThrow(
      /backward: goal \[1,2\] does not match layer2 \[1,1\]/,
    );
  });
});

describe('task 6.7 collapseLinear', () => {
  test("the book's example: weights 0.25 then 0.9 act like one weight 0.225", () => {
    const single = collapseLinear(array([[0.25]]), array([[0.9]]));
    expectClose(single, [[0.225]]);
    expectClose(collapseLinear(array([[5]]), array([[10]])), [[50]]);
  });

  test('has shape [inputs, outputs] and gives the deep linear prediction', () => {
    assertProperty(
      fc.property(network, ({ layer0, weights01, weights12 }) => {
        const single = collapseLinear(weights01, weights12);
        expect(single.shape).toEqual([weights01.shape[0], weights12.shape[1]]);
        expectClose(matmul(layer0, single), matmul(matmul(layer0, weights01), weights12), { rtol: 1e-10, atol: 1e-12 });
      }),
      RUNS,
    );
  });

  test('leaves both weight matrices unchanged', () => {
    assertProperty(
      fc.property(network, ({ weights01, weights12 }) => {
        expectInputsUnchanged('collapseLinear', { weights01, weights12 }, () => collapseLinear(weights01, weights12));
      }),
      RUNS,
    );
  });
});

describe('task 6.10 trainDeepNetwork', () => {
  test("prints the book's errors with np.random.seed(1) (listing 6.9)", () => {
    const result = trainDeepNetwork({ ...streetlightsV2(), hiddenSize: 4, alpha: 0.2, iterations: 60, random: new RandomState(1) });
    const printed = result.errors.filter((_, i) => i % 10 === 9).map(py2str);
    expect(printed).toEqual([
      '0.634231159844',
      '0.358384076763',
      '0.0830183113303',
      '0.0064670549571',
      '0.000329266900075',
      '1.50556226651e-05',
    ]);
    const predictions = deepNetworkReference.forward(streetlightsV2().lights, result.weights01, result.weights12).layer2;
    expectClose(predictions, [[1], [1], [0], [0]], { atol: 3e-3, rtol: 0 });
  });

  test('draws weights01 first, then weights12, both uniform in [-1, 1)', () => {
    assertProperty(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 6 }), (seed, hiddenSize) => {
        const result = trainDeepNetwork({ ...streetlightsV2(), hiddenSize, alpha: 0.2, iterations: 0, random: new RandomState(seed) });
        const random = new RandomState(seed);
        expectClose(result.weights01, sub(mul(2, random.random([3, hiddenSize])), 1), { rtol: 0, atol: 0 });
        expectClose(result.weights12, sub(mul(2, random.random([hiddenSize, 1])), 1), { rtol: 0, atol: 0 });
        expect(result.errors).toEqual([]);
      }),
      RUNS,
    );
  });

  test('each update is alpha times the backward pass of one example, for any alpha, hidden size, seed and data', () => {
    const data = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }))
      .chain(([n, inputs]) => fc.tuple(arrayArb([n, inputs], { min: 0, max: 1 }), arrayArb([n, 1], { min: 0, max: 1 })));
    assertProperty(
      fc.property(
        data,
        valueArb({ min: 0.01, max: 0.5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(),
        ([lights, walkVsStop], alpha, hiddenSize, iterations, seed) => {
          const result = expectInputsUnchanged('trainDeepNetwork', { lights, walkVsStop }, () =>
            trainDeepNetwork({ lights, walkVsStop, hiddenSize, alpha, iterations, random: new RandomState(seed) }),
          );
          const random = new RandomState(seed);
          let weights01 = sub(mul(2, random.random([lights.shape[1], hiddenSize])), 1);
          let weights12 = sub(mul(2, random.random([hiddenSize, 1])), 1);
          const errors: number[] = [];
          for (let it = 0; it < iterations; it++) {
            let error = 0;
            for (let i = 0; i < lights.shape[0]; i++) {
              const layer0 = sliceRows(lights, i, i + 1);
              const goal = sliceRows(walkVsStop, i, i + 1);
              const pass = deepNetworkReference.forward(layer0, weights01, weights12);
              error += sum(square(sub(pass.layer2, goal)));
              const deltas = deepNetworkReference.backward(layer0, pass.layer1, pass.layer2, goal, weights12);
              weights12 = sub(weights12, mul(alpha, deltas.weightDelta12));
              weights01 = sub(weights01, mul(alpha, deltas.weightDelta01));
            }
            errors.push(error);
          }
          // The same operations in the same order: equal up to a few roundings.
          expectClose(result.errors, errors, { rtol: 1e-12, atol: 1e-15 });
          expectClose(result.weights01, weights01, { rtol: 1e-12, atol: 1e-15 });
          expectClose(result.weights12, weights12, { rtol: 1e-12, atol: 1e-15 });
        },
      ),
      { numRuns: 50 },
    );
  });

  test('each update is alpha times the backward pass of one example', () => {
    const data = streetlightsV2();
    const result = trainDeepNetwork({ ...data, hiddenSize: 4, alpha: 0.2, iterations: 1, random: new RandomState(7) });
    const random = new RandomState(7);
    let weights01 = sub(mul(2, random.random([3, 4])), 1);
    let weights12 = sub(mul(2, random.random([4, 1])), 1);
    let error = 0;
    for (let i = 0; i < 4; i++) {
      const layer0 = sliceRows(data.lights, i, i + 1);
      const goal = sliceRows(data.walkVsStop, i, i + 1);
      const layer1 = matmul(layer0, weights01).data.map((v) => Math.max(0, v));
      const hidden = new NDArray(layer1, [1, 4]);
      const layer2 = matmul(hidden, weights12).data[0];
      error += (layer2 - goal.data[0]) ** 2;
      const delta2 = layer2 - goal.data[0];
      const delta1 = weights12.data.map((w, h) => (layer1[h] > 0 ? delta2 * w : 0));
      weights12 = new NDArray(weights12.data.map((w, h) => w - 0.2 * layer1[h] * delta2), weights12.shape);
      weights01 = new NDArray(weights01.data.map((w, k) => w - 0.2 * layer0.data[Math.floor(k / 4)] * delta1[k % 4]), weights01.shape);
    }
    expect(result.errors[0]).toBeCloseTo(error, 12);
    expectClose(result.weights01, weights01, { rtol: 1e-12, atol: 1e-15 });
    expectClose(result.weights12, weights12, { rtol: 1e-12, atol: 1e-15 });
  });
});
