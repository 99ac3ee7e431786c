import { numberOf } from '../compute/figures';
import { at, fmt, nameOf } from './helpers';
import { Rule } from './types';

export const missingScore: Rule = {
  id: 'missing-score',
  severity: 'error',
  description: 'An indicator has a weight but no score.',
  check({ figures }) {
    // a form with no score at all is form-not-filled, once
    if (!figures.indicators.some((i) => i.score && i.score.reading.kind !== 'empty')) return [];
    return figures.indicators.flatMap((i) => {
      const weight = numberOf(i.weight);
      if (!weight || !i.score || i.score.reading.kind !== 'empty') return [];
      const cell = at(i.score.slot);
      return [
        {
          cells: [cell],
          message: {
            key: 'missing-score',
            params: { name: nameOf(i.layout.name, i.layout.row), weight: fmt(weight), cell },
          },
        },
      ];
    });
  },
};
