/**
 * Number formatting that matches what the book's Python 2 programs printed.
 *
 * Python 2's `print x` for a float (and a NumPy float64) shows `str(x)`, which is C's `%.12g`:
 * 12 significant digits, trailing zeros dropped, exponent notation below 1e-4 or from 1e12 on.
 * The chapter programs print with this so their logs can be compared with the book digit by digit.
 */

/**
 * Formats like C's `%.<precision>g` (Python's `'%g' % x`).
 * @example formatG(0.634231159844123, 12) === '0.634231159844'
 */
export function formatG(value: number, precision: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const exponent = Number(value.toExponential(precision - 1).split('e')[1]);
  if (exponent < -4 || exponent >= precision) {
    const [mantissa, exp] = value.toExponential(precision - 1).split('e');
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
    return `${stripZeros(mantissa)}e${sign}${digits}`;
  }
  return stripZeros(value.toFixed(Math.max(0, precision - 1 - exponent)));
}

function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Formats a number with Python 2's `%.12g`: what `print x` showed for a float that is not a whole
 * number, and for a whole-number float without its `.0`. The book's early chapters compute with
 * Python ints as often as floats, so this is the form that matches both; see {@link py2float}
 * for values that were floats in the book.
 * @example py2str(0.000329266900075) === '0.000329266900075'
 */
export function py2str(value: number): string {
  return formatG(value, 12);
}

/**
 * Formats a float exactly as Python 2's `str(x)` did: `%.12g`, plus `.0` on whole numbers
 * (`0.0`, `1.0`, `-3.0`), as in the book's logs `Weight:0.0 Prediction:1.0`.
 * @example py2float(1) === '1.0'
 */
export function py2float(value: number): string {
  const text = formatG(value, 12);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/**
 * Formats a float as Python 3's `repr(x)` (and `str(x)`): the shortest text that reads back as
 * the same double, with `.0` on whole numbers and exponents below 1e-4 or from 1e16 on. The
 * book's chapters 11-16 run on Python 3 and print numbers this way (`0.8663333333333333`).
 * @example py3repr(-0) === '-0.0'
 * @example py3repr(1e-5) === '1e-05'
 */
export function py3repr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e16) {
    // JavaScript writes 1e-5 and 1.5e+21; Python writes 1e-05 and 1.5e+21.
    const [mantissa, exp] = value.toExponential().split('e');
    const sign = exp.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  const text = String(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}
