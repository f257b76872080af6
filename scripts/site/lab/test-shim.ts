/**
 * The part of jest that the course's chapter tests use, for running those same test files in a
 * browser worker: `describe`, `it` / `test`, `expect` with the matchers listed in
 * {@link SUPPORTED_MATCHERS}, `expect.closeTo`, `expect.extend` and `expect.getState`.
 * Anything else (hooks, `jest.fn`, `.each`, `.only`, an unknown matcher) throws at once with a
 * message naming it, so a test that needs more of jest fails loudly instead of passing quietly.
 * A unit test (scripts/site/lab/lab-bundle.test.ts) checks that every matcher the chapter tests
 * call is in the list.
 */
import { showValue } from '../../../kernels/testing/show';

/** One collected test: its describe titles, its own title and its body. */
export interface CollectedTest {
  readonly file: string;
  readonly ancestorTitles: readonly string[];
  readonly title: string;
  readonly fn: () => unknown;
}

/** What a run reports per test, in the shape `scripts/lib/results.ts` reads from jest. */
export interface ShimAssertion {
  readonly ancestorTitles: readonly string[];
  readonly title: string;
  readonly fullName: string;
  readonly status: 'passed' | 'failed';
  readonly failureMessages: readonly string[];
}

/** The matchers `expect(value)` supports (each also under `.not`). */
export const SUPPORTED_MATCHERS = [
  'toBe',
  'toEqual',
  'toBeCloseTo',
  'toBeGreaterThan',
  'toBeGreaterThanOrEqual',
  'toBeLessThan',
  'toBeLessThanOrEqual',
  'toBeNull',
  'toContain',
  'toHaveLength',
  'toThrow',
] as const;

/** The jest globals the shim does not provide; a test file that uses one runs only locally. */
export const UNSUPPORTED_GLOBALS = /\b(beforeAll|beforeEach|afterAll|afterEach|jest\.\w+|(?:describe|it|test)\.(?:each|only|skip|todo|concurrent))\b/;

class Unsupported extends Error {
  override name = 'UnsupportedInBrowser';
}

const unsupported = (what: string): never => {
  throw new Unsupported(`${what} is not supported by the course's browser test runner: run this test locally with npm test`);
};

interface AsymmetricMatcher {
  readonly asymmetricMatch: (other: unknown) => boolean;
  readonly describe: string;
}

const isAsymmetric = (value: unknown): value is AsymmetricMatcher =>
  typeof value === 'object' && value !== null && typeof (value as AsymmetricMatcher).asymmetricMatch === 'function';

