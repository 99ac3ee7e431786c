import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

ruleTester('cell-error', {
  valid: [
    { name: 'a clean form', sheet: shanghaiSheet() },
    {
      name: 'an error in a cell the form does not need',
      sheet: shanghaiSheet({ extra: [[25, 9, { value: { error: '#REF!' } }]] }),
    },
  ],
  invalid: [
    {
      name: 'a rate formula dividing by zero',
      sheet: shanghaiSheet({
        fields: { executionRate: { value: { error: '#DIV/0!' }, formula: 'B6/B5' }, budgetAmount: 0 },
      }),
      findings: [{ cells: ['D6'], zh: '#DIV/0!', en: /error value #DIV\/0!/ }],
    },
    {
      name: 'a score and a total with broken references',
      sheet: shanghaiSheet({
        indicators: changed(I, { 0: { score: { value: { error: '#REF!' } } } }),
        total: { weight: 100, score: { value: { error: '#VALUE!' }, formula: 'SUM(F14:F19)' } },
      }),
      findings: [{ cells: ['F14'] }, { cells: ['F20'], zh: '#VALUE!' }],
    },
    {
      name: 'an error typed as text',
      sheet: shanghaiSheet({ indicators: changed(I, { 3: { weight: '#N/A' } }) }),
      findings: [{ cells: ['D17'] }],
    },
  ],
});
