import { EN_TERMS, ZH_TERMS, cap } from '../messages';
import { Term } from '../messages/catalog';
import { at, oddNumberCells } from './helpers';
import { defineRule, RuleDraft } from './types';

/** What a finding of this rule says. */
interface Params {
  what: Term;
  cell: string;
  text: string;
}

export const notANumber = defineRule({
  id: 'not-a-number',
  severity: 'error',
  description: 'A weight, score, amount or rate cell holds text that is not a number.',
  check({ figures }) {
    const out: Array<RuleDraft<Params>> = [];
    for (const { what, cell } of oddNumberCells(figures)) {
      if (cell.reading.kind !== 'text') continue;
      out.push({
        cells: [at(cell.slot)],
        params: { what, cell: at(cell.slot), text: cell.reading.text },
      });
    }
    return out;
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `${ZH_TERMS[p.what]}应为数字，${p.cell} 中却是“${p.text}”`,
    en: (p: Params) => `${cap(EN_TERMS[p.what])} should be a number, but ${p.cell} holds "${p.text}"`,
  },
});
