import Decimal from 'decimal.js';
import { a1, valueText } from '../grid';
import { FormLayout, IndicatorLayout, Slot } from '../layout/model';
import {
  AmountUnit,
  asPercent,
  displayNumber,
  isAmountUnit,
  NumberReading,
  readNumber,
  YUAN_PER,
} from '../read/number';
import { stripMarkup } from '../read/text';
import { GradeBand, gradeOf, parseBands } from './bands';
import { FAMILY } from '../families';
import { D, dec, percentOf, roundTo, show, sum } from './decimal';

/** A number cell of the form: where it is, what it holds. */
export interface NumberCell {
  readonly slot: Slot;
  readonly reading: NumberReading;
}

export function readSlot(slot: Slot): NumberCell {
  return { slot, reading: readNumber(slot.cell?.value ?? null, slot.cell?.format) };
}

export function numberOf(cell: NumberCell | undefined): Decimal | undefined {
  return cell?.reading.kind === 'number' ? cell.reading.value : undefined;
}

export interface IndicatorFigures {
  readonly layout: IndicatorLayout;
  readonly weight?: NumberCell;
  readonly score?: NumberCell;
  /**
   * The score against the weight (`score.cmp(weight)`: 1 above, 0 equal, -1 below) when both are
   * numbers: compared once for the rules that ask (a score above its weight, a deduction).
   */
  readonly scoreVsWeight?: number;
  readonly target: string;
  readonly actual: string;
  readonly note: string;
}

/** A block of points on a form without a weight column (`年度绩效目标1（40分）`). */
export interface BlockFigures {
  readonly index: number;
  readonly points?: Decimal;
  readonly score?: Decimal;
  readonly indicators: readonly IndicatorFigures[];
}

export interface CategoryFigures {
  readonly index: number;
  readonly weight?: Decimal;
  readonly score?: Decimal;
  readonly indicators: readonly IndicatorFigures[];
}

/**
 * The budget and the amount executed, read in one unit before the rate is computed: a cell's
 * own unit (`69.71万元`, `697,100元`) first, else its label's (`当年预算数（元）`, `项目资金（万元）`).
 * The executed amount is converted to the budget's unit when the two differ.
 */
export interface Amounts {
  readonly budget: Decimal;
  readonly executed: Decimal;
  /** The budget's unit, when a cell or a label says it. */
  readonly unit?: AmountUnit;
  /** The two as a message shows them: as the form writes them, with their units where they matter. */
  readonly shown: { readonly budget: string; readonly executed: string };
}

function amountsOf(
  budget: NumberCell | undefined,
  executed: NumberCell | undefined,
  labelUnits: { budget?: string; executed?: string },
): Amounts | undefined {
  if (budget?.reading.kind !== 'number' || executed?.reading.kind !== 'number') return undefined;
  const b = budget.reading;
  const e = executed.reading;
  const label = (u: string | undefined) => (isAmountUnit(u) ? u : undefined);
  const ub = b.unit ?? label(labelUnits.budget);
  const ue = e.unit ?? label(labelUnits.executed);
  const differ = !!ub && !!ue && ub !== ue;
  const inBudgetUnit = differ ? e.value.times(YUAN_PER[ue]).div(YUAN_PER[ub]) : e.value;
  const shown = (value: Decimal, typed: AmountUnit | undefined, unit: AmountUnit | undefined) =>
    show(value) + (typed || differ ? (unit ?? '') : '');
  return {
    budget: b.value,
    executed: inBudgetUnit,
    unit: ub ?? ue,
    shown: { budget: shown(b.value, b.unit, ub), executed: shown(e.value, e.unit, ue) },
  };
}

/** A figure the sheet states and the engine derives. */
export interface Stated {
  readonly slot?: Slot;
  readonly stated?: NumberCell;
  /** The exact derived value (not rounded); undefined when it cannot be derived. */
  readonly computed?: Decimal;
}

export interface RateFigures {
  readonly slot?: Slot;
  readonly stated?: NumberCell;
  /** The stated rate as a percentage, and the decimals the sheet shows of it. */
  readonly statedPercent?: { value: Decimal; shownDecimals?: number };
  /** executed ÷ budget × 100, exact. */
  readonly computed?: Decimal;
  /** `computed` rounded half-up to 2 decimals: as the report shows it and most stated rates are compared. */
  readonly rounded?: Decimal;
}

