import { textWrite } from '../fix';
import { remembered } from '../read/memo';
import { nonstandardSign } from '../read/target';
import { at } from './helpers';
import { defineRule, RuleDraft } from './types';

/** A sheet repeats its targets form after form: each one's sign is read once. */
const signOf = remembered(nonstandardSign, 2000, 200);

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
    const out: Array<RuleDraft<Params>> = [];
    const indicators = figures.indicators;
    for (let k = 0; k < indicators.length; k++) {
      const i = indicators[k];
      // the sign in a column of its own (指标性质: ≧, ═), else at the head of the target
      const { sign: signSlot, target } = i.layout.slots;
      const slot =
        typeof signSlot?.cell?.value === 'string' && !signSlot.cell.formula
          ? signSlot
          : typeof target?.cell?.value === 'string' && !target.cell.formula
            ? target
            : undefined;
      const raw = slot?.cell?.value;
      if (!slot || typeof raw !== 'string') continue;
      const sign = signOf(raw);
      if (!sign) continue;
      const cell = at(slot);
      out.push({
        cells: [cell],
        params: { text: raw, found: sign.found, standard: sign.standard, cell },
        fix: [textWrite(cell, sign.fixed)],
      });
    }
    return out;
  },
  fixable: true,
  messages: {
    zh: (p: Params) => `目标值“${p.text}”中的“${p.found}”不是标准符号，应写作“${p.standard}”（${p.cell}）`,
    en: (p: Params) =>
      `"${p.found}" in target "${p.text}" is not a standard sign; write "${p.standard}" (${p.cell})`,
  },
});
