import { textWrite } from '../fix';
import { a1 } from '../grid';
import { hasMarkup, stripMarkup } from '../read/text';
import { Rule } from './types';

export const markupInCell: Rule = {
  id: 'markup-in-cell',
  severity: 'info',
  description: 'A cell holds HTML markup such as <p>.',
  check({ figures, grid }) {
    const f = figures.layout;
    const out = [];
    for (let r = f.top; r <= f.bottom; r++) {
      for (let c = f.left; c <= f.right + 2; c++) {
        const cell = grid.cell(r, c);
        const v = cell?.value;
        if (typeof v !== 'string' || cell?.formula || (!v.includes('<') && !v.includes('&'))) continue;
        if (!hasMarkup(v)) continue;
        const ref = a1(r, c);
        const tag = /<[^<>]{1,20}>|&[a-z#0-9]+;/i.exec(v)?.[0] ?? '<…>';
        out.push({
          cells: [ref],
          message: { key: 'markup-in-cell' as const, params: { cell: ref, preview: tag } },
          fix: [textWrite(ref, stripMarkup(v))],
        });
      }
    }
    return out;
  },
};
