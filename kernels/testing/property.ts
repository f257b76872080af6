/** Running fast-check properties with a failure message that says how to replay them. */
import fc from 'fast-check';
import { NotImplementedError } from '../not-implemented';

/** Options of {@link assertProperty}. */
export interface PropertyOptions {
  /** Number of cases (default 100). */
  numRuns?: number;
  /** Seed to replay a failure (printed by a failing run). */
  seed?: number;
  /** Path to replay a failure (printed by a failing run). */
  path?: string;
  /** Name shown first in the failure message. */
  label?: string;
}

/**
 * Runs a fast-check property (default 100 cases) and throws an Error on failure that shows the
 * shrunk counterexample, the error it raised, and the `{ seed, path }` that replays exactly that
 * case. The environment variable FC_SEED overrides the seed for all properties.
 * @example assertProperty(fc.property(matmulPairArb(), ([a, b]) => { ... }), { label: 'matmul' })
 */
export function assertProperty<Ts>(
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  options: PropertyOptions = {},
): void {
  if (property.isAsync()) throw new Error('assertProperty: use assertPropertyAsync for async properties');
  const envSeed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
  const params: fc.Parameters<Ts> = { numRuns: options.numRuns ?? 100 };
  const seed = options.seed ?? envSeed;
  if (seed !== undefined) params.seed = seed;
  if (options.path !== undefined) params.path = options.path;
  const details = fc.check(property as fc.IProperty<Ts>, params);
  if (!details.failed) return;
  // An exercise that is not written yet is not a counterexample: let the stub's own error through,
  // so the learner's summary reports the task as "not started".
  if (details.errorInstance instanceof Error && details.errorInstance.name === NotImplementedError.name) {
    throw details.errorInstance;
  }
  const report = fc.defaultReportMessage(details) ?? 'property failed';
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const label = options.label ? `${options.label}: ` : '';
  throw new Error(
    `${label}${report}\nThe counterexample failed with: ${cause}\nReplay this case with { seed: ${details.seed}, path: ${JSON.stringify(details.counterexamplePath)} } ` +
      `as the options of assertProperty (or FC_SEED=${details.seed} for the whole run).`,
  );
}
