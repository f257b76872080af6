/**
 * Table-driven tests of every elementwise, activation and reduction op (kernels/ops/op-table.ts):
 * properties against the plain-number references, edge cases, and the JSDoc examples.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { NDArray, shapeSize, type Nested, type Shape } from '../ndarray';
import { array } from './create';
import { broadcastShapes } from './core';
import * as activations from './activations';
import * as elementwise from './elementwise';
import * as reductions from './reduce';
import { OP_TABLE, renderExample, type Domain, type ElementwiseEntry, type ExampleArg, type OpEntry, type ReduceEntry, type RowEntry } from './op-table';
import { assertProperty, awayFromKinks, expectClose } from '../testing';

function valuesIn(domain: Domain): fc.Arbitrary<number> {
  return awayFromKinks(domain.kinks ?? [], { min: domain.min, max: domain.max, margin: domain.margin ?? 1e-3 })
    .filter((v) => v >= domain.min && v <= domain.max)
    .map((v) => (Math.abs(v) < 1e-300 ? 0 : v));
}

function arrayIn(shape: Shape, domain: Domain): fc.Arbitrary<NDArray> {
  const n = shapeSize(shape);
  return fc.array(valuesIn(domain), { minLength: n, maxLength: n }).map((v) => new NDArray(Float64Array.from(v), [...shape]));
}

/** A deterministic array of the shape with values spread over the domain (for edge-case tests). */
function spreadIn(shape: Shape, domain: Domain): NDArray {
  const x = NDArray.zeros(shape);
  for (let i = 0; i < x.size; i++) {
    let v = domain.min + ((i * 0.618034 + 0.1) % 1) * (domain.max - domain.min);
    for (const k of domain.kinks ?? []) if (Math.abs(v - k) < (domain.margin ?? 1e-3)) v = k + (domain.margin ?? 1e-3);
    x.data[i] = v;
  }
  return x;
}

const shapes = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 3 });
const rowShapes = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 });
/** The edge-case shapes: empty along each axis, single elements, odd sizes that cross SIMD widths. */
const EDGE_SHAPES: Shape[] = [[0], [0, 3], [3, 0], [1], [7], [3, 5], [2, 3, 5], [1, 1]];

/** Two shapes that broadcast: each drops leading axes of a base shape and sets some to 1. */
const broadcastPair = shapes.chain((base) => {
  const variant = fc
    .tuple(fc.integer({ min: 0, max: base.length }), fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }))
    .map(([drop, ones]) => base.map((d, i) => (ones[i] ? 1 : d)).slice(drop));
  return fc.tuple(variant, variant);
});

/** Reads x at an output multi-index, with NumPy's broadcasting (size-1 axes read index 0). */
function pick(x: NDArray, idx: readonly number[]): number {
  return x.get(...x.shape.map((d, i) => (d === 1 ? 0 : idx[idx.length - x.ndim + i])));
}

function indexOf(flat: number, shape: Shape): number[] {
  const idx: number[] = [];
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    idx.unshift(rest % shape[axis]);
    rest = Math.floor(rest / shape[axis]);
  }
  return idx;
}

function elementwiseReference(entry: ElementwiseEntry, inputs: readonly NDArray[], scalar: number): NDArray {
  const shape = inputs.length === 2 ? broadcastShapes('reference', inputs[0].shape, inputs[1].shape) : inputs[0].shape;
  const out = NDArray.zeros(shape);
  for (let flat = 0; flat < out.size; flat++) {
    const idx = indexOf(flat, shape);
    out.data[flat] = entry.reference(inputs.map((x) => pick(x, idx)), scalar);
  }
  return out;
}

function rowsReference(entry: RowEntry, inputs: readonly NDArray[]): NDArray {
  const x = inputs[0];
  const width = x.shape[x.ndim - 1];
  const out = NDArray.zeros(x.shape);
  for (let r = 0; r * width < x.size; r++) {
    const rows = inputs.map((input) => Array.from(input.data.subarray(r * width, (r + 1) * width)));
    out.data.set(entry.reference(rows), r * width);
  }
  return out;
}

