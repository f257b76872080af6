/**
 * Chapter 13: layers. A layer is a forward function plus the tensors it learns; `parameters()`
 * is the only protocol, so containers and optimizers never need to know what is inside.
 * Every layer is built from the ops of ./tensor, so backward through a layer needs no new code.
 */
import { NDArray, RandomState, div, formatShape, mul, sub, zeros } from '../../kernels';
import { Tensor, type IndexList } from './tensor';
import { NotImplementedError } from '../../kernels/not-implemented';

/** Something with a forward pass and (possibly no) learnable tensors. */
export abstract class Layer {
  /** The tensors an optimizer should update, in a fixed order. */
  parameters(): Tensor[] {
    return [];
  }

  /** The book's `get_parameters()`: the same as {@link Layer.parameters}. */
  getParameters(): Tensor[] {
    return this.parameters();
  }

  /** The layer's output for the given input(s). */
  abstract forward(...inputs: Tensor[]): Tensor;
}

/**
 * A fully connected layer `input · weight + bias`. The weight is drawn as
 * `randn(nInputs, nOutputs) * sqrt(2 / nInputs)` (He initialisation), the bias starts at zero.
 */
export class Linear extends Layer {
  weight: Tensor;
  bias: Tensor | null;

  /** Draws the weight from `rng` (one `randn` call, as the book). `bias: false` leaves it out. */
  constructor(nInputs: number, nOutputs: number, rng: RandomState, options: { bias?: boolean } = {}) {
    super();
    this.weight = new Tensor(mul(rng.randn([nInputs, nOutputs]), Math.sqrt(2.0 / nInputs)), { requiresGrad: true });
    this.bias = options.bias === false ? null : new Tensor(zeros([nOutputs]), { requiresGrad: true });
  }

  /** Exercise 13.7: the weight, then the bias if there is one. */
  override parameters(): Tensor[] {
    // #region solution 13.7
    throw new NotImplementedError('13.7', 'Linear', 'chapters/chapter-13/README.md#exercise-13-7');
    // #endregion
  }

  /**
   * Exercise 13.7: `input · weight`, plus the bias expanded to one copy per row of the batch.
   * @throws `mm: cannot multiply ...` when the input has the wrong width
   */
  forward(input: Tensor): Tensor {
    // #region solution 13.7
    throw new NotImplementedError('13.7', 'Linear', 'chapters/chapter-13/README.md#exercise-13-7');
    // #endregion
  }
}

/** Layers applied one after another; its parameters are theirs, in order. */
export class Sequential extends Layer {
  readonly layers: Layer[];

  constructor(layers: Layer[] = []) {
    super();
    this.layers = [...layers];
  }

  /** Appends a layer (the book's `add`). */
  add(layer: Layer): void {
    this.layers.push(layer);
  }

  /** Exercise 13.7: every layer's parameters, concatenated in layer order. */
  override parameters(): Tensor[] {
    // #region solution 13.7
    throw new NotImplementedError('13.7', 'Linear', 'chapters/chapter-13/README.md#exercise-13-7');
    // #endregion
  }

  /** Exercise 13.7: feeds the input through every layer in turn. */
  forward(input: Tensor): Tensor {
    // #region solution 13.7
    throw new NotImplementedError('13.7', 'Linear', 'chapters/chapter-13/README.md#exercise-13-7');
    // #endregion
  }
}

/** The tanh nonlinearity as a layer (no parameters). */
export class Tanh extends Layer {
  /** Exercise 13.9: `input.tanh()`. */
  forward(input: Tensor): Tensor {
    // #region solution 13.9
    throw new NotImplementedError('13.9', 'MSELoss', 'chapters/chapter-13/README.md#exercise-13-9');
    // #endregion
  }
}

/** The sigmoid nonlinearity as a layer (no parameters). */
export class Sigmoid extends Layer {
  /** Exercise 13.9: `input.sigmoid()`. */
  forward(input: Tensor): Tensor {
    // #region solution 13.9
    throw new NotImplementedError('13.9', 'MSELoss', 'chapters/chapter-13/README.md#exercise-13-9');
    // #endregion
  }
}

/** The relu nonlinearity as a layer, the one the book leaves as an exercise (no parameters). */
export class Relu extends Layer {
  /** Exercise 13.9: `input.relu()`. */
  forward(input: Tensor): Tensor {
    // #region solution 13.9
    throw new NotImplementedError('13.9', 'MSELoss', 'chapters/chapter-13/README.md#exercise-13-9');
    // #endregion
  }
}

/**
 * The book's mean squared error layer, which is a SUM: `Σ_batch (prediction - target)²` along
 * the batch axis, then over the remaining axes, so a `[N, 1]` prediction gives a `[1]` loss (a
 * `[N, k]` one gives a 0-d loss).
 */
