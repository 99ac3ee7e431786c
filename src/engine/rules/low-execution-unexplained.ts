import { roundTo } from '../compute/decimal';
import { isVacuous } from '../read/text';
import { at } from './helpers';
import { defineRule } from './types';

/** What a finding of this rule says. */
interface Params {
  rate: string;
  cell: string;
}

export const lowExecutionUnexplained = defineRule({
  id: 'low-execution-unexplained',
  severity: 'warning',
  description:
    'The execution rate is below 90 % and neither the problems field, the reasons for deviations nor a reason cell explains it.',
  check({ figures }) {
    const rate = figures.rate.computed ?? figures.rate.statedPercent?.value;
    if (!rate || !rate.lt(90) || figures.blank) return [];
    const { problems, deviationReasons } = figures.layout.fields;
    if (problems && !isVacuous(problems.text)) return [];
    if (deviationReasons && !isVacuous(deviationReasons.text)) return [];
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
        params: { rate: roundTo(rate, 2).toFixed(2), cell },
      },
    ];
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `预算执行率 ${p.rate}% 低于 90%，但“主要问题”中没有说明原因（${p.cell}）`,
    en: (p: Params) =>
      `Execution rate ${p.rate}% is below 90%, and "main problems" does not explain it (${p.cell})`,
  },
});
