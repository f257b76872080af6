/**
 * The book's autograd, kept for `--faithful` and for the tests that prove its errata. Nothing
 * here is an exercise: it is the engine the chapter teaches you NOT to write.
 *
 * The book gives every tensor a random id (`np.random.randint(0, 100000)`), counts, for each
 * tensor, the children that will send it a gradient (`children[id]`), and propagates a tensor's
 * gradient to its creators as soon as either all counted children have reported or a gradient
 * arrives with no origin. Only add, sub and mul say where a gradient comes from (C.6), so a
 * tensor used twice through any other op propagates a partial gradient, then the sum again:
 * gradients are counted twice, or an add/sub/mul parent raises "cannot backprop more than once".
 * The id draws consume the shared generator, so the book's numbers only reproduce when the same
 * draws happen in the same order (C.8): {@link BookEngine} makes them, at every construction.
 */
import { NDArray, RandomState, add, copy, div, exp, eye, formatShape, gatherRows, log, ones, sum } from '../../kernels';
import { Tensor, setTensorCreationListener } from './tensor';

/** The ops that pass themselves as `grad_origin` in the book's backward. */
const ORIGIN_OPS: ReadonlySet<string> = new Set(['add', 'sub', 'mul']);

/** One pending call of the book's recursive `backward(grad, grad_origin)`. */
interface BookCall {
  tensor: Tensor;
  grad: NDArray;
  origin: Tensor | null;
}

/**
 * The book's engine over the course's tensors. While installed, every Tensor constructed draws
 * an id from `rng` and registers itself as a child of its creators, exactly when the book's
 * constructor would.
 */
export class BookEngine {
  private readonly ids = new WeakMap<Tensor, number>();
  private readonly children = new WeakMap<Tensor, Map<number, number>>();

  constructor(private readonly rng: RandomState) {}

  /** Starts drawing ids for every new Tensor (call before building anything the run needs). */
  install(): this {
    setTensorCreationListener((tensor) => this.register(tensor));
    return this;
  }

  /** Stops drawing ids. */
  uninstall(): void {
    setTensorCreationListener(null);
  }

  /** The book's id of a tensor built while installed. */
  idOf(tensor: Tensor): number {
    const id = this.ids.get(tensor);
    if (id === undefined) throw new Error('BookEngine: this tensor was built before the engine was installed');
    return id;
  }

  private register(tensor: Tensor): void {
    const id = this.rng.randint(0, 100000);
    this.ids.set(tensor, id);
    this.children.set(tensor, new Map());
    for (const creator of tensor.creators) {
      const counts = this.children.get(creator);
      if (counts !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }

  /**
   * The book's `loss.backward(grad)`: the recursion unrolled onto an explicit stack in the same
   * order (first creator first), so the gradients add up in the book's order.
   * @throws `cannot backprop more than once` where the book raises it
   */
  backward(root: Tensor, grad?: NDArray): void {
    const stack: BookCall[] = [{ tensor: root, grad: grad ?? ones(root.data.shape), origin: null }];
    while (stack.length > 0) {
      const { tensor, grad: incoming, origin } = stack.pop() as BookCall;
      if (!tensor.requiresGrad) continue;
      const counts = this.children.get(tensor) ?? new Map<number, number>();
      if (origin !== null) {
        const originId = this.idOf(origin);
        if ((counts.get(originId) ?? 0) === 0) throw new Error('cannot backprop more than once');
        counts.set(originId, (counts.get(originId) as number) - 1);
      }
      tensor.grad = tensor.grad === null ? copy(incoming) : add(tensor.grad, incoming);
      const accountedFor = [...counts.values()].every((count) => count === 0);
      if (tensor.localBackward === null || !(accountedFor || origin === null)) continue;
      // C.5: index_select backpropagates the gradient of this call, not the accumulated one.
      const upstream = tensor.op === 'index_select' ? incoming : tensor.grad;
      const creatorGrads = tensor.localBackward(upstream);
      const passOrigin = tensor.op !== null && ORIGIN_OPS.has(tensor.op) ? tensor : null;
      for (let k = tensor.creators.length - 1; k >= 0; k--) {
        stack.push({ tensor: tensor.creators[k], grad: creatorGrads[k], origin: passOrigin });
      }
    }
  }
}

/**
 * The book's `cross_entropy`: softmax without the max shift, the mean negative log-likelihood
 * as the loss, and a backward that returns `softmax - onehot` whatever the upstream gradient
 * and without the 1/N of the mean (C.4), so its gradient is N times that of the printed loss.
 */
export function bookCrossEntropy(logits: Tensor, targets: readonly number[]): Tensor {
  const z = logits.data;
  if (z.ndim !== 2 || z.shape[0] !== targets.length) {
    throw new Error(`bookCrossEntropy: logits ${formatShape(z.shape)} need one target per row, got ${targets.length}`);
  }
  const temp = exp(z);
  const softmaxOutput = div(temp, sum(temp, 1, { keepDims: true }));
  const targetDist = gatherRows(eye(z.shape[1]), targets);
  const logP = log(softmaxOutput);
  let total = 0;
  for (let i = 0; i < targets.length; i++) {
    let row = 0;
    for (let j = 0; j < z.shape[1]; j++) row += logP.data[i * z.shape[1] + j] * targetDist.data[i * z.shape[1] + j];
    total += row;
  }
  const loss = new NDArray(Float64Array.of(-(total / targets.length)), []);
  return Tensor.fromOp(loss, 'cross_entropy', [logits], () => {
    const g = copy(softmaxOutput);
    for (let i = 0; i < g.size; i++) g.data[i] -= targetDist.data[i];
    return [g];
  });
}
