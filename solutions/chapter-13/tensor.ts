/**
 * Chapter 13: a tensor that remembers how it was made, and backpropagates through that record.
 *
 * Every op builds its output with {@link Tensor.fromOp}: the result's data, the tensors it was
 * made from (its creators), the op's name, and the op's LOCAL backward: a small function that
 * turns the gradient arriving at the output into one gradient per creator. The forward rule and
 * its derivative sit side by side in each method. {@link Tensor.backward} (the engine) walks the
 * graph from the loss in reverse topological order, adds up every gradient a tensor receives,
 * and calls each local backward exactly once, when its output's gradient is complete.
 *
 * TypeScript has no operator overloading, so the book's `a + b` is `a.add(b)`.
 */
import {
  NDArray,
  add,
  copy,
  formatShape,
  gatherRows,
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  mul,
  neg,
  ones,
  relu,
  reluDerivFromOutput,
  reshape,
  sameShape,
  scatterAddRows,
  sigmoid,
  sigmoidDerivFromOutput,
  softmax,
  sub,
  sum,
  tanh,
  tanhDerivFromOutput,
  transpose,
  zeros,
  type Nested,
  type Shape,
} from '../../kernels';

/**
 * An op's local backward: given the gradient of the loss with respect to the op's output, the
 * gradient with respect to each creator, in the order of `creators` (each of its creator's shape).
 */
export type LocalBackward = (grad: NDArray) => readonly NDArray[];

/** Options of the {@link Tensor} constructor. */
export interface TensorOptions {
  /** Track this tensor in the graph and give it a gradient (the book's `autograd`). Default false. */
  requiresGrad?: boolean;
}

/** What an op records on the tensor it creates (see {@link Tensor.fromOp}). */
export interface GraphRecord {
  readonly op: string;
  readonly creators: readonly Tensor[];
  readonly localBackward: LocalBackward;
}

/** Row indices for {@link Tensor.indexSelect}: a list, a typed array, or a matrix of them. */
export type IndexList = readonly number[] | Int32Array | readonly (readonly number[])[];

let creationListener: ((tensor: Tensor) => void) | null = null;

/**
 * Calls `listener` with every Tensor constructed from now on (null stops it). The course uses
 * it only for `--faithful`: the book gives each tensor a random id drawn from NumPy's generator,
 * and those draws must happen at the same moments for the book's numbers to reproduce.
 */
export function setTensorCreationListener(listener: ((tensor: Tensor) => void) | null): void {
  creationListener = listener;
}

function checkSameShape(op: string, a: Tensor, b: Tensor): void {
  if (!sameShape(a.data.shape, b.data.shape)) {
    throw new Error(
      `${op}: shapes ${formatShape(a.data.shape)} and ${formatShape(b.data.shape)} differ ` +
        '(the framework does not broadcast: repeat a tensor with expand first)',
    );
  }
}

function checkDim(op: string, dim: number, ndim: number, shape: Shape): void {
  if (!Number.isInteger(dim) || dim < 0 || dim > ndim) {
    throw new Error(`${op}: dim ${dim} is out of range for shape ${formatShape(shape)}`);
  }
}

/** Flattens an index list and returns it with the shape of the index structure. */
function flattenIndices(op: string, indices: IndexList, rows: number): { flat: number[]; shape: number[] } {
  let flat: number[];
  let shape: number[];
  if (indices.length > 0 && Array.isArray(indices[0])) {
    const matrix = indices as readonly (readonly number[])[];
    const width = matrix[0].length;
    flat = [];
    for (const line of matrix) {
      if (!Array.isArray(line) || line.length !== width) {
        throw new Error(`${op}: the index matrix is ragged (rows of ${width} and ${Array.isArray(line) ? line.length : 'a number'})`);
      }
      flat.push(...line);
    }
    shape = [matrix.length, width];
  } else {
    flat = Array.from(indices as ArrayLike<number>);
    shape = [flat.length];
  }
  flat.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v >= rows) {
      throw new Error(`${op}: index ${v} at position ${i} is out of range for a tensor of ${rows} rows`);
    }
  });
  return { flat, shape };
}

