import { withCells } from '../../fixtures/seed';
import { PLAIN_LAYOUT, variantSheet } from '../../fixtures/variants';
import { ruleTester } from '../ruleTester';

const plain = PLAIN_LAYOUT;
// blocks: 年度绩效目标1（50分） at A12 over rows 13–16, 年度绩效目标2（40分） at A17 over rows 18–20; scores in G
const blocks = variantSheet({ ...plain, scoring: 'blocks' });
// categories declaring points on a form without weights: 产出指标（50分） at B13
const annotatedBlocks = variantSheet({ ...plain, annotated: true, scoring: 'blocks' });

ruleTester('block-score-exceeds-points', {
  valid: [
    { name: 'every block within its points', sheet: blocks },
    { name: 'categories within their declared points', sheet: annotatedBlocks },
    {
      name: 'a form with a weight column is checked score by score instead',
      sheet: variantSheet({ ...plain, scoring: 'weights' }),
    },
    {
      name: 'a block scored below its points',
      sheet: withCells(blocks, [
        [13, 7, { value: 15 }],
        [21, 7, { value: 92.5 }],
      ]),
    },
  ],
  invalid: [
    {
      name: 'the first block adds up to 55 of 50',
      sheet: withCells(blocks, [
        [13, 7, { value: 25 }],
        [21, 7, { value: 102.5 }],
      ]),
      findings: [
        {
          cells: ['A12', 'G13', 'G14', 'G15', 'G16'],
          fix: null,
          zh: /年度绩效目标1.*55.*50 分/,
          en: /add up to 55, above the block's 50 points/,
        },
      ],
    },
    {
      name: 'a category over its declared points, and so its block over its own',
      sheet: withCells(annotatedBlocks, [
        [18, 7, { value: 15 }],
        [19, 7, { value: 17 }],
        [21, 7, { value: 101.5 }],
      ]),
      findings: [
        { cells: ['A17', 'G18', 'G19', 'G20'], zh: /年度绩效目标2.*42.*40 分/ },
        { cells: ['B18', 'G18', 'G19'], zh: /效益指标.*32.*30 分/ },
      ],
    },
  ],
});
