import { EN_TERMS, ZH_TERMS, cap } from '../messages';
import { Term } from '../messages/catalog';
import { at, fmt, oddNumberCells } from './helpers';
import { defineRule, RuleDraft } from './types';

/** What a finding of this rule says. */
interface Params {
  what: Term;
  value: string;
  cell: string;
}

export const negativeValue = defineRule({
  id: 'negative-value',
  severity: 'error',
  description: 'A weight or score is below zero.',
  check({ figures }) {
    const out: Array<RuleDraft<Params>> = [];
    for (const { what, cell } of oddNumberCells(figures)) {
      if (what !== 'weight' && what !== 'score' && what !== 'totalWeight' && what !== 'totalScore') continue;
      if (cell.reading.kind !== 'number' || !cell.reading.value.isNeg() || cell.reading.value.isZero())
        continue;
      out.push({
        cells: [at(cell.slot)],
        params: { what, value: fmt(cell.reading.value), cell: at(cell.slot) },
      });
    }
    return out;
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `${ZH_TERMS[p.what]} ${p.value} 是负数（${p.cell}）`,
    en: (p: Params) => `${cap(EN_TERMS[p.what])} ${p.value} is negative (${p.cell})`,
  },
});
