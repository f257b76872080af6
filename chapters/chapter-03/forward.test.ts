import fc from 'fast-check';
import { assertProperty, expectInputsUnchanged } from '../../kernels/testing';
import { neuralNetwork, scaleVector, stackedNetwork, vectMatMul, weightedSum } from './forward';
import {
  game,
  gameWeights,
  hiddenToPrediction,
  hurtWinSadWeights,
  inputToHidden,
  numberOfToes,
  similarityVectors,
  singleWeight,
  winWeights,
} from './games';
import {
  expectAllClose,
  magnitude,
  matrixOf,
  referenceMatMul,
  referenceWeightedSum,
  rowsOf,
  sameLengthVectors,
  side,
  smallFloat,
  vector,
  vectorOf,
  freshProperty,
} from './vectors.fixtures';

describe('task 3.1 neuralNetwork', () => {
  it('predicts 0.85 for 8.5 toes and weight 0.1 (listing 3.1)', () => {
    expect(neuralNetwork(numberOfToes[0], singleWeight)).toBeCloseTo(0.85, 12);
  });

  it('predicts 0.95, 1.0 and 0.9 for the other three games', () => {
    const predictions = numberOfToes.map((toes) => neuralNetwork(toes, singleWeight));
    expectAllClose(predictions, [0.85, 0.95, 1.0, 0.9]);
  });

  it('scales the input by the weight: a weight of 2 doubles, 0.01 divides by 100', () => {
    expect(neuralNetwork(4.5, 2)).toBeCloseTo(9, 12);
    expect(neuralNetwork(4.5, 0.01)).toBeCloseTo(0.045, 12);
  });

  it('is the product input × weight for any input and weight, negative ones included', () => {
    assertProperty(
      freshProperty(smallFloat(), smallFloat(), (input, weight) => {
        expect(neuralNetwork(input, weight)).toBe(input * weight);
      }),
    );
  });

  it('has no memory: the same input gives the same prediction after any other call', () => {
    assertProperty(
      freshProperty(smallFloat(), smallFloat(), smallFloat(), (input, other, weight) => {
        const first = neuralNetwork(input, weight);
        neuralNetwork(other, weight);
        expect(neuralNetwork(input, weight)).toBe(first);
      }),
    );
  });
});

