import Decimal from 'decimal.js';

/** Decimal arithmetic for every figure of a form: 40 significant digits, half-up rounding. */
export const D = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Dec = Decimal;

export function dec(value: Decimal.Value): Decimal {
  return new D(value);
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce<Decimal>((s, v) => s.plus(v), new D(0));
}

/** Rounds half-up to `places` decimals. */
export function roundTo(value: Decimal, places: number): Decimal {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** The exact decimal as the report prints it: no exponent, no trailing zeros, no `-0`. */
export function show(value: Decimal): string {
  const s = value.toFixed();
  const t = s.includes('.') ? s.replace(/(?<!0)0+$/, '').replace(/\.$/, '') : s;
  return t === '-0' ? '0' : t;
}

/** A figure written into a numeric cell: the JavaScript number nearest the exact decimal. */
export function toCellNumber(value: Decimal): number {
  return Number(show(value));
}
