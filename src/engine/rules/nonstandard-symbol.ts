import { textWrite } from '../fix';
import { nonstandardSign } from '../read/target';
import { at } from './helpers';
import { Rule } from './types';

export const nonstandardSymbol: Rule = {
  id: 'nonstandard-symbol',
  severity: 'info',
  description: 'A target uses a look-alike comparison sign (》=, >=, ＞＝) instead of ≥ / ≤.',
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
          message: {
            key: 'nonstandard-symbol',
            params: { text: raw, found: sign.found, standard: sign.standard, cell },
          },
          fix: [textWrite(cell, sign.fixed)],
        },
      ];
    });
  },
};
