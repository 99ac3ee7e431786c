import { dec } from '../compute/decimal';
import Decimal from 'decimal.js';
import { CellValue, isCellError } from '../grid';
import { remembered } from './memo';
import { toHalfWidth } from './text';

/** What a cell that should hold a number actually holds. */
export type NumberReading =
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'number';
      readonly value: Decimal;
      /**
       * How the cell shows a percentage: `text` when `62.16%` was typed (value is 62.16),
       * `format` for a number with a `%` format (value is the fraction 0.6216).
       */
      readonly percent?: 'text' | 'format';
      /** Decimal places the sheet shows, when known (from the number format or the typed text). */
      readonly shownDecimals?: number;
      /** A money unit typed with the number: `69.71万元`, `697,100元`, `¥1,200` (元). */
      readonly unit?: AmountUnit;
    }
  | { readonly kind: 'error'; readonly code: string }
  | { readonly kind: 'text'; readonly text: string };

const EMPTY: NumberReading = { kind: 'empty' };

/**
 * A JavaScript number to the decimal Excel holds: 15 significant digits, as Excel keeps and
 * shows them, so that a formula's 96.30000000000001 reads as 96.3.
 */
export function decimalOf(n: number): Decimal {
  // a sheet repeats its numbers (weights, scores, amounts): a Decimal is immutable and shared;
  // ±0 are told apart by their sign, which a Map key is not, and are never kept
  return n === 0 ? dec(n) : decimals(n);
}

/** decimalOf's readings, by number. */
const decimals = remembered(readDecimal, 10000);

function readDecimal(n: number): Decimal {
  if (Number.isSafeInteger(n)) return dec(n);
  // the shortest form has at most 15 digits when it is this short: it is what Excel shows
  const s = String(n);
  return dec(s.length <= 16 && !s.includes('e') ? s : n.toPrecision(15));
}

/** Decimal places a number format shows: `0.00%` → 2, `#,##0` → 0; undefined for General. */
export function formatDecimals(format: string | undefined): number | undefined {
  return format ? formatOf(format).decimals : undefined;
}

/** What a number format says: the decimals it shows and whether it is a percentage. */
interface FormatReading {
  readonly decimals: number | undefined;
  readonly percent: boolean;
}

const GENERAL: FormatReading = { decimals: undefined, percent: false };

function formatOf(format: string): FormatReading {
  // a longer one is no format (and is never kept)
  return format.length > MAX_FORMAT_CHARS ? GENERAL : formats(format);
}

function readFormatDecimals(format: string): number | undefined {
  if (format.length > MAX_FORMAT_CHARS || /^general$/i.test(format.trim())) return undefined;
  const section = format.split(';')[0].replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  const places = placesIn(section);
  if (places !== undefined) return places;
  return /[0#?]/.test(section) ? 0 : undefined;
}

/** Excel keeps a number format to 255 characters: a longer one is not a format, and reads as General. */
const MAX_FORMAT_CHARS = 255;

/** A sheet has a few formats, read on every number: each one's reading is remembered. */
const formats = remembered(
  (format: string): FormatReading => ({
    decimals: readFormatDecimals(format),
    percent: readPercentFormat(format),
  }),
  1000,
  MAX_FORMAT_CHARS,
);

const isPlaceholder = (c: string | undefined) => c === '0' || c === '#' || c === '?';
const isNumberChar = (c: string | undefined) => isPlaceholder(c) || c === '.' || c === ',';

/**
 * The placeholders after the decimal point of the first number in a format section: what
 * `/[0#?](?:[.,][0#?]*)*?\.([0#?]+)/` finds, in one pass (that pattern retries every start of a
 * long run of `0,0,0,…`). A run of placeholders, `.` and `,` in which no `.` is followed by a
 * placeholder holds no decimals from any of its starts, so the scan moves past it.
 */
function placesIn(section: string): number | undefined {
  for (let i = 0; i < section.length; i++) {
    if (!isPlaceholder(section[i]) || (section[i + 1] !== '.' && section[i + 1] !== ',')) continue;
    let end = i + 1;
    while (end < section.length && isNumberChar(section[end])) end++;
    for (let d = i + 1; d + 1 < end; d++) {
      if (section[d] !== '.' || !isPlaceholder(section[d + 1])) continue;
      let e = d + 1;
      while (isPlaceholder(section[e])) e++;
      return e - d - 1;
    }
    i = end - 1;
  }
  return undefined;
}

export function isPercentFormat(format: string | undefined): boolean {
  return !!format && formatOf(format).percent;
}

function readPercentFormat(format: string): boolean {
  return (
    format.length <= MAX_FORMAT_CHARS &&
    format
      .split(';')[0]
      .replace(/"[^"]*"|\\./g, '')
      .includes('%')
  );
}

/**
 * The readings of numbers, by their format's reading (one per distinct format, remembered) and
 * then by number: a sheet repeats its weights, scores and formats, and a reading is immutable.
 */
const readings = new WeakMap<FormatReading, Map<number, NumberReading>>();

function numberReading(value: number, f: FormatReading): NumberReading {
  return {
    kind: 'number',
    value: decimalOf(value),
    percent: f.percent ? 'format' : undefined,
    shownDecimals: f.decimals,
  };
}

/** The longest text read as a number: a number longer than this is not one a form holds. */
export const MAX_NUMBER_CHARS = 400;

/** The units an amount is written in, and what one of each is worth in 元. */
export type AmountUnit = '元' | '千元' | '万元' | '亿元';
export const YUAN_PER: Readonly<Record<AmountUnit, number>> = { 元: 1, 千元: 1e3, 万元: 1e4, 亿元: 1e8 };

export function isAmountUnit(unit: string | undefined): unit is AmountUnit {
  return unit === '元' || unit === '千元' || unit === '万元' || unit === '亿元';
}

const UNIT_SUFFIX = /(亿元|万元|千元|元|万|亿|分|%|‰)$/;
/** `69.71万` is written for 69.71万元. */
const SHORT_UNIT: Readonly<Record<string, AmountUnit>> = { 万: '万元', 亿: '亿元' };

/**
 * Reads a number as a clerk writes it: `414,400.00`, `62.16%`, `３`, `3分`, ` 95 `. Returns
 * `text` for anything that is not a number.
 */
export function readNumber(value: CellValue, format?: string): NumberReading {
  if (value === null) return EMPTY;
  if (isCellError(value)) return { kind: 'error', code: value.error };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { kind: 'text', text: String(value) };
    const f = format ? formatOf(format) : GENERAL;
    // ±0 are told apart by their sign, which a Map key is not: never kept
    if (value === 0) return numberReading(value, f);
    let known = readings.get(f);
    if (!known) readings.set(f, (known = new Map()));
    let reading = known.get(value);
    if (!reading) {
      if (known.size >= 10000) known.clear();
      known.set(value, (reading = numberReading(value, f)));
    }
    return reading;
  }
  const raw = value.trim();
  if (raw === '') return EMPTY;
  // no number a clerk types is this long: longer text is read as text, in constant work
  if (raw.length > MAX_NUMBER_CHARS) return { kind: 'text', text: raw };
  let t = toHalfWidth(raw).replace(/\s+/g, '');
  let money: AmountUnit | undefined;
  if (t.startsWith('¥') || t.startsWith('￥')) {
    money = '元';
    t = t.slice(1);
  }
  if (/^#(DIV\/0!|REF!|VALUE!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i.test(t)) {
    return { kind: 'error', code: t.toUpperCase() };
  }
  let percent: 'text' | undefined;
  const unit = UNIT_SUFFIX.exec(t);
  if (unit) {
    if (unit[1] === '%') percent = 'text';
    if (unit[1] === '‰') return { kind: 'text', text: raw };
    if (isAmountUnit(unit[1])) money = unit[1];
    else if (SHORT_UNIT[unit[1]]) money = SHORT_UNIT[unit[1]];
    t = t.slice(0, -unit[1].length);
  }
  // thousands separators only in their proper places
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) t = t.replace(/,/g, '');
  // one way only to split the digits (not `\d+\.?\d*`, which retries every split of `9…9x`)
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) return { kind: 'text', text: raw };
  const dot = t.indexOf('.');
  const shownDecimals = dot < 0 ? 0 : t.length - dot - 1;
  return { kind: 'number', value: dec(t), percent, shownDecimals, ...(money ? { unit: money } : {}) };
}