/** jest's `toEqual`: recursive, `Object.is` on primitives, undefined properties ignored, types not compared. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (isAsymmetric(b)) return b.asymmetricMatch(a);
  if (isAsymmetric(a)) return a.asymmetricMatch(b);
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const listA = Array.isArray(a) || ArrayBuffer.isView(a);
  const listB = Array.isArray(b) || ArrayBuffer.isView(b);
  if (listA !== listB) return false;
  if (listA) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i += 1) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    return [...a].every(([key, value]) => b.has(key) && deepEqual(value, b.get(key)));
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set && b instanceof Set) || a.size !== b.size) return false;
    return [...a].every((value) => b.has(value));
  }
  if (a instanceof Error && b instanceof Error) return a.message === b.message;
  const keys = (o: object): string[] => Object.keys(o).filter((key) => (o as Record<string, unknown>)[key] !== undefined);
  const keysA = keys(a);
  const keysB = keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function show(value: unknown, depth = 0): string {
  if (isAsymmetric(value)) return value.describe;
  if (value instanceof Error) return `[${value.name}: ${value.message}]`;
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return showValue(value);
  if (depth > 4) return '[…]';
  if (Array.isArray(value)) return `[${value.map((item) => show(item, depth + 1)).join(', ')}]`;
  // Class instances (an NDArray) by their fields, so a typed array inside reads as numbers.
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  const fields = Object.entries(value).map(([key, item]) => `${key}: ${show(item, depth + 1)}`).join(', ');
  return `${name && name !== 'Object' ? `${name} ` : ''}{${fields}}`;
}

const closeTo = (received: unknown, expected: number, digits: number): boolean => {
  if (typeof received !== 'number') return false;
  if (received === Infinity && expected === Infinity) return true;
  if (received === -Infinity && expected === -Infinity) return true;
  return Math.abs(expected - received) < 10 ** -digits / 2;
};

interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

type Matcher = (received: unknown, ...args: never[]) => MatcherResult;

const report = (name: string, expected: unknown, received: unknown, extra = ''): (() => string) =>
  () => `expect(received).${name}(expected)\n\nExpected: ${show(expected)}\nReceived: ${show(received)}${extra}`;

function thrown(received: unknown): { threw: boolean; error: unknown } {
  if (typeof received !== 'function') unsupported('toThrow on a value that is not a function');
  try {
    (received as () => unknown)();
    return { threw: false, error: undefined };
  } catch (error) {
    return { threw: true, error };
  }
}

const builtIn: Record<(typeof SUPPORTED_MATCHERS)[number], Matcher> = {
  toBe: (received, expected: unknown) => ({ pass: Object.is(received, expected), message: report('toBe', expected, received) }),
  toEqual: (received, expected: unknown) => ({ pass: deepEqual(received, expected), message: report('toEqual', expected, received) }),
  toBeCloseTo: (received, expected: number, digits: number = 2) => ({
    pass: closeTo(received, expected, digits),
    message: report('toBeCloseTo', expected, received, `\nPrecision: ${digits} digits (|difference| < ${10 ** -digits / 2})`),
  }),
  toBeGreaterThan: (received, bound: number) => ({ pass: (received as number) > bound, message: report('toBeGreaterThan', `> ${bound}`, received) }),
  toBeGreaterThanOrEqual: (received, bound: number) => ({ pass: (received as number) >= bound, message: report('toBeGreaterThanOrEqual', `>= ${bound}`, received) }),
  toBeLessThan: (received, bound: number) => ({ pass: (received as number) < bound, message: report('toBeLessThan', `< ${bound}`, received) }),
  toBeLessThanOrEqual: (received, bound: number) => ({ pass: (received as number) <= bound, message: report('toBeLessThanOrEqual', `<= ${bound}`, received) }),
  toBeNull: (received) => ({ pass: received === null, message: report('toBeNull', null, received) }),
  toContain: (received, item: unknown) => ({
    pass: typeof received === 'string' ? received.includes(String(item)) : Array.isArray(received) && received.includes(item),
    message: report('toContain', item, received),
  }),
  toHaveLength: (received, length: number) => ({
    pass: (received as { length?: unknown } | null)?.length === length,
    message: report('toHaveLength', length, (received as { length?: unknown } | null)?.length),
  }),
  toThrow: (received, expected?: unknown) => {
    const { threw, error } = thrown(received);
    const message = error instanceof Error ? error.message : String(error);
    let pass = threw;
    if (threw && expected instanceof RegExp) pass = expected.test(message);
    else if (threw && typeof expected === 'string') pass = message.includes(expected);
    else if (threw && typeof expected === 'function') pass = error instanceof (expected as new () => unknown);
    else if (threw && expected instanceof Error) pass = message === expected.message;
    else if (expected !== undefined && threw && typeof expected !== 'object') unsupported(`toThrow(${show(expected)})`);
    return {
      pass,
      message: () =>
        `expect(received).toThrow(expected)\n\nExpected: ${expected === undefined ? 'an error' : show(expected)}\n${threw ? `Received error: ${show(error)}` : 'Received function did not throw'}`,
    };
  },
};

const custom = new Map<string, Matcher>();

class ExpectationError extends Error {
  override name = 'Error';
}

function matchersFor(received: unknown, negated: boolean): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  const handler: ProxyHandler<Record<string, unknown>> = {
    get(_, property) {
      if (typeof property !== 'string') return undefined;
      if (property === 'not' && !negated) return matchersFor(received, true);
      if (property === 'resolves' || property === 'rejects') return unsupported(`expect(...).${property}`);
      const matcher = (builtIn as Record<string, Matcher | undefined>)[property] ?? custom.get(property);
      if (matcher === undefined) return unsupported(`the matcher ${property}`);
      return (...args: never[]) => {
        const result = matcher(received, ...args);
        if (result.pass === negated) {
          throw new ExpectationError(negated ? `expected not: ${result.message()}` : result.message());
        }
      };
    },
  };
  return new Proxy(target, handler);
}

interface ShimState {
  currentTestName?: string;
  testPath?: string;
}

const state: ShimState = {};

function expect(received: unknown): Record<string, unknown> {
  return matchersFor(received, false);
}
expect.closeTo = (expected: number, digits: number = 2): AsymmetricMatcher => ({
  asymmetricMatch: (other) => closeTo(other, expected, digits),
  describe: `CloseTo ${showValue(expected)} (${digits} digits)`,
});
expect.extend = (matchers: Record<string, (received: unknown, ...args: never[]) => MatcherResult>): void => {
  for (const [name, matcher] of Object.entries(matchers)) custom.set(name, matcher);
};
expect.getState = (): ShimState => ({ ...state });

const collected: CollectedTest[] = [];
const titles: string[] = [];
let currentFile = '';

function describe(title: string, body: () => void): void {
  if (typeof body !== 'function') unsupported('describe without a body');
  titles.push(title);
  try {
    const result = body() as unknown;
    if (result instanceof Promise) unsupported('an async describe body');
  } finally {
    titles.pop();
  }
}

function it(title: string, fn: () => unknown): void {
  if (typeof fn !== 'function') unsupported(`it("${title}") without a body`);
  collected.push({ file: currentFile, ancestorTitles: [...titles], title, fn });
}

const refuse = (name: string) => () => unsupported(name);

/** Puts describe / it / test / expect (and refusing stand-ins for the rest of jest) on globalThis. */
export function installGlobals(): void {
  const globals = globalThis as Record<string, unknown>;
  for (const name of ['each', 'only', 'skip', 'todo', 'concurrent']) {
    for (const [owner, fn] of [['describe', describe], ['it', it]] as const) {
      Object.defineProperty(fn, name, { get: refuse(`${owner}.${name}`), configurable: true });
    }
  }
  globals.describe = describe;
  globals.it = it;
  globals.test = it;
  globals.expect = expect;
  for (const hook of ['beforeAll', 'beforeEach', 'afterAll', 'afterEach']) globals[hook] = refuse(hook);
  globals.jest = new Proxy({}, { get: (_, property) => unsupported(`jest.${String(property)}`) });
}

