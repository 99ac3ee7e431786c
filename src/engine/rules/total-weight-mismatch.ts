import { numberWrite } from '../fix';
import { toCellNumber } from '../compute/decimal';
import { numberOf } from '../compute/figures';
import { at, fmt } from './helpers';
import { defineRule } from './types';

/** What a finding of this rule says. */
interface Params {
  stated: string;
  computed: string;
  cell: string;
}

export const totalWeightMismatch = defineRule({
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
        params: { stated: fmt(stated), computed: fmt(computed), cell },
        fix: [numberWrite(cell, toCellNumber(computed))],
      },
    ];
  },
  fixable: true,
  messages: {
    zh: (p: Params) => `合计权重 ${p.stated} 与各项权重之和 ${p.computed} 不符（${p.cell}）`,
    en: (p: Params) =>
      `Total weight ${p.stated} differs from the sum of the weights, ${p.computed} (${p.cell})`,
  },
});
