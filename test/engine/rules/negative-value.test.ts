import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

ruleTester('negative-value', {
  valid: [
    {
      name: 'zero is not negative',
      sheet: shanghaiSheet({
        indicators: changed(I, { 2: { score: 0, note: '未按时完成' } }),
        total: { weight: 100, score: 85 },
        fields: { grade: '良好' },
      }),
    },
  ],
  invalid: [
    {
      name: 'a negative score',
      sheet: shanghaiSheet({
        indicators: changed(I, { 2: { score: -1, note: '扣分' } }),
        total: { weight: 100, score: 84 },
        fields: { grade: '良好' },
      }),
      findings: [{ cells: ['F16'], zh: '自评分 -1 是负数', en: 'Score -1 is negative' }],
    },
    {
      name: 'a negative weight typed as text',
      sheet: shanghaiSheet({ indicators: changed(I, { 3: { weight: '-20', score: 0 } }) }),
      findings: [{ cells: ['D17'] }],
    },
  ],
});