export interface FormFigures {
  readonly layout: FormLayout;
  /** True when no indicator has a weight or a score: a blank form is not a wrong one. */
  readonly blank: boolean;
  readonly indicators: readonly IndicatorFigures[];
  /**
   * The indicators by their score against their weight, in the form's order, listed once for the
   * rules that ask (most forms have few or none of each): a score below its weight (both
   * numbers), above it, and a weight (a number) whose score cell is blank.
   */
  readonly belowWeight: readonly IndicatorFigures[];
  readonly aboveWeight: readonly IndicatorFigures[];
  readonly unscored: readonly IndicatorFigures[];
  /** The indicators whose weight or score is odd (`oddReading`: text, an error value, below zero). */
  readonly oddlyRead: readonly IndicatorFigures[];
  /** True when some indicator's score cell is not blank. */
  readonly scored: boolean;
  readonly categories: readonly CategoryFigures[];
  readonly blocks: readonly BlockFigures[];
  /** True when the form has a weight column; forms without one are scored by declared points. */
  readonly weighted: boolean;
  /**
   * Sum of the indicator weights, when every weight is readable; on a form without a weight
   * column, the points its blocks (or categories, or side label) declare.
   */
  readonly indicatorWeight?: Decimal;
  /** Sum of the indicator scores, when every scored indicator has a readable score. */
  readonly indicatorScore?: Decimal;
  readonly totalWeight: Stated;
  readonly totalScore: Stated;
  readonly budget?: NumberCell;
  readonly executed?: NumberCell;
  /** The budget and the amount executed in one unit, when both are numbers. */
  readonly amounts?: Amounts;
  readonly rate: RateFigures;
  /** National layout: the points budget execution is worth and its score. */
  readonly executionPoints?: Decimal;
  readonly executionScore?: Stated;
  readonly grade: {
    readonly slot?: Slot;
    readonly stated?: string;
    readonly computed?: string;
    readonly bands: readonly GradeBand[];
    readonly bandsFromNote: boolean;
  };
}

function text(slot: Slot | undefined): string {
  const value = slot?.cell?.value;
  // most indicators have no actual value or no note: nothing to read
  if (value === null || value === undefined) return '';
  return stripMarkup(valueText(value)).trim();
}

/**
 * The target as one text: on forms that write the sign, the value and the unit in columns of
 * their own (指标性质 | 指标值 | 度量单位), the three read together (`≥` `1000` `人` → `≥1000人`).
 */
function targetText(slots: IndicatorLayout['slots']): string {
  const value = slots.target?.cell?.value;
  const shown =
    typeof value === 'number' ? displayNumber(value, slots.target?.cell?.format) : text(slots.target);
  if (!slots.sign && !slots.unit) return shown;
  if (!shown) return '';
  const sign = text(slots.sign);
  const unit = text(slots.unit);
  // a sign column may say 正向 / 反向 / 定性 rather than a sign
  const op = /^(正向|正向指标)$/.test(sign)
    ? '≥'
    : /^(反向|反向指标)$/.test(sign)
      ? '≤'
      : /^[≥≤=<>≧≦═＝﹦》《＞＜]{1,2}=?$/.test(sign)
        ? sign
        : '';
  return `${op}${shown}${unit && !shown.endsWith(unit) ? unit : ''}`;
}

/** Zero, the sum of nothing. */
const ZERO = dec(0);

/**
 * `0 + value` as decimal.js adds it: the value itself when it is finite, not zero and has no more
 * significant digits than the precision (the addition would round nothing and give the same
 * digits), else the addition (which rounds a longer value, and makes -0 +0).
 */
function firstTerm(value: Decimal): Decimal {
  return value.isFinite() && !value.isZero() && value.precision() <= D.precision ? value : ZERO.plus(value);
}

/** Sum of the indicators' readable weights or scores; undefined when any present cell is unreadable. */
function sumOf(indicators: readonly IndicatorFigures[], pick: 'weight' | 'score'): Decimal | undefined {
  let total: Decimal | undefined;
  for (let k = 0; k < indicators.length; k++) {
    const c = indicators[k][pick];
    if (!c || c.reading.kind === 'empty') continue;
    if (c.reading.kind !== 'number') return undefined;
    total = total ? total.plus(c.reading.value) : firstTerm(c.reading.value);
  }
  return total ?? ZERO;
}

