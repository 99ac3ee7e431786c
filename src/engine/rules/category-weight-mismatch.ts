import { a1 } from '../grid';
import { fmt } from './helpers';
import { defineRule } from './types';

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
    if (figures.blank) return [];
    return figures.categories.flatMap((c) => {
      const cat = figures.layout.categories[c.index];
      if (!cat.declared || !c.weight || c.weight.eq(cat.declared)) return [];
      const cell = a1(cat.row, cat.col);
      const weightCells = c.indicators.flatMap((i) =>
        i.weight ? [a1(i.weight.slot.row, i.weight.slot.col)] : [],
      );
      return [
        {
          cells: [cell, ...weightCells],
          params: { category: cat.name, sum: fmt(c.weight), declared: fmt(cat.declared), cell },
        },
      ];
    });
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `${p.category}各项权重之和为 ${p.sum}，与标明的 ${p.declared} 分不符（${p.cell}）`,
    en: (p: Params) =>
      `The weights of ${p.category} add up to ${p.sum}, not the ${p.declared} points its header declares (${p.cell})`,
  },
});
