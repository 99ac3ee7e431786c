import { numberOf } from '../compute/figures';
import { at, fmt, nameOf } from './helpers';
import { defineRule, RuleDraft } from './types';

/** What a finding of this rule says. */
interface Params {
  name: string;
  weight: string;
  cell: string;
}

export const missingScore = defineRule({
  id: 'missing-score',
  severity: 'error',
  description: 'An indicator has a weight but no score.',
  check({ figures }) {
    // a form with no score at all is form-not-filled, once
    if (!figures.scored) return [];
    const out: Array<RuleDraft<Params>> = [];
    // only the weights whose score is blank (listed once by the figures)
    for (const i of figures.unscored) {
      const weight = numberOf(i.weight);
      if (!weight || !i.score) continue;
      const cell = at(i.score.slot);
      out.push({
        cells: [cell],
        params: { name: nameOf(i.layout.name, i.layout.row), weight: fmt(weight), cell },
      });
    }
    return out;
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `指标“${p.name}”有权重 ${p.weight}，但没有自评分（${p.cell}）`,
    en: (p: Params) => `Indicator "${p.name}" has weight ${p.weight} but no score (${p.cell})`,
  },
});
