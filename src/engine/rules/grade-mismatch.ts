import { roundTo } from '../compute/decimal';
import { at, fmt } from './helpers';
import { defineRule } from './types';

/** What a finding of this rule says. */
interface Params {
  stated: string;
  computed: string;
  total: string;
  cell: string;
}

export const gradeMismatch = defineRule({
  id: 'grade-mismatch',
  severity: 'error',
  description: 'The stated grade is not the band the total score falls in.',
  check({ figures, chain }) {
    const c = chain.grade;
    const g = figures.grade;
    if (!c?.mismatch || !c.root || !g.slot || !g.stated || !g.computed || !figures.totalScore.computed)
      return [];
    const cell = at(g.slot);
    return [
      {
        cells: [cell],
        params: {
          stated: g.stated,
          computed: g.computed,
          total: fmt(roundTo(figures.totalScore.computed, 2)),
          cell,
        },
        fix: c.fix.slice(),
      },
    ];
  },
  fixable: true,
  messages: {
    zh: (p: Params) => `绩效等级“${p.stated}”与总分 ${p.total} 所在的等级“${p.computed}”不符（${p.cell}）`,
    en: (p: Params) =>
      `Grade "${p.stated}" is not "${p.computed}", the band of total score ${p.total} (${p.cell})`,
  },
});
