import { numberWrite } from '../fix';
import { toCellNumber } from '../compute/decimal';
import { numberOf } from '../compute/figures';
import { at, fmt } from './helpers';
import { Rule } from './types';

export const totalWeightMismatch: Rule = {
  id: 'total-weight-mismatch',
  severity: 'error',
  description: 'The stated total weight differs from the sum of the weights.',
  check({ figures }) {
    const { slot, computed } = figures.totalWeight;
    const stated = numberOf(figures.totalWeight.stated);
    if (!slot || !stated || !computed || stated.eq(computed)) return [];
    const cell = at(slot);
    return [
      {
        cells: [cell],
        message: {
          key: 'total-weight-mismatch',
          params: { stated: fmt(stated), computed: fmt(computed), cell },
        },
        fix: [numberWrite(cell, toCellNumber(computed))],
      },
    ];
  },
};