/**
 * Exercise 13.4 (helper): `copies` copies of `x` stacked along a new axis at position `dim`,
 * so `[2,3]` expanded at dim 0 is `[copies,2,3]` and at dim 2 is `[2,3,copies]` (each element
 * repeated). The book's `expand`, as an array function.
 */
export function repeatAlong(x: NDArray, dim: number, copies: number): NDArray {
  // #region solution 13.4
  let outer = 1;
  for (let i = 0; i < dim; i++) outer *= x.shape[i];
  let inner = 1;
  for (let i = dim; i < x.ndim; i++) inner *= x.shape[i];
  const result = zeros([...x.shape.slice(0, dim), copies, ...x.shape.slice(dim)]);
  for (let o = 0; o < outer; o++) {
    const source = x.data.subarray(o * inner, (o + 1) * inner);
    for (let c = 0; c < copies; c++) result.data.set(source, (o * copies + c) * inner);
  }
  return result;
  // #endregion
}

/**
 * Exercise 13.2 (part 1): every tensor that `root` depends on through tensors that require
 * gradients, each once, creators before the tensors made from them, `root` last (a topological
 * order). Written WITHOUT recursion (an explicit stack), so a chain of 50,000 ops cannot
 * overflow the call stack. Tensors are told apart by reference, not by ids.
 * @example topologicalOrder(a.add(b).mul(a)) // [a, b, a+b, (a+b)*a] (a and b in either order)
 */
export function topologicalOrder(root: Tensor): Tensor[] {
  // #region solution 13.2
  const order: Tensor[] = [];
  const visited = new Set<Tensor>([root]);
  // Each frame is a tensor and the index of the next creator to visit; a tensor is emitted when
  // all its creators have been, which is exactly when a recursive post-order would return.
  const stack: Array<{ tensor: Tensor; next: number }> = [{ tensor: root, next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.tensor.creators.length) {
      const creator = frame.tensor.creators[frame.next++];
      if (creator.requiresGrad && !visited.has(creator)) {
        visited.add(creator);
        stack.push({ tensor: creator, next: 0 });
      }
    } else {
      stack.pop();
      order.push(frame.tensor);
    }
  }
  return order;
  // #endregion
}

/**
 * A float64 tensor over the course's NDArray, with reverse-mode automatic differentiation.
 * @example
 * const x = new Tensor([[1, 2, 3]], { requiresGrad: true });
 * const loss = x.mul(x).sum(1);  // [14]
 * loss.backward();
 * x.grad; // [[2, 4, 6]]
 */
export class Tensor {
  /** The values. Optimizers update them in place; ops never do. */
  readonly data: NDArray;
  /**
   * The gradient of the loss with respect to this tensor, summed over every `backward` call since
   * it was last zeroed; null until a backward pass reaches it.
   */
  grad: NDArray | null = null;
  /** Whether ops on this tensor build a graph and backward gives it a gradient (the book's `autograd`). */
  readonly requiresGrad: boolean;
  /** The tensors this one was computed from (empty for inputs, parameters and untracked results). */
  readonly creators: readonly Tensor[];
  /** The op that made this tensor ('add', 'mm', 'sum_0', 'expand_1', ...), null for a leaf. */
  readonly op: string | null;
  /** The op's local backward (see {@link LocalBackward}); null for a leaf. */
  readonly localBackward: LocalBackward | null;

  /**
   * A tensor holding `data` (an NDArray, used as is, or nested arrays of numbers).
   * The third argument is for {@link Tensor.fromOp}; ops pass it, users do not.
   */
  constructor(data: NDArray | Nested, options: TensorOptions = {}, record?: GraphRecord) {
    this.data = data instanceof NDArray ? data : NDArray.fromNested(data);
    this.requiresGrad = options.requiresGrad ?? false;
    this.creators = record?.creators ?? [];
    this.op = record?.op ?? null;
    this.localBackward = record?.localBackward ?? null;
    creationListener?.(this);
  }

