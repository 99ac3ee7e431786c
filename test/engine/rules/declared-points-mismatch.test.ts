import { withCells } from '../../fixtures/seed';
import { variantSheet } from '../../fixtures/variants';
import { ruleTester } from '../ruleTester';

const base = { headerRows: 1, signColumn: false, totalIn: 'side', scoring: 'weights' } as const;
// national budget: rows 5–9, the indicator header at row 12 with 绩效指标（90分） in A12
const annotated = variantSheet({ ...base, annotated: true, budget: 'national' });
// provincial budget: 预算执行情况（10分） at A5, its 权重 cell at G6
const provincial = variantSheet({ ...base, annotated: true, budget: 'provincial' });
// no weight column: 年度绩效目标2（40分） at A14 over 效益指标（30分） at B15 and 满意度指标（10分） at B17
const blocks = variantSheet({ ...base, annotated: true, budget: 'ab', scoring: 'blocks' });

ruleTester('declared-points-mismatch', {
  valid: [
    { name: '绩效指标（90分） over weights adding up to 90', sheet: annotated },
    { name: '预算执行情况（10分） with 权重 10', sheet: provincial },
    {
      name: 'labels that declare nothing',
      sheet: variantSheet({ ...base, annotated: false, budget: 'provincial' }),
    },
    {
      name: '得分（20分*执行率） with no 分值 column to contradict it',
      sheet: variantSheet({ ...base, annotated: true, budget: 'ab' }),
    },
    { name: 'blocks of 40 points over categories declaring 40 and 30 + 10', sheet: blocks },
    {
      name: 'a category under the block declares nothing: nothing to add up',
      sheet: withCells(blocks, [[17, 2, { value: '满意度指标' }]]),
    },
  ],
  invalid: [
    {
      name: 'the side label declares 80 points, the weights add up to 90',
      sheet: withCells(annotated, [[12, 1, { value: '绩效指标（80分）' }]]),
      findings: [
        {
          cells: ['A12'],
          fix: null,
          zh: /绩效指标（80分）.*80 分.*90/,
          en: /declares 80 points, but its parts add up to 90/,
        },
      ],
    },
    {
      name: 'the budget block says 10 points, its 权重 cell 8',
      sheet: withCells(provincial, [[6, 7, { value: 8 }]]),
      findings: [{ cells: ['A5', 'G6'], zh: /预算执行情况（10分）.*10 分.*8/ }],
    },
    {
      name: 'a block of 40 points whose categories declare 30 + 20',
      sheet: withCells(blocks, [[17, 2, { value: '满意度指标（20分）' }]]),
      findings: [
        {
          cells: ['A14', 'B15', 'B17'],
          zh: /年度绩效目标2（40分）.*40 分.*50/,
          en: /declares 40 points, but its parts add up to 50/,
        },
      ],
    },
  ],
});
