import Decimal from 'decimal.js';
import { show } from '../compute/decimal';
import { FormFigures, NumberCell } from '../compute/figures';
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

/** The number cells of each form's figures, listed once for the rules that read them all. */
const listed = new WeakMap<FormFigures, ReadonlyArray<{ what: Term; cell: NumberCell }>>();

/** Every number cell the form needs, with what it is. */
export function numberCells(f: FormFigures): ReadonlyArray<{ what: Term; cell: NumberCell }> {
  let out = listed.get(f);
  if (!out) {
    out = listNumberCells(f);
    listed.set(f, out);
  }
  return out;
}

function listNumberCells(f: FormFigures): Array<{ what: Term; cell: NumberCell }> {
  const out: Array<{ what: Term; cell: NumberCell }> = [];
  for (const i of f.indicators) {
    if (i.weight) out.push({ what: 'weight', cell: i.weight });
    if (i.score) out.push({ what: 'score', cell: i.score });
  }
  if (f.totalWeight.stated) out.push({ what: 'totalWeight', cell: f.totalWeight.stated });
  if (f.totalScore.stated) out.push({ what: 'totalScore', cell: f.totalScore.stated });
  if (f.budget) out.push({ what: 'budgetAmount', cell: f.budget });
  if (f.executed) out.push({ what: 'executedAmount', cell: f.executed });
  if (f.rate.stated) out.push({ what: 'executionRate', cell: f.rate.stated });
  if (f.executionScore?.stated) out.push({ what: 'executionScore', cell: f.executionScore.stated });
  return out;
}

/** An indicator's name for messages: its name, or its row when it has none. */
export function nameOf(name: string, row: number): string {
  return name || `第${row}行`;
}
