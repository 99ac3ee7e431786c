import { at, fmt, numberCells } from './helpers';
import { Rule } from './types';

export const negativeValue: Rule = {
  id: 'negative-value',
  severity: 'error',
  description: 'A weight or score is below zero.',
  check({ figures }) {
    return numberCells(figures).flatMap(({ what, cell }) => {
      if (what !== 'weight' && what !== 'score' && what !== 'totalWeight' && what !== 'totalScore') return [];
      if (cell.reading.kind !== 'number' || !cell.reading.value.isNeg() || cell.reading.value.isZero())
        return [];
      return [
        {
          cells: [at(cell.slot)],
          message: {
            key: 'negative-value',
            params: { what, value: fmt(cell.reading.value), cell: at(cell.slot) },
          },
        },
      ];
    });
  },
};