describe('task 3.2 weightedSum', () => {
  it('predicts 0.98 for game 1 with weights [0.1, 0.2, 0] (listing 3.2)', () => {
    expect(weightedSum(game(0), winWeights)).toBeCloseTo(0.98, 12);
  });

  it('predicts 1.11, 1.15 and 1.08 for games 2 to 4', () => {
    expectAllClose([1, 2, 3].map((i) => weightedSum(game(i), winWeights)), [1.11, 1.15, 1.08]);
  });

  it('scores the similarity vectors a to e as the book does (listing 3.5)', () => {
    const { a, b, c, d, e } = similarityVectors;
    expectAllClose(
      [weightedSum(a, b), weightedSum(b, c), weightedSum(b, d), weightedSum(c, c), weightedSum(d, d), weightedSum(c, e), weightedSum(e, e)],
      [0, 1, 1, 2, 0.5, 0, 2],
    );
  });

  it('reads as AND / OR / NOT on binary inputs (the weight language, listing 3.6)', () => {
    // weights [1, 0, -1]: "input[0] OR NOT input[2]" scores highest when input[0] is on and input[2] is off
    expect(weightedSum([1, 0, 0], [1, 0, -1])).toBe(1);
    expect(weightedSum([1, 0, 1], [1, 0, -1])).toBe(0);
    expect(weightedSum([0, 0, 1], [1, 0, -1])).toBe(-1);
    // weights [1, 0, 1]: both inputs on score more than either one
    expect(weightedSum([1, 1, 1], [1, 0, 1])).toBe(2);
  });

  it('equals the plain sum of products for any two vectors of one length', () => {
    assertProperty(
      freshProperty(sameLengthVectors(2), ([input, weights]) => {
        expectAllClose(weightedSum(input, weights), referenceWeightedSum(input, weights), 1e-12);
      }),
    );
  });

  it('is symmetric: weightedSum(a, b) = weightedSum(b, a)', () => {
    assertProperty(
      freshProperty(sameLengthVectors(2), ([a, b]) => {
        expect(weightedSum(a, b)).toBeCloseTo(weightedSum(b, a), 9);
      }),
    );
  });

  it('is linear in the weights: weightedSum(x, αu + βv) = α weightedSum(x, u) + β weightedSum(x, v)', () => {
    assertProperty(
      freshProperty(sameLengthVectors(3), smallFloat(), smallFloat(), ([x, u, v], alpha, beta) => {
        const mixed = u.map((ui, i) => alpha * ui + beta * v[i]);
        const lhs = weightedSum(x, mixed);
        const rhs = alpha * weightedSum(x, u) + beta * weightedSum(x, v);
        const scale = magnitude(x, u.map((ui, i) => Math.abs(alpha * ui) + Math.abs(beta * v[i])));
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-12 * (1 + scale));
      }),
    );
  });

  it('is linear in the inputs too', () => {
    assertProperty(
      freshProperty(sameLengthVectors(3), smallFloat(), ([w, x, y], alpha) => {
        const lhs = weightedSum(x.map((xi, i) => alpha * xi + y[i]), w);
        const rhs = alpha * weightedSum(x, w) + weightedSum(y, w);
        const scale = magnitude(w, x.map((xi, i) => Math.abs(alpha * xi) + Math.abs(y[i])));
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-12 * (1 + scale));
      }),
    );
  });

  it('gives 0 for all-zero weights', () => {
    assertProperty(
      freshProperty(vector(), (x) => {
        expect(weightedSum(x, x.map(() => 0))).toBe(0);
      }),
    );
  });

  it('selects input i when the weights are one-hot at i (every position, the last one included)', () => {
    assertProperty(
      freshProperty(
        vector().chain((x) => fc.tuple(fc.constant(x), fc.integer({ min: 0, max: x.length - 1 }))),
        ([x, i]) => {
          const oneHot = x.map((_, j) => (j === i ? 1 : 0));
          expect(weightedSum(x, oneHot)).toBe(x[i]);
          const last = x.map((_, j) => (j === x.length - 1 ? 1 : 0));
          expect(weightedSum(x, last)).toBe(x[x.length - 1]);
        },
      ),
    );
  });

  it('is never negative for a vector with itself, and 0 only for the zero vector', () => {
    assertProperty(
      freshProperty(vector(), (x) => {
        const selfScore = weightedSum(x, x);
        expect(selfScore).toBeGreaterThanOrEqual(0);
        if (x.some((value) => Math.abs(value) > 1e-100)) expect(selfScore).toBeGreaterThan(0);
      }),
    );
  });

  it('leaves the input and the weights unchanged', () => {
    assertProperty(
      freshProperty(sameLengthVectors(2), ([input, weights]) => {
        expectInputsUnchanged('weightedSum', { input, weights }, () => weightedSum(input, weights));
      }),
    );
  });

  it('throws a clear error when the lengths differ', () => {
    expect(() => weightedSum([1], [1, 2])).toThrow(/weightedSum: .*lengths 1 and 2/);
    expect(() => weightedSum([1, 2, 3], [1, 2])).toThrow(/weightedSum: vectors have different lengths 3 and 2/);
  });

  it('throws for every pair of vectors of different lengths', () => {
    assertProperty(
      freshProperty(vector(), vector(), (a, b) => {
        fc.pre(a.length !== b.length);
        expect(() => weightedSum(a, b)).toThrow(`weightedSum: vectors have different lengths ${a.length} and ${b.length}`);
      }),
    );
  });
});

describe('task 3.8 scaleVector', () => {
  it('predicts hurt 0.195, win 0.13, sad 0.585 from a win record of 0.65 (listing 3.7)', () => {
    expectAllClose(scaleVector(game(0)[1], hurtWinSadWeights), [0.195, 0.13, 0.585]);
  });

  it('equals one single-weight network per output: scaleVector(s, w)[k] = s × w[k]', () => {
    assertProperty(
      freshProperty(smallFloat(), vector(), (input, weights) => {
        const prediction = scaleVector(input, weights);
        expect(prediction).toHaveLength(weights.length);
        prediction.forEach((value, k) => expect(value).toBe(input * weights[k]));
      }),
    );
  });

  it('returns a new list and leaves the weights unchanged', () => {
    assertProperty(
      freshProperty(smallFloat(), vector(), (input, weights) => {
        const prediction = expectInputsUnchanged('scaleVector', { weights }, () => scaleVector(input, weights));
        expect(prediction).not.toBe(weights);
      }),
    );
  });
});

