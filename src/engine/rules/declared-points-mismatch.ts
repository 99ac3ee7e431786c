import Decimal from 'decimal.js';
import { sum } from '../compute/decimal';
import { numberOf, readSlot } from '../compute/figures';
import { a1 } from '../grid';
import { fmt } from './helpers';
import { defineRule, RuleDraft } from './types';

/**
 * Points declared in a label are data, and are checked: `绩效指标（90分）` against the weights of
 * the indicators; `预算执行情况（10分）` or `得分（20分*执行率）` against the budget block's 分值 cell;
 * on a form without a weight column, `年度绩效目标（80分）` against the points its categories declare
 * (`产出指标（60分）` …), when every category under it declares some. (A category's declared points
 * against its weights are category-weight-mismatch's.)
 */
/** What a finding of this rule says. */
interface Params {
  label: string;
  declared: string;
  sum: string;
  cell: string;
}

export const declaredPointsMismatch = defineRule({
  id: 'declared-points-mismatch',
  severity: 'error',
  description: 'Points a label declares differ from what the form gives that part.',
  check({ figures, grid }) {
    const out: RuleDraft<Params>[] = [];
    const say = (
      label: string,
      declared: Decimal,
      sum: Decimal,
      row: number,
      col: number,
      others: string[],
    ) => {
      const cell = a1(row, col);
      out.push({
        cells: [cell, ...others],
        params: { label, declared: fmt(declared), sum: fmt(sum), cell },
      });
    };
    const lead = figures.layout.indicatorPoints;
    if (
      lead &&
      figures.weighted &&
      figures.indicatorWeight &&
      !figures.blank &&
      !figures.indicatorWeight.eq(lead.points)
    ) {
      say(
        String(grid.value(lead.row, lead.col) ?? ''),
        lead.points,
        figures.indicatorWeight,
        lead.row,
        lead.col,
        [],
      );
    }
    if (!figures.weighted) {
      const { blocks, categories } = figures.layout;
      blocks.forEach((block, i) => {
        if (!block.points) return;
        const end = blocks[i + 1]?.row ?? figures.layout.bottom + 1;
        const mine = categories.filter((c) => c.row >= block.row && c.row < end);
        const declared = mine.flatMap((c) => (c.declared ? [c.declared] : []));
        if (!declared.length || declared.length < mine.length) return;
        const parts = sum(declared);
        if (parts.eq(block.points)) return;
        say(
          block.label,
          block.points,
          parts,
          block.row,
          block.col,
          mine.map((c) => a1(c.row, c.col)),
        );
      });
    }
    const ex = figures.layout.execution;
    if (ex?.declaredPoints && ex.declaredAt && ex.points) {
      const given = numberOf(readSlot(ex.points));
      if (given && !given.eq(ex.declaredPoints)) {
        const at = ex.declaredAt;
        say(String(grid.value(at.row, at.col) ?? ''), ex.declaredPoints, given, at.row, at.col, [
          a1(ex.points.row, ex.points.col),
        ]);
      }
    }
    return out;
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `“${p.label}”标明 ${p.declared} 分，但其中各项分值之和为 ${p.sum}（${p.cell}）`,
    en: (p: Params) =>
      `"${p.label}" declares ${p.declared} points, but its parts add up to ${p.sum} (${p.cell})`,
  },
});
