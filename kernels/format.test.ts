import fc from 'fast-check';
import { formatG, py2float, py2str, py3repr } from './format';

describe('py2str and py2float', () => {
  test.each([
    [0.634231159844123, '0.634231159844', '0.634231159844'],
    [0.000329266900075, '0.000329266900075', '0.000329266900075'],
    [1.50556226651e-5, '1.50556226651e-05', '1.50556226651e-05'],
    [1, '1', '1.0'],
    [0, '0', '0.0'],
    [-3, '-3', '-3.0'],
    [1e16, '1e+16', '1e+16'],
    [123456789012345, '1.23456789012e+14', '1.23456789012e+14'],
  ])('%p prints as %p (%%.12g) and %p (str of a float)', (value, g, float) => {
    expect(py2str(value)).toBe(g);
    expect(py2float(value)).toBe(float);
  });

  test('formatG keeps the value to its precision and never leaves trailing zeros', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }), fc.integer({ min: 1, max: 17 }), (value, precision) => {
        const text = formatG(value, precision);
        expect(Number(text)).toBeCloseTo(Number(value.toPrecision(precision)), 10);
        expect(text).not.toMatch(/\.\d*0(e|$)/);
      }),
    );
  });
});

describe('py3repr', () => {
  test("writes floats as Python 3's repr", () => {
    const cases: Array<[number, string]> = [
      [-0, '-0.0'], [0, '0.0'], [4, '4.0'], [0.849, '0.849'], [0.8663333333333333, '0.8663333333333333'],
      [-2.846300248788519, '-2.846300248788519'], [1e-5, '1e-05'], [1.5e-7, '1.5e-07'], [82.09227500075585, '82.09227500075585'],
      [1e16, '1e+16'], [123456789012345.6, '123456789012345.6'],
    ];
    for (const [value, text] of cases) expect(py3repr(value)).toBe(text);
  });

  test('reads back as the same double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      expect(Number(py3repr(x).replace(/\.0$/, ''))).toBe(x);
    }));
  });
});
