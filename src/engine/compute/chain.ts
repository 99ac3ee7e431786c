import Decimal from 'decimal.js';
import { a1 } from '../grid';
import { Slot } from '../layout/model';
import { FixWrite, writeOf } from '../fix';
import { gradeOf, sameGrade } from './bands';
import { percentOf, roundTo, toCellNumber } from './decimal';
import { FormFigures, numberOf } from './figures';
import { formatDecimals, isPercentFormat } from '../read/number';

/**
 * The figures that follow from one another: execution rate → execution score → total score →
 * grade. A stated figure that is wrong only because the one before it is wrong is not a root
 * cause: its repair joins the root's fix, and it is not reported again.
 */
export interface Check {
  readonly mismatch: boolean;
  readonly root: boolean;
  /** The writes that repair this figure and every figure that follows from it. */
  readonly fix: FixWrite[];
}

export interface Chain {
  readonly rate?: Check;
  readonly executionScore?: Check;
  readonly totalScore?: Check;
  readonly grade?: Check;
}

/** Decimal places a stated figure is compared at: what its format or typed text shows, else 2. */
export function shownPlaces(shown: number | undefined): number {
  return shown ?? 2;
}

function sameAt(a: Decimal, b: Decimal, places: number): boolean {
  return roundTo(a, places).eq(roundTo(b, places));
}

/** The number format a rate written into a blank, unformatted cell gets: Excel's built-in `0.00%`. */
export const RATE_FORMAT = '0.00%';

/** A value to write into a cell, and the number format to give the cell with it (if any). */
export interface CellValueWrite {
  readonly value: string | number;
  readonly format?: string;
}

/** A cell with no number format of its own (General). */
function unformatted(format: string | undefined): boolean {
  return format === undefined || /^\s*general\s*$/i.test(format);
}

/**
 * The value written into a rate cell, in the way the cell already holds its rate: a fraction
 * under a `%` format, `62.16%` as typed text when the clerk typed it so, or 62.16. A blank cell
 * with no format gets the fraction with the format `0.00%` (the number 0.6216 shown as
 * `62.16%`, as a clerk expects); a blank cell with a format of its own that is not a percentage
 * (text `@`, `0.00`) keeps it and gets the text `62.16%`. A slot holds no blank cell: the format
 * of the rate's cell when it is blank is `blankFormat`, from the grid.
 */
export function rateValue(figures: FormFigures, pct: Decimal, blankFormat?: string): CellValueWrite {
  const r = figures.rate.stated?.reading;
  const rounded = roundTo(pct, 2);
  const format = figures.rate.slot?.cell?.format ?? blankFormat;
  const fraction = toCellNumber(percentOf(rounded));
  if (!r && unformatted(format)) return { value: fraction, format: RATE_FORMAT };
  if (!r && !isPercentFormat(format)) return { value: `${rounded.toFixed(2)}%` };
  if (r?.kind === 'number' && r.percent === 'text') return { value: `${rounded.toFixed(2)}%` };
  if (r?.kind === 'number' && r.percent !== 'format' && r.value.abs().gt(1.5))
    return { value: toCellNumber(rounded) };
  return { value: fraction };
}

function write(slot: Slot | undefined, value: string | number | CellValueWrite): FixWrite[] {
  if (!slot) return [];
  const w = typeof value === 'object' ? value : { value };
  return [writeOf(a1(slot.row, slot.col), w.value, w.format)];
}

/** The execution rate against executed ÷ budget, at the decimals the sheet shows it with. */
function rateCheck(f: FormFigures): Check | undefined {
  const sp = f.rate.statedPercent;
  if (!sp || !f.rate.computed || f.rate.stated?.reading.kind !== 'number') return undefined;
  const places = shownPlaces(sp.shownDecimals);
  // most rates are shown with 2 decimals: the computed one is rounded to them once, by the figures
  const computed = places === 2 && f.rate.rounded ? f.rate.rounded : roundTo(f.rate.computed, places);
  const mismatch = !roundTo(sp.value, places).eq(computed);
  return { mismatch, root: mismatch, fix: mismatch ? write(f.rate.slot, rateValue(f, f.rate.computed)) : [] };
}

