import { a1 } from '../grid';
import { fmt } from './helpers';
import { defineRule } from './types';

/**
 * On a form without a weight column, the points are declared per block (`年度绩效目标1（40分）`)
 * or per category (`产出指标（50分）`): the scores of a block may not add up to more.
 */
/** What a finding of this rule says. */
interface Params {
  block: string;
  score: string;
  points: string;
  cell: string;
}

export const blockScoreExceedsPoints = defineRule({
  id: 'block-score-exceeds-points',
  severity: 'error',
  description: 'On a form scored by blocks of points, the scores of a block add up to more than its points.',
  check({ figures }) {
    if (figures.weighted) return [];
    const parts = [
      ...figures.blocks.map((b) => ({
        figures: b,
        layout: figures.layout.blocks[b.index],
        points: b.points,
      })),
      ...figures.categories.map((c) => {
        const cat = figures.layout.categories[c.index];
        return { figures: c, layout: { label: cat.name, row: cat.row, col: cat.col }, points: cat.declared };
      }),
    ];
    return parts.flatMap(({ figures: f, layout, points }) => {
      if (!points || !f.score || f.score.lte(points)) return [];
      const cell = a1(layout.row, layout.col);
      const scoreCells = f.indicators.flatMap((i) =>
        i.score?.slot ? [a1(i.score.slot.row, i.score.slot.col)] : [],
      );
      return [
        {
          cells: [cell, ...scoreCells],
          params: { block: layout.label, score: fmt(f.score), points: fmt(points), cell },
        },
      ];
    });
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `“${p.block}”各项得分之和 ${p.score} 超过该部分的 ${p.points} 分（${p.cell}）`,
    en: (p: Params) =>
      `The scores of "${p.block}" add up to ${p.score}, above the block's ${p.points} points (${p.cell})`,
  },
});
