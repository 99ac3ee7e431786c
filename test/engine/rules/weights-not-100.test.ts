import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

const undeclared = (changes: Parameters<typeof changed>[1]) =>
  changed(
    I.map((i) => (i.category ? { ...i, category: i.category.replace(/\s*\(\d+分\)/, '') } : i)),
    changes,
  );

ruleTester('weights-not-100', {
  valid: [
    { name: 'weights add up to 100', sheet: shanghaiSheet() },
    {
      name: 'a category off its declared points is the root cause, not reported twice',
      sheet: shanghaiSheet({
        indicators: changed(I, { 0: { weight: 14, score: 14 } }),
        total: { weight: 99, score: 99 },
      }),
    },
  ],
  invalid: [
    {
      name: 'weights add up to 95 without declared points',
      sheet: shanghaiSheet({
        indicators: undeclared({ 5: { weight: 15, score: 15 } }),
        total: { weight: 95, score: 95 },
      }),
      findings: [{ cells: ['D20'], zh: '全部权重之和为 95，应为 100', en: 'add up to 95' }],
    },
    {
      name: 'declared points themselves add up to 105',
      sheet: shanghaiSheet({
        indicators: changed(I, { 5: { category: '满意度指标 (25分)', weight: 25, score: 25 } }),
        total: { weight: 105, score: 105 },
      }),
      findings: [{ cells: ['D20'] }],
    },
  ],
});