/** Test files register into this file name (set before each test bundle is evaluated). */
export function setCurrentFile(file: string): void {
  currentFile = file;
}

/** Every test collected so far. */
export function collectedTests(): readonly CollectedTest[] {
  return collected;
}

/** How a failing test's error reads in jest's failureMessages: "Name: message" and its stack frames. */
export function failureMessage(error: unknown): string {
  if (!(error instanceof Error)) return `thrown: ${show(error)}`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  // fast-check attaches the error a counterexample raised as the cause; jest prints it too.
  const cause = error.cause === undefined ? [] : [`[cause]: ${failureMessage(error.cause)}`];
  return [`${error.name}: ${error.message}`, ...frames, ...cause].join('\n');
}

/**
 * Runs the collected tests that `select` keeps, one after another, calling `onStart` before each
 * (so a supervisor can tell which test an endless loop is stuck in). Async tests are awaited.
 */
export async function runCollected(
  select: (test: CollectedTest) => boolean,
  onStart: (test: CollectedTest, index: number, total: number) => void = () => undefined,
): Promise<ShimAssertion[]> {
  const chosen = collected.filter(select);
  const results: ShimAssertion[] = [];
  for (const [index, test] of chosen.entries()) {
    const fullName = [...test.ancestorTitles, test.title].join(' ');
    state.currentTestName = fullName;
    state.testPath = test.file;
    onStart(test, index, chosen.length);
    try {
      const value = test.fn();
      if (value instanceof Promise) await value;
      results.push({ ancestorTitles: test.ancestorTitles, title: test.title, fullName, status: 'passed', failureMessages: [] });
    } catch (error) {
      results.push({ ancestorTitles: test.ancestorTitles, title: test.title, fullName, status: 'failed', failureMessages: [failureMessage(error)] });
    }
  }
  return results;
}
