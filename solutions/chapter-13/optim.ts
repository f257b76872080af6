/**
 * Chapter 13: automatic optimization. With the gradients in each parameter's `.grad`, one
 * gradient-descent step is the same loop for every model.
 */
import { addScaled, formatShape } from '../../kernels';
import type { Tensor } from './tensor';

/** Plain stochastic gradient descent: `θ ← θ - α ∇θ` for every parameter. */
export class SGD {
  /** The tensors this optimizer updates. */
  readonly parameters: readonly Tensor[];
  /** The learning rate α. */
  alpha: number;

  /** An optimizer for `parameters` with learning rate `alpha`. */
  constructor(parameters: Tensor[], alpha: number) {
    this.parameters = [...parameters];
    this.alpha = alpha;
  }

  /**
   * Exercise 13.6: sets every parameter's gradient to zeros (parameters without a gradient yet
   * keep null), so the next backward starts from nothing.
   */
  zero(): void {
    // #region solution 13.6
    for (const p of this.parameters) p.grad?.data.fill(0);
    // #endregion
  }

  /**
   * Exercise 13.6: moves every parameter against its gradient, `data -= alpha * grad`, in place
   * (parameters that backward has not reached are left alone), then zeroes the gradients unless
   * `zero` is false.
   * @throws `SGD.step: parameter 1 has data [3] but gradient [2]` on mismatched shapes
   */
  step(zero = true): void {
    // #region solution 13.6
    this.parameters.forEach((p, i) => {
      if (p.grad === null) return;
      if (p.grad.size !== p.data.size) {
        throw new Error(`SGD.step: parameter ${i} has data ${formatShape(p.data.shape)} but gradient ${formatShape(p.grad.shape)}`);
      }
      addScaled(p.data, p.grad, -this.alpha, p.data);
    });
    if (zero) this.zero();
    // #endregion
  }
}
