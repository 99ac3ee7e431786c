import { nationalSheet, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

ruleTester('execution-score-mismatch', {
  valid: [
    { name: '95% of 10 points is 9.5', sheet: nationalSheet() },
    {
      name: 'capped at the points when more than the budget is spent',
      sheet: nationalSheet({
        funds: { executed: 110, rate: { value: 1.1, format: '0.00%' }, score: 10 },
        total: { weight: 100, score: 100 },
      }),
    },
    {
      name: 'rounded as the sheet shows it: 62.16% gives 6.22',
      sheet: nationalSheet({
        funds: {
          budget: 414400,
          executed: 257602,
          rate: { value: 0.6216, format: '0.00%' },
          score: 6.22,
          reason: '疫情影响，活动未举办',
        },
        total: { weight: 100, score: 96.22 },
      }),
    },
    { name: 'the Shanghai form does not score execution', sheet: shanghaiSheet() },
  ],
  invalid: [
    {
      name: 'full points claimed at 95%',
      sheet: nationalSheet({ funds: { score: 10 }, total: { weight: 100, score: 100 } }),
      findings: [
        {
          cells: ['H6'],
          fix: [
            { cell: 'H6', type: 'number', value: 9.5 },
            { cell: 'H19', type: 'number', value: 99.5 },
          ],
          zh: '预算执行得分 10 应为 执行率 95.00% × 10 分 = 9.5（H6）',
          en: 'Execution score 10 should be',
        },
      ],
    },
    {
      name: 'a wrong score with a total that is right for the real score',
      sheet: nationalSheet({ funds: { score: 9 } }),
      findings: [{ cells: ['H6'], fix: [{ cell: 'H6', type: 'number', value: 9.5 }] }],
    },
  ],
});
