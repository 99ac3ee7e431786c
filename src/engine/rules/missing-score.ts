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
    let scored = false;
    for (const i of figures.indicators) if (i.score && i.score.reading.kind !== 'empty') scored = true;
    if (!scored) return [];
    const out: Array<RuleDraft<Params>> = [];
    for (const i of figures.indicators) {
      const weight = numberOf(i.weight);
      if (!weight || !i.score || i.score.reading.kind !== 'empty') continue;
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
