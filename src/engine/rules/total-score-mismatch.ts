import { roundTo } from '../compute/decimal';
import { numberOf } from '../compute/figures';
import { at, fmt } from './helpers';
import { defineRule } from './types';

/** What a finding of this rule says. */
interface Params {
  stated: string;
  computed: string;
  cell: string;
  grade?: string;
}

export const totalScoreMismatch = defineRule({
  id: 'total-score-mismatch',
  severity: 'error',
  description: 'The stated total score differs from the sum of the scores.',
  check({ figures, chain }) {
    const c = chain.totalScore;
    const { slot, computed } = figures.totalScore;
    const stated = numberOf(figures.totalScore.stated);
    if (!c?.mismatch || !c.root || !slot || !stated || !computed) return [];
    const cell = at(slot);
    const grade = chain.grade?.mismatch && !chain.grade.root ? figures.grade.computed : undefined;
    return [
      {
        cells: [cell],
        params: {
          stated: fmt(stated),
          computed: fmt(roundTo(computed, 2)),
          cell,
          ...(grade ? { grade } : {}),
        },
        fix: c.fix.slice(),
      },
    ];
  },
  fixable: true,
  messages: {
    zh: (p: Params) =>
      `合计自评分 ${p.stated} 与各项得分之和 ${p.computed} 不符（${p.cell}）${p.grade ? `；绩效等级随之应为“${p.grade}”` : ''}`,
    en: (p: Params) =>
      `Total score ${p.stated} differs from the sum of the scores, ${p.computed} (${p.cell})${p.grade ? `; the grade becomes "${p.grade}"` : ''}`,
  },
});
