import { roundTo } from '../compute/decimal';
import { isVacuous } from '../read/text';
import { at } from './helpers';
import { Rule } from './types';

export const lowExecutionUnexplained: Rule = {
  id: 'low-execution-unexplained',
  severity: 'warning',
  description:
    'The execution rate is below 90 % and neither the problems field nor a reason cell explains it.',
  check({ figures }) {
    const rate = figures.rate.computed ?? figures.rate.statedPercent?.value;
    if (!rate || !rate.lt(90) || figures.blank) return [];
    const problems = figures.layout.fields.problems;
    if (problems && !isVacuous(problems.text)) return [];
    const reasons = figures.layout.execution?.reasons ?? [];
    if (reasons.some((s) => typeof s.cell?.value === 'string' && !isVacuous(s.cell.value))) return [];
    const rateSlot = figures.rate.slot;
    const main = problems ?? rateSlot;
    if (!main) return [];
    const cell = at(main);
    const cells = rateSlot && at(rateSlot) !== cell ? [cell, at(rateSlot)] : [cell];
    return [
      {
        cells,
        message: { key: 'low-execution-unexplained', params: { rate: roundTo(rate, 2).toFixed(2), cell } },
      },
    ];
  },
};
