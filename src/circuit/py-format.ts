/**
 * Number and string formatting that reproduces Qiskit's output exactly (the text drawer and the
 * OpenQASM 2 exporter both use it): Python's `str.center` (whose odd-margin rule decides on
 * which side the extra pad character goes), Python's `'%.Ng'` and `repr` float formatting, and
 * Qiskit's `pi_check` (angles written as fractions of π when they are close to one).
 */

/**
 * Python's `s.center(width, fill)`: when the margin is odd, the extra character goes to the
 * left exactly when `width` is odd (CPython's `marg / 2 + (marg & width & 1)`).
 */
export function center(s: string, width: number, fill = ' '): string {
  const marg = width - s.length;
  if (marg <= 0) return s;
  const left = Math.floor(marg / 2) + (marg & width & 1);
  return fill.repeat(left) + s + fill.repeat(marg - left);
}

/** Python's `s.ljust(width, fill)`. */
export function ljust(s: string, width: number, fill = ' '): string {
  return s.length >= width ? s : s + fill.repeat(width - s.length);
}

/** Python's `s.rjust(width, fill)`. */
export function rjust(s: string, width: number, fill = ' '): string {
  return s.length >= width ? s : fill.repeat(width - s.length) + s;
}

/**
 * Python's `f"{x:.{digits}g}"`: `digits` significant digits, trailing zeros dropped, scientific
 * notation (`1e-07`, two-digit exponent at least) when the exponent is below −4 or at least
 * `digits`.
 */
export function pyGeneral(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const p = Math.max(digits, 1);
  // The exponent after rounding to p significant digits (9.99995 → 1e+01 at p = 5).
  const [mant, expText] = x.toExponential(p - 1).split('e');
  const exp = Number(expText);
  const strip = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= p) {
    const sign = exp < 0 ? '-' : '+';
    return `${strip(mant!)}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return strip(x.toFixed(Math.max(0, p - 1 - exp)));
}

/** The exact rational value of a finite double, as BigInt numerator / positive denominator. */
function exactFraction(x: number): [bigint, bigint] {
  if (Number.isInteger(x)) return [BigInt(x), 1n];
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mantissa |= 1n << 52n;
    exp = biased - 1075;
  }
  // x = sign · mantissa · 2^exp with exp < 0 here (x is not an integer).
  let num = mantissa;
  let den = 1n << BigInt(-exp);
  while (num % 2n === 0n && den > 1n) {
    num /= 2n;
    den /= 2n;
  }
  return [sign * num, den];
}

const absBig = (a: bigint): bigint => (a < 0n ? -a : a);

/**
 * Python's `Fraction(x).limit_denominator(limit)` for x ≥ 0: the closest fraction to the exact
 * value of `x` whose denominator is at most `limit` (continued-fraction convergents, then the
 * better of the last convergent and the best semiconvergent).
 */
export function limitDenominator(x: number, limit: number): [number, number] {
  const [n0, d0] = exactFraction(x);
  const max = BigInt(limit);
  if (d0 <= max) return [Number(n0), Number(d0)];
  let p0 = 0n;
  let q0 = 1n;
  let p1 = 1n;
  let q1 = 0n;
  let n = n0;
  let d = d0;
  for (;;) {
    const a = n / d;
    const q2 = q0 + a * q1;
    if (q2 > max) break;
    [p0, q0, p1, q1] = [p1, q1, p0 + a * p1, q2];
    [n, d] = [d, n - a * d];
  }
  const k = (max - q0) / q1;
  const b1n = p0 + k * p1;
  const b1d = q0 + k * q1;
  // |p1/q1 − x| ≤ |b1n/b1d − x|, compared exactly: |p1·d0 − n0·q1|·b1d vs |b1n·d0 − n0·b1d|·q1.
  const e2 = absBig(p1 * d0 - n0 * q1) * b1d;
  const e1 = absBig(b1n * d0 - n0 * b1d) * q1;
  return e2 <= e1 ? [Number(p1), Number(q1)] : [Number(b1n), Number(b1d)];
}

/**
 * Python's `repr(x)` of a float (`f"{x:#}"` with `alternate`): the shortest digits that read
 * back to `x`, in fixed notation with at least one decimal (`3.0`, `1000000000.0`) when the
 * decimal exponent is in [−4, 16), otherwise scientific with a two-digit exponent (`1e-09`;
 * `1.e-09` in the alternate form, which always writes the decimal point).
 */
export function pyRepr(x: number, alternate = false): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const neg = mant!.startsWith('-') ? '-' : '';
  const digits = mant!.replace('-', '').replace('.', '');
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${neg}0.${'0'.repeat(-exp - 1)}${digits}`;
    const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${neg}${int}.${frac || '0'}`;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : alternate ? `${digits}.` : digits;
  return `${neg}${head}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Largest numerator and denominator `piCheck` writes in a fraction of π. */
const MAX_FRAC = 99;

function matchFraction(v: number, eps: number): [number, number] | null {
  const [num, den] = limitDenominator(v, MAX_FRAC);
  if (num === 0 || num > MAX_FRAC) return null;
  return Math.abs(v - num / den) < eps ? [num, den] : null;
}

/** Options of {@link piCheck}. */
export interface PiCheckOptions {
  /** `'text'` writes `3π/4`, `'qasm'` writes `3*pi/4`. Default `'text'`. */
  output?: 'text' | 'qasm';
  /** Significant digits of a number that is no fraction of π; none: Python's repr. */
  ndigits?: number;
  /** How close to a fraction of π a number must be. Default 1e-9. */
  eps?: number;
}

/**
 * Qiskit's `pi_check(x, output, ndigits, eps)` for a real number: `0` below `eps`, `π**k` for
 * π², π³, π⁴ (text only), a multiple `nπ/d` or a divisor `n/dπ` of π with n, d ≤ 99 within
 * `eps`, otherwise the number itself (`'%.{ndigits}g'`, or Python's repr — in the alternate
 * form, always with a decimal point, for OpenQASM).
 */
export function piCheck(x: number, options: PiCheckOptions = {}): string {
  const { output = 'text', ndigits, eps = 1e-9 } = options;
  const qasm = output === 'qasm';
  const raw = (): string => (ndigits === undefined ? pyRepr(x, qasm) : pyGeneral(x, ndigits));
  if (Math.abs(x) < eps) return '0';
  const pi = qasm ? 'pi' : 'π';
  const times = qasm ? '*' : '';
  const neg = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (a > Math.PI) {
    for (let k = 2; k <= 4; k++) if (Math.abs(a - Math.PI ** k) < eps) return qasm ? raw() : `${neg}π**${k}`;
  }
  const mult = matchFraction(a / Math.PI, eps);
  if (mult) {
    const [n, d] = mult;
    const head = n === 1 ? `${neg}${pi}` : `${neg}${n}${times}${pi}`;
    return d === 1 ? head : `${head}/${d}`;
  }
  const div = matchFraction(a * Math.PI, eps);
  if (div) {
    const [n, d] = div;
    return qasm ? `${neg}${n}/(${d}*pi)` : `${neg}${n}/${d === 1 ? '' : d}π`;
  }
  return raw();
}
