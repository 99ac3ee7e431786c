import { a1 } from '../grid';
import { fmt } from './helpers';
import { Rule } from './types';

export const categoryWeightMismatch: Rule = {
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
          message: {
            key: 'category-weight-mismatch',
            params: { category: cat.name, sum: fmt(c.weight), declared: fmt(cat.declared), cell },
          },
        },
      ];
    });
  },
};