/** Sum of the scores; undefined when one is unreadable, or owed (the indicator has a weight) and blank. */
function scoreSumOf(indicators: readonly IndicatorFigures[]): Decimal | undefined {
  for (let k = 0; k < indicators.length; k++) {
    const i = indicators[k];
    if (i.score?.reading.kind === 'empty' && i.weight?.reading.kind !== 'empty') return undefined;
  }
  return sumOf(indicators, 'score');
}

/** Sum of the categories' weights or scores, which must all be known; undefined when one is not. */
function sumAll(categories: readonly CategoryFigures[], pick: 'weight' | 'score'): Decimal | undefined {
  let total: Decimal | undefined;
  for (let k = 0; k < categories.length; k++) {
    const v = categories[k][pick];
    if (v === undefined) return undefined;
    total = total ? total.plus(v) : firstTerm(v);
  }
  return total ?? ZERO;
}

/** What the indicators are worth on a form without a weight column: its blocks', categories' or side label's points. */
function declaredPointsOf(form: FormLayout): Decimal | undefined {
  if (form.blocks.length && form.blocks.every((b) => b.points))
    return sum(form.blocks.map((b) => b.points as Decimal));
  const cats = form.categories;
  if (cats.length && cats.every((c) => c.declared)) return sum(cats.map((c) => c.declared as Decimal));
  return form.indicatorPoints?.points;
}

/** executed ÷ budget × 100 (budget > 0): an amount executed in full is 100 without a division. */
function rateOf(executed: Decimal, budget: Decimal): Decimal {
  return (executed.eq(budget) ? dec(1) : executed.div(budget)).times(100);
}

/** One indicator's figures: its weight and score read, its texts (run for every indicator). */
function indicatorFigures(ind: IndicatorLayout): IndicatorFigures {
  const weight = ind.slots.weight ? readSlot(ind.slots.weight) : undefined;
  const score = ind.slots.score ? readSlot(ind.slots.score) : undefined;
  const w = weight?.reading;
  const sc = score?.reading;
  return {
    layout: ind,
    weight,
    score,
    // one Decimal (a sheet's readings of a number are shared) is equal to itself: full marks, mostly
    scoreVsWeight:
      w?.kind === 'number' && sc?.kind === 'number'
        ? sc.value === w.value
          ? 0
          : sc.value.cmp(w.value)
        : undefined,
    target: targetText(ind.slots),
    actual: text(ind.slots.actual),
    note: text(ind.slots.note),
  };
}

/** Every indicator's figures. */
function indicatorsOf(form: FormLayout): IndicatorFigures[] {
  const indicators: IndicatorFigures[] = [];
  for (let k = 0; k < form.indicators.length; k++) indicators.push(indicatorFigures(form.indicators[k]));
  return indicators;
}

/** A number cell that reads as text, an error value or a number below zero (-0 is not). */
export function oddReading(cell: NumberCell | undefined): cell is NumberCell {
  if (!cell) return false;
  const r = cell.reading;
  return (
    r.kind === 'text' || r.kind === 'error' || (r.kind === 'number' && r.value.isNeg() && !r.value.isZero())
  );
}

/** The indicators by their score against their weight (FormFigures' belowWeight … scored). */
function byScore(
  indicators: readonly IndicatorFigures[],
): Pick<FormFigures, 'belowWeight' | 'aboveWeight' | 'unscored' | 'oddlyRead' | 'scored'> {
  let belowWeight: IndicatorFigures[] | undefined;
  let oddlyRead: IndicatorFigures[] | undefined;
  let aboveWeight: IndicatorFigures[] | undefined;
  let unscored: IndicatorFigures[] | undefined;
  let scored = false;
  for (let k = 0; k < indicators.length; k++) {
    const i = indicators[k];
    if (i.scoreVsWeight === -1) (belowWeight ??= []).push(i);
    else if (i.scoreVsWeight === 1) (aboveWeight ??= []).push(i);
    if (oddReading(i.weight) || oddReading(i.score)) (oddlyRead ??= []).push(i);
    if (!i.score) continue;
    if (i.score.reading.kind !== 'empty') scored = true;
    else if (i.weight?.reading.kind === 'number') (unscored ??= []).push(i);
  }
  return {
    belowWeight: belowWeight ?? NONE,
    aboveWeight: aboveWeight ?? NONE,
    unscored: unscored ?? NONE,
    oddlyRead: oddlyRead ?? NONE,
    scored,
  };
}

