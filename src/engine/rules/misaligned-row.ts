import { a1, Grid, rangeA1 } from '../grid';
import { Move, RowLayout } from '../layout/model';
import { Draft, FixWrite, Rule } from './types';

/** A cell's value as a fix writes it back. */
function valueForWrite(grid: Grid, row: number, col: number): string | number | null {
  const v = grid.value(row, col);
  if (v === null) return null;
  if (typeof v === 'object') return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

function describe(layout: RowLayout, left: number, right: number, grid: Grid): Draft {
  const { row, moves } = layout;
  const deltas = new Set(moves.map((m) => m.to - m.from));
  const delta = moves[0].to - moves[0].from;
  const direction = deltas.size > 1 ? 'mixed' : delta > 0 ? 'left' : 'right';
  const fix: FixWrite[] = [];
  const targets = new Set(moves.map((m) => m.to));
  for (const m of [...moves].sort((x: Move, y: Move) => x.to - y.to)) {
    fix.push({ cell: a1(row, m.to), value: valueForWrite(grid, row, m.from) });
  }
  for (const m of moves) if (!targets.has(m.from)) fix.push({ cell: a1(row, m.from), value: null });
  const lo = Math.min(left, ...moves.map((m) => Math.min(m.from, m.to)));
  const hi = Math.max(right, ...moves.map((m) => Math.max(m.from, m.to)));
  return {
    cells: [rangeA1(row, lo, row, hi)],
    message: {
      key: 'misaligned-row',
      params: {
        row: String(row),
        cells: rangeA1(row, lo, row, hi),
        direction,
        by: String(Math.abs(delta)),
        moves: moves.map((m) => `${a1(row, m.from)}→${a1(row, m.to)}`),
      },
    },
    fix,
  };
}

export const misalignedRow: Rule = {
  id: 'misaligned-row',
  severity: 'error',
  description: 'An indicator row or the 合计 row has its values under the wrong header columns.',
  check({ figures, grid }) {
    const f = figures.layout;
    const rows: RowLayout[] = [...f.indicators, ...(f.total ? [f.total] : [])];
    return rows.filter((r) => r.moves.length > 0).map((r) => describe(r, f.left, f.right, grid));
  },
};