describe('task 3.9 vectMatMul', () => {
  it('predicts hurt 0.555, win 0.98, sad 0.965 for game 1 (listing 3.8)', () => {
    expectAllClose(vectMatMul(game(0), gameWeights), [0.555, 0.98, 0.965]);
  });

  it('predicts the other three games: [0.64, 1.11, 1.17], [0.92, 1.15, 1.09], [0.69, 1.08, 1.27]', () => {
    expectAllClose(
      [1, 2, 3].map((i) => vectMatMul(game(i), gameWeights)),
      [
        [0.64, 1.11, 1.17],
        [0.92, 1.15, 1.09],
        [0.69, 1.08, 1.27],
      ],
    );
  });

  it('computes one weighted sum per row: output k is the input against row k', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side()).chain(([outputs, inputs]) => fc.tuple(vectorOf(inputs), matrixOf(outputs, inputs))),
        ([input, weights]) => {
          const prediction = vectMatMul(input, weights);
          expectAllClose(
            prediction,
            weights.map((row) => referenceWeightedSum(input, row)),
            1e-12,
          );
        },
      ),
    );
  });

  it('uses rows, not columns, even for square matrices', () => {
    assertProperty(
      freshProperty(
        side().chain((n) => fc.tuple(vectorOf(n), matrixOf(n, n))),
        ([input, weights]) => {
          expectAllClose(vectMatMul(input, weights), weights.map((row) => referenceWeightedSum(input, row)), 1e-12);
        },
      ),
    );
    // one row per output: hurt? reads only toes, win? only %win, sad? only fans... transposed, it would mix them
    expect(vectMatMul([1, 2, 3], [[1, 1, 1], [0, 0, 0], [0, 0, 0]])).toEqual([6, 0, 0]);
  });

  it('returns one output per row of the weights', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side()).chain(([outputs, inputs]) => fc.tuple(vectorOf(inputs), matrixOf(outputs, inputs))),
        ([input, weights]) => {
          expect(vectMatMul(input, weights)).toHaveLength(weights.length);
        },
      ),
    );
  });

  it('leaves the input and every row of the weights unchanged, and returns a new list', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side()).chain(([outputs, inputs]) => fc.tuple(vectorOf(inputs), matrixOf(outputs, inputs))),
        ([input, weights]) => {
          const prediction = expectInputsUnchanged('vectMatMul', { input, ...rowsOf('weights', weights) }, () => vectMatMul(input, weights));
          expect(prediction).not.toBe(input);
        },
      ),
    );
  });

  it('throws a clear error when a row does not have one weight per input', () => {
    expect(() => vectMatMul([1, 2, 3], [[1, 2, 3], [1, 2]])).toThrow(
      /vectMatMul: input has length 3 but row 1 of the weights has length 2/,
    );
    // two outputs from three inputs is fine: the number of rows is free
    expect(vectMatMul([1, 2, 3], [[1, 0, 0], [0, 0, 1]])).toEqual([1, 3]);
  });
});

describe('task 3.10 stackedNetwork', () => {
  it('predicts [0.2135, 0.145, 0.5065] through the hidden layer for game 1 (listing 3.9)', () => {
    expectAllClose(stackedNetwork(game(0), [inputToHidden, hiddenToPrediction]), [0.2135, 0.145, 0.5065]);
  });

  it('computes the hidden layer [0.86, 0.295, 1.23] as its one-layer prediction', () => {
    expectAllClose(stackedNetwork(game(0), [inputToHidden]), [0.86, 0.295, 1.23]);
  });

  it('predicts the other three games', () => {
    expectAllClose(
      [1, 2, 3].map((i) => stackedNetwork(game(i), [inputToHidden, hiddenToPrediction])),
      [
        [0.204, 0.158, 0.53],
        [-0.584, 0.018, -0.462],
        [-0.015, 0.116, 0.253],
      ],
    );
  });

  it('equals one layer whose weights are the product of the two matrices (second × first)', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side(), side()).chain(([inputs, hidden, outputs]) =>
          fc.tuple(vectorOf(inputs), matrixOf(hidden, inputs), matrixOf(outputs, hidden)),
        ),
        ([input, first, second]) => {
          const stacked = stackedNetwork(input, [first, second]);
          const product = referenceMatMul(second, first);
          const oneLayer = product.map((row) => referenceWeightedSum(input, row));
          expectAllClose(stacked, oneLayer, 1e-9);
        },
      ),
    );
  });

  it('leaves the input and every layer unchanged', () => {
    assertProperty(
      freshProperty(
        fc.tuple(side(), side(), side()).chain(([inputs, hidden, outputs]) =>
          fc.tuple(vectorOf(inputs), matrixOf(hidden, inputs), matrixOf(outputs, hidden)),
        ),
        ([input, first, second]) => {
          const layers = { input, ...rowsOf('layers[0]', first), ...rowsOf('layers[1]', second) };
          expectInputsUnchanged('stackedNetwork', layers, () => stackedNetwork(input, [first, second]));
        },
      ),
    );
  });

  it('uses the layers in the order given: the first layer first', () => {
    // A 2 -> 1 layer and then a 1 -> 3 layer only fit in that order; the output has 3 values.
    expect(stackedNetwork([1, 2], [[[1, 1]], [[1], [2], [3]]])).toEqual([3, 6, 9]);
  });

  it('returns the input unchanged with no layers, and a copy of it', () => {
    assertProperty(
      freshProperty(vector(), (input) => {
        const output = stackedNetwork(input, []);
        expect(output).toEqual(input);
        expect(output).not.toBe(input);
      }),
    );
  });

  it('throws the vectMatMul error when a layer does not fit the one before', () => {
    expect(() => stackedNetwork([1, 2, 3], [inputToHidden, [[1, 2]]])).toThrow(
      /vectMatMul: input has length 3 but row 0 of the weights has length 2/,
    );
  });
});
