import { nationalSheet, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

const low = (problems: string | undefined) =>
  shanghaiSheet({
    fields: {
      budgetAmount: 414400,
      executedAmount: 257602,
      executionRate: { value: 0.6216, format: '0.00%' },
      problems,
    },
  });
const nationalLow = (reason?: string) =>
  nationalSheet({
    funds: { executed: 80, rate: { value: 0.8, format: '0.00%' }, score: 8, reason },
    total: { weight: 100, score: 98 },
  });

ruleTester('low-execution-unexplained', {
  valid: [
    { name: 'full execution', sheet: shanghaiSheet() },
    { name: 'seed form 1: low, and 主要问题 says why', sheet: low('2021年因疫情影响导致相关活动未举办') },
    { name: 'national: a reason beside the funds row', sheet: nationalLow('部分采购延至次年') },
    {
      name: 'exactly 90% is not low',
      sheet: shanghaiSheet({
        fields: { executedAmount: 45000, executionRate: { value: 0.9, format: '0.00%' } },
      }),
    },
  ],
  invalid: [
    {
      name: 'low, and 主要问题 says 无',
      sheet: low('无'),
      findings: [{ cells: ['B11', 'D6'], zh: '预算执行率 62.16% 低于 90%', en: 'below 90%' }],
    },
    { name: 'low, and 主要问题 blank', sheet: low(undefined), findings: [{ cells: ['B11', 'D6'] }] },
    { name: 'national: low with no reason anywhere', sheet: nationalLow(), findings: [{ cells: ['G6'] }] },
  ],
});