  /**
   * The result of an op: tracked (with its creators, op name and local backward) when any
   * creator requires gradients, a plain untracked tensor otherwise, so computing with inputs
   * that need no gradient builds no graph.
   */
  static fromOp(data: NDArray, op: string, creators: readonly Tensor[], localBackward: LocalBackward): Tensor {
    if (!creators.some((c) => c.requiresGrad)) return new Tensor(data);
    return new Tensor(data, { requiresGrad: true }, { op, creators, localBackward });
  }

  /** The values as nested arrays (for printing and tests). */
  toNested(): Nested {
    return this.data.toNested();
  }

  /**
   * Exercise 13.1: elementwise `this + other` (same shapes). The gradient of a sum passes
   * unchanged to both terms.
   * @throws `add: shapes [2,3] and [3] differ ...` when the shapes differ
   */
  add(other: Tensor): Tensor {
    // #region solution 13.1
    checkSameShape('add', this, other);
    return Tensor.fromOp(add(this.data, other.data), 'add', [this, other], (grad) => [grad, grad]);
    // #endregion
  }

  /** Exercise 13.3: elementwise `-this`; the gradient is negated. */
  neg(): Tensor {
    // #region solution 13.3
    return Tensor.fromOp(neg(this.data), 'neg', [this], (grad) => [neg(grad)]);
    // #endregion
  }

  /**
   * Exercise 13.3: elementwise `this - other` (same shapes); `this` gets the gradient, `other`
   * its negation.
   * @throws `sub: shapes ... differ` when the shapes differ
   */
  sub(other: Tensor): Tensor {
    // #region solution 13.3
    checkSameShape('sub', this, other);
    return Tensor.fromOp(sub(this.data, other.data), 'sub', [this, other], (grad) => [grad, neg(grad)]);
    // #endregion
  }

  /**
   * Exercise 13.3: elementwise `this * other` (same shapes); each factor's gradient is the
   * upstream gradient times the OTHER factor.
   * @throws `mul: shapes ... differ` when the shapes differ
   */
  mul(other: Tensor): Tensor {
    // #region solution 13.3
    checkSameShape('mul', this, other);
    return Tensor.fromOp(mul(this.data, other.data), 'mul', [this, other], (grad) => [
      mul(grad, other.data),
      mul(grad, this.data),
    ]);
    // #endregion
  }

  /**
   * Exercise 13.4: the sum along axis `dim`, which disappears (`[2,3].sum(0)` is `[3]`). Its
   * backward copies the gradient back along that axis: `expand`.
   * @throws `sum: dim 2 is out of range for shape [2,3]`
   */
  sum(dim: number): Tensor {
    // #region solution 13.4
    const shape = this.data.shape;
    if (!Number.isInteger(dim) || dim < 0 || dim >= shape.length) {
      throw new Error(`sum: dim ${dim} is out of range for shape ${formatShape(shape)}`);
    }
    return Tensor.fromOp(sum(this.data, dim), `sum_${dim}`, [this], (grad) => [repeatAlong(grad, dim, shape[dim])]);
    // #endregion
  }

  /**
   * Exercise 13.4: `copies` copies along a new axis at `dim` (see {@link repeatAlong}). Its
   * backward sums the gradient over the copies: `sum`.
   * @throws `expand: dim 3 is out of range for shape [2,3]` (dim may be 0..ndim)
   */
  expand(dim: number, copies: number): Tensor {
    // #region solution 13.4
    checkDim('expand', dim, this.data.ndim, this.data.shape);
    if (!Number.isInteger(copies) || copies < 0) {
      throw new Error(`expand: copies ${copies} must be a non-negative integer (shape ${formatShape(this.data.shape)})`);
    }
    return Tensor.fromOp(repeatAlong(this.data, dim, copies), `expand_${dim}`, [this], (grad) => [sum(grad, dim)]);
    // #endregion
  }

