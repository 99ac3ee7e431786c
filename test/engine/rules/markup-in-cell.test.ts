import { changed, SHANGHAI_INDICATORS as I, SHANGHAI_NOTE, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

ruleTester('markup-in-cell', {
  valid: [
    { name: 'plain text', sheet: shanghaiSheet() },
    {
      name: 'a less-than sign is not markup',
      sheet: shanghaiSheet({ indicators: changed(I, { 2: { target: '<3天' } }) }),
    },
    { name: 'markup outside the form', sheet: shanghaiSheet({ extra: [[30, 1, '<p>别处</p>']] }) },
  ],
  invalid: [
    {
      name: 'seed form 3: 主要绩效 in <p>',
      sheet: shanghaiSheet({ fields: { achievements: '<p>第一段。</p> <p>第二段。</p>' } }),
      findings: [
        {
          cells: ['B10'],
          fix: [{ cell: 'B10', type: 'text', value: '第一段。\n第二段。' }],
          zh: '<p>',
          en: 'web markup',
        },
      ],
    },
    {
      name: 'the note in <p>, and &nbsp; in an indicator name',
      sheet: shanghaiSheet({
        note: `<p>${SHANGHAI_NOTE}</p>`,
        indicators: changed(I, { 0: { name: '宣传&nbsp;场次', rule: '满10场得满分' } }),
      }),
      findings: [
        { cells: ['B14'], fix: [{ cell: 'B14', type: 'text', value: '宣传 场次' }] },
        { cells: ['A21'], fix: [{ cell: 'A21', type: 'text', value: SHANGHAI_NOTE }] },
      ],
    },
    {
      name: 'a character reference that would start a formula: the fix is typed text, never a formula',
      sheet: shanghaiSheet({ fields: { achievements: "<b>&#61;cmd|'/C calc'!A0</b>" } }),
      findings: [{ cells: ['B10'], fix: [{ cell: 'B10', type: 'text', value: "=cmd|'/C calc'!A0" }] }],
    },
    {
      name: '=HYPERLINK(…) text in markup stays text',
      sheet: shanghaiSheet({ fields: { achievements: '<p>=HYPERLINK("http://x.cn","详见")</p>' } }),
      findings: [
        { cells: ['B10'], fix: [{ cell: 'B10', type: 'text', value: '=HYPERLINK("http://x.cn","详见")' }] },
      ],
    },
    {
      name: 'markup in a row shifted one column left: the fix moves the row and writes the plain text where it lands',
      sheet: shanghaiSheet({
        mergeCategories: false,
        indicators: changed(I, {
          2: { name: '', target: '', weight: undefined, rule: '', score: undefined },
        }),
        extra: [
          [16, 1, '活动及时性'],
          [16, 2, '<b>及时</b>'],
          [16, 3, 15],
          [16, 4, '按时完成得满分'],
          [16, 5, 15],
        ],
      }),
      findings: [
        {
          cells: ['B16'],
          // the row's own move (misaligned-row) with C16 holding the plain text: applied alone or
          // after that move (全部修复: the last write to a cell wins), the name stays in B16
          fix: [
            { cell: 'B16', type: 'text', value: '活动及时性' },
            { cell: 'C16', type: 'text', value: '及时' },
            { cell: 'D16', type: 'number', value: 15 },
            { cell: 'E16', type: 'text', value: '按时完成得满分' },
            { cell: 'F16', type: 'number', value: 15 },
            { cell: 'A16', type: 'text', value: null },
          ],
        },
      ],
    },
    {
      name: 'markup around text that looks like a number or a date stays text',
      sheet: shanghaiSheet({
        fields: { achievements: '<p>2021-01-01</p>' },
        indicators: changed(I, { 0: { rule: '<p>95</p>' } }),
      }),
      findings: [
        { cells: ['B10'], fix: [{ cell: 'B10', type: 'text', value: '2021-01-01' }] },
        { cells: ['E14'], fix: [{ cell: 'E14', type: 'text', value: '95' }] },
      ],
    },
  ],
});
