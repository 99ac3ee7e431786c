import { roundTo } from '../compute/decimal';
import { at, fmt } from './helpers';
import { Rule } from './types';

export const executionRateMismatch: Rule = {
  id: 'execution-rate-mismatch',
  severity: 'error',
  description: 'The stated execution rate differs from executed ÷ budget, at the precision the sheet shows.',
  check({ figures, chain }) {
    const c = chain.rate;
    const { slot, computed, statedPercent } = figures.rate;
    if (!c?.mismatch || !slot || !computed || !statedPercent) return [];
    const cell = at(slot);
    const shown = statedPercent.shownDecimals;
    return [
      {
        cells: [cell],
        message: {
          key: 'execution-rate-mismatch',
          params: {
            stated: shown === undefined ? fmt(statedPercent.value) : statedPercent.value.toFixed(shown),
            computed: roundTo(computed, 2).toFixed(2),
            executed: figures.amounts?.shown.executed ?? '',
            budget: figures.amounts?.shown.budget ?? '',
            cell,
          },
        },
        fix: c.fix,
      },
    ];
  },
};
