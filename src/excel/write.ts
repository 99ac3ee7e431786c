/** Writing cells as they must end up: text stays text, a fill goes back exactly as it was. */
import type { Worksheet } from './api';
import type { SavedFill } from './state';

/**
 * A value as Excel must receive it to store it as it is: text that Excel would read as a
 * formula (`=10场`, `+5`, `@x`) gets the apostrophe that keeps it text.
 */
export function literal(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^[=+@]/.test(value) || (/^-/.test(value) && !/^-\d+(\.\d+)?%?$/.test(value))) return `'${value}`;
  return value;
}

/** Queues giving a cell a saved fill back. */
export function paint(sheet: Worksheet, cell: string, fill: SavedFill): void {
  const r = sheet.getRange(cell);
  if (fill.pattern === 'None') r.format.fill.clear();
  else r.format.fill.color = fill.color;
}
