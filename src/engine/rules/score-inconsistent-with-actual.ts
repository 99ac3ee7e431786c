import { numberWrite } from '../fix';
import Decimal from 'decimal.js';
import { roundTo, toCellNumber } from '../compute/decimal';
import { numberOf } from '../compute/figures';
import { meantComparison, parseActual, parseTarget, QuantTarget } from '../read/target';
import { at, fmt, nameOf } from './helpers';
import { defineRule, RuleDraft } from './types';

/** The standard rule: full points when met; otherwise actual ÷ target (≥) or target ÷ actual (≤). */
export function standardScore(
  target: QuantTarget,
  actual: Decimal,
  weight: Decimal,
  indicatorName = '',
): Decimal | undefined {
  const t = target.value;
  const meant = meantComparison(target, indicatorName);
  const op = meant === '=' ? (actual.lt(t) ? '≥' : '≤') : meant;
  if (op === '≥') {
    if (actual.gte(t)) return weight;
    return t.gt(0) && actual.gte(0) ? actual.div(t).times(weight) : undefined;
  }
  if (actual.lte(t)) return weight;
  return actual.gt(0) && t.gte(0) ? t.div(actual).times(weight) : undefined;
}

function unitsAgree(a: string, b: string): boolean {
  return a === '' || b === '' || a === b;
}

/** What a finding of this rule says. */
interface Params {
  name: string;
  target: string;
  actual: string;
  expected: string;
  score: string;
  cell: string;
}

export const scoreInconsistentWithActual = defineRule({
  id: 'score-inconsistent-with-actual',
  severity: 'warning',
  description: 'A quantitative target with an actual value whose score is not what the standard rule gives.',
  check({ figures }) {
    if (figures.layout.columns.actual === undefined) return [];
    const out: Array<RuleDraft<Params>> = [];
    for (const i of figures.indicators) {
      const target = parseTarget(i.target);
      const actual = parseActual(i.actual);
      const weight = numberOf(i.weight);
      const score = numberOf(i.score);
      if (!target || !actual || !weight || !score || !i.score || !unitsAgree(target.unit, actual.unit))
        continue;
      // a score above its weight is reported as such, once
      if (i.scoreVsWeight === 1) continue;
      const expected = standardScore(target, actual.value, weight, i.layout.name);
      if (!expected) continue;
      // a score written with fewer decimals may round the expected figure (8.3 for 8.333), but not to a whole number
      const places = Math.max(1, Math.min(2, score.decimalPlaces()));
      if (roundTo(expected, places).eq(score) || roundTo(expected, 2).eq(score)) continue;
      const cell = at(i.score.slot);
      out.push({
        cells: [cell],
        params: {
          name: nameOf(i.layout.name, i.layout.row),
          target: i.target,
          actual: i.actual,
          expected: fmt(roundTo(expected, 2)),
          score: fmt(score),
          cell,
        },
        fix: [numberWrite(cell, toCellNumber(roundTo(expected, 2)))],
      });
    }
    return out;
  },
  fixable: true,
  messages: {
    zh: (p: Params) =>
      `指标“${p.name}”目标 ${p.target}、实际完成 ${p.actual}，按标准评分规则应得 ${p.expected} 分，自评分却是 ${p.score}（${p.cell}）`,
    en: (p: Params) =>
      `Indicator "${p.name}": target ${p.target}, actual ${p.actual}; the standard rule gives ${p.expected} points, the score is ${p.score} (${p.cell})`,
  },
});
