import { textWrite } from '../fix';
import { a1 } from '../grid';
import { hasMarkup, stripMarkup } from '../read/text';
import { defineRule, Rule } from './types';

/** What a finding of this rule says. */
interface Params {
  cell: string;
  preview: string;
}

export const markupInCell: Rule = defineRule<Params>({
  id: 'markup-in-cell',
  severity: 'info',
  description: 'A cell holds HTML markup such as <p>.',
  fixable: true,
  messages: {
    zh: (p) => `${p.cell} 含有网页标记（${p.preview}），修复会改为纯文本`,
    en: (p) => `${p.cell} holds web markup (${p.preview}); the fix writes the plain text`,
  },
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
          params: { cell: ref, preview: tag },
          fix: [textWrite(ref, stripMarkup(v))],
        });
      }
    }
    return out;
  },
});
