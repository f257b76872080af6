/** Printing values in test failures the way a learner reads them. */

/**
 * A value as text for a failure message: numbers as JavaScript prints them, so NaN, Infinity and
 * -Infinity stay visible (JSON.stringify would print null), arrays and typed arrays element by
 * element, anything else as JSON.
 * @example showValue([1, NaN, -Infinity]) // "[1, NaN, -Infinity]"
 */
export function showValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (Array.isArray(value)) return `[${value.map(showValue).join(', ')}]`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return `[${Array.from(value as unknown as ArrayLike<number>, showValue).join(', ')}]`;
  }
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
