/**
 * A write that repairs a finding. Computation (compute/chain.ts) builds the repairs of the
 * figures that follow from one another and rules hand them on: the type lives apart from both.
 *
 * Every write says what it writes. `text` is written as text, whatever it looks like: a value
 * that begins with `=`, `+`, `-` or `@`, or that reads as a number, a percentage or a date,
 * stays the literal text (a consumer prefixes the apostrophe, writes an inline string, …) and
 * never becomes a formula or a number. `number` is written as a number, and with `format` the
 * cell is given that number format too (a recomputed rate written into a blank, unformatted cell
 * is the number 0.6216 shown as `0.00%`); without it the cell keeps the format it has. A `text`
 * write whose value is null clears the cell.
 */
export type FixWrite = TextWrite | NumberWrite;

export interface TextWrite {
  readonly cell: string;
  readonly type: 'text';
  /** The literal text to write; null clears the cell. */
  readonly value: string | null;
}

export interface NumberWrite {
  readonly cell: string;
  readonly type: 'number';
  readonly value: number;
  /** The number format to give the cell (an Excel format code such as `0.00%`); absent: keep its own. */
  readonly format?: string;
}

/** What a write writes: `text` (literal, never a formula) or a `number`. */
export type WriteType = FixWrite['type'];

export function textWrite(cell: string, value: string): TextWrite {
  return { cell, type: 'text', value };
}

export function numberWrite(cell: string, value: number, format?: string): NumberWrite {
  return format === undefined ? { cell, type: 'number', value } : { cell, type: 'number', value, format };
}

export function clearWrite(cell: string): TextWrite {
  return { cell, type: 'text', value: null };
}

/**
 * A write of a value as the engine holds it: a number as a number (with the number format given,
 * if any), any string as text.
 */
export function writeOf(cell: string, value: string | number | null, format?: string): FixWrite {
  if (value === null) return clearWrite(cell);
  return typeof value === 'number' ? numberWrite(cell, value, format) : textWrite(cell, value);
}
