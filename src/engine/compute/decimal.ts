import Decimal from 'decimal.js';

/** Decimal arithmetic for every figure of a form: 40 significant digits, half-up rounding. */
export const D = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Dec = Decimal;

/**
 * x · 0.01: x ÷ 100, exactly as `div(100)` gives it (both are x scaled by a power of ten,
 * rounded to the same precision) without decimal.js's long division.
 */
export function percentOf(value: Decimal): Decimal {
  return value.times(HUNDREDTH);
}

const HUNDREDTH = new D('0.01');

export function dec(value: Decimal.Value): Decimal {
  return new D(value);
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce<Decimal>((s, v) => s.plus(v), new D(0));
}

/**
 * Rounds half-up to `places` decimals. A value with no more decimals than that is its own
 * rounding (toDecimalPlaces would copy it digit for digit): it is returned as it is.
 */
export function roundTo(value: Decimal, places: number): Decimal {
  if (value.isFinite() && value.decimalPlaces() <= places) return value;
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** The exact decimal as the report prints it: no exponent, no trailing zeros, no `-0`. */
export function show(value: Decimal): string {
  // a whole number below 10,000,000 is one base-1e7 word of decimal.js (`d`, with `e` one less
  // than its digits): its digits are the word's
  const d = value.d;
  if (d && d.length === 1 && value.e >= 0 && value.e < 7) {
    const word = String(d[0]);
    if (word.length === value.e + 1) return value.s < 0 && d[0] !== 0 ? `-${word}` : word;
  }
  const s = value.toFixed();
  // decimal.js writes no trailing zero after a point (it keeps none): trimmed only if it ever did
  const last = s.charCodeAt(s.length - 1);
  const t =
    (last === 48 || last === 46) && s.includes('.') ? s.replace(/(?<!0)0+$/, '').replace(/\.$/, '') : s;
  return t === '-0' ? '0' : t;
}

/** A figure written into a numeric cell: the JavaScript number nearest the exact decimal. */
export function toCellNumber(value: Decimal): number {
  return Number(show(value));
}
