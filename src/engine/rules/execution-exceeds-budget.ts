import { at } from './helpers';
import { defineRule } from './types';

/** What a finding of this rule says. */
interface Params {
  executed: string;
  budget: string;
  cell: string;
}

export const executionExceedsBudget = defineRule({
  id: 'execution-exceeds-budget',
  severity: 'warning',
  description: 'The executed amount is above the budget.',
  check({ figures }) {
    // both in one unit: 697,100元 is not above a budget of 69.71万元
    const a = figures.amounts;
    if (!a || !figures.executed || !figures.budget || !a.executed.gt(a.budget)) return [];
    const cell = at(figures.executed.slot);
    return [
      {
        cells: [cell, at(figures.budget.slot)],
        params: { executed: a.shown.executed, budget: a.shown.budget, cell },
      },
    ];
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `预算执行数 ${p.executed} 超过了预算数 ${p.budget}（${p.cell}）`,
    en: (p: Params) => `Amount executed ${p.executed} is above the budget ${p.budget} (${p.cell})`,
  },
});
