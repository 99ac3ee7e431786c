import { numberWrite } from '../fix';
import { toCellNumber } from '../compute/decimal';
import { numberOf } from '../compute/figures';
import { at, fmt, nameOf } from './helpers';
import { Rule } from './types';

export const scoreExceedsWeight: Rule = {
  id: 'score-exceeds-weight',
  severity: 'error',
  description: "A score is above its indicator's weight.",
  check({ figures }) {
    return figures.indicators.flatMap((i) => {
      const weight = numberOf(i.weight);
      const score = numberOf(i.score);
      if (!weight || !score || !i.score || !score.gt(weight) || weight.isNeg()) return [];
      const cell = at(i.score.slot);
      return [
        {
          cells: [cell],
          message: {
            key: 'score-exceeds-weight',
            params: {
              name: nameOf(i.layout.name, i.layout.row),
              score: fmt(score),
              weight: fmt(weight),
              cell,
            },
          },
          fix: [numberWrite(cell, toCellNumber(weight))],
        },
      ];
    });
  },
};
