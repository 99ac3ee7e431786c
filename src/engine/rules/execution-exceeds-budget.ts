import { numberOf } from '../compute/figures';
import { at, fmt } from './helpers';
import { Rule } from './types';

export const executionExceedsBudget: Rule = {
  id: 'execution-exceeds-budget',
  severity: 'warning',
  description: 'The executed amount is above the budget.',
  check({ figures }) {
    const budget = numberOf(figures.budget);
    const executed = numberOf(figures.executed);
    if (!budget || !executed || !figures.executed || !figures.budget || !executed.gt(budget)) return [];
    const cell = at(figures.executed.slot);
    return [
      {
        cells: [cell, at(figures.budget.slot)],
        message: {
          key: 'execution-exceeds-budget',
          params: { executed: fmt(executed), budget: fmt(budget), cell },
        },
      },
    ];
  },
};
