import { at } from './helpers';
import { Rule } from './types';

export const executionExceedsBudget: Rule = {
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
        message: {
          key: 'execution-exceeds-budget',
          params: { executed: a.shown.executed, budget: a.shown.budget, cell },
        },
      },
    ];
  },
};
