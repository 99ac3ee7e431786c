import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

ruleTester('score-exceeds-weight', {
  valid: [
    { name: 'full marks', sheet: shanghaiSheet() },
    {
      name: 'equal as decimals typed differently',
      sheet: shanghaiSheet({ indicators: changed(I, { 0: { weight: '15.0', score: 15 } }) }),
    },
  ],
  invalid: [
    {
      name: 'a score above its weight',
      sheet: shanghaiSheet({
        indicators: changed(I, { 1: { score: 16 } }),
        total: { weight: 100, score: 101 },
      }),
      findings: [
        {
          cells: ['F15'],
          fix: [{ cell: 'F15', type: 'number', value: 15 }],
          zh: '自评分 16 超过权重 15（F15',
          en: 'Score 16 is above weight 15',
        },
      ],
    },
    {
      name: 'by a fraction',
      sheet: shanghaiSheet({
        indicators: changed(I, { 5: { score: 20.5 } }),
        total: { weight: 100, score: 100.5 },
      }),
      findings: [{ cells: ['F19'], fix: [{ cell: 'F19', type: 'number', value: 20 }] }],
    },
  ],
});
