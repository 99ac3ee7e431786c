import { roundTo } from '../compute/decimal';
import { numberOf } from '../compute/figures';
import { at, fmt } from './helpers';
import { defineRule } from './types';

/** What a finding of this rule says. */
interface Params {
  stated: string;
  computed: string;
  rate: string;
  points: string;
  cell: string;
}

export const executionScoreMismatch = defineRule({
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
        params: {
          stated: fmt(stated),
          computed: fmt(roundTo(es.computed, 2)),
          rate: rate ? roundTo(rate, 2).toFixed(2) : '',
          points: fmt(figures.executionPoints),
          cell,
        },
        fix: c.fix.slice(),
      },
    ];
  },
  fixable: true,
  messages: {
    zh: (p: Params) =>
      `预算执行得分 ${p.stated} 应为 执行率 ${p.rate}% × ${p.points} 分 = ${p.computed}（${p.cell}）`,
    en: (p: Params) =>
      `Execution score ${p.stated} should be rate ${p.rate}% × ${p.points} points = ${p.computed} (${p.cell})`,
  },
});
