/**
 * What "校验并评分" does to a sheet, decided without touching it: the recomputed figures to
 * write, the cells to mark and how, and the notes to put on them. The Office.js adapter applies
 * this plan in one batch; everything here is pure and tested on its own.
 */
import { CellValueWrite, rateValue } from './compute/chain';
import { roundTo, show, toCellNumber } from './compute/decimal';
import { numberOf } from './compute/figures';
import { a1, Grid, parseA1, parseRange, valueText } from './grid';
import { decimalOf, isPercentFormat } from './read/number';
import { Slot } from './layout/model';
import { Lang } from './messages';
import { FormAnalysis } from './report';
import { Severity } from './rules';

export type Figure = 'totalWeight' | 'totalScore' | 'executionRate' | 'executionScore' | 'grade';

/**
 * A recomputed figure to write: a number as a number, text (a grade, a rate typed as `62.16%`)
 * as literal text that never becomes a formula, a number or a date. A number may carry the
 * number format to give its cell (`0.00%` for a rate written into a blank, unformatted cell).
 */
export type PlannedWrite = (
  | { readonly cell: string; readonly type: 'text'; readonly value: string }
  | { readonly cell: string; readonly type: 'number'; readonly value: number; readonly format?: string }
) & {
  readonly figure: Figure;
  /** What the cell showed before, for the note ('' when blank). */
  readonly before: string;
};

export type Tone = Severity | 'good';

export interface PlannedMark {
  readonly cell: string;
  readonly tone: Tone;
}

export interface PlannedNote {
  readonly cell: string;
  readonly text: string;
}

export interface RunPlan {
  readonly writes: readonly PlannedWrite[];
  readonly marks: readonly PlannedMark[];
  readonly notes: readonly PlannedNote[];
}

const RANK: Record<Tone, number> = { good: 4, error: 3, warning: 2, info: 1 };

/** Every cell of `A1` or `A1:G1`. */
export function cellsOf(ref: string): string[] {
  const { top, left, bottom, right } = parseRange(ref);
  const out: string[] = [];
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) out.push(a1(r, c));
  return out;
}

function shown(slot: Slot | undefined): string {
  return valueText(slot?.cell?.value);
}

const WRITTEN: Record<Lang, (figure: string, value: string, before: string) => string> = {
  zh: (figure, value, before) => `自评已写入${figure}：${value}${before ? `（原为 ${before}）` : ''}`,
  en: (figure, value, before) => `Ziping wrote the ${figure}: ${value}${before ? ` (was ${before})` : ''}`,
};

const FIGURE_NAMES: Record<Lang, Record<Figure, string>> = {
  zh: {
    totalWeight: '合计权重',
    totalScore: '合计自评分',
    executionRate: '预算执行率',
    executionScore: '预算执行得分',
    grade: '绩效等级',
  },
  en: {
    totalWeight: 'total weight',
    totalScore: 'total score',
    executionRate: 'execution rate',
    executionScore: 'execution score',
    grade: 'grade',
  },
};

/** The figures of one form to write back: only where the cell is blank or disagrees, never over a formula or a clerk's text. */
function formWrites(a: FormAnalysis, grid: Grid): PlannedWrite[] {
  const f = a.figures;
  const writes: PlannedWrite[] = [];
  const consider = (
    figure: Figure,
    slot: Slot | undefined,
    written: string | number | CellValueWrite | undefined,
    differs: boolean,
  ) => {
    if (!slot || written === undefined || slot.cell?.formula) return;
    const { value, format } = typeof written === 'object' ? written : { value: written, format: undefined };
    const v = slot.cell?.value;
    const blank = v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
    if (!blank && !differs) return;
    const cell = a1(slot.row, slot.col);
    const before = shown(slot);
    writes.push(
      typeof value === 'number'
        ? { cell, type: 'number', value, ...(format !== undefined ? { format } : {}), figure, before }
        : { cell, type: 'text', value, figure, before },
    );
  };
  // a figure whose cell a shifted 合计 row's fix will fill is left to that fix, not written twice
  const moved = new Set((a.layout.total?.moves ?? []).flatMap((m) => [m.from, m.to]));
  const inPlace = (slot: Slot | undefined) => !!slot && !moved.has(slot.col);
  const tw = f.totalWeight;
  const twStated = numberOf(tw.stated);
  if (tw.computed && inPlace(tw.slot))
    consider('totalWeight', tw.slot, toCellNumber(tw.computed), !!twStated && !twStated.eq(tw.computed));
  if (f.totalScore.computed && inPlace(f.totalScore.slot)) {
    consider(
      'totalScore',
      f.totalScore.slot,
      toCellNumber(roundTo(f.totalScore.computed, 2)),
      !!a.chain.totalScore?.mismatch,
    );
  }
  if (f.rate.computed)
    consider(
      'executionRate',
      f.rate.slot,
      // a blank cell is in the grid (with its format), not in its slot
      rateValue(f, f.rate.computed, f.rate.slot && grid.cell(f.rate.slot.row, f.rate.slot.col)?.format),
      !!a.chain.rate?.mismatch,
    );
  const es = f.executionScore;
  if (es?.computed)
    consider(
      'executionScore',
      es.slot,
      toCellNumber(roundTo(es.computed, 2)),
      !!a.chain.executionScore?.mismatch,
    );
  if (f.grade.computed) consider('grade', f.grade.slot, f.grade.computed, !!a.chain.grade?.mismatch);
  return writes;
}

/** A written value as the cell will show it: a number under a `%` format as a percentage. */
function writtenText(w: PlannedWrite, grid: Grid): string {
  if (w.type === 'text') return w.value;
  const { row, col } = parseA1(w.cell);
  const format = w.format ?? grid.cell(row, col)?.format;
  return isPercentFormat(format) ? `${show(decimalOf(w.value).times(100))}%` : show(decimalOf(w.value));
}

export function planRun(analyses: readonly FormAnalysis[], grid: Grid, lang: Lang = 'zh'): RunPlan {
  const writes = analyses.flatMap((a) => formWrites(a, grid));
  const tones = new Map<string, Tone>();
  const notes = new Map<string, string[]>();
  const tone = (cell: string, t: Tone) => {
    const was = tones.get(cell);
    if (!was || RANK[t] > RANK[was]) tones.set(cell, t);
  };
  const note = (cell: string, text: string) => {
    const list = notes.get(cell) ?? [];
    if (!list.includes(text)) list.push(text);
    notes.set(cell, list);
  };
  for (const w of writes) {
    tone(w.cell, 'good');
    note(w.cell, WRITTEN[lang](FIGURE_NAMES[lang][w.figure], writtenText(w, grid), w.before));
  }
  for (const a of analyses) {
    for (const finding of a.findings) {
      for (const ref of finding.cells) for (const cell of cellsOf(ref)) tone(cell, finding.severity);
      const main = cellsOf(finding.cells[0])[0];
      note(main, finding.message);
    }
  }
  return {
    writes,
    marks: [...tones].map(([cell, t]) => ({ cell, tone: t })),
    notes: [...notes].map(([cell, texts]) => ({ cell, text: texts.join('\n') })),
  };
}
