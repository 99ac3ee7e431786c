import { numberOf } from '../compute/figures';
import { isVacuous } from '../read/text';
import { at, fmt, nameOf } from './helpers';
import { Rule } from './types';

export const deductionWithoutReason: Rule = {
  id: 'deduction-without-reason',
  severity: 'warning',
  description: 'A score below its weight with no explanation in the remarks cell.',
  check({ figures }) {
    return figures.indicators.flatMap((i) => {
      const weight = numberOf(i.weight);
      const score = numberOf(i.score);
      const noteSlot = i.layout.slots.note;
      if (!weight || !score || !i.score || !noteSlot || !score.lt(weight) || score.isNeg()) return [];
      if (!isVacuous(i.note)) return [];
      const cell = at(noteSlot);
      return [
        {
          cells: [cell, at(i.score.slot)],
          message: {
            key: 'deduction-without-reason',
            params: {
              name: nameOf(i.layout.name, i.layout.row),
              score: fmt(score),
              weight: fmt(weight),
              cell,
            },
          },
        },
      ];
    });
  },
};