export class MSELoss {
  /**
   * Exercise 13.9: the summed squared error, built from sub, mul and sum.
   * @throws `MSELoss: prediction [4,1] and target [4] must have the same shape`
   */
  forward(prediction: Tensor, target: Tensor): Tensor {
    // #region solution 13.9
    throw new NotImplementedError('13.9', 'MSELoss', 'chapters/chapter-13/README.md#exercise-13-9');
    // #endregion
  }
}

/**
 * A table of `vocabSize` learned vectors of `dim` numbers, one per word; forward looks rows up.
 * Initialised as word2vec does: `(rand(vocabSize, dim) - 0.5) / dim`.
 */
export class Embedding extends Layer {
  weight: Tensor;

  /** Draws the table from `rng` (one `rand` call, as the book). */
  constructor(vocabSize: number, dim: number, rng: RandomState) {
    super();
    const uniform: NDArray = rng.random([vocabSize, dim]);
    this.weight = new Tensor(div(sub(uniform, 0.5), dim), { requiresGrad: true });
  }

  /** Exercise 13.12: the table. */
  override parameters(): Tensor[] {
    // #region solution 13.12
    throw new NotImplementedError('13.12', 'Embedding', 'chapters/chapter-13/README.md#exercise-13-12');
    // #endregion
  }

  /**
   * Exercise 13.12: the rows of the words at `indices` (`[n]` gives `[n, dim]`, `[r, c]` gives
   * `[r, c, dim]`), by `indexSelect`, so backward adds into exactly those rows.
   * The index list may also be given as a Tensor of integers (as the book passes it).
   */
  forward(indices: IndexList | Tensor): Tensor {
    // #region solution 13.12
    throw new NotImplementedError('13.12', 'Embedding', 'chapters/chapter-13/README.md#exercise-13-12');
    // #endregion
  }
}

/** The integer values of a 1-D or 2-D tensor as an index list. */
function indexListOf(indices: Tensor): IndexList {
  const nested = indices.toNested();
  if (typeof nested === 'number') throw new Error('Embedding: indices must be 1-D or 2-D, got a 0-d tensor');
  return nested as readonly number[] | readonly (readonly number[])[];
}

/** The fused softmax + cross-entropy loss, as a layer. Feed it logits, never a softmax. */
export class CrossEntropyLoss {
  /** Exercise 13.12: `prediction.crossEntropy(targets)`, the mean over the batch. */
  forward(prediction: Tensor, targets: readonly number[] | Int32Array): Tensor {
    // #region solution 13.12
    throw new NotImplementedError('13.12', 'Embedding', 'chapters/chapter-13/README.md#exercise-13-12');
    // #endregion
  }
}

/** The activations an {@link RNNCell} can use. */
export type RnnActivation = 'sigmoid' | 'tanh';

/**
 * One recurrent cell: `hidden' = act(input · W_ih + b_ih + hidden · W_hh + b_hh)` and
 * `output = hidden' · W_ho + b_ho`, from three Linear layers drawn in that order.
 */
export class RNNCell extends Layer {
  readonly nHidden: number;
  readonly wIh: Linear;
  readonly wHh: Linear;
  readonly wHo: Linear;
  readonly activation: Layer;

  /** @throws `RNNCell: activation must be 'sigmoid' or 'tanh', got 'relu'` */
  constructor(nInputs: number, nHidden: number, nOutput: number, activation: RnnActivation, rng: RandomState) {
    super();
    if (activation !== 'sigmoid' && activation !== 'tanh') {
      throw new Error(`RNNCell: activation must be 'sigmoid' or 'tanh', got '${String(activation)}'`);
    }
    this.nHidden = nHidden;
    // The book's `self.activation == Tanh()` compares instead of assigning (C.10); we assign.
    this.activation = activation === 'sigmoid' ? new Sigmoid() : new Tanh();
    this.wIh = new Linear(nInputs, nHidden, rng);
    this.wHh = new Linear(nHidden, nHidden, rng);
    this.wHo = new Linear(nHidden, nOutput, rng);
  }

  /** Exercise 13.13: the three layers' parameters, W_ih's first, then W_hh's, then W_ho's. */
  override parameters(): Tensor[] {
    // #region solution 13.13
    throw new NotImplementedError('13.13', 'RNNCell', 'chapters/chapter-13/README.md#exercise-13-13');
    // #endregion
  }

  /**
   * Exercise 13.13: one time step: the new hidden state from the input and the previous hidden
   * state, and the output read from the new hidden state.
   */
  step(input: Tensor, hidden: Tensor): { output: Tensor; hidden: Tensor } {
    // #region solution 13.13
    throw new NotImplementedError('13.13', 'RNNCell', 'chapters/chapter-13/README.md#exercise-13-13');
    // #endregion
  }

  /** The output of one {@link RNNCell.step} (use `step` to get the new hidden state too). */
  forward(input: Tensor, hidden: Tensor): Tensor {
    return this.step(input, hidden).output;
  }

  /** A zero hidden state `[batchSize, nHidden]` that takes part in the graph, as the book's. */
  initHidden(batchSize: number): Tensor {
    return new Tensor(zeros([batchSize, this.nHidden]), { requiresGrad: true });
  }
}
