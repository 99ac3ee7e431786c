import { nationalSheet, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

ruleTester('execution-exceeds-budget', {
  valid: [
    { name: 'executed equals budget', sheet: shanghaiSheet() },
    { name: 'executed below budget', sheet: nationalSheet() },
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
  ],
});