  /** Exercise 13.5: the transpose (axes reversed, so a matrix's rows become columns). */
  transpose(): Tensor {
    // #region solution 13.5
    return Tensor.fromOp(transpose(this.data), 'transpose', [this], (grad) => [transpose(grad)]);
    // #endregion
  }

  /**
   * Exercise 13.5: the matrix product `this · other` of an [m,k] and a [k,n] matrix. With
   * `Y = A W` and upstream G: `dA = G Wᵀ`, `dW = Aᵀ G` (chapter 6's `layer_1_delta`).
   * @throws `mm: cannot multiply [2,3] by [4,5] (inner sizes 3 and 4 differ)`
   */
  mm(other: Tensor): Tensor {
    // #region solution 13.5
    const [a, w] = [this.data, other.data];
    if (a.ndim !== 2 || w.ndim !== 2 || a.shape[1] !== w.shape[0]) {
      throw new Error(
        `mm: cannot multiply ${formatShape(a.shape)} by ${formatShape(w.shape)}` +
          (a.ndim === 2 && w.ndim === 2 ? ` (inner sizes ${a.shape[1]} and ${w.shape[0]} differ)` : ' (both must be matrices)'),
      );
    }
    return Tensor.fromOp(matmul(a, w), 'mm', [this, other], (grad) => [matmulTransposeB(grad, w), matmulTransposeA(a, grad)]);
    // #endregion
  }

  /** Exercise 13.8: the sigmoid of every element; its slope `s (1 - s)` comes from the output. */
  sigmoid(): Tensor {
    // #region solution 13.8
    const output = sigmoid(this.data);
    return Tensor.fromOp(output, 'sigmoid', [this], (grad) => [mul(grad, sigmoidDerivFromOutput(output))]);
    // #endregion
  }

  /** Exercise 13.8: tanh of every element; its slope `1 - t²` comes from the output. */
  tanh(): Tensor {
    // #region solution 13.8
    const output = tanh(this.data);
    return Tensor.fromOp(output, 'tanh', [this], (grad) => [mul(grad, tanhDerivFromOutput(output))]);
    // #endregion
  }

  /** Exercise 13.8: `max(0, x)` of every element; the gradient passes where the output is positive. */
  relu(): Tensor {
    // #region solution 13.8
    const output = relu(this.data);
    return Tensor.fromOp(output, 'relu', [this], (grad) => [mul(grad, reluDerivFromOutput(output))]);
    // #endregion
  }

  /**
   * Exercise 13.10: rows of this 2-D tensor: indices `[n]` give `[n, cols]`, an index matrix
   * `[r, c]` gives `[r, c, cols]` (NumPy's fancy indexing). The backward adds each incoming row
   * into the row it came from, so a row selected twice gets both gradients (scatter-add).
   * @throws `indexSelect: index 7 at position 1 is out of range for a tensor of 5 rows`
   */
  indexSelect(indices: IndexList): Tensor {
    // #region solution 13.10
    const table = this.data;
    if (table.ndim !== 2) throw new Error(`indexSelect: needs a 2-D tensor of rows, got shape ${formatShape(table.shape)}`);
    const { flat, shape } = flattenIndices('indexSelect', indices, table.shape[0]);
    const width = table.shape[1];
    const rows = reshape(gatherRows(table, flat), [...shape, width]);
    return Tensor.fromOp(rows, 'index_select', [this], (grad) => [
      scatterAddRows(zeros(table.shape), flat, reshape(grad, [flat.length, width])),
    ]);
    // #endregion
  }

  /**
   * Exercise 13.11: the softmax along the last axis, as a plain tensor with no graph (for
   * predictions and sampling; train with {@link Tensor.crossEntropy}, which fuses it with the loss).
   */
  softmax(): Tensor {
    // #region solution 13.11
    return new Tensor(softmax(this.data));
    // #endregion
  }

