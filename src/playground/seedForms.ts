/**
 * The three real forms of shared/seed as Excel holds them: numbers typed as numbers with their
 * formats, and the merges a real sheet has. The tests build them from the seed file; the
 * playground preloads them.
 */
import { Area, Cell } from '../engine/grid';

/** The seed's lines split into fields: row N is line N, field K is column K. */
export function parseSeed(text: string): string[][] {
  return text.split(/\r?\n/).map((line) => line.split('\t'));
}

/** The extent of each seed form in the TSV, with the merges its sheet has. */
export const SEED_FORMS: ReadonlyArray<{ top: number; bottom: number; merges: Area[] }> = [
  {
    top: 3,
    bottom: 40,
    merges: [
      m(3, 1, 3, 7),
      ...[4, 5, 6, 7].flatMap((r) => [m(r, 1, r, 2), m(r, 3, r, 4), m(r, 5, r, 6)]),
      ...[8, 9, 10, 11, 12, 13].flatMap((r) => [m(r, 1, r, 2), m(r, 3, r, 7)]),
      m(15, 1, 28, 1),
      m(31, 1, 34, 1),
      m(35, 1, 38, 1),
      m(39, 1, 39, 3),
      m(40, 1, 40, 7),
    ],
  },
  {
    top: 42,
    bottom: 69,
    merges: [
      m(42, 1, 42, 7),
      ...[44, 45, 46, 47].map((r) => m(r, 4, r, 7)),
      ...[48, 49, 50, 51, 52, 53].map((r) => m(r, 2, r, 7)),
      m(55, 1, 62, 1),
      m(63, 1, 66, 1),
      m(68, 1, 68, 3),
      m(69, 1, 69, 7),
    ],
  },
  {
    top: 71,
    bottom: 96,
    merges: [
      m(71, 1, 71, 7),
      ...[73, 74, 75, 76].map((r) => m(r, 4, r, 7)),
      ...[77, 78, 79, 80, 81, 82].map((r) => m(r, 2, r, 7)),
      m(84, 1, 89, 1),
      m(90, 1, 93, 1),
      m(95, 1, 95, 3),
      m(96, 1, 96, 7),
    ],
  },
];

function m(top: number, left: number, bottom: number, right: number): Area {
  return { top, left, bottom, right };
}

/** A seed field as Excel holds it: `414,400.00` → 414400 in `#,##0.00`, `62.16%` → 0.6216 in `0.00%`. */
export function typedCell(text: string): Cell | undefined {
  if (text === '') return undefined;
  if (/^\d{1,3}(,\d{3})*\.\d\d$/.test(text))
    return { value: Number(text.replace(/,/g, '')), format: '#,##0.00' };
  if (/^\d+(\.\d+)?%$/.test(text)) {
    const places = (text.split('.')[1] ?? '').length - 1;
    return { value: Number(text.slice(0, -1)) / 100, format: places > 0 ? `0.${'0'.repeat(places)}%` : '0%' };
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return { value: Number(text) };
  return { value: text };
}

export interface SheetSpec {
  name: string;
  /** 1-based rows of 1-based cells. */
  cells: Array<Array<Cell | undefined> | undefined>;
  merges: Area[];
}

export interface Placement {
  /** Index into SEED_FORMS. */
  form: number;
  /** Row where the form's first line lands. */
  row: number;
  /** Column where column A lands. */
  col: number;
}

/**
 * A sheet holding seed forms at the given places. `typed: false` keeps every field as the
 * text of the seed (numbers as text).
 */
export function seedSheetOf(
  lines: string[][],
  name: string,
  placements: readonly Placement[],
  typed = true,
): SheetSpec {
  const cells: SheetSpec['cells'] = [];
  const merges: Area[] = [];
  for (const p of placements) {
    const form = SEED_FORMS[p.form];
    const dr = p.row - form.top;
    const dc = p.col - 1;
    for (let r = form.top; r <= form.bottom; r++) {
      const fields = lines[r - 1] ?? [];
      fields.forEach((text, k) => {
        const cell = typed ? typedCell(text) : text === '' ? undefined : { value: text };
        if (!cell) return;
        const row = (cells[r + dr] ??= []);
        row[k + 1 + dc] = cell;
      });
    }
    for (const a of form.merges) merges.push(m(a.top + dr, a.left + dc, a.bottom + dr, a.right + dc));
  }
  return { name, cells, merges };
}

/** The three forms stacked on one sheet at their own rows, as exported. */
export function stackedSeedOf(lines: string[][], typed = true): SheetSpec {
  return seedSheetOf(
    lines,
    'Sheet1',
    [0, 1, 2].map((form) => ({ form, row: SEED_FORMS[form].top, col: 1 })),
    typed,
  );
}
