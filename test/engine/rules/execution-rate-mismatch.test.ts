import { nationalSheet, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

const amounts = (budget: number, executed: number, rate: unknown) =>
  shanghaiSheet({
    fields: {
      budgetAmount: budget,
      executedAmount: executed,
      executionRate: rate as never,
      problems: '部分活动因故未举办',
    },
  });

const withUnits = (budget: string, executed: string | number, rate: unknown) =>
  shanghaiSheet({
    fields: {
      budgetAmount: budget,
      executedAmount: executed,
      executionRate: rate as never,
      problems: '部分活动因故未举办',
    },
  });

ruleTester('execution-rate-mismatch', {
  valid: [
    {
      name: 'seed form 1: 257602 / 414400 shown as 62.16%',
      sheet: amounts(414400, 257602, { value: 0.6216, format: '0.00%' }),
    },
    {
      name: 'the exact fraction a formula gives',
      sheet: amounts(414400, 257602, { value: 257602 / 414400, format: '0.00%' }),
    },
    { name: 'typed as text 62.16%', sheet: amounts(414400, 257602, '62.16%') },
    { name: 'shown with no decimals', sheet: amounts(414400, 257602, { value: 0.62, format: '0%' }) },
    { name: 'a bare percentage number under (%)', sheet: amounts(414400, 257602, 62.16) },
    { name: 'national: 执行率 in the funds block', sheet: nationalSheet() },
    {
      name: 'budget 69.71万元 and executed 697100 under （元）: 100%, not 1000000%',
      sheet: withUnits('69.71万元', 697100, { value: 1, format: '0.00%' }),
    },
    {
      name: 'budget 41.44万元 and executed 257,602元: 62.16%',
      sheet: withUnits('41.44万元', '257,602元', '62.16%'),
    },
    {
      name: 'national: 项目资金（万元） 100, executed typed 950,000元: 95%',
      sheet: nationalSheet({ funds: { budget: 100, executed: '950,000元' } }),
    },
  ],
  invalid: [
    {
      name: 'budget 69.71万元, executed 348550 under （元）, stated 100%: the rate is 50%',
      sheet: withUnits('69.71万元', 348550, { value: 1, format: '0.00%' }),
      findings: [
        {
          cells: ['D6'],
          fix: [{ cell: 'D6', type: 'number', value: 0.5 }],
          zh: '预算执行率 100.00% 与 预算执行数 348550元 ÷ 预算数 69.71万元 = 50.00% 不符（D6）',
        },
      ],
    },
    {
      name: 'rate 62.17% where the amounts give 62.16%',
      sheet: amounts(414400, 257602, { value: 0.6217, format: '0.00%' }),
      findings: [
        {
          cells: ['D6'],
          fix: [{ cell: 'D6', type: 'number', value: 0.6216 }],
          zh: '预算执行率 62.17% 与 预算执行数 257602 ÷ 预算数 414400 = 62.16% 不符（D6）',
          en: '62.17%',
        },
      ],
    },
    {
      name: 'typed text keeps its form in the fix',
      sheet: amounts(50000, 40000, '100.00%'),
      findings: [{ cells: ['D6'], fix: [{ cell: 'D6', type: 'text', value: '80.00%' }] }],
    },
    {
      // a rate the clerk wrote as a number keeps its cell's format: the fix gives it none
      name: 'a plain number in an unformatted cell is fixed as a plain number, with no format',
      sheet: amounts(50000, 40000, 70),
      findings: [{ cells: ['D6'], fix: [{ cell: 'D6', type: 'number', value: 80 }] }],
    },
    {
      name: 'a fraction in an unformatted cell is fixed as a fraction, with no format',
      sheet: amounts(50000, 40000, 0.7),
      findings: [{ cells: ['D6'], fix: [{ cell: 'D6', type: 'number', value: 0.8 }] }],
    },
    {
      name: 'national: the rate is the root, the score and total follow it',
      sheet: nationalSheet({ funds: { executed: 80, rate: { value: 0.95, format: '0.00%' }, score: 9.5 } }),
      findings: [
        {
          cells: ['G6'],
          fix: [
            { cell: 'G6', type: 'number', value: 0.8 },
            { cell: 'H6', type: 'number', value: 8 },
            { cell: 'H19', type: 'number', value: 98 },
          ],
        },
      ],
    },
  ],
});
