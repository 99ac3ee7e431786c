import { SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { PLAIN_LAYOUT, variantSheet } from '../../fixtures/variants';
import { ruleTester } from '../ruleTester';

const plain = PLAIN_LAYOUT;
const blocks = variantSheet({ ...plain, scoring: 'blocks' });

ruleTester('form-not-filled', {
  valid: [
    { name: 'a filled form', sheet: shanghaiSheet() },
    {
      name: 'one score missing is missing-score, not an unfilled form',
      sheet: shanghaiSheet({ indicators: I.map((i, k) => (k === 2 ? { ...i, score: undefined } : i)) }),
    },
    { name: 'a form scored by blocks of points, filled', sheet: blocks },
  ],
  invalid: [
    {
      name: 'weights but not one score: reported once, at the first score cell',
      sheet: shanghaiSheet({
        indicators: I.map((i) => ({ ...i, score: undefined })),
        total: { weight: 100 },
      }),
      findings: [
        { cells: ['F14'], fix: null, zh: '6 项指标都没有得分', en: /none of its 6 indicators has a score/ },
      ],
    },
    {
      name: 'a blank form: no weight, no score',
      sheet: shanghaiSheet({
        indicators: I.map((i) => ({ ...i, weight: undefined, score: undefined })),
        total: { weight: undefined, score: undefined },
      }),
      findings: [{ cells: ['F14'] }],
    },
    {
      name: 'a form without a weight column and no score',
      sheet: {
        ...blocks,
        cells: blocks.cells.map((row, r) =>
          row && r > 12 ? row.map((c, k) => (k === 7 ? undefined : c)) : row,
        ),
      },
      findings: [{ cells: ['G13'] }],
    },
  ],
});
