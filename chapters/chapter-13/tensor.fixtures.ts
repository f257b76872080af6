/**
 * Test support for chapter 13 (not an exercise).
 *
 * - Reference ops built directly with `Tensor.fromOp` and kernels, so the engine's tests
 *   (task 13.2) do not depend on the learner's ops, and the ops' tests do not depend on the engine.
 * - `checkTensorGradients`: backward against centered differences for whole graphs, with a
 *   random upstream gradient, every element of every checked tensor.
 */
import fc from 'fast-check';
import {
  NDArray,
  RandomState,
  add,
  formatShape,
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  mul,
  sum,
  tanh,
  tanhDerivFromOutput,
} from '../../kernels';
import { arrayArb, numericGradient, relativeError } from '../../kernels/testing';
import { Tensor } from './tensor';

/** Reference ops (the same rules as the exercises), independent of the learner's code. */
export const ref = {
  add: (a: Tensor, b: Tensor): Tensor => Tensor.fromOp(add(a.data, b.data), 'add', [a, b], (g) => [g, g]),
  mul: (a: Tensor, b: Tensor): Tensor =>
    Tensor.fromOp(mul(a.data, b.data), 'mul', [a, b], (g) => [mul(g, b.data), mul(g, a.data)]),
  mm: (a: Tensor, w: Tensor): Tensor =>
    Tensor.fromOp(matmul(a.data, w.data), 'mm', [a, w], (g) => [matmulTransposeB(g, w.data), matmulTransposeA(a.data, g)]),
  tanh: (x: Tensor): Tensor => {
    const t = tanh(x.data);
    return Tensor.fromOp(t, 'tanh', [x], (g) => [mul(g, tanhDerivFromOutput(t))]);
  },
  /** Sum of every element, as a [1] tensor. */
  total: (x: Tensor): Tensor =>
    Tensor.fromOp(new NDArray(Float64Array.of(sum(x.data)), [1]), 'total', [x], (g) => {
      const out = NDArray.zeros(x.data.shape);
      out.data.fill(g.data[0]);
      return [out];
    }),
};

/** A trainable tensor (requiresGrad) holding `data`. */
export function leaf(data: NDArray): Tensor {
  return new Tensor(data, { requiresGrad: true });
}

/** Options of {@link checkTensorGradients}. */
export interface TensorGradOptions {
  /** Seed of the random upstream gradient. */
  seed?: number;
  /** Largest relative error per element (default 1e-6). */
  threshold?: number;
  /** Absolute differences up to this pass (default 1e-8). */
  atol?: number;
  /** The backward to test (default `loss.backward(g)`), e.g. the book's engine. */
  backward?: (loss: Tensor, upstream: NDArray) => void;
  label?: string;
}

/**
 * Builds the graph with `compute()`, backpropagates a random upstream gradient g, and checks each
 * tensor of `wrt` against the centered difference of `sum(g * compute().data)` with respect to its
 * data (perturbed in place and restored). Throws, naming the worst elements, on a mismatch.
 */
export function checkTensorGradients(compute: () => Tensor, wrt: readonly Tensor[], options: TensorGradOptions = {}): void {
  for (const t of wrt) t.grad = null;
  const output = compute();
  const upstream = new RandomState(options.seed ?? 0).randn(output.data.shape);
  (options.backward ?? ((loss, g) => loss.backward(g)))(output, upstream);
  const threshold = options.threshold ?? 1e-6;
  const atol = options.atol ?? 1e-8;
  const problems: string[] = [];
  wrt.forEach((t, k) => {
    const numeric = numericGradient(() => {
      const y = compute().data;
      let s = 0;
      for (let i = 0; i < y.size; i++) s += upstream.data[i] * y.data[i];
      return s;
    }, t.data);
    const analytic = t.grad;
    if (analytic === null) {
      problems.push(`  tensor ${k} ${formatShape(t.data.shape)} received no gradient (grad is null)`);
      return;
    }
    if (analytic.size !== numeric.size) {
      problems.push(`  tensor ${k}: gradient ${formatShape(analytic.shape)} for data ${formatShape(t.data.shape)}`);
      return;
    }
    for (let i = 0; i < numeric.size; i++) {
      const a = analytic.data[i];
      const n = numeric.data[i];
      const err = relativeError(a, n);
      if (!(err <= threshold) && !(Math.abs(a - n) <= atol)) {
        problems.push(`  tensor ${k} ${formatShape(t.data.shape)} element ${i}: backward ${a}, finite differences ${n} (relative error ${err.toExponential(2)})`);
        break;
      }
    }
  });
  if (problems.length > 0) {
    throw new Error(`${options.label ? `${options.label}: ` : ''}gradients disagree with finite differences\n${problems.join('\n')}`);
  }
}

/** A small random matrix [rows, cols] with values in [-1, 1]. */
export function randomMatrix(rng: RandomState, rows: number, cols: number): NDArray {
  return rng.uniform([rows, cols], -1, 1);
}

/** Shapes of 1 to 3 dimensions, each side 1 to 4. */
export const smallShape = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 });

/** An array of a small random shape with values in [-2, 2]. */
export const smallArray = arrayArb(smallShape, { min: -2, max: 2 });

/**
 * An RNN unrolled `steps` steps over the reference ops, with a loss at EVERY step, summed:
 * `h_t = tanh(x_t W + h_{t-1} U)`, `loss = Σ_t total(h_t V ⊙ y_t)`. Each hidden state feeds the
 * next step and its own loss: the fan-out the book's engine gets wrong.
 */
export function unrolledRnnLoss(inputs: readonly Tensor[], targets: readonly Tensor[], w: Tensor, u: Tensor, v: Tensor, h0: Tensor): Tensor {
  let hidden = h0;
  let loss: Tensor | null = null;
  inputs.forEach((x, t) => {
    hidden = ref.tanh(ref.add(ref.mm(x, w), ref.mm(hidden, u)));
    const stepLoss = ref.total(ref.mul(ref.mm(hidden, v), targets[t]));
    loss = loss === null ? stepLoss : ref.add(loss, stepLoss);
  });
  if (loss === null) throw new Error('unrolledRnnLoss: no steps');
  return loss;
}
