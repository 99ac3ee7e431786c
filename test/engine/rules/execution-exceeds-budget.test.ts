import { nationalSheet, shanghaiSheet } from '../../fixtures/forms';
import { CellLike } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

/** The Shanghai form (labels 当年预算数（元）B5, 预算执行数（元）B6) with amounts written with units. */
const withUnits = (budget: CellLike, executed: CellLike, extra: Array<[number, number, CellLike]> = []) =>
  shanghaiSheet({
    fields: { budgetAmount: budget, executedAmount: executed, executionRate: { value: 1, format: '0.00%' } },
    extra,
  });

ruleTester('execution-exceeds-budget', {
  valid: [
    { name: 'executed equals budget', sheet: shanghaiSheet() },
    { name: 'executed below budget', sheet: nationalSheet() },
    // amounts in 万元 and 元 are read in one unit (issue 10 item 7)
    {
      name: 'budget typed 69.71万元, executed 697100 under 预算执行数（元）',
      sheet: withUnits('69.71万元', 697100),
    },
    { name: 'budget typed 69.71万元, executed typed 697,100元', sheet: withUnits('69.71万元', '697,100元') },
    { name: 'budget 6.971亿元, executed 697,100,000元', sheet: withUnits('6.971亿元', '697,100,000元') },
    { name: 'budget ¥697,100, executed 69.71万元', sheet: withUnits('¥697,100', '69.71万元') },
    {
      name: 'budget 69.71 under 当年预算数（万元）, executed 697100 under （元）',
      sheet: withUnits(69.71, 697100, [[5, 1, '当年预算数（万元）']]),
    },
    {
      name: 'labels in （单位：万元） and （元）',
      sheet: withUnits(69.71, 697100, [[5, 1, '当年预算数（单位：万元）']]),
    },
    {
      name: 'national: 项目资金（万元） block, executed typed 950,000元',
      sheet: nationalSheet({ funds: { budget: 100, executed: '950,000元' } }),
    },
  ],
  invalid: [
    {
      name: 'Shanghai: 预算执行数 above 当年预算数',
      sheet: shanghaiSheet({
        fields: { executedAmount: 60000, executionRate: { value: 1.2, format: '0.00%' } },
      }),
      findings: [
        { cells: ['B6', 'B5'], zh: '预算执行数 60000 超过了预算数 50000（B6）', en: 'above the budget' },
      ],
    },
    {
      name: 'national: 全年执行数 above 全年预算数',
      sheet: nationalSheet({
        funds: { executed: 110, rate: { value: 1.1, format: '0.00%' }, score: 10 },
        total: { weight: 100, score: 100 },
      }),
      findings: [{ cells: ['E6', 'D6'] }],
    },
    {
      name: 'budget 69.71万元, executed 700000 under （元）: above, in one unit',
      sheet: withUnits('69.71万元', 700000),
      findings: [
        {
          cells: ['B6', 'B5'],
          zh: '预算执行数 700000元 超过了预算数 69.71万元（B6）',
          en: 'Amount executed 700000元 is above the budget 69.71万元 (B6)',
          fix: null,
        },
      ],
    },
    {
      name: 'national: 项目资金（万元）, executed typed 1,100,000元 above 100',
      sheet: nationalSheet({
        funds: {
          budget: 100,
          executed: '1,100,000元',
          rate: { value: 1.1, format: '0.00%' },
          score: 10,
        },
      }),
      findings: [{ cells: ['E6', 'D6'], zh: '预算执行数 1100000元 超过了预算数 100万元（E6）' }],
    },
  ],
});