/**
 * A rate cell as a percentage: `62.16%` typed, 0.6216 with a `%` format, or 62.16 in a cell
 * whose label already says (%). A bare number ≤ 1.5 without any percent sign counts as a
 * fraction (1 → 100 %). Returns the percentage and the decimals the sheet shows of it.
 */
export function asPercent(reading: NumberReading): { value: Decimal; shownDecimals?: number } | undefined {
  if (reading.kind !== 'number') return undefined;
  if (reading.percent === 'text') return { value: reading.value, shownDecimals: reading.shownDecimals };
  if (reading.percent === 'format')
    return { value: reading.value.times(100), shownDecimals: reading.shownDecimals };
  if (reading.value.abs().lte(1.5)) {
    const d = reading.shownDecimals;
    return {
      value: reading.value.times(100),
      shownDecimals: d === undefined ? undefined : Math.max(0, d - 2),
    };
  }
  return { value: reading.value, shownDecimals: reading.shownDecimals };
}

/** displayNumber's texts of numbers in a percent format, by decimal places, then by number. */
const percentTexts = new Map<number, Map<number, string>>();

/** A number as a field shows it in the report: `62.16%` for a rate in a `%` format, else the plain decimal. */
export function displayNumber(value: number, format?: string): string {
  const percent = isPercentFormat(format);
  if (Number.isSafeInteger(value) && !percent) return String(value);
  if (!percent) {
    // JavaScript's shortest form, when it is short and plain, is already the exact decimal
    // printed without trailing zeros: what the Decimal below would give
    const s = String(value);
    if (s.length <= 16 && !s.includes('e') && Number.isFinite(value)) return s;
  }
  if (percent) {
    const places = formatDecimals(format) ?? 2;
    // a sheet shows the same rates form after form (`100.00%`): each one's text is remembered,
    // by its places then its value (±0 and non-finite numbers are never kept)
    let byValue = percentTexts.get(places);
    const known = byValue?.get(value);
    if (known !== undefined) return known;
    const shown = `${decimalOf(value).times(100).toFixed(places)}%`;
    if (value !== 0 && Number.isFinite(value)) {
      if (!byValue) {
        byValue = new Map();
        percentTexts.set(places, byValue);
      }
      if (byValue.size >= 10000) byValue.clear();
      byValue.set(value, shown);
    }
    return shown;
  }
  const s = decimalOf(value).toFixed();
  return s.includes('.') ? s.replace(/(?<!0)0+$/, '').replace(/\.$/, '') : s;
}
