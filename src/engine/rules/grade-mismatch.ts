import { roundTo } from '../compute/decimal';
import { at, fmt } from './helpers';
import { Rule } from './types';

export const gradeMismatch: Rule = {
  id: 'grade-mismatch',
  severity: 'error',
  description: 'The stated grade is not the band the total score falls in.',
  check({ figures, chain }) {
    const c = chain.grade;
    const g = figures.grade;
    if (!c?.mismatch || !c.root || !g.slot || !g.stated || !g.computed || !figures.totalScore.computed)
      return [];
    const cell = at(g.slot);
    return [
      {
        cells: [cell],
        message: {
          key: 'grade-mismatch',
          params: {
            stated: g.stated,
            computed: g.computed,
            total: fmt(roundTo(figures.totalScore.computed, 2)),
            cell,
          },
        },
        fix: c.fix,
      },
    ];
  },
};
