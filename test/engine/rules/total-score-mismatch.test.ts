import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

const fractional = changed(I, {
  0: { weight: 15, score: 5.1, note: '部分完成' },
  1: { weight: 15, score: 5.2, note: '部分完成' },
  2: { weight: 15, score: 5.7, note: '部分完成' },
  3: { weight: 20, score: 19.9, note: '略有不足' },
  4: { weight: 15, score: 14.8, note: '略有不足' },
  5: { weight: 20, score: 19.6, note: '略有不足' },
});

ruleTester('total-score-mismatch', {
  valid: [
    { name: 'total right', sheet: shanghaiSheet() },
    {
      name: 'fractional scores whose float sum is not exact',
      sheet: shanghaiSheet({
        indicators: fractional,
        total: { weight: 100, score: 70.3 },
        fields: { grade: '合格' },
      }),
    },
    {
      name: 'a SUM formula result with float noise',
      sheet: shanghaiSheet({
        indicators: fractional,
        total: {
          weight: 100,
          score: { value: 5.1 + 5.2 + 5.7 + 19.9 + 14.8 + 19.6, formula: 'SUM(F14:F19)' },
        },
        fields: { grade: '合格' },
      }),
    },
    {
      name: 'the total cannot be derived while a score is missing',
      sheet: shanghaiSheet({
        indicators: changed(I, { 0: { score: undefined } }),
        total: { weight: 100, score: 90 },
      }),
    },
  ],
  invalid: [
    {
      name: 'the total says 89 and 良好 where the scores add up to 95: the grade follows the total',
      sheet: shanghaiSheet({
        indicators: changed(I, { 1: { score: 10, note: '未完成' } }),
        total: { weight: 100, score: 89 },
        fields: { grade: '良好' },
      }),
      findings: [
        {
          cells: ['F20'],
          fix: [
            { cell: 'F20', type: 'number', value: 95 },
            { cell: 'B9', type: 'text', value: '优秀' },
          ],
          zh: '合计自评分 89 与各项得分之和 95 不符（F20）；绩效等级随之应为“优秀”',
          en: 'the grade becomes "优秀"',
        },
      ],
    },
    {
      name: 'seed form 1 with 合计 90 and 良好: both the total and the grade are wrong on their own',
      sheet: shanghaiSheet({
        indicators: changed(I, { 1: { score: 10, note: '未完成' } }),
        total: { weight: 100, score: 90 },
        fields: { grade: '良好' },
      }),
      findings: [{ cells: ['F20'], fix: [{ cell: 'F20', type: 'number', value: 95 }] }],
    },
    {
      name: 'a wrong total whose grade is right anyway',
      sheet: shanghaiSheet({ total: { weight: 100, score: 99 } }),
      findings: [{ cells: ['F20'], fix: [{ cell: 'F20', type: 'number', value: 100 }] }],
    },
  ],
});
