import { clearWrite, textWrite, writeOf } from '../fix';
import { a1, Grid, rangeA1 } from '../grid';
import { Move, RowLayout } from '../layout/model';
import { defineRule, FixWrite, RuleDraft } from './types';

/** A cell's value as a fix writes it into another cell: a number as a number, everything else as text. */
function moved(grid: Grid, row: number, from: number, to: number): FixWrite {
  const cell = a1(row, to);
  const v = grid.value(row, from);
  if (v === null) return clearWrite(cell);
  if (typeof v === 'object') return textWrite(cell, v.error);
  if (typeof v === 'boolean') return textWrite(cell, v ? 'TRUE' : 'FALSE');
  return writeOf(cell, v);
}

/** Moves by the column they move to (a stable sort: moves to one column keep their order). */
const byTarget = (x: Move, y: Move) => x.to - y.to;

/** True when the moves are in the order of the columns they move to, as a row shifted as a whole has them. */
function inTargetOrder(moves: readonly Move[]): boolean {
  for (let k = 1; k < moves.length; k++) if (moves[k].to < moves[k - 1].to) return false;
  return true;
}

/** The writes that put a shifted row's values under their header columns (and clear what they leave). */
export function moveWrites(grid: Grid, layout: RowLayout): FixWrite[] {
  const { row, moves } = layout;
  const fix: FixWrite[] = [];
  const sorted = inTargetOrder(moves) ? moves : [...moves].sort(byTarget);
  for (let k = 0; k < sorted.length; k++) fix.push(moved(grid, row, sorted[k].from, sorted[k].to));
  // a row has a few moves (one per column at most): the cells they leave are found by looking
  const targets = moves.length > 8 ? new Set(moves.map((m) => m.to)) : undefined;
  for (let k = 0; k < moves.length; k++) {
    const m = moves[k];
    let target = false;
    if (targets) target = targets.has(m.from);
    else for (let j = 0; j < moves.length && !target; j++) target = moves[j].to === m.from;
    if (!target) fix.push(clearWrite(a1(row, m.from)));
  }
  return fix;
}

function describe(layout: RowLayout, left: number, right: number, grid: Grid): RuleDraft<Params> {
  const { row, moves } = layout;
  const delta = moves[0].to - moves[0].from;
  let mixed = false;
  let lo = left;
  let hi = right;
  const shown: string[] = [];
  for (let k = 0; k < moves.length; k++) {
    const m = moves[k];
    if (m.to - m.from !== delta) mixed = true;
    lo = Math.min(lo, m.from, m.to);
    hi = Math.max(hi, m.from, m.to);
    shown.push(`${a1(row, m.from)}→${a1(row, m.to)}`);
  }
  const direction = mixed ? 'mixed' : delta > 0 ? 'left' : 'right';
  const fix = moveWrites(grid, layout);
  const range = rangeA1(row, lo, row, hi);
  return {
    cells: [range],
    params: {
      row: String(row),
      cells: range,
      direction,
      by: String(Math.abs(delta)),
      moves: shown,
    },
    fix,
  };
}

/** What a finding of this rule says. */
interface Params {
  row: string;
  cells: string;
  direction: 'left' | 'right' | 'mixed';
  by: string;
  moves: string[];
}

const DIRECTION_ZH = { left: '向左', right: '向右', mixed: '' };

export const misalignedRow = defineRule({
  id: 'misaligned-row',
  severity: 'error',
  description: 'An indicator row or the 合计 row has its values under the wrong header columns.',
  check({ figures, grid }) {
    const f = figures.layout;
    const out: Array<RuleDraft<Params>> = [];
    for (let k = 0; k < f.indicators.length; k++) {
      const r = f.indicators[k];
      if (r.moves.length > 0) out.push(describe(r, f.left, f.right, grid));
    }
    if (f.total && f.total.moves.length > 0) out.push(describe(f.total, f.left, f.right, grid));
    return out;
  },
  fixable: true,
  messages: {
    zh: (p: Params) =>
      `第 ${p.row} 行的数值没有对齐表头（${p.cells}，${p.direction === 'mixed' ? '多处错位' : `${DIRECTION_ZH[p.direction]}偏移了 ${p.by} 列`}）：${p.moves.join('、')}。已按正确的列读取，修复会把数值移到对应的列。`,
    en: (p: Params) =>
      `Row ${p.row} has values under the wrong header columns (${p.cells}${p.direction === 'mixed' ? '' : `, shifted ${p.by} column${p.by === '1' ? '' : 's'} ${p.direction}`}): ${p.moves.join(', ')}. They were read at their proper place; the fix moves them there.`,
  },
});
