/** Cheap NaN/Infinity detection, so a diverging training loop stops with advice instead of printing NaN. */
import { NDArray, formatShape } from '../ndarray';

/**
 * True when every element (or the number) is finite. One pass, no allocation.
 * @example checkFinite(array([1, NaN])) // false
 */
export function checkFinite(value: NDArray | number): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  const d = value.data;
  // x - x is 0 for finite x and NaN for NaN or +-Infinity, so one accumulated sum tells all.
  let acc = 0;
  for (let i = 0; i < d.length; i++) acc += d[i] - d[i];
  return acc === 0;
}

/**
 * Throws `context: ...` unless the value is finite. Chapter programs call it on the loss each
 * step, e.g. `assertFinite(error, 'the loss diverged: try a smaller alpha (chapter 4)')`.
 * @example assertFinite(loss, 'the loss diverged: try a smaller alpha (chapter 4)')
 */
export function assertFinite(value: NDArray | number, context: string): void {
  if (checkFinite(value)) return;
  if (typeof value === 'number') throw new Error(`${context} (value is ${value})`);
  const d = value.data;
  let i = 0;
  while (i < d.length && Number.isFinite(d[i])) i++;
  throw new Error(`${context} (element ${i} of ${formatShape(value.shape)} is ${d[i]})`);
}
