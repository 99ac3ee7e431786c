/**
 * A snapshot of one worksheet, as Excel (or a file reader) gives it: cell values, formulas,
 * number formats and merged areas. Rows and columns are 1-based, as in Excel.
 */

/** An Excel error value such as `#DIV/0!` or `#REF!`. */
export interface CellError {
  readonly error: string;
}

export type CellValue = number | string | boolean | CellError | null;

export interface Cell {
  readonly value: CellValue;
  /** The formula without its leading `=`, when the cell holds one. */
  readonly formula?: string;
  /** The number format code, e.g. `0.00%` or `#,##0.00`. */
  readonly format?: string;
  /** The text Excel shows, when the reader has it (used for dates and other formatted numbers). */
  readonly text?: string;
}

/** A merged area, 1-based and inclusive. */
export interface Area {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface GridInput {
  readonly name: string;
  /** Cells by 1-based row then column; missing entries are empty cells. */
  readonly cells: ReadonlyArray<ReadonlyArray<Cell | null | undefined> | null | undefined>;
  readonly merges?: readonly Area[];
}

/** A cell value as text: '' for blank, the code for an error value. */
export function valueText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return value.error;
  return String(value);
}

export function isCellError(value: unknown): value is CellError {
  return typeof value === 'object' && value !== null && typeof (value as CellError).error === 'string';
}

export class Grid {
  readonly name: string;
  readonly rowCount: number;
  readonly colCount: number;
  readonly merges: readonly Area[];
  private readonly rows: ReadonlyArray<ReadonlyArray<Cell | null | undefined> | null | undefined>;
  /** Merged areas by each row they cover. */
  private readonly mergesByRow = new Map<number, Area[]>();

  constructor(input: GridInput) {
    this.name = input.name;
    this.rows = input.cells;
    this.merges = input.merges ?? [];
    let cols = 0;
    for (const row of this.rows) if (row && row.length - 1 > cols) cols = row.length - 1;
    let rowCount = Math.max(0, this.rows.length - 1);
    for (const m of this.merges) {
      if (m.bottom > rowCount) rowCount = m.bottom;
      if (m.right > cols) cols = m.right;
    }
    this.rowCount = rowCount;
    this.colCount = cols;
    for (const m of this.merges) {
      for (let r = m.top; r <= m.bottom; r++) {
        const list = this.mergesByRow.get(r);
        if (list) list.push(m);
        else this.mergesByRow.set(r, [m]);
      }
    }
  }

  cell(row: number, col: number): Cell | undefined {
    return this.rows[row]?.[col] ?? undefined;
  }

  value(row: number, col: number): CellValue {
    return this.rows[row]?.[col]?.value ?? null;
  }

  /** The merged area covering a cell, if any. */
  mergeAt(row: number, col: number): Area | undefined {
    const list = this.mergesByRow.get(row);
    if (!list) return undefined;
    for (const m of list) if (col >= m.left && col <= m.right) return m;
    return undefined;
  }

  /** The last column a cell spans: its merged area's right edge, or itself. */
  spanRight(row: number, col: number): number {
    const m = this.mergeAt(row, col);
    return m && m.top === row && m.left === col ? m.right : col;
  }

  /** A copy of this grid with some cells' values replaced (formats kept), as after a write. */
  withValues(changes: ReadonlyArray<{ row: number; col: number; value: CellValue }>): Grid {
    const rows = this.rows.map((r) => (r ? [...r] : r));
    for (const { row, col, value } of changes) {
      const line = [...(rows[row] ?? [])];
      const was = line[col];
      line[col] = { value, ...(was?.format ? { format: was.format } : {}) };
      rows[row] = line;
    }
    return new Grid({ name: this.name, cells: rows, merges: this.merges });
  }

  isEmpty(row: number, col: number): boolean {
    const v = this.value(row, col);
    return v === null || (typeof v === 'string' && v.trim() === '');
  }
}

const COLUMN_NAMES: string[] = [];

/** Column number (1-based) to letters: 1 → A, 27 → AA. */
export function colName(col: number): string {
  const known = COLUMN_NAMES[col];
  if (known !== undefined) return known;
  const name = lettersOf(col);
  if (col > 0 && col <= 16384) COLUMN_NAMES[col] = name;
  return name;
}

function lettersOf(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Letters to column number: A → 1. */
export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(row: number, col: number): string {
  return `${colName(col)}${row}`;
}

export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  const start = a1(top, left);
  const end = a1(bottom, right);
  return start === end ? start : `${start}:${end}`;
}

export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]*)$/.exec(ref.trim());
  if (!m) throw new Error(`not an A1 cell reference: ${ref}`);
  return { row: Number(m[2]), col: colNumber(m[1]) };
}
