import { shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

ruleTester('total-weight-mismatch', {
  valid: [
    { name: 'total weight right', sheet: shanghaiSheet() },
    { name: 'total weight as text', sheet: shanghaiSheet({ total: { weight: '100.00', score: 100 } }) },
    { name: 'no total weight stated', sheet: shanghaiSheet({ total: { weight: undefined, score: 100 } }) },
  ],
  invalid: [
    {
      name: 'total weight 90',
      sheet: shanghaiSheet({ total: { weight: 90, score: 100 } }),
      findings: [
        {
          cells: ['D20'],
          fix: [{ cell: 'D20', type: 'number', value: 100 }],
          zh: '合计权重 90 与各项权重之和 100 不符（D20）',
          en: 'Total weight 90',
        },
      ],
    },
    {
      name: 'a formula whose result disagrees is still reported',
      sheet: shanghaiSheet({ total: { weight: { value: 85, formula: 'SUM(D14:D18)' }, score: 100 } }),
      findings: [{ cells: ['D20'] }],
    },
  ],
});