function reduceReference(entry: ReduceEntry, x: NDArray, axis: number, keepDims: boolean): NDArray {
  const shape = x.shape.map((d, i) => (i === axis ? 1 : d));
  const out = NDArray.zeros(keepDims ? shape : x.shape.filter((_, i) => i !== axis));
  for (let flat = 0; flat < out.size; flat++) {
    const idx = indexOf(flat, shape);
    const values: number[] = [];
    for (let l = 0; l < x.shape[axis]; l++) values.push(x.get(...idx.map((v, i) => (i === axis ? l : v))));
    out.data[flat] = values.length === 0 ? (entry.empty as number) : entry.reference(values);
  }
  return out;
}

function inputsFor(entry: ElementwiseEntry | RowEntry, shape: Shape): NDArray[] {
  return entry.domains.map((d) => spreadIn(shape, d));
}

function applyEntry(entry: ElementwiseEntry | RowEntry, inputs: readonly NDArray[], out?: NDArray): NDArray {
  return entry.kind === 'elementwise' ? entry.apply(inputs, 0.37, out) : entry.apply(inputs, out);
}

function referenceFor(entry: ElementwiseEntry | RowEntry, inputs: readonly NDArray[]): NDArray {
  return entry.kind === 'elementwise' ? elementwiseReference(entry, inputs, 0.37) : rowsReference(entry, inputs);
}

const tolerance = (entry: ElementwiseEntry | RowEntry): { rtol: number; atol: number } =>
  entry.kind === 'rows' ? { rtol: entry.rtol, atol: 1e-13 } : { rtol: 0, atol: 0 };

const elementwiseEntries = OP_TABLE.filter((e): e is ElementwiseEntry => e.kind === 'elementwise');
const rowEntries = OP_TABLE.filter((e): e is RowEntry => e.kind === 'rows');
const reduceEntries = OP_TABLE.filter((e): e is ReduceEntry => e.kind === 'reduce');
const arrayEntries: (ElementwiseEntry | RowEntry)[] = [...elementwiseEntries, ...rowEntries];
const named = <T extends OpEntry>(entries: readonly T[]): [string, T][] => entries.map((e) => [e.name, e]);

describe('the op table covers every op', () => {
  test('every function exported by elementwise.ts, activations.ts and reduce.ts has a row', () => {
    const exported = [elementwise, activations, reductions].flatMap((m) =>
      Object.entries(m)
        .filter(([, v]) => typeof v === 'function')
        .map(([k]) => k),
    );
    const inTable = new Set(OP_TABLE.map((e) => e.name));
    // broadcastShapes is a shape helper of the core, re-exported for compatibility, not an op.
    expect(exported.filter((name) => name !== 'broadcastShapes' && !inTable.has(name))).toEqual([]);
  });
});

describe.each(named(elementwiseEntries))('%s: properties', (name, entry) => {
  test('agrees with the plain-number reference on random shapes, every element', () => {
    const inputs = entry.broadcasts
      ? broadcastPair.chain(([sa, sb]) => fc.tuple(arrayIn(sa, entry.domains[0]), arrayIn(sb, entry.domains[1])))
      : shapes.chain((s) => fc.tuple(...entry.domains.map((d) => arrayIn(s, d))));
    const scalar = entry.scalar === undefined ? fc.constant(0) : valuesIn(entry.scalar);
    assertProperty(
      fc.property(inputs, fc.boolean(), scalar, (drawn, swap, alpha) => {
        const args = entry.broadcasts && swap && entry.domains[0] === entry.domains[1] ? [...drawn].reverse() : drawn;
        expectClose(entry.apply(args, alpha), elementwiseReference(entry, args, alpha), { rtol: 0, atol: 0, label: name });
      }),
    );
  });
  if (entry.broadcasts) {
    test('a plain number broadcasts on either side, as a 0-d array would', () => {
      const x = spreadIn([2, 3], entry.domains[0]);
      const v = spreadIn([1], entry.domains[1]).data[0];
      const op = elementwise[name as 'add'];
      expectClose(op(x, v), entry.apply([x, new NDArray(Float64Array.of(v), [])], 0), { rtol: 0, atol: 0 });
      const y = spreadIn([2, 3], entry.domains[1]);
      const u = spreadIn([1], entry.domains[0]).data[0];
      expectClose(op(u, y), entry.apply([new NDArray(Float64Array.of(u), []), y], 0), { rtol: 0, atol: 0 });
    });
  }
});

