import Decimal from 'decimal.js';
import { show } from '../compute/decimal';
import { FormFigures, NumberCell, oddReading as odd } from '../compute/figures';
import { a1 } from '../grid';
import { Slot } from '../layout/model';
import { Term } from '../messages/catalog';

export function at(slot: Slot): string {
  return a1(slot.row, slot.col);
}

export { show };

export function fmt(d: Decimal | undefined): string {
  return d ? show(d) : '';
}

/**
 * The number cells of each form that hold anything but a number of at least zero or nothing:
 * text, an error value, a number below zero. Listed once for the rules that report those (most
 * forms have none: no entry is made for the others).
 */
const listed = new WeakMap<FormFigures, ReadonlyArray<{ what: Term; cell: NumberCell }>>();

/** Every number cell the form needs that holds text, an error value or a number below zero, with what it is. */
export function oddNumberCells(f: FormFigures): ReadonlyArray<{ what: Term; cell: NumberCell }> {
  let out = listed.get(f);
  if (!out) {
    out = listOddCells(f);
    listed.set(f, out);
  }
  return out;
}

/** What most forms have: no odd number cell. */
const NONE: ReadonlyArray<{ what: Term; cell: NumberCell }> = [];

function added(
  out: Array<{ what: Term; cell: NumberCell }> | undefined,
  what: Term,
  cell: NumberCell,
): Array<{ what: Term; cell: NumberCell }> {
  const list = out ?? [];
  list.push({ what, cell });
  return list;
}

function listOddCells(f: FormFigures): ReadonlyArray<{ what: Term; cell: NumberCell }> {
  let out: Array<{ what: Term; cell: NumberCell }> | undefined;
  // only the indicators whose weight or score reads oddly (listed once by the figures)
  const indicators = f.oddlyRead;
  for (let k = 0; k < indicators.length; k++) {
    const i = indicators[k];
    if (odd(i.weight)) out = added(out, 'weight', i.weight);
    if (odd(i.score)) out = added(out, 'score', i.score);
  }
  if (odd(f.totalWeight.stated)) out = added(out, 'totalWeight', f.totalWeight.stated);
  if (odd(f.totalScore.stated)) out = added(out, 'totalScore', f.totalScore.stated);
  if (odd(f.budget)) out = added(out, 'budgetAmount', f.budget);
  if (odd(f.executed)) out = added(out, 'executedAmount', f.executed);
  if (odd(f.rate.stated)) out = added(out, 'executionRate', f.rate.stated);
  if (odd(f.executionScore?.stated)) out = added(out, 'executionScore', f.executionScore.stated);
  return out ?? NONE;
}

/** An indicator's name for messages: its name, or its row when it has none. */
export function nameOf(name: string, row: number): string {
  return name || `第${row}行`;
}
