import { roundTo } from '../compute/decimal';
import { numberOf } from '../compute/figures';
import { at, fmt } from './helpers';
import { Rule } from './types';

export const totalScoreMismatch: Rule = {
  id: 'total-score-mismatch',
  severity: 'error',
  description: 'The stated total score differs from the sum of the scores.',
  check({ figures, chain }) {
    const c = chain.totalScore;
    const { slot, computed } = figures.totalScore;
    const stated = numberOf(figures.totalScore.stated);
    if (!c?.mismatch || !c.root || !slot || !stated || !computed) return [];
    const cell = at(slot);
    const grade = chain.grade?.mismatch && !chain.grade.root ? figures.grade.computed : undefined;
    return [
      {
        cells: [cell],
        message: {
          key: 'total-score-mismatch',
          params: {
            stated: fmt(stated),
            computed: fmt(roundTo(computed, 2)),
            cell,
            ...(grade ? { grade } : {}),
          },
        },
        fix: c.fix,
      },
    ];
  },
};
