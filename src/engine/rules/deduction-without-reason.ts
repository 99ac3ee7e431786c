import Decimal from 'decimal.js';
import { numberOf } from '../compute/figures';
import { IndicatorLayout, Slot } from '../layout/model';
import { isVacuous } from '../read/text';
import { at, fmt, nameOf } from './helpers';
import { defineRule, RuleDraft } from './types';

/** What a finding of this rule says. */
interface Params {
  name: string;
  score: string;
  weight: string;
  cell: string;
}

/** The finding of a score below its weight whose remarks cell gives no reason. */
function draft(
  layout: IndicatorLayout,
  noteSlot: Slot,
  scoreSlot: Slot,
  score: Decimal,
  weight: Decimal,
): RuleDraft<Params> {
  const cell = at(noteSlot);
  return {
    cells: [cell, at(scoreSlot)],
    params: { name: nameOf(layout.name, layout.row), score: fmt(score), weight: fmt(weight), cell },
  };
}

export const deductionWithoutReason = defineRule({
  id: 'deduction-without-reason',
  severity: 'warning',
  description: 'A score below its weight with no explanation in the remarks cell.',
  check({ figures }) {
    const out: Array<RuleDraft<Params>> = [];
    // only the scores below their weight (listed once by the figures)
    const below = figures.belowWeight;
    for (let k = 0; k < below.length; k++) {
      const i = below[k];
      const weight = numberOf(i.weight);
      const score = numberOf(i.score);
      const noteSlot = i.layout.slots.note;
      if (!weight || !score || !i.score || !noteSlot || score.isNeg()) continue;
      if (isVacuous(i.note)) out.push(draft(i.layout, noteSlot, i.score.slot, score, weight));
    }
    return out;
  },
  fixable: false,
  messages: {
    zh: (p: Params) =>
      `指标“${p.name}”自评分 ${p.score} 低于权重 ${p.weight}，但备注（${p.cell}）中没有说明扣分原因`,
    en: (p: Params) =>
      `Indicator "${p.name}" scores ${p.score} of ${p.weight}, but the remarks (${p.cell}) give no reason`,
  },
});
