/**
 * A correctly rounded natural logarithm, for the Gaussian of kernels/random.ts. NumPy's legacy
 * randn calls the C library's log, which on Linux (glibc) is correctly rounded in practice; V8's
 * Math.log is only faithful (within 1 ulp) and differs in the last bit for about 3% of randn
 * values. Computing the log in double-double arithmetic (about 100 bits) and rounding once
 * reproduces glibc.
 */

/** Error-free a + b as [sum, error]. */
function twoSum(a: number, b: number, out: Float64Array): void {
  const s = a + b;
  const bb = s - a;
  out[0] = s;
  out[1] = a - (s - bb) + (b - bb);
}

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for products without fused multiply-add

/** Error-free a * b as [product, error]. */
function twoProd(a: number, b: number, out: Float64Array): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  out[0] = p;
  out[1] = ah * bh - p + ah * bl + al * bh + al * bl;
}

const tmp = new Float64Array(2);
const tmp2 = new Float64Array(2);

/** (ah + al) * (bh + bl) in double-double, into out. */
function ddMul(ah: number, al: number, bh: number, bl: number, out: Float64Array): void {
  twoProd(ah, bh, tmp);
  const e = tmp[1] + ah * bl + al * bh;
  const s = tmp[0] + e;
  out[0] = s;
  out[1] = e - (s - tmp[0]);
}

/** (ah + al) + (bh + bl) in double-double, into out. */
function ddAdd(ah: number, al: number, bh: number, bl: number, out: Float64Array): void {
  twoSum(ah, bh, tmp2);
  const e = tmp2[1] + al + bl;
  const s = tmp2[0] + e;
  out[0] = s;
  out[1] = e - (s - tmp2[0]);
}

/** (ah + al) / (bh + bl) in double-double, into out. */
function ddDiv(ah: number, al: number, bh: number, bl: number, out: Float64Array): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl, out);
  let rh = ah - out[0];
  let rl = al - out[1] + (ah - rh - out[0]);
  const q2 = (rh + rl) / bh;
  ddMul(q2, 0, bh, bl, out);
  const r2h = rh - out[0];
  rl = rl - out[1] + (rh - r2h - out[0]);
  rh = r2h;
  const q3 = (rh + rl) / bh;
  const s = q1 + q2;
  const e = q2 - (s - q1) + q3;
  out[0] = s + e;
  out[1] = e - (out[0] - s);
}

/** 1/(2n+1) for n = 0..23 in double-double: the coefficients of atanh's series. */
const ATANH_TERMS = 24;
const INV_ODD = new Float64Array(2 * ATANH_TERMS);
for (let n = 0; n < ATANH_TERMS; n++) {
  const r = new Float64Array(2);
  ddDiv(1, 0, 2 * n + 1, 0, r);
  INV_ODD[2 * n] = r[0];
  INV_ODD[2 * n + 1] = r[1];
}
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const bits = new DataView(new ArrayBuffer(8));
const acc = new Float64Array(2);
const z = new Float64Array(2);
const sdd = new Float64Array(2);

/** ln(x) for a positive finite x, correctly rounded (up to ties closer than about 2^-100). */
export function logCorrectlyRounded(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: make a subnormal normal
    e = -54;
  }
  bits.setFloat64(0, x);
  const hiWord = bits.getUint32(0);
  e += ((hiWord >>> 20) & 0x7ff) - 1023;
  bits.setUint32(0, (hiWord & 0x800fffff) | 0x3ff00000);
  let m = bits.getFloat64(0); // x = m * 2^e with m in [1, 2), exactly
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  // ln(m) = 2 atanh(s) with s = (m - 1) / (m + 1), |s| < 0.172; m - 1 is exact, m + 1 is kept exact.
  twoSum(m, 1, tmp);
  ddDiv(m - 1, 0, tmp[0], tmp[1], sdd);
  ddMul(sdd[0], sdd[1], sdd[0], sdd[1], z);
  acc[0] = INV_ODD[2 * (ATANH_TERMS - 1)];
  acc[1] = INV_ODD[2 * (ATANH_TERMS - 1) + 1];
  for (let n = ATANH_TERMS - 2; n >= 0; n--) {
    ddMul(acc[0], acc[1], z[0], z[1], acc);
    ddAdd(acc[0], acc[1], INV_ODD[2 * n], INV_ODD[2 * n + 1], acc);
  }
  ddMul(acc[0], acc[1], 2 * sdd[0], 2 * sdd[1], acc);
  // + e ln 2, with ln 2 in double-double.
  twoProd(e, LN2_HI, tmp);
  const el = tmp[1] + e * LN2_LO;
  ddAdd(tmp[0], el, acc[0], acc[1], acc);
  return acc[0] + acc[1];
}

