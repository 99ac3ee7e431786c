import { roundTo } from '../compute/decimal';
import { numberOf } from '../compute/figures';
import { at, fmt } from './helpers';
import { Rule } from './types';

export const executionScoreMismatch: Rule = {
  id: 'execution-score-mismatch',
  severity: 'error',
  description:
    'Where the form scores budget execution, the stated score is not rate × points, capped at the points.',
  check({ figures, chain }) {
    const c = chain.executionScore;
    const es = figures.executionScore;
    const stated = numberOf(es?.stated);
    if (!c?.mismatch || !c.root || !es?.slot || !es.computed || !stated) return [];
    const rate = figures.rate.computed ?? figures.rate.statedPercent?.value;
    const cell = at(es.slot);
    return [
      {
        cells: [cell],
        message: {
          key: 'execution-score-mismatch',
          params: {
            stated: fmt(stated),
            computed: fmt(roundTo(es.computed, 2)),
            rate: rate ? roundTo(rate, 2).toFixed(2) : '',
            points: fmt(figures.executionPoints),
            cell,
          },
        },
        fix: c.fix,
      },
    ];
  },
};
