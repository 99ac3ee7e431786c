import { a1 } from '../grid';
import { fmt } from './helpers';
import { defineRule, RuleDraft } from './types';

/** What a finding of this rule says. */
interface Params {
  category: string;
  sum: string;
  declared: string;
  cell: string;
}

export const categoryWeightMismatch = defineRule({
  id: 'category-weight-mismatch',
  severity: 'error',
  description: 'The weights of a category do not add up to the points its header declares.',
  check({ figures }) {
    const out: Array<RuleDraft<Params>> = [];
    if (figures.blank) return out;
    // plain loops: this runs on every form, mostly before the JIT has compiled it
    const categories = figures.categories;
    for (let k = 0; k < categories.length; k++) {
      const c = categories[k];
      const cat = figures.layout.categories[c.index];
      if (!cat.declared || !c.weight || c.weight.eq(cat.declared)) continue;
      const cell = a1(cat.row, cat.col);
      const cells = [cell];
      for (const i of c.indicators) if (i.weight) cells.push(a1(i.weight.slot.row, i.weight.slot.col));
      out.push({
        cells,
        params: { category: cat.name, sum: fmt(c.weight), declared: fmt(cat.declared), cell },
      });
    }
    return out;
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `${p.category}各项权重之和为 ${p.sum}，与标明的 ${p.declared} 分不符（${p.cell}）`,
    en: (p: Params) =>
      `The weights of ${p.category} add up to ${p.sum}, not the ${p.declared} points its header declares (${p.cell})`,
  },
});