  /**
   * Exercise 13.11: the mean cross-entropy of the logits `[N, classes]` against one target class
   * per row: `-(1/N) Σ log softmax(z_i)[y_i]`, a 0-d tensor, computed without overflow. Fused
   * with the softmax, its gradient is `(softmax(z) - onehot(y)) / N`, times the upstream gradient.
   * @throws `crossEntropy: 3 targets for logits [4,5] (one per row)` and out-of-range targets
   */
  crossEntropy(targets: readonly number[] | Int32Array): Tensor {
    // #region solution 13.11
    const logits = this.data;
    if (logits.ndim !== 2) throw new Error(`crossEntropy: logits must be [N, classes], got ${formatShape(logits.shape)}`);
    const [n, classes] = logits.shape;
    if (targets.length !== n) {
      throw new Error(`crossEntropy: ${targets.length} targets for logits ${formatShape(logits.shape)} (one per row)`);
    }
    const probabilities = softmax(logits);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const t = targets[i];
      if (!Number.isInteger(t) || t < 0 || t >= classes) {
        throw new Error(`crossEntropy: target ${t} of row ${i} is not a class of logits ${formatShape(logits.shape)}`);
      }
      // -log softmax = log Σ e^(z - max) - (z_t - max): finite even where softmax underflows to 0.
      let max = -Infinity;
      for (let j = 0; j < classes; j++) max = Math.max(max, logits.data[i * classes + j]);
      let s = 0;
      for (let j = 0; j < classes; j++) s += Math.exp(logits.data[i * classes + j] - max);
      total += Math.log(s) - (logits.data[i * classes + t] - max);
    }
    const loss = new NDArray(Float64Array.of(total / n), []);
    return Tensor.fromOp(loss, 'cross_entropy', [this], (grad) => {
      const dLogits = copy(probabilities);
      for (let i = 0; i < n; i++) dLogits.data[i * classes + targets[i]] -= 1;
      return [mul(dLogits, grad.data[0] / n)];
    });
    // #endregion
  }

  /**
   * Exercise 13.2 (part 2): backpropagation from this tensor. Seeds it with `grad` (ones by
   * default), visits {@link topologicalOrder} in reverse, sums the gradients each tensor receives
   * from all its uses, and calls each op's local backward once, after its output's gradient is
   * complete. Every reached tensor's `grad` is then ADDED to (not replaced): calling backward
   * twice counts the loss twice; zero the gradients between steps (`SGD.step` does).
   * @throws when this tensor does not require gradients, or `grad` has another shape
   */
  backward(grad?: NDArray): void {
    // #region solution 13.2
    if (!this.requiresGrad) {
      throw new Error('backward: this tensor does not require gradients (create its inputs with { requiresGrad: true })');
    }
    if (grad !== undefined && !sameShape(grad.shape, this.data.shape)) {
      throw new Error(`backward: the gradient ${formatShape(grad.shape)} does not match the tensor ${formatShape(this.data.shape)}`);
    }
    const order = topologicalOrder(this);
    // This pass's gradients, kept apart from `.grad` so that gradients left from earlier passes
    // are never propagated a second time.
    const pending = new Map<Tensor, NDArray>([[this, grad ?? ones(this.data.shape)]]);
    for (let i = order.length - 1; i >= 0; i--) {
      const tensor = order[i];
      const total = pending.get(tensor);
      if (total === undefined) continue;
      pending.delete(tensor);
      tensor.grad = tensor.grad === null ? copy(total) : add(tensor.grad, total, tensor.grad);
      if (tensor.localBackward === null) continue;
      const creatorGrads = tensor.localBackward(total);
      tensor.creators.forEach((creator, k) => {
        if (!creator.requiresGrad) return;
        const before = pending.get(creator);
        pending.set(creator, before === undefined ? creatorGrads[k] : add(before, creatorGrads[k]));
      });
    }
    // #endregion
  }
}
