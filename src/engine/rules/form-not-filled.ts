import { a1 } from '../grid';
import { Slot } from '../layout/model';
import { at } from './helpers';
import { defineRule } from './types';

/**
 * A form published empty or half filled: no indicator has a score. Reported once for the form,
 * instead of a missing score on every row; a blank template checked as it is gets it too.
 */
/** What a finding of this rule says. */
interface Params {
  indicators: string;
  cell: string;
}

export const formNotFilled = defineRule({
  id: 'form-not-filled',
  severity: 'error',
  description: 'No indicator has a score: the form is empty or half filled.',
  check({ figures }) {
    // plain loops: this runs on every form, mostly before the JIT has compiled it
    let first: Slot | undefined;
    for (const i of figures.indicators) {
      if (!i.score) continue;
      if (i.score.reading.kind !== 'empty') return [];
      first ??= i.score.slot;
    }
    const layout = figures.layout;
    const cell = first ? at(first) : a1(layout.headerRow + 1, layout.columns.score ?? layout.left);
    return [
      {
        cells: [cell],
        params: { indicators: String(figures.indicators.length), cell },
      },
    ];
  },
  fixable: false,
  messages: {
    zh: (p: Params) =>
      p.indicators === '0'
        ? `自评表尚未填写：没有任何指标和自评分（${p.cell}）`
        : `自评表尚未填写自评分：${p.indicators} 项指标都没有得分（${p.cell}），无法计算总分和等级`,
    en: (p: Params) =>
      p.indicators === '0'
        ? `The form is not filled in: no indicator and no score (${p.cell})`
        : `The form is not filled in: none of its ${p.indicators} indicators has a score (${p.cell}), so no total or grade can be computed`,
  },
});
