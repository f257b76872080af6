/**
 * The op table: every elementwise, activation and reduction op of kernels/, with a plain-number
 * reference, the input domain its tests draw from (away from kinks and from overflow), and a
 * worked example. kernels/ops/op-table.test.ts drives the property tests, the edge cases
 * (0-sized and odd shapes, `out` aliasing, pre-filled `out`, unchanged inputs, error messages)
 * and the check that each op's JSDoc `@example` is the table's example, from this one list.
 * Adding an op to kernels/ means adding a row here; the test fails on an exported op without one.
 */
import type { NDArray, Nested } from '../ndarray';
import {
  relu,
  reluDerivFromOutput,
  sigmoid,
  sigmoidDerivFromOutput,
  softmax,
  softmaxBackwardFromOutput,
  tanh,
  tanhDerivFromOutput,
} from './activations';
import { abs, add, addScaled, div, exp, log, map, mul, neg, sqrt, square, sub } from './elementwise';
import { argmax, max, mean, min, sum, type ReduceOptions } from './reduce';

/** Where a test draws an input's values: [min, max], at least `margin` away from each kink. */
export interface Domain {
  min: number;
  max: number;
  /** Points the op is not smooth at (relu's 0), or where it blows up (div's 0). */
  kinks?: readonly number[];
  margin?: number;
}

/** One argument of a worked example: an array literal (rendered `array(...)`), a number, or code. */
export type ExampleArg = Nested | { code: string; value: (v: number) => number };

/** A worked example: the call the JSDoc shows and what it returns. */
export interface Example {
  args: readonly ExampleArg[];
  result: Nested;
}

interface EntryBase {
  name: string;
  /** The source file (under kernels/ops/) whose JSDoc shows the example. */
  file: string;
  example: Example;
}

/** An op applied element by element (with broadcasting where `broadcasts`). */
export interface ElementwiseEntry extends EntryBase {
  kind: 'elementwise';
  /** Domains of the array inputs, in order. */
  domains: readonly Domain[];
  /** True for the NumPy-broadcasting binary ops; false when the inputs must share a shape. */
  broadcasts: boolean;
  /** A number argument (addScaled's alpha), drawn from this range. */
  scalar?: Domain;
  apply(inputs: readonly NDArray[], scalar: number, out?: NDArray): NDArray;
  reference(values: readonly number[], scalar: number): number;
}

/** An op on the rows of the last axis (softmax and its backward pass). */
export interface RowEntry extends EntryBase {
  kind: 'rows';
  domains: readonly Domain[];
  apply(inputs: readonly NDArray[], out?: NDArray): NDArray;
  /** The op on one row of each input. */
  reference(rows: readonly (readonly number[])[]): number[];
  /** Relative tolerance against the reference (the row ops reorder a sum). */
  rtol: number;
}

/** A reduction: over the whole array (a number) or along an axis. */
export interface ReduceEntry extends EntryBase {
  kind: 'reduce';
  domain: Domain;
  whole(x: NDArray): number;
  along(x: NDArray, axis: number, options?: ReduceOptions): NDArray;
  /** The reduction of a non-empty list of values (argmax gives an index). */
  reference(values: readonly number[]): number;
  /** What an empty list reduces to, or 'throws'. */
  empty: number | 'throws';
}

export type OpEntry = ElementwiseEntry | RowEntry | ReduceEntry;

const WIDE: Domain = { min: -10, max: 10 };
/** exp and sigmoid overflow past about 709; this keeps results in a range a learner reads. */
const EXP_DOMAIN: Domain = { min: -20, max: 20 };
const POSITIVE: Domain = { min: 1e-3, max: 100 };
const AWAY_FROM_ZERO: Domain = { min: -10, max: 10, kinks: [0], margin: 1e-2 };