/** An empty list of indicators, shared. */
const NONE: readonly IndicatorFigures[] = [];

/** True when no indicator has a weight or a score that is not blank. */
function allBlank(indicators: readonly IndicatorFigures[]): boolean {
  for (let k = 0; k < indicators.length; k++) {
    const i = indicators[k];
    if (i.weight !== undefined && i.weight.reading.kind !== 'empty') return false;
    if (i.score !== undefined && i.score.reading.kind !== 'empty') return false;
  }
  return true;
}

/** Each category's indicators, and their weights' and scores' sums. */
function categoryFigures(
  form: FormLayout,
  indicators: readonly IndicatorFigures[],
  weighted: boolean,
): CategoryFigures[] {
  const byCategory: IndicatorFigures[][] = [];
  for (let index = 0; index < form.categories.length; index++) byCategory.push([]);
  for (let k = 0; k < indicators.length; k++) byCategory[indicators[k].layout.category]?.push(indicators[k]);
  const categories: CategoryFigures[] = [];
  for (let index = 0; index < byCategory.length; index++) {
    const mine = byCategory[index];
    categories.push({
      index,
      indicators: mine,
      weight: weighted ? sumOf(mine, 'weight') : undefined,
      score: scoreSumOf(mine),
    });
  }
  return categories;
}

/** Each block's indicators and their scores' sum (forms scored by blocks of points). */
function blockFigures(form: FormLayout, indicators: readonly IndicatorFigures[]): BlockFigures[] {
  const blocks: BlockFigures[] = [];
  for (let index = 0; index < form.blocks.length; index++) {
    const mine: IndicatorFigures[] = [];
    for (const i of indicators) if (i.layout.block === index) mine.push(i);
    blocks.push({ index, points: form.blocks[index].points, indicators: mine, score: scoreSumOf(mine) });
  }
  return blocks;
}

/** The budget block's figures: the amounts, the rate, and on the national layout its points and score. */
function budgetFigures(
  form: FormLayout,
): Pick<FormFigures, 'budget' | 'executed' | 'amounts' | 'rate' | 'executionPoints' | 'executionScore'> {
  const ex = form.execution;
  const budget = ex
    ? readSlot(ex.budget)
    : form.fields.budgetAmount
      ? readSlot(form.fields.budgetAmount)
      : undefined;
  const executed = ex
    ? readSlot(ex.executed)
    : form.fields.executedAmount
      ? readSlot(form.fields.executedAmount)
      : undefined;
  const rateSlot = ex ? ex.rate : form.fields.executionRate;
  const rateCell = rateSlot ? readSlot(rateSlot) : undefined;
  const amounts = amountsOf(budget, executed, {
    budget: (ex ? ex.budgetUnit : form.fields.budgetAmount?.unit) ?? form.unit,
    executed: (ex ? ex.executedUnit : form.fields.executedAmount?.unit) ?? form.unit,
  });
  const computed = amounts && amounts.budget.gt(0) ? rateOf(amounts.executed, amounts.budget) : undefined;
  const rate: RateFigures = {
    slot: rateSlot,
    stated: rateCell && rateCell.reading.kind !== 'empty' ? rateCell : undefined,
    statedPercent: rateCell ? asPercent(rateCell.reading) : undefined,
    computed,
    rounded: computed ? roundTo(computed, 2) : undefined,
  };

  let executionPoints: Decimal | undefined;
  let executionScore: Stated | undefined;
  if (ex) {
    // the points the block is worth: its 分值 / 权重 cell, else what its labels declare, else 10
    executionPoints =
      (ex.points ? numberOf(readSlot(ex.points)) : undefined) ??
      ex.declaredPoints ??
      FAMILY[form.family].executionPoints ??
      dec(10);
    const scoreCell = readSlot(ex.score);
    const ratePct = rate.computed ?? rate.statedPercent?.value;
    executionScore = {
      slot: ex.score,
      stated: scoreCell.reading.kind !== 'empty' ? scoreCell : undefined,
      computed: ratePct ? Decimal.min(percentOf(ratePct).times(executionPoints), executionPoints) : undefined,
    };
  }

  return { budget, executed, amounts, rate, executionPoints, executionScore };
}

