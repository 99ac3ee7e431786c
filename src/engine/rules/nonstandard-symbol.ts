import { textWrite } from '../fix';
import { nonstandardSign } from '../read/target';
import { at } from './helpers';
import { defineRule, Rule } from './types';

/** What a finding of this rule says. */
interface Params {
  text: string;
  found: string;
  standard: string;
  cell: string;
}

export const nonstandardSymbol: Rule = defineRule<Params>({
  id: 'nonstandard-symbol',
  severity: 'info',
  description: 'A target uses a look-alike comparison sign (》=, >=, ＞＝) instead of ≥ / ≤.',
  fixable: true,
  messages: {
    zh: (p) => `目标值“${p.text}”中的“${p.found}”不是标准符号，应写作“${p.standard}”（${p.cell}）`,
    en: (p) => `"${p.found}" in target "${p.text}" is not a standard sign; write "${p.standard}" (${p.cell})`,
  },
  check({ figures }) {
    return figures.indicators.flatMap((i) => {
      const slot = i.layout.slots.target;
      const raw = slot?.cell?.value;
      if (!slot || typeof raw !== 'string' || slot.cell?.formula) return [];
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
});