describe.each(named(rowEntries))('%s: properties', (name, entry) => {
  test('agrees with the plain-number reference row by row', () => {
    const inputs = rowShapes.chain((s) => fc.tuple(...entry.domains.map((d) => arrayIn(s, d))));
    assertProperty(
      fc.property(inputs, (drawn) => {
        expectClose(entry.apply(drawn), rowsReference(entry, drawn), { ...tolerance(entry), label: name });
      }),
    );
  });
  test('a 0-d array has no last axis', () => {
    const scalars = entry.domains.map(() => new NDArray(Float64Array.of(0.5), []));
    expect(() => entry.apply(scalars)).toThrow(`${name}: needs at least one axis, got shape []`);
  });
});

describe.each(named(arrayEntries))('%s: edge cases', (name, entry) => {
  test.each(EDGE_SHAPES.map((s) => [JSON.stringify(s), s] as const))('shape %s: right shape and values, inputs unchanged', (_label, shape) => {
    const inputs = inputsFor(entry, shape);
    const before = inputs.map((x) => x.clone());
    const result = applyEntry(entry, inputs);
    expect(result.shape).toEqual(shape);
    expectClose(result, referenceFor(entry, inputs), { ...tolerance(entry), label: name });
    inputs.forEach((x, i) => expect(x.data).toEqual(before[i].data));
  });
  test('a pre-filled out is overwritten completely and returned', () => {
    const inputs = inputsFor(entry, [3, 5]);
    const out = NDArray.zeros([3, 5]);
    out.data.fill(Number.NaN);
    expect(applyEntry(entry, inputs, out)).toBe(out);
    expectClose(out, referenceFor(entry, inputs), { ...tolerance(entry), label: name });
  });
  test.each(entry.domains.map((_, i) => [i]))('out may be input %i (in place)', (which) => {
    const inputs = inputsFor(entry, [2, 3, 5]);
    const expected = referenceFor(entry, inputs);
    expect(applyEntry(entry, inputs, inputs[which])).toBe(inputs[which]);
    expectClose(inputs[which], expected, { ...tolerance(entry), label: name });
  });
  test('errors name the op: a wrong out shape, a JavaScript array', () => {
    const inputs = inputsFor(entry, [2, 3]);
    expect(() => applyEntry(entry, inputs, NDArray.zeros([3, 2]))).toThrow(`${name}: out has shape [3,2] but the result has shape [2,3]`);
    const asArrays = inputs.map((x) => x.toNested() as unknown as NDArray);
    expect(() => applyEntry(entry, asArrays)).toThrow(new RegExp(`^${name}: \\w+ must be an NDArray, got a JavaScript array`));
  });
  if (entry.domains.length === 2 && !(entry.kind === 'elementwise' && entry.broadcasts)) {
    test('inputs of different shapes are refused with both shapes', () => {
      const [a] = inputsFor(entry, [2, 3]);
      const [, b] = inputsFor(entry, [3, 2]);
      expect(() => applyEntry(entry, [a, b])).toThrow(new RegExp(`^${name}: \\w+ \\[2,3\\] and \\w+ \\[3,2\\] must have the same shape`));
    });
  }
});

