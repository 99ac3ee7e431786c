import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

ruleTester('category-weight-mismatch', {
  valid: [
    { name: 'weights match the declared points', sheet: shanghaiSheet() },
    {
      name: 'full-width brackets',
      sheet: shanghaiSheet({ indicators: changed(I, { 0: { category: '产出指标（45分）' } }) }),
    },
    {
      name: 'a category without declared points',
      sheet: shanghaiSheet({ indicators: changed(I, { 0: { category: '产出指标' } }) }),
    },
  ],
  invalid: [
    {
      name: 'weights of 产出指标 add up to 44',
      sheet: shanghaiSheet({
        indicators: changed(I, { 0: { weight: 14, score: 14 } }),
        total: { weight: 99, score: 99 },
      }),
      findings: [
        {
          cells: ['A14', 'D14', 'D15', 'D16'],
          fix: null,
          zh: '产出指标各项权重之和为 44，与标明的 45 分不符',
          en: 'add up to 44, not the 45 points',
        },
      ],
    },
    {
      name: 'declared without a space and with 分 outside brackets',
      sheet: shanghaiSheet({
        indicators: changed(I, { 3: { category: '效益指标35分', weight: 25 } }),
        total: { weight: 105, score: 100 },
      }),
      findings: [{ cells: ['A17', 'D17', 'D18'] }],
    },
  ],
});
