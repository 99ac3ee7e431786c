import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

ruleTester('not-a-number', {
  valid: [
    {
      name: 'numbers typed as text are numbers',
      sheet: shanghaiSheet({ indicators: changed(I, { 0: { weight: '15', score: ' 15 ' } }) }),
    },
    {
      name: 'amounts with thousands separators',
      sheet: shanghaiSheet({ fields: { budgetAmount: '50,000.00', executedAmount: '50,000.00' } }),
    },
    { name: 'a rate typed with %', sheet: shanghaiSheet({ fields: { executionRate: '100.00%' } }) },
    {
      name: 'full-width digits and a 分 unit',
      sheet: shanghaiSheet({ indicators: changed(I, { 0: { score: '１５分' } }) }),
    },
  ],
  invalid: [
    {
      name: 'a score of 300,000 digits is text, quoted in the message up to 100 characters',
      sheet: shanghaiSheet({ indicators: changed(I, { 1: { score: '9'.repeat(300000) } }) }),
      findings: [
        {
          cells: ['F15'],
          zh: new RegExp(`^自评分应为数字，F15 中却是“9{100}…”$`),
          en: new RegExp(`holds "9{100}…"$`),
        },
      ],
    },
    {
      name: 'a score written in words',
      sheet: shanghaiSheet({ indicators: changed(I, { 1: { score: '满分' } }) }),
      findings: [{ cells: ['F15'], zh: '满分', en: /score should be a number/i }],
    },
    {
      name: 'a weight and an amount as text',
      sheet: shanghaiSheet({
        indicators: changed(I, { 0: { weight: '十五' } }),
        fields: { budgetAmount: '五万元' },
      }),
      findings: [{ cells: ['D14'] }, { cells: ['B5'], zh: '当年预算数' }],
    },
    {
      name: 'a total score as text',
      sheet: shanghaiSheet({ total: { weight: 100, score: '一百' } }),
      findings: [{ cells: ['F20'] }],
    },
    {
      name: 'a number with a stray letter',
      sheet: shanghaiSheet({ indicators: changed(I, { 2: { score: '15o' } }) }),
      findings: [{ cells: ['F16'] }],
    },
  ],
});
