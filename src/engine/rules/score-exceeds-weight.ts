import { numberWrite } from '../fix';
import { toCellNumber } from '../compute/decimal';
import { numberOf } from '../compute/figures';
import { at, fmt, nameOf } from './helpers';
import { defineRule, RuleDraft } from './types';

/** What a finding of this rule says. */
interface Params {
  name: string;
  score: string;
  weight: string;
  cell: string;
}

export const scoreExceedsWeight = defineRule({
  id: 'score-exceeds-weight',
  severity: 'error',
  description: "A score is above its indicator's weight.",
  check({ figures }) {
    const out: Array<RuleDraft<Params>> = [];
    // only the scores above their weight (listed once by the figures)
    for (const i of figures.aboveWeight) {
      const weight = numberOf(i.weight);
      const score = numberOf(i.score);
      if (!weight || !score || !i.score || weight.isNeg()) continue;
      const cell = at(i.score.slot);
      out.push({
        cells: [cell],
        params: {
          name: nameOf(i.layout.name, i.layout.row),
          score: fmt(score),
          weight: fmt(weight),
          cell,
        },
        fix: [numberWrite(cell, toCellNumber(weight))],
      });
    }
    return out;
  },
  fixable: true,
  messages: {
    zh: (p: Params) => `自评分 ${p.score} 超过权重 ${p.weight}（${p.cell}，指标“${p.name}”）`,
    en: (p: Params) => `Score ${p.score} is above weight ${p.weight} (${p.cell}, indicator "${p.name}")`,
  },
});
