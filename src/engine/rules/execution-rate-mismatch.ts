import { roundTo } from '../compute/decimal';
import { at, fmt } from './helpers';
import { defineRule } from './types';

/** What a finding of this rule says. */
interface Params {
  stated: string;
  computed: string;
  executed: string;
  budget: string;
  cell: string;
}

export const executionRateMismatch = defineRule({
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
        params: {
          stated: shown === undefined ? fmt(statedPercent.value) : statedPercent.value.toFixed(shown),
          computed: roundTo(computed, 2).toFixed(2),
          executed: figures.amounts?.shown.executed ?? '',
          budget: figures.amounts?.shown.budget ?? '',
          cell,
        },
        fix: c.fix.slice(),
      },
    ];
  },
  fixable: true,
  messages: {
    zh: (p: Params) =>
      `预算执行率 ${p.stated}% 与 预算执行数 ${p.executed} ÷ 预算数 ${p.budget} = ${p.computed}% 不符（${p.cell}）`,
    en: (p: Params) =>
      `Execution rate ${p.stated}% differs from executed ${p.executed} ÷ budget ${p.budget} = ${p.computed}% (${p.cell})`,
  },
});
