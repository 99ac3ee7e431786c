import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

ruleTester('missing-score', {
  valid: [
    { name: 'every indicator scored', sheet: shanghaiSheet() },
    {
      name: 'a score of zero is a score',
      sheet: shanghaiSheet({
        indicators: changed(I, { 0: { score: 0, note: '未完成' } }),
        total: { weight: 100, score: 85 },
        fields: { grade: '良好' },
      }),
    },
    {
      name: 'a blank form has nothing to score',
      sheet: shanghaiSheet({
        indicators: I.map((i) => ({ ...i, weight: undefined, score: undefined })),
        total: { weight: undefined, score: undefined },
      }),
    },
  ],
  invalid: [
    {
      name: 'one indicator without a score',
      sheet: shanghaiSheet({ indicators: changed(I, { 4: { score: undefined } }) }),
      findings: [{ cells: ['F18'], fix: null, zh: '长效机制健全性', en: /has weight 15 but no score/ }],
    },
    {
      name: 'two indicators without scores',
      sheet: shanghaiSheet({ indicators: changed(I, { 0: { score: '' }, 5: { score: undefined } }) }),
      findings: [{ cells: ['F14'] }, { cells: ['F19'] }],
    },
  ],
});
