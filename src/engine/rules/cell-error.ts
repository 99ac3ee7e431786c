import { EN_TERMS, ZH_TERMS, cap } from '../messages';
import { Term } from '../messages/catalog';
import { at, oddNumberCells } from './helpers';
import { defineRule, RuleDraft } from './types';

/** What a finding of this rule says. */
interface Params {
  what: Term;
  cell: string;
  code: string;
}

export const cellError = defineRule({
  id: 'cell-error',
  severity: 'error',
  description: 'A cell the form needs holds an Excel error value.',
  check({ figures }) {
    const out: Array<RuleDraft<Params>> = [];
    for (const { what, cell } of oddNumberCells(figures)) {
      if (cell.reading.kind !== 'error') continue;
      out.push({
        cells: [at(cell.slot)],
        params: { what, cell: at(cell.slot), code: cell.reading.code },
      });
    }
    return out;
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `${ZH_TERMS[p.what]}（${p.cell}）是错误值 ${p.code}，请检查公式或引用`,
    en: (p: Params) =>
      `${cap(EN_TERMS[p.what])} (${p.cell}) is the error value ${p.code}: check its formula or references`,
  },
});
