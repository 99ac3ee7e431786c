import { a1 } from '../grid';
import { at } from './helpers';
import { Rule } from './types';

/**
 * A form published empty or half filled: no indicator has a score. Reported once for the form,
 * instead of a missing score on every row; a blank template checked as it is gets it too.
 */
export const formNotFilled: Rule = {
  id: 'form-not-filled',
  severity: 'error',
  description: 'No indicator has a score: the form is empty or half filled.',
  check({ figures }) {
    if (figures.indicators.some((i) => i.score && i.score.reading.kind !== 'empty')) return [];
    const layout = figures.layout;
    const first = figures.indicators.find((i) => i.score)?.score?.slot;
    const cell = first ? at(first) : a1(layout.headerRow + 1, layout.columns.score ?? layout.left);
    return [
      {
        cells: [cell],
        message: { key: 'form-not-filled', params: { indicators: String(figures.indicators.length), cell } },
      },
    ];
  },
};
