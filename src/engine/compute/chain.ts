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

export function computeChain(f: FormFigures): Chain {
  const chain: { -readonly [K in keyof Chain]: Chain[K] } = {};
  const checks: Check[] = [];

  // execution rate
  const sp = f.rate.statedPercent;
  if (sp && f.rate.computed && f.rate.stated?.reading.kind === 'number') {
    const places = shownPlaces(sp.shownDecimals);
    const mismatch = !sameAt(sp.value, f.rate.computed, places);
    chain.rate = {
      mismatch,
      root: mismatch,
      fix: mismatch ? write(f.rate.slot, rateValue(f, f.rate.computed)) : [],
    };
  }

  // execution score (national layout)
  const es = f.executionScore;
  const esStated = numberOf(es?.stated);
  if (es && es.computed && esStated && es.stated?.reading.kind === 'number') {
    // a score is compared at the decimals its number format shows; a plain 10 is not a rounded 9.5
    const places = shownPlaces(formatDecimals(es.stated.slot.cell?.format));
    const mismatch = !sameAt(esStated, es.computed, places);
    const points = f.executionPoints as Decimal;
    const fromStatedRate = sp ? Decimal.min(percentOf(sp.value).times(points), points) : undefined;
    const follows = !!chain.rate?.mismatch && !!fromStatedRate && sameAt(esStated, fromStatedRate, places);
    chain.executionScore = {
      mismatch,
      root: mismatch && !follows,
      fix: mismatch ? write(es.slot, toCellNumber(roundTo(es.computed, 2))) : [],
    };
  }

  // total score
  const ts = numberOf(f.totalScore.stated);
  if (ts && f.totalScore.computed && f.indicatorScore) {
    const mismatch = !sameAt(ts, f.totalScore.computed, 2);
    const upstream = f.indicatorScore.plus(esStated ?? es?.computed ?? 0);
    const follows = !!chain.executionScore?.mismatch && sameAt(ts, upstream, 2);
    chain.totalScore = {
      mismatch,
      root: mismatch && !follows,
      fix: mismatch ? write(f.totalScore.slot, toCellNumber(roundTo(f.totalScore.computed, 2))) : [],
    };
  }

  // grade
  const g = f.grade;
  if (g.stated && g.computed) {
    const mismatch = !sameGrade(g.stated, g.computed);
    const statedBand = ts ? gradeOf(roundTo(ts, 2), g.bands) : undefined;
    const follows = !!chain.totalScore?.mismatch && !!statedBand && sameGrade(g.stated, statedBand);
    chain.grade = { mismatch, root: mismatch && !follows, fix: mismatch ? write(g.slot, g.computed) : [] };
  }

  // a root's fix carries the repairs of the figures that follow from it
  for (const c of [chain.rate, chain.executionScore, chain.totalScore, chain.grade]) if (c) checks.push(c);
  for (let i = checks.length - 1; i >= 0; i--) {
    const c = checks[i];
    if (!c.mismatch || !c.root) continue;
    for (let j = i + 1; j < checks.length && checks[j].mismatch && !checks[j].root; j++)
      c.fix.push(...checks[j].fix);
  }
  return chain;
}
