import Decimal from 'decimal.js';
import { dec } from '../compute/decimal';
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
    // (plain loops, the declared points added up only then: this runs on many forms, mostly cold)
    const cats = figures.layout.categories;
    let offCategory = false;
    for (const c of figures.categories) {
      const d = cats[c.index].declared;
      if (d && c.weight && !c.weight.eq(d)) offCategory = true;
    }
    if (offCategory) {
      let declared: Decimal | undefined = dec(0);
      for (const c of cats) declared = c.declared && declared ? declared.plus(c.declared) : undefined;
      if (declared && declared.plus(figures.executionPoints ?? 0).eq(100)) return [];
    }
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
