/**
 * Chapter 14: the book's LSTMCell (L14.8-L14.9), built from chapter 13's framework: nine Linear
 * layers and the framework's sigmoid, tanh, add and mul, so autograd derives its backward pass.
 */
import { NDArray, RandomState, zeros } from '../../kernels';
import { Layer, Linear } from '../../solutions/chapter-13/layers';
import { Tensor } from '../../solutions/chapter-13/tensor';
import type { LSTMWeights } from '../../solutions/chapter-14/lstm-window';
import { NotImplementedError } from '../../kernels/not-implemented';

/** The LSTM's two state tensors, each [batch, nHidden]. */
export interface LSTMCellState {
  readonly h: Tensor;
  readonly c: Tensor;
}

/** Writes `blocks` side by side as the columns of one [rows, blocks * width] array. */
function sideBySide(blocks: readonly NDArray[]): NDArray {
  const [rows, width] = blocks[0].shape.length === 2 ? blocks[0].shape : [1, blocks[0].shape[0]];
  const out = zeros(blocks[0].shape.length === 2 ? [rows, width * blocks.length] : [width * blocks.length]);
  blocks.forEach((block, k) => {
    for (let r = 0; r < rows; r++) out.data.set(block.data.subarray(r * width, (r + 1) * width), r * width * blocks.length + k * width);
  });
  return out;
}

/**
 * The book's LSTM cell: four input layers with bias (xf, xi, xo, xc), four hidden layers without
 * (hf, hi, ho, hc) and an output layer without bias (w_ho), drawn from `rng` in that order.
 */
export class LSTMCell extends Layer {
  readonly nHidden: number;
  readonly xf: Linear;
  readonly xi: Linear;
  readonly xo: Linear;
  readonly xc: Linear;
  readonly hf: Linear;
  readonly hi: Linear;
  readonly ho: Linear;
  readonly hc: Linear;
  readonly wHo: Linear;

  constructor(nInputs: number, nHidden: number, nOutput: number, rng: RandomState) {
    super();
    this.nHidden = nHidden;
    this.xf = new Linear(nInputs, nHidden, rng);
    this.xi = new Linear(nInputs, nHidden, rng);
    this.xo = new Linear(nInputs, nHidden, rng);
    this.xc = new Linear(nInputs, nHidden, rng);
    this.hf = new Linear(nHidden, nHidden, rng, { bias: false });
    this.hi = new Linear(nHidden, nHidden, rng, { bias: false });
    this.ho = new Linear(nHidden, nHidden, rng, { bias: false });
    this.hc = new Linear(nHidden, nHidden, rng, { bias: false });
    this.wHo = new Linear(nHidden, nOutput, rng, { bias: false });
  }

  /** Every layer's parameters in the book's order: xf, xi, xo, xc, hf, hi, ho, hc, w_ho. */
  override parameters(): Tensor[] {
    return [this.xf, this.xi, this.xo, this.xc, this.hf, this.hi, this.ho, this.hc, this.wHo].flatMap((layer) => layer.parameters());
  }

  /**
   * Exercise 14.4: one time step of the LSTM, from framework ops only:
   * `f = sigmoid(xf(x) + hf(h))`, `i = sigmoid(xi(x) + hi(h))`, `o = sigmoid(xo(x) + ho(h))`,
   * `g = tanh(xc(x) + hc(h))`, `c' = f * c + i * g`, `h' = o * tanh(c')`, `output = w_ho(h')`.
   * Every tensor is used through the graph, so one `backward` on a loss summed over many steps
   * reaches every weight exactly (the chapter 13 engine's topological order handles the fan-out
   * that broke the book's engine, C.7).
   * @example cell.step(embedded, cell.initHidden(16)).output // [16, nOutput]
   */
  step(input: Tensor, state: LSTMCellState): { output: Tensor; state: LSTMCellState } {
    // #region solution 14.4
    throw new NotImplementedError('14.4', 'LSTMCell', 'chapters/chapter-14/README.md#exercise-14-4');
    // #endregion
  }

  /** The output of one {@link LSTMCell.step} from (input, h, c). */
  forward(input: Tensor, h: Tensor, c: Tensor): Tensor {
    return this.step(input, { h, c }).output;
  }

  /** The book's initial state: zeros with the first unit of h and of c at 1. */
  initHidden(batchSize: number): LSTMCellState {
    const h = zeros([batchSize, this.nHidden]);
    const c = zeros([batchSize, this.nHidden]);
    for (let b = 0; b < batchSize; b++) {
      h.data[b * this.nHidden] = 1;
      c.data[b * this.nHidden] = 1;
    }
    return { h: new Tensor(h, { requiresGrad: true }), c: new Tensor(c, { requiresGrad: true }) };
  }

  /** The same weights fused by gate for lstm-window.ts (copies: the cell is not changed). */
  windowWeights(): LSTMWeights {
    const bias = (layer: Linear): NDArray => (layer.bias ? layer.bias.data : zeros([this.nHidden]));
    return {
      wx: sideBySide([this.xf, this.xi, this.xo, this.xc].map((l) => l.weight.data)),
      b: sideBySide([this.xf, this.xi, this.xo, this.xc].map(bias)),
      wh: sideBySide([this.hf, this.hi, this.ho, this.hc].map((l) => l.weight.data)),
      wOut: sideBySide([this.wHo.weight.data]),
    };
  }
}
