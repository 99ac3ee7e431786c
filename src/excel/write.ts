/**
 * Writing cells as they must end up. Excel parses every string written to `values` as if it were
 * typed: `95` becomes a number, `62.16%` a percentage, `2021-01-01` a date and a leading `=`, `+`,
 * `-` or `@` a formula. Text is therefore written with the leading apostrophe Excel users type to
 * keep text as text, whenever Excel could read it as anything else. A fill goes back exactly.
 */
import type { Worksheet } from './api';
import type { CellContent, SavedFill } from './state';

const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const MONTH_FIRST = new RegExp(`^${MONTH}[a-z]*[\\s\\-/.,]*\\d`, 'i');
const MONTH_AFTER = new RegExp(`^\\d{1,4}[\\s\\-/.,]*${MONTH}`, 'i');
/** Only characters of numbers, percentages, amounts, dates and times (half- and full-width). */
const NUMERIC_LOOKING = /^[\s0-9０-９.,:/%()+\-eE$¥￥€£．，：／％（）年月日时分秒午上下AaPpMm]*$/;
const DIGIT = /[0-9０-９]/;

/** True when Excel would store this string, written to `values`, as something other than this text. */
export function wouldReparse(s: string): boolean {
  if (s === '') return false;
  if (/^['=+\-@#]/.test(s)) return true;
  const t = s.trim();
  if (/^(true|false)$/i.test(t)) return true;
  if (DIGIT.test(t) && NUMERIC_LOOKING.test(t)) return true;
  return MONTH_FIRST.test(t) || MONTH_AFTER.test(t);
}

/** What to write to `values` so that Excel stores this text as this text. */
export function textInput(s: string): string {
  return wouldReparse(s) ? `'${s}` : s;
}

/**
 * A value as Excel must receive it to store it as it is: a number as a number, a string as text
 * (never a formula, a number or a date made from it), null as an empty cell.
 */
export function literal(value: string | number | boolean | null | undefined): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return textInput(value);
  return value;
}

/** What to write to `values` to give a cell back a recorded content. Never a formula. */
export function contentInput(c: CellContent): string | number | boolean {
  switch (c.type) {
    case 'empty':
      return '';
    case 'text':
      return textInput(c.value);
    case 'number':
    case 'boolean':
      return c.value;
    case 'error':
      // an error constant such as #N/A, as the clerk typed it (the schema allows only these)
      return c.value;
  }
}

/** Queues giving a cell a saved fill back: no fill, a colour, a pattern, a theme tint. */
export function paint(sheet: Worksheet, cell: string, fill: SavedFill): void {
  const f = sheet.getRange(cell).format.fill;
  if (fill.tintAndShade === null) {
    f.clear();
    return;
  }
  f.color = fill.color;
  if (fill.pattern && fill.pattern !== 'Solid' && fill.pattern !== 'None') f.pattern = fill.pattern;
  if (fill.tintAndShade !== 0) f.tintAndShade = fill.tintAndShade;
}

/** Two fills look the same (Excel reports a white fill's pattern as null, like no fill's). */
export function sameFill(a: SavedFill, b: SavedFill): boolean {
  if (a.tintAndShade === null || b.tintAndShade === null) return a.tintAndShade === b.tintAndShade;
  const pattern = (p: string | null) => (p === null || p === 'Solid' ? 'Solid' : p);
  return (
    a.color.toUpperCase() === b.color.toUpperCase() &&
    a.tintAndShade === b.tintAndShade &&
    pattern(a.pattern) === pattern(b.pattern)
  );
}
