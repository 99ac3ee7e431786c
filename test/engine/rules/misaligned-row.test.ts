import { changed, SHANGHAI_INDICATORS, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

const I = SHANGHAI_INDICATORS;
// rows: indicators 14–19, 合计 20; columns A category … G 备注
ruleTester('misaligned-row', {
  valid: [
    { name: 'a clean form', sheet: shanghaiSheet() },
    {
      name: 'a score typed as text in place is not a shift',
      sheet: shanghaiSheet({ indicators: changed(I, { 1: { score: '满分' } }) }),
    },
    {
      name: 'a row with a missing weight stays in place',
      sheet: shanghaiSheet({
        indicators: changed(I, { 1: { weight: undefined } }),
        total: { weight: 85, score: 100 },
      }),
    },
    {
      name: 'a number in the remarks is not a shift',
      sheet: shanghaiSheet({ indicators: changed(I, { 1: { note: 3 } }) }),
    },
  ],
  invalid: [
    {
      name: 'a whole row one column left (seed form 1, row 29)',
      sheet: shanghaiSheet({
        mergeCategories: false,
        indicators: changed(I, {
          2: { name: '', target: '', weight: undefined, rule: '', score: undefined },
        }),
        extra: [
          [16, 1, '活动及时性'],
          [16, 2, '及时'],
          [16, 3, 15],
          [16, 4, '按时完成，得满分'],
          [16, 5, 15],
        ],
      }),
      findings: [
        {
          cells: ['A16:G16'],
          fix: [
            { cell: 'B16', type: 'text', value: '活动及时性' },
            { cell: 'C16', type: 'text', value: '及时' },
            { cell: 'D16', type: 'number', value: 15 },
            { cell: 'E16', type: 'text', value: '按时完成，得满分' },
            { cell: 'F16', type: 'number', value: 15 },
            { cell: 'A16', type: 'text', value: null },
          ],
          zh: '向左偏移了 1 列',
          en: 'shifted 1 column left',
        },
      ],
    },
    {
      name: 'weight, rule and score one column right (seed form 3, row 89)',
      sheet: shanghaiSheet({
        indicators: changed(I, { 1: { weight: undefined, rule: '', score: undefined } }),
        extra: [
          [15, 5, 15],
          [15, 6, '满2000份，得满分'],
          [15, 7, 15],
        ],
      }),
      findings: [
        {
          cells: ['A15:G15'],
          fix: [
            { cell: 'D15', type: 'number', value: 15 },
            { cell: 'E15', type: 'text', value: '满2000份，得满分' },
            { cell: 'F15', type: 'number', value: 15 },
            { cell: 'G15', type: 'text', value: null },
          ],
          zh: '向右偏移了 1 列',
        },
      ],
    },
    {
      name: 'the 合计 weight under 评分规则 (seed form 1, row 39)',
      sheet: shanghaiSheet({ total: { weight: undefined, score: 100 }, extra: [[20, 5, 100]] }),
      findings: [
        {
          cells: ['A20:G20'],
          fix: [
            { cell: 'D20', type: 'number', value: 100 },
            { cell: 'E20', type: 'text', value: null },
          ],
        },
      ],
    },
    {
      name: 'a row two columns right, spilling past the table',
      sheet: shanghaiSheet({
        indicators: changed(I, {
          5: { name: '', target: '', weight: undefined, rule: '', score: undefined },
        }),
        extra: [
          [19, 4, '企业满意度'],
          [19, 5, '较满意'],
          [19, 6, 20],
          [19, 7, '满意，得满分'],
          [19, 8, 20],
        ],
      }),
      findings: [{ cells: ['A19:H19'], zh: '向右偏移了 2 列' }],
    },
    {
      name: 'text moved by the fix stays text: =HYPERLINK(…), -5, a number typed as text',
      sheet: shanghaiSheet({
        mergeCategories: false,
        indicators: changed(I, {
          2: { name: '', target: '', weight: undefined, rule: '', score: undefined },
        }),
        extra: [
          [16, 1, '=HYPERLINK("http://x.cn","活动")'],
          [16, 2, '-5'],
          [16, 3, 15],
          [16, 4, '@按时完成'],
          [16, 5, 15],
        ],
      }),
      findings: [
        {
          cells: ['A16:G16'],
          fix: [
            { cell: 'B16', type: 'text', value: '=HYPERLINK("http://x.cn","活动")' },
            { cell: 'C16', type: 'text', value: '-5' },
            { cell: 'D16', type: 'number', value: 15 },
            { cell: 'E16', type: 'text', value: '@按时完成' },
            { cell: 'F16', type: 'number', value: 15 },
            { cell: 'A16', type: 'text', value: null },
          ],
        },
      ],
    },
  ],
});
