import {
  changed,
  NATIONAL_INDICATORS,
  nationalSheet,
  SHANGHAI_INDICATORS as I,
  shanghaiSheet,
} from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

const scored = (score: number, grade: string, note?: string | null) =>
  shanghaiSheet({
    indicators: changed(I, { 3: { score: score - 80, note: '未达预期' } }),
    total: { weight: 100, score },
    fields: { grade },
    note,
  });

ruleTester('grade-mismatch', {
  valid: [
    { name: '100 is 优秀', sheet: shanghaiSheet() },
    { name: '90 is 优秀 (band minimum is inclusive)', sheet: scored(90, '优秀') },
    { name: '89.5 is 良好', sheet: scored(89.5, '良好') },
    { name: 'default bands without a note', sheet: scored(75, '良好', null) },
    {
      name: 'bands from a note with <p> markup',
      sheet: scored(
        84,
        '良好',
        '<p>说明：</p><p>自评分合计85（含）-100分为优秀，70（含）-85分为良好，60（含）-70分为合格，0-60分为不合格。</p>',
      ),
    },
    { name: 'national: 优 by default', sheet: nationalSheet({ fields: { grade: '优' } }) },
  ],
  invalid: [
    {
      name: '95 stated 良好',
      sheet: scored(95, '良好'),
      findings: [
        {
          cells: ['B9'],
          fix: [{ cell: 'B9', type: 'text', value: '优秀' }],
          zh: '绩效等级“良好”与总分 95 所在的等级“优秀”不符（B9）',
          en: 'Grade "良好" is not "优秀"',
        },
      ],
    },
    {
      name: 'the note moves the bands: 86 is 优秀 under 85–100',
      sheet: scored(
        86,
        '良好',
        '说明：自评分合计85（含）-100分为优秀，70（含）-85分为良好，60（含）-70分为合格，0-60分为不合格。',
      ),
      findings: [{ cells: ['B9'], fix: [{ cell: 'B9', type: 'text', value: '优秀' }] }],
    },
    {
      name: 'national bands: 85 is 良',
      sheet: nationalSheet({
        fields: { grade: '优' },
        indicators: changed(NATIONAL_INDICATORS, { 4: { score: 15.5, note: '部分未达成' } }),
        total: { weight: 100, score: 85 },
      }),
      findings: [{ cells: ['B21'], fix: [{ cell: 'B21', type: 'text', value: '良' }] }],
    },
  ],
});