/** The execution score (national layout) against rate × points; it follows a wrong stated rate. */
function executionScoreCheck(f: FormFigures, rate: Check | undefined): Check | undefined {
  const es = f.executionScore;
  const esStated = numberOf(es?.stated);
  if (!es || !es.computed || !esStated || es.stated?.reading.kind !== 'number') return undefined;
  // a score is compared at the decimals its number format shows; a plain 10 is not a rounded 9.5
  const places = shownPlaces(formatDecimals(es.stated.slot.cell?.format));
  const mismatch = !sameAt(esStated, es.computed, places);
  const sp = f.rate.statedPercent;
  const points = f.executionPoints as Decimal;
  const fromStatedRate = sp ? Decimal.min(percentOf(sp.value).times(points), points) : undefined;
  const follows = !!rate?.mismatch && !!fromStatedRate && sameAt(esStated, fromStatedRate, places);
  return {
    mismatch,
    root: mismatch && !follows,
    fix: mismatch ? write(es.slot, toCellNumber(roundTo(es.computed, 2))) : [],
  };
}

/** The total score against the sum of the scores; it follows a wrong stated execution score. */
function totalScoreCheck(f: FormFigures, executionScore: Check | undefined): Check | undefined {
  const ts = numberOf(f.totalScore.stated);
  if (!ts || !f.totalScore.computed || !f.indicatorScore) return undefined;
  const mismatch = !sameAt(ts, f.totalScore.computed, 2);
  const es = f.executionScore;
  const esScore = numberOf(es?.stated) ?? es?.computed;
  // with no execution score the total is the indicators' (a sum, already at the precision: + 0 is itself)
  const upstream = esScore ? f.indicatorScore.plus(esScore) : f.indicatorScore;
  const follows = !!executionScore?.mismatch && sameAt(ts, upstream, 2);
  return {
    mismatch,
    root: mismatch && !follows,
    fix: mismatch ? write(f.totalScore.slot, toCellNumber(roundTo(f.totalScore.computed, 2))) : [],
  };
}

/** The stated grade against the band of the total score; it follows a wrong stated total. */
function gradeCheck(f: FormFigures, totalScore: Check | undefined): Check | undefined {
  const g = f.grade;
  if (!g.stated || !g.computed) return undefined;
  const mismatch = !sameGrade(g.stated, g.computed);
  const ts = numberOf(f.totalScore.stated);
  const statedBand = ts ? gradeOf(roundTo(ts, 2), g.bands) : undefined;
  const follows = !!totalScore?.mismatch && !!statedBand && sameGrade(g.stated, statedBand);
  return { mismatch, root: mismatch && !follows, fix: mismatch ? write(g.slot, g.computed) : [] };
}

/** A root's fix carries the repairs of the figures that follow from it (checks in the chain's order). */
function joinFixes(checks: ReadonlyArray<Check | undefined>): void {
  for (let i = checks.length - 1; i >= 0; i--) {
    const c = checks[i];
    if (!c || !c.mismatch || !c.root) continue;
    for (let j = i + 1; j < checks.length; j++) {
      const next = checks[j];
      if (!next) continue;
      if (!next.mismatch || next.root) break;
      c.fix.push(...next.fix);
    }
  }
}

export function computeChain(f: FormFigures): Chain {
  // each figure's check a small function of its own: this runs once per form, mostly interpreted
  const rate = rateCheck(f);
  const executionScore = executionScoreCheck(f, rate);
  const totalScore = totalScoreCheck(f, executionScore);
  const grade = gradeCheck(f, totalScore);
  if (rate?.mismatch || executionScore?.mismatch || totalScore?.mismatch || grade?.mismatch)
    joinFixes([rate, executionScore, totalScore, grade]);
  const chain: { -readonly [K in keyof Chain]: Chain[K] } = {};
  if (rate) chain.rate = rate;
  if (executionScore) chain.executionScore = executionScore;
  if (totalScore) chain.totalScore = totalScore;
  if (grade) chain.grade = grade;
  return chain;
}
