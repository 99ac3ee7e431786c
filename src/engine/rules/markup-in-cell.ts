import { textWrite } from '../fix';
import { a1 } from '../grid';
import { hasMarkup, stripMarkup } from '../read/text';
import { RowLayout } from '../layout/model';
import { moveWrites } from './misaligned-row';
import { defineRule } from './types';

/** What a finding of this rule says. */
interface Params {
  cell: string;
  preview: string;
}

export const markupInCell = defineRule({
  id: 'markup-in-cell',
  severity: 'info',
  description: 'A cell holds HTML markup such as <p>.',
  check({ figures, grid }) {
    const f = figures.layout;
    const out = [];
    // rows whose values sit under the wrong columns: their text is fixed where the move puts it
    let shifted: Map<number, RowLayout> | undefined;
    for (let r = f.top; r <= f.bottom; r++) {
      const cells = grid.rowCells(r);
      if (!cells) continue;
      const end = Math.min(f.right + 2, cells.length - 1);
      for (let c = f.left; c <= end; c++) {
        const cell = cells[c];
        const v = cell?.value;
        if (typeof v !== 'string' || cell?.formula || (!v.includes('<') && !v.includes('&'))) continue;
        if (!hasMarkup(v)) continue;
        if (!shifted) {
          shifted = new Map<number, RowLayout>();
          for (const row of f.indicators) if (row.moves.length > 0) shifted.set(row.row, row);
          if (f.total && f.total.moves.length > 0) shifted.set(f.total.row, f.total);
        }
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
            ? moveWrites(grid, row).map((w) =>
                w.cell === a1(r, move.to) ? textWrite(w.cell, stripMarkup(v)) : w,
              )
            : [textWrite(ref, stripMarkup(v))];
        out.push({ cells: [ref], params: { cell: ref, preview: tag }, fix });
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