describe.each(named(reduceEntries))('%s: properties and edge cases', (name, entry) => {
  const withAxis = shapes
    .filter((s) => s.length > 0)
    .chain((s) => fc.tuple(arrayIn(s, entry.domain), fc.integer({ min: -s.length, max: s.length - 1 }), fc.boolean()));
  test('along a random axis (negative too), with and without keepDims, agrees with the reference', () => {
    assertProperty(
      fc.property(withAxis, ([x, axis, keepDims]) => {
        const a = axis < 0 ? axis + x.ndim : axis;
        if (x.shape[a] === 0 && entry.empty === 'throws' && x.size === 0 && x.shape.some((d, i) => i !== a && d === 0)) {
          // Nothing to reduce and nothing to write: the result is empty.
          expect(entry.along(x, axis, { keepDims }).size).toBe(0);
          return;
        }
        if (x.shape[a] === 0 && entry.empty === 'throws') {
          expect(() => entry.along(x, axis, { keepDims })).toThrow(`${name}: cannot reduce axis ${axis}`);
          return;
        }
        expectClose(entry.along(x, axis, { keepDims }), reduceReference(entry, x, a, keepDims), { rtol: 1e-14, atol: 1e-13, label: name });
      }),
    );
  });
  test('over the whole array agrees with the reference over the flattened values', () => {
    assertProperty(
      fc.property(shapes.chain((s) => arrayIn(s, entry.domain)), (x) => {
        if (x.size === 0) {
          if (entry.empty === 'throws') expect(() => entry.whole(x)).toThrow(`${name}: the array`);
          else expect(entry.whole(x)).toEqual(entry.empty);
          return;
        }
        expect(entry.whole(x)).toBeCloseTo(entry.reference(Array.from(x.data)), 12);
      }),
    );
  });
  test('a pre-filled out is overwritten, and out must not alias the input', () => {
    const x = spreadIn([3, 5], entry.domain);
    const out = NDArray.zeros([3]);
    out.data.fill(Number.NaN);
    expect(entry.along(x, 1, { out })).toBe(out);
    expectClose(out, reduceReference(entry, x, 1, false), { rtol: 1e-14, atol: 1e-13 });
    const flat = new NDArray(x.data.subarray(0, 3), [3]);
    expect(() => entry.along(x, 1, { out: flat })).toThrow(`${name}: out must not share memory with an input`);
  });
  test('errors name the op: an axis out of range, a JavaScript array', () => {
    expect(() => entry.along(spreadIn([2, 3], entry.domain), 2)).toThrow(`${name}: axis 2 is out of range for shape [2,3]`);
    expect(() => entry.whole([1, 2] as unknown as NDArray)).toThrow(`${name}: x must be an NDArray, got a JavaScript array`);
  });
});

function exampleValue(arg: ExampleArg): unknown {
  if (typeof arg === 'number') return arg;
  if (Array.isArray(arg)) return array(arg as Nested);
  return (arg as { value: unknown }).value;
}

function jsdocBefore(source: string, name: string): string {
  const at = source.search(new RegExp(`export function ${name}\\(`));
  if (at < 0) throw new Error(`no export function ${name}`);
  const start = source.lastIndexOf('/**', at);
  return source.slice(start, at);
}

const ALL_OPS: Record<string, unknown> = { ...elementwise, ...activations, ...reductions };

describe.each(named(OP_TABLE))('%s: the worked example', (name, entry) => {
  test('returns what the table says', () => {
    const op = ALL_OPS[name] as (...args: unknown[]) => NDArray | number;
    const result = op(...entry.example.args.map(exampleValue));
    const nested = typeof result === 'number' ? result : result.toNested();
    expect(nested).toEqual(entry.example.result);
  });
  test("is the op's JSDoc @example", () => {
    const doc = jsdocBefore(readFileSync(join(__dirname, entry.file), 'utf8'), name);
    const examples = [...doc.matchAll(/@example (.*)/g)].map((m) => m[1].replace(/\s+/g, ' ').trim());
    expect(examples).toContain(renderExample(entry));
  });
});
