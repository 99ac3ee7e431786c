import { Cell, Grid, a1 } from '../grid';
import { FormLayout, RowLayout } from '../layout/model';
import { textWrite } from '../fix';
import { hasMarkup, stripMarkup } from '../read/text';
import { moveWrites } from './misaligned-row';
import { defineRule, RuleDraft } from './types';

/** What a finding of this rule says. */
interface Params {
  cell: string;
  preview: string;
}

/**
 * The first column from `from` to `to` of a row whose cell holds markup (a text, not a formula's,
 * with `<` or `&` that reads as markup), or -1. Run on every row of every form: kept small.
 */
function markupColumn(cells: ReadonlyArray<Cell | null | undefined>, from: number, to: number): number {
  for (let c = from; c <= to; c++) {
    const cell = cells[c];
    if (!cell || cell.formula) continue;
    const v = cell.value;
    if (typeof v === 'string' && (v.includes('<') || v.includes('&')) && hasMarkup(v)) return c;
  }
  return -1;
}

/** The rows whose values misaligned-row moves, by row number. */
function shiftedRows(f: FormLayout): Map<number, RowLayout> {
  const shifted = new Map<number, RowLayout>();
  for (const row of f.indicators) if (row.moves.length > 0) shifted.set(row.row, row);
  if (f.total && f.total.moves.length > 0) shifted.set(f.total.row, f.total);
  return shifted;
}

/** The finding of a cell with markup, and its fix. */
function markupDraft(
  grid: Grid,
  shifted: Map<number, RowLayout>,
  r: number,
  c: number,
  v: string,
): RuleDraft<Params> {
  const ref = a1(r, c);
  const tag = /<[^<>]{1,20}>|&[a-z#0-9]+;/i.exec(v)?.[0] ?? '<…>';
  const row = shifted.get(r);
  const move = row?.moves.find((m) => m.from === c);
  // A cell that misaligned-row moves: the fix makes the same move and writes the plain text
  // where the cell's text lands, so that 全部修复 (the last write to a cell wins) never writes
  // the plain text over the value moved into this cell, and this fix alone leaves no value
  // under the wrong column.
  const fix =
    row && move
      ? moveWrites(grid, row).map((w) => (w.cell === a1(r, move.to) ? textWrite(w.cell, stripMarkup(v)) : w))
      : [textWrite(ref, stripMarkup(v))];
  return { cells: [ref], params: { cell: ref, preview: tag }, fix };
}

export const markupInCell = defineRule({
  id: 'markup-in-cell',
  severity: 'info',
  description: 'A cell holds HTML markup such as <p>.',
  check({ figures, grid }) {
    const f = figures.layout;
    const out: Array<RuleDraft<Params>> = [];
    // rows whose values sit under the wrong columns: their text is fixed where the move puts it
    let shifted: Map<number, RowLayout> | undefined;
    for (let r = f.top; r <= f.bottom; r++) {
      const cells = grid.rowCells(r);
      if (!cells) continue;
      const end = Math.min(f.right + 2, cells.length - 1);
      for (let c = markupColumn(cells, f.left, end); c >= 0; c = markupColumn(cells, c + 1, end)) {
        shifted ??= shiftedRows(f);
        out.push(markupDraft(grid, shifted, r, c, cells[c]?.value as string));
      }
    }
    return out;
  },
  fixable: true,
  messages: {
    zh: (p: Params) => `${p.cell} 含有网页标记（${p.preview}），修复会改为纯文本`,
    en: (p: Params) => `${p.cell} holds web markup (${p.preview}); the fix writes the plain text`,
  },
});
