import { textWrite } from '../fix';
import { nonstandardSign } from '../read/target';
import { at } from './helpers';
import { defineRule } from './types';

/** What a finding of this rule says. */
interface Params {
  text: string;
  found: string;
  standard: string;
  cell: string;
}

export const nonstandardSymbol = defineRule({
  id: 'nonstandard-symbol',
  severity: 'info',
  description: 'A target uses a look-alike comparison sign (》=, >=, ＞＝, ≧, ═) instead of ≥ / ≤ / =.',
  check({ figures }) {
    return figures.indicators.flatMap((i) => {
      // the sign in a column of its own (指标性质: ≧, ═), else at the head of the target
      const slot = [i.layout.slots.sign, i.layout.slots.target].find(
        (s) => typeof s?.cell?.value === 'string' && !s.cell.formula,
      );
      const raw = slot?.cell?.value;
      if (!slot || typeof raw !== 'string') return [];
      const sign = nonstandardSign(raw);
      if (!sign) return [];
      const cell = at(slot);
      return [
        {
          cells: [cell],
          params: { text: raw, found: sign.found, standard: sign.standard, cell },
          fix: [textWrite(cell, sign.fixed)],
        },
      ];
    });
  },
  fixable: true,
  messages: {
    zh: (p: Params) => `目标值“${p.text}”中的“${p.found}”不是标准符号，应写作“${p.standard}”（${p.cell}）`,
    en: (p: Params) =>
      `"${p.found}" in target "${p.text}" is not a standard sign; write "${p.standard}" (${p.cell})`,
  },
});