/** A total row's cell as read, unless it is blank. */
function statedCell(slot: Slot | undefined): NumberCell | undefined {
  const cell = slot ? readSlot(slot) : undefined;
  return cell?.reading.kind === 'empty' ? undefined : cell;
}

/** The total weight: the total row's, and the indicators' with the budget block's points. */
function totalWeightOf(
  form: FormLayout,
  indicatorWeight: Decimal | undefined,
  executionPoints: Decimal | undefined,
  noWeightsYet: boolean,
): Stated {
  const slot = form.total?.slots.weight;
  return {
    slot,
    stated: statedCell(slot),
    // a blank form with a weight column has no weights yet; block points are the template's own.
    // Without a budget block the total is the indicators' weight + 0, which is firstTerm's 0 + it
    computed:
      indicatorWeight &&
      (noWeightsYet
        ? undefined
        : executionPoints
          ? indicatorWeight.plus(executionPoints)
          : firstTerm(indicatorWeight)),
  };
}

/** The total score: the total row's, and the indicators' with the budget block's score. */
function totalScoreOf(
  form: FormLayout,
  indicatorScore: Decimal | undefined,
  executionScore: Stated | undefined,
): Stated {
  const slot = form.total?.slots.score;
  const execScoreForTotal = executionScore
    ? (executionScore.computed ?? numberOf(executionScore.stated))
    : undefined;
  return {
    slot,
    stated: statedCell(slot),
    // with no budget block the total is the indicators' (a sum, already at the precision: + 0 is itself)
    computed: !indicatorScore
      ? undefined
      : !executionScore
        ? indicatorScore
        : execScoreForTotal
          ? indicatorScore.plus(execScoreForTotal)
          : undefined,
  };
}

/** The grade: the form's, the band of the total score, and the bands (the note's, else the family's). */
function gradeFigures(form: FormLayout, totalScore: Stated): FormFigures['grade'] {
  const noteBands = form.note ? parseBands(form.note.text) : undefined;
  const bands = noteBands ?? FAMILY[form.family].bands;
  const gradeField = form.fields.grade;
  const computedTotal = totalScore.computed ? roundTo(totalScore.computed, 2) : undefined;
  return {
    slot: gradeField,
    stated: gradeField?.text || undefined,
    computed: computedTotal ? gradeOf(computedTotal, bands) : undefined,
    bands,
    bandsFromNote: !!noteBands,
  };
}

export function computeFigures(form: FormLayout): FormFigures {
  // no loops here: what runs for each indicator or category is in small functions of its own
  // (cheap to compile), and this, run once per form, is mostly left to the interpreter
  const indicators = indicatorsOf(form);
  const blank = allBlank(indicators);
  const { belowWeight, aboveWeight, unscored, oddlyRead, scored } = byScore(indicators);
  const weighted = form.columns.weight !== undefined;
  const categories = categoryFigures(form, indicators, weighted);
  const blocks = form.blocks.length ? blockFigures(form, indicators) : [];
  // every indicator is in exactly one category: the totals are the sums of the category sums
  const indicatorWeight = weighted ? sumAll(categories, 'weight') : declaredPointsOf(form);
  const indicatorScore = blank ? undefined : sumAll(categories, 'score');

  const { budget, executed, amounts, rate, executionPoints, executionScore } = budgetFigures(form);

  const totalWeight = totalWeightOf(form, indicatorWeight, executionPoints, blank && weighted);
  const totalScore = totalScoreOf(form, indicatorScore, executionScore);
  return {
    layout: form,
    blank,
    indicators,
    belowWeight,
    aboveWeight,
    unscored,
    oddlyRead,
    scored,
    categories,
    blocks,
    weighted,
    indicatorWeight,
    indicatorScore,
    totalWeight,
    totalScore,
    budget,
    executed,
    amounts,
    rate,
    executionPoints,
    executionScore,
    grade: gradeFigures(form, totalScore),
  };
}

export function cellOf(slot: Slot): string {
  return a1(slot.row, slot.col);
}
