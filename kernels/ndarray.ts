/**
 * The course's n-dimensional array: a shape and a contiguous, row-major Float64Array.
 *
 * Float64 keeps gradient checks exact and matches NumPy's default dtype, so the book's printed
 * numbers can be reproduced digit for digit. There are no strides and no views: every array owns
 * its data, which keeps every kernel a plain loop over `data`.
 */
export type Shape = readonly number[];

/** A nested array of numbers of any depth, as accepted by {@link NDArray.fromNested}. */
export type Nested = number | readonly Nested[];

/** Number of elements of an array with the given shape (1 for a scalar shape `[]`). */
export function shapeSize(shape: Shape): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** `[2,3]`-style text for error messages. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

function checkShape(op: string, shape: Shape): void {
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0) {
      throw new Error(`${op}: shape ${formatShape(shape)} must hold non-negative integers`);
    }
  }
}

/** An n-dimensional float64 array in row-major order. */
export class NDArray {
  /** Sizes of each dimension, outermost first. */
  readonly shape: Shape;
  /** The elements in row-major order; `data.length` equals the product of `shape`. */
  readonly data: Float64Array;

  /**
   * Wraps existing data (no copy).
   * @throws if `data.length` does not match the shape.
   */
  constructor(data: Float64Array, shape: Shape) {
    checkShape('NDArray', shape);
    if (data.length !== shapeSize(shape)) {
      throw new Error(
        `NDArray: ${data.length} values cannot fill shape ${formatShape(shape)} ` +
          `(it needs ${shapeSize(shape)})`,
      );
    }
    this.shape = Object.freeze([...shape]);
    this.data = data;
  }

  /** A new array of zeros. */
  static zeros(shape: Shape): NDArray {
    checkShape('zeros', shape);
    return new NDArray(new Float64Array(shapeSize(shape)), shape);
  }

  /**
   * Builds an array from nested JavaScript arrays, e.g. `NDArray.fromNested([[1, 2], [3, 4]])`.
   * @throws if the nesting is ragged.
   */
  static fromNested(nested: Nested): NDArray {
    const shape: number[] = [];
    let probe: Nested = nested;
    while (Array.isArray(probe)) {
      shape.push(probe.length);
      if (probe.length === 0) break;
      probe = (probe as readonly Nested[])[0];
    }
    const data = new Float64Array(shapeSize(shape));
    let offset = 0;
    const walk = (value: Nested, depth: number): void => {
      if (depth === shape.length) {
        if (typeof value !== 'number') {
          throw new Error(`fromNested: ragged nesting, expected a number at depth ${depth}`);
        }
        data[offset++] = value;
        return;
      }
      if (!Array.isArray(value) || value.length !== shape[depth]) {
        throw new Error(
          `fromNested: ragged nesting, expected ${shape[depth]} items at depth ${depth}`,
        );
      }
      for (const item of value as readonly Nested[]) walk(item, depth + 1);
    };
    walk(nested, 0);
    return new NDArray(data, shape);
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** A deep copy. */
  clone(): NDArray {
    return new NDArray(this.data.slice(), this.shape);
  }

  /** The element at the given indices, one per dimension. */
  get(...indices: number[]): number {
    return this.data[this.offsetOf('get', indices)];
  }

  /** Writes one element; returns the array for chaining. */
  set(value: number, ...indices: number[]): this {
    this.data[this.offsetOf('set', indices)] = value;
    return this;
  }

  /** Nested JavaScript arrays with the same shape (a number for a 0-d array). */
  toNested(): Nested {
    let offset = 0;
    const build = (depth: number): Nested => {
      if (depth === this.shape.length) return this.data[offset++];
      const out: Nested[] = [];
      for (let i = 0; i < this.shape[depth]; i++) out.push(build(depth + 1));
      return out;
    };
    return build(0);
  }

  private offsetOf(op: string, indices: number[]): number {
    if (indices.length !== this.shape.length) {
      throw new Error(
        `${op}: ${indices.length} indices given for shape ${formatShape(this.shape)}`,
      );
    }
    let offset = 0;
    for (let axis = 0; axis < indices.length; axis++) {
      const index = indices[axis];
      const dim = this.shape[axis];
      if (!Number.isInteger(index) || index < 0 || index >= dim) {
        throw new Error(
          `${op}: index ${index} is out of range for axis ${axis} of shape ${formatShape(this.shape)}`,
        );
      }
      offset = offset * dim + index;
    }
    return offset;
  }
}
