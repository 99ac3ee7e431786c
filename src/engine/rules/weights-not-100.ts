import { sum } from '../compute/decimal';
import { fmt, at } from './helpers';
import { defineRule } from './types';

/** What a finding of this rule says. */
interface Params {
  sum: string;
  cell: string;
}

export const weightsNot100 = defineRule({
  id: 'weights-not-100',
  severity: 'error',
  description: 'All weights together are not 100.',
  check({ figures }) {
    const total = figures.totalWeight.computed;
    if (figures.blank || !total || total.eq(100)) return [];
    // when categories declare 100 points and one of them is off, that category is the root cause
    const cats = figures.layout.categories;
    const declared = cats.every((c) => c.declared)
      ? sum(cats.map((c) => c.declared as NonNullable<typeof c.declared>))
      : undefined;
    const offCategory = figures.categories.some((c) => {
      const d = cats[c.index].declared;
      return d && c.weight && !c.weight.eq(d);
    });
    if (offCategory && declared && declared.plus(figures.executionPoints ?? 0).eq(100)) return [];
    const layout = figures.layout;
    const labelled = layout.blocks[0] ?? layout.categories[0];
    const slot =
      figures.totalWeight.slot ??
      figures.indicators.find((i) => i.weight)?.weight?.slot ??
      (labelled ? { row: labelled.row, col: labelled.col } : undefined);
    if (!slot) return [];
    const cell = at(slot);
    return [{ cells: [cell], params: { sum: fmt(total), cell } }];
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `全部权重之和为 ${p.sum}，应为 100（${p.cell}）`,
    en: (p: Params) => `All weights add up to ${p.sum}; they should add up to 100 (${p.cell})`,
  },
});