function unary(name: string, op: (x: NDArray, out?: NDArray) => NDArray, reference: (v: number) => number, domain: Domain, example: Example, file: string): ElementwiseEntry {
  return {
    kind: 'elementwise',
    name,
    file,
    example,
    domains: [domain],
    broadcasts: false,
    apply: (inputs, _scalar, out) => op(inputs[0], out),
    reference: (values) => reference(values[0]),
  };
}

function binary(
  name: string,
  op: (a: NDArray, b: NDArray, out?: NDArray) => NDArray,
  reference: (a: number, b: number) => number,
  domains: readonly [Domain, Domain],
  example: Example,
): ElementwiseEntry {
  return {
    kind: 'elementwise',
    name,
    file: 'elementwise.ts',
    example,
    domains,
    broadcasts: true,
    apply: (inputs, _scalar, out) => op(inputs[0], inputs[1], out),
    reference: (values) => reference(values[0], values[1]),
  };
}

function reduction(
  name: string,
  whole: (x: NDArray) => number,
  along: (x: NDArray, axis: number, options?: ReduceOptions) => NDArray,
  reference: (values: readonly number[]) => number,
  empty: number | 'throws',
  example: Example,
): ReduceEntry {
  return { kind: 'reduce', name, file: 'reduce.ts', example, domain: WIDE, whole, along, reference, empty };
}

const sumOf = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);
const affine = (v: number): number => 3 * v - 1;

