import { changed, NATIONAL_INDICATORS as N, nationalSheet, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

// row 13: 培训人次 ≥1000人, weight 20; row 16: 人均成本 ≤1200元, weight 5
const withRow = (i: number, patch: Parameters<typeof changed>[1][number], total: number) =>
  nationalSheet({
    indicators: changed(N, { [i]: { note: '见说明', ...patch } }),
    total: { weight: 100, score: total },
  });

ruleTester('score-inconsistent-with-actual', {
  valid: [
    { name: 'targets met, full points', sheet: nationalSheet() },
    {
      name: '≥ not met: 800 of 1000 people gives 16 of 20',
      sheet: withRow(0, { actual: '800人', score: 16 }, 95.5),
    },
    { name: '≤ not met: 1200 / 1500 × 5 = 4', sheet: withRow(3, { actual: '1500元', score: 4 }, 98.5) },
    {
      name: 'rounded to one decimal: 2/3 × 20 = 13.3',
      sheet: withRow(0, { actual: '666.67人', score: 13.3 }, 92.8),
    },
    {
      name: 'qualitative targets are judged, not computed',
      sheet: withRow(4, { actual: '基本提升', score: 25 }, 94.5),
    },
    { name: 'different units are not compared', sheet: withRow(0, { actual: '80%', score: 20 }, 99.5) },
    { name: 'the Shanghai form has no actual column', sheet: shanghaiSheet() },
  ],
  invalid: [
    {
      name: '≥ not met but full points claimed',
      sheet: withRow(0, { actual: '800人', score: 20 }, 99.5),
      findings: [
        {
          cells: ['H13'],
          fix: [{ cell: 'H13', type: 'number', value: 16 }],
          zh: '按标准评分规则应得 16 分，自评分却是 20（H13）',
          en: 'the standard rule gives 16 points',
        },
      ],
    },
    {
      name: '≤ met but points deducted',
      sheet: withRow(3, { actual: '1000元', score: 3 }, 97.5),
      findings: [{ cells: ['H16'], fix: [{ cell: 'H16', type: 'number', value: 5 }] }],
    },
    {
      name: 'a whole number where the rule gives 13.33',
      sheet: withRow(0, { actual: '666.67人', score: 13 }, 92.5),
      findings: [{ cells: ['H13'], fix: [{ cell: 'H13', type: 'number', value: 13.33 }] }],
    },
  ],
});