/** Every op of elementwise.ts, activations.ts and reduce.ts. */
export const OP_TABLE: readonly OpEntry[] = [
  binary('add', add, (a, b) => a + b, [WIDE, WIDE], { args: [[[1, 2], [3, 4]], [10, 20]], result: [[11, 22], [13, 24]] }),
  binary('sub', sub, (a, b) => a - b, [WIDE, WIDE], { args: [[5, 7], [1, 2]], result: [4, 5] }),
  binary('mul', mul, (a, b) => a * b, [WIDE, WIDE], { args: [[1, 2], 3], result: [3, 6] }),
  binary('div', div, (a, b) => a / b, [WIDE, AWAY_FROM_ZERO], { args: [[1, 3], 2], result: [0.5, 1.5] }),
  {
    kind: 'elementwise',
    name: 'addScaled',
    file: 'elementwise.ts',
    example: { args: [[1, 2], [10, 20], -0.1], result: [0, 0] },
    domains: [WIDE, WIDE],
    broadcasts: false,
    scalar: { min: -2, max: 2 },
    apply: (inputs, alpha, out) => addScaled(inputs[0], inputs[1], alpha, out),
    reference: (values, alpha) => values[0] + alpha * values[1],
  },
  {
    kind: 'elementwise',
    name: 'map',
    file: 'elementwise.ts',
    example: { args: [[1, 4], { code: '(v) => v + 1', value: (v) => v + 1 }], result: [2, 5] },
    domains: [WIDE],
    broadcasts: false,
    apply: (inputs, _scalar, out) => map(inputs[0], affine, out),
    reference: (values) => affine(values[0]),
  },
  unary('neg', neg, (v) => -v, WIDE, { args: [[1, -2]], result: [-1, 2] }, 'elementwise.ts'),
  unary('exp', exp, Math.exp, EXP_DOMAIN, { args: [[0, 1]], result: [1, Math.E] }, 'elementwise.ts'),
  unary('log', log, Math.log, POSITIVE, { args: [[1, Math.E]], result: [0, 1] }, 'elementwise.ts'),
  unary('square', square, (v) => v * v, WIDE, { args: [[3, -2]], result: [9, 4] }, 'elementwise.ts'),
  unary('abs', abs, Math.abs, AWAY_FROM_ZERO, { args: [[-1.5, 2]], result: [1.5, 2] }, 'elementwise.ts'),
  unary('sqrt', sqrt, Math.sqrt, POSITIVE, { args: [[4, 2.25]], result: [2, 1.5] }, 'elementwise.ts'),
  unary('relu', relu, (v) => (v > 0 ? v : 0), AWAY_FROM_ZERO, { args: [[-1, 2]], result: [0, 2] }, 'activations.ts'),
  unary('reluDerivFromOutput', reluDerivFromOutput, (v) => (v > 0 ? 1 : 0), { min: 0, max: 10 }, { args: [[0, 2]], result: [0, 1] }, 'activations.ts'),
  unary('sigmoid', sigmoid, (v) => 1 / (1 + Math.exp(-v)), EXP_DOMAIN, { args: [[0]], result: [0.5] }, 'activations.ts'),
  unary('sigmoidDerivFromOutput', sigmoidDerivFromOutput, (s) => s * (1 - s), { min: 0, max: 1 }, { args: [[0.5]], result: [0.25] }, 'activations.ts'),
  unary('tanh', tanh, Math.tanh, WIDE, { args: [[0, 1]], result: [0, Math.tanh(1)] }, 'activations.ts'),
  unary('tanhDerivFromOutput', tanhDerivFromOutput, (t) => 1 - t * t, { min: -1, max: 1 }, { args: [[0, 0.5]], result: [1, 0.75] }, 'activations.ts'),
  {
    kind: 'rows',
    name: 'softmax',
    file: 'activations.ts',
    example: { args: [[[0, 0]]], result: [[0.5, 0.5]] },
    // Within +-30 the book's unshifted formula cannot overflow, so it is the reference.
    domains: [{ min: -30, max: 30 }],
    rtol: 1e-13,
    apply: (inputs, out) => softmax(inputs[0], out),
    reference: ([row]) => {
      const e = row.map(Math.exp);
      const s = sumOf(e);
      return e.map((v) => v / s);
    },
  },
  {
    kind: 'rows',
    name: 'softmaxBackwardFromOutput',
    file: 'activations.ts',
    example: { args: [[[0.5, 0.5]], [[1, 0]]], result: [[0.25, -0.25]] },
    domains: [{ min: 0, max: 1 }, WIDE],
    rtol: 1e-12,
    apply: (inputs, out) => softmaxBackwardFromOutput(inputs[0], inputs[1], out),
    // The Jacobian diag(y) - y y^T applied to g, written out entry by entry.
    reference: ([y, g]) => y.map((_, i) => sumOf(y.map((yj, j) => ((i === j ? y[i] : 0) - y[i] * yj) * g[j]))),
  },
  reduction('sum', sum, sum, sumOf, 0, { args: [[[1, 2], [3, 4]], 0], result: [4, 6] }),
  reduction('mean', mean, mean, (v) => sumOf(v) / v.length, Number.NaN, { args: [[1, 2, 3, 4]], result: 2.5 }),
  reduction('max', max, max, (v) => Math.max(...v), 'throws', { args: [[[1, 5], [3, 4]], 1], result: [5, 4] }),
  reduction('min', min, min, (v) => Math.min(...v), 'throws', { args: [[[1, 5], [3, 4]], 1], result: [1, 3] }),
  reduction('argmax', argmax, argmax, (v) => v.indexOf(Math.max(...v)), 'throws', { args: [[0.1, 0.7, 0.2]], result: 1 }),
];

/** An example argument as the JSDoc writes it. */
export function renderArg(arg: ExampleArg): string {
  if (typeof arg === 'number') return String(arg);
  if (Array.isArray(arg)) return `array(${renderNested(arg)})`;
  return (arg as { code: string }).code;
}

/** Nested numbers as `[[1, 2], [3, 4]]`. */
export function renderNested(value: Nested): string {
  return typeof value === 'number' ? String(value) : `[${value.map(renderNested).join(', ')}]`;
}

/** The `@example` line of an entry: `name(args) // result`. */
export function renderExample(entry: OpEntry): string {
  return `${entry.name}(${entry.example.args.map(renderArg).join(', ')}) // ${renderNested(entry.example.result)}`;
}
