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

/** Excel's last row and column: references beyond them are damage, not cells. */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** Merged areas up to this many rows are indexed by row; taller ones by an interval tree. */
const SHORT_MERGE = 64;
/** Leaves of the interval tree over rows: a power of two ≥ MAX_ROWS. */
const TREE_LEAVES = 1 << 20;

type Row = ReadonlyArray<Cell | null | undefined>;

/**
 * The indices of an array's present entries, ascending: a plain loop for short arrays, the
 * array's own keys for long (sparse) ones, so that one entry at index 1,048,575 costs one step.
 */
function presentIndices(arr: ReadonlyArray<unknown>, from: number): number[] {
  const out: number[] = [];
  if (arr.length <= 4096) {
    for (let i = from; i < arr.length; i++) if (arr[i] !== undefined && arr[i] !== null) out.push(i);
    return out;
  }
  for (const k of Object.keys(arr)) {
    const i = Number(k);
    if (Number.isInteger(i) && i >= from && arr[i] !== undefined && arr[i] !== null) out.push(i);
  }
  return out;
}

/** True when an array (a row) has a present entry from index 1 on. */
function hasPresent(arr: ReadonlyArray<unknown>): boolean {
  if (arr.length > 4096) return presentIndices(arr, 1).length > 0;
  for (let i = 1; i < arr.length; i++) if (arr[i] !== undefined && arr[i] !== null) return true;
  return false;
}

/**
 * A sheet's cells, held sparsely: the time and memory it costs follow its non-empty cells and
 * merged areas, never its bounding box (one cell at XFD1048576 is one cell). Iterate the content
 * with `contentRows()` and `columnsIn(row)`; `rowCount` and `colCount` are the bounding box.
 */
export class Grid {
  readonly name: string;
  readonly rowCount: number;
  readonly colCount: number;
  readonly merges: readonly Area[];
  private readonly rows: ReadonlyArray<Row | null | undefined>;
  /** Rows holding a row array, ascending. */
  private readonly rowNumbers: readonly number[];
  /** Rows with cells, or a merged area's top or bottom row, ascending. */
  private contentRowList: readonly number[] | undefined;
  /**
   * By row: plain arrays rather than Maps (they are filled in row order, so V8 keeps them as
   * fast arrays; a lone far row makes them sparse, as cheap in memory as a Map).
   */
  private readonly colsCache: Array<readonly number[] | undefined> = [];
  private readonly anchorsCache: Array<readonly number[] | undefined> = [];
  /** Short merged areas by each row they cover. */
  private readonly mergesByRow: Array<Area[] | undefined> = [];
  /** Tall merged areas in an interval tree over rows: node → the areas it covers wholly. */
  private readonly tallMerges = new Map<number, Area[]>();

  constructor(input: GridInput) {
    this.name = input.name;
    this.rows = input.cells;
    this.merges = input.merges ?? [];
    this.rowNumbers = presentIndices(this.rows, 1);
    let cols = 0;
    const rowNumbers = this.rowNumbers;
    for (let k = 0; k < rowNumbers.length; k++) {
      const width = (this.rows[rowNumbers[k]] as Row).length - 1;
      if (width > cols) cols = width;
    }
    let rowCount = Math.max(0, this.rows.length - 1);
    const merges = this.merges;
    for (let k = 0; k < merges.length; k++) {
      const m = merges[k];
      if (m.bottom > rowCount) rowCount = m.bottom;
      if (m.right > cols) cols = m.right;
      if (m.bottom - m.top >= SHORT_MERGE) {
        this.addTallMerge(m);
        continue;
      }
      for (let r = m.top; r <= m.bottom; r++) {
        const list = this.mergesByRow[r];
        if (list) list.push(m);
        else this.mergesByRow[r] = [m];
      }
    }
    this.rowCount = rowCount;
    this.colCount = cols;
  }

  /** A tall merged area, held by the O(log n) nodes of the tree that together cover its rows. */
  private addTallMerge(m: Area): void {
    let lo = Math.max(1, m.top) - 1 + TREE_LEAVES;
    let hi = Math.min(TREE_LEAVES, m.bottom) + TREE_LEAVES;
    while (lo < hi) {
      if (lo & 1) this.addTall(lo++, m);
      if (hi & 1) this.addTall(--hi, m);
      lo >>= 1;
      hi >>= 1;
    }
  }

  private addTall(node: number, m: Area): void {
    const list = this.tallMerges.get(node);
    if (list) list.push(m);
    else this.tallMerges.set(node, [m]);
  }

  cell(row: number, col: number): Cell | undefined {
    return this.rows[row]?.[col] ?? undefined;
  }

  value(row: number, col: number): CellValue {
    return this.rows[row]?.[col]?.value ?? null;
  }

  /** Every merged area covering a row. */
  mergesAt(row: number): Area[] {
    const short = this.mergesByRow[row];
    if (this.tallMerges.size === 0 || row < 1 || row > TREE_LEAVES) return short ?? [];
    const out = short ? [...short] : [];
    for (let node = row - 1 + TREE_LEAVES; node >= 1; node >>= 1) {
      const list = this.tallMerges.get(node);
      if (list) out.push(...list);
    }
    return out;
  }

  /** The merged area covering a cell, if any. */
  mergeAt(row: number, col: number): Area | undefined {
    const list = this.mergesByRow[row];
    if (list) for (const m of list) if (col >= m.left && col <= m.right) return m;
    if (this.tallMerges.size === 0 || row < 1 || row > TREE_LEAVES) return undefined;
    for (let node = row - 1 + TREE_LEAVES; node >= 1; node >>= 1) {
      const tall = this.tallMerges.get(node);
      if (tall) for (const m of tall) if (col >= m.left && col <= m.right) return m;
    }
    return undefined;
  }

  /**
   * The rows that hold cells or begin or end a merged area, ascending: every row on which a
   * cell or a label (read through merges) can be found.
   */
  contentRows(): readonly number[] {
    if (this.contentRowList) return this.contentRowList;
    let list: number[] = [];
    const rowNumbers = this.rowNumbers;
    for (let k = 0; k < rowNumbers.length; k++)
      if (hasPresent(this.rows[rowNumbers[k]] as Row)) list.push(rowNumbers[k]);
    const merges = this.merges;
    if (merges.length) {
      // the merged areas' edge rows, ascending, merged into the rows with cells (both ascending)
      const edges = new Int32Array(merges.length * 2);
      for (let k = 0; k < merges.length; k++) {
        edges[2 * k] = merges[k].top;
        edges[2 * k + 1] = merges[k].bottom;
      }
      edges.sort();
      const out: number[] = [];
      let i = 0;
      let j = 0;
      while (i < list.length || j < edges.length) {
        const next = j >= edges.length || (i < list.length && list[i] <= edges[j]) ? list[i++] : edges[j++];
        if (out.length === 0 || out[out.length - 1] !== next) out.push(next);
      }
      list = out;
    }
    this.contentRowList = list;
    return list;
  }

  /** Where the first content row at or after `row` stands in contentRows() (its length when none does). */
  contentRowIndex(row: number): number {
    const list = this.contentRows();
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The cells of a row as the grid holds them, by 1-based column (entries may be missing): for a
   * scan that looks at every cell of a row once, without building its list of columns.
   */
  rowCells(row: number): ReadonlyArray<Cell | null | undefined> | undefined {
    return this.rows[row] ?? undefined;
  }

  /** The columns of a row that hold a cell, ascending. */
  columnsWithCells(row: number): readonly number[] {
    const known = this.colsCache[row];
    if (known) return known;
    const r = this.rows[row];
    const cols = r ? presentIndices(r, 1) : [];
    this.colsCache[row] = cols;
    return cols;
  }

  /**
   * The columns of a row where something may be read, ascending: those holding a cell and the
   * left edge of every merged area covering the row.
   */
  columnsIn(row: number): readonly number[] {
    const known = this.anchorsCache[row];
    if (known) return known;
    const cols = this.columnsWithCells(row);
    const merged = this.mergesAt(row);
    let out = cols;
    if (merged.length === 1) {
      // the usual case: one merged area on the row, its left edge most often a cell already
      const left = merged[0].left;
      if (!cols.includes(left)) out = insertSorted(cols, left);
    } else if (merged.length > 1) {
      const set = new Set(cols);
      for (const m of merged) set.add(m.left);
      out = set.size === cols.length ? cols : [...set].sort((a, b) => a - b);
    }
    this.anchorsCache[row] = out;
    return out;
  }

  /** The last column a cell spans: its merged area's right edge, or itself. */
  spanRight(row: number, col: number): number {
    const m = this.mergeAt(row, col);
    return m && m.top === row && m.left === col ? m.right : col;
  }

  /**
   * A copy of this grid with some cells' values replaced, as after a write: each keeps its format,
   * or takes the one the write gives it.
   */
  withValues(changes: ReadonlyArray<{ row: number; col: number; value: CellValue; format?: string }>): Grid {
    const rows: Array<Row | null | undefined> = [];
    for (const r of this.rowNumbers) rows[r] = this.rows[r];
    for (const { row, col, value, format: given } of changes) {
      const old = rows[row];
      const line: Array<Cell | null | undefined> = [];
      if (old) {
        for (const c of presentIndices(old, 0)) line[c] = old[c];
        if (old.length > line.length) line.length = old.length;
      }
      const was = line[col];
      const format = given ?? was?.format;
      line[col] = { value, ...(format ? { format } : {}) };
      rows[row] = line;
    }
    if (this.rows.length > rows.length) rows.length = this.rows.length;
    return new Grid({ name: this.name, cells: rows, merges: this.merges });
  }

  isEmpty(row: number, col: number): boolean {
    return isBlankValue(this.rows[row]?.[col]?.value);
  }
}

/** True for what an empty cell holds: no value, or blank text (Grid.isEmpty of a value). */
export function isBlankValue(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && isBlankText(v));
}

/**
 * `text.trim() === ''` without building the trimmed copy: a text whose first character is a
 * printable ASCII character or a CJK ideograph is not blank (no white space is either).
 */
export function isBlankText(text: string): boolean {
  if (text.length === 0) return true;
  const c = text.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return text.trim() === '';
}

/** A copy of an ascending list with `value` (not in it) in its place. */
function insertSorted(list: readonly number[], value: number): number[] {
  let at = 0;
  while (at < list.length && list[at] < value) at++;
  return [...list.slice(0, at), value, ...list.slice(at)];
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

/**
 * a1's names of the cells in the first A1_ROWS rows and A1_COLS columns, by column then row: a
 * report names every cell of every indicator (193,000 names for 1,000 one-form files, of 160
 * cells), each built once. At most A1_ROWS × A1_COLS names are kept.
 */
const A1_NAMES: Array<Array<string | undefined> | undefined> = [];
const A1_ROWS = 1000;
const A1_COLS = 64;

export function a1(row: number, col: number): string {
  return A1_NAMES[col]?.[row] ?? a1Name(row, col);
}

/** A cell's name, kept when it is in the first rows and columns. */
function a1Name(row: number, col: number): string {
  const name = `${colName(col)}${row}`;
  if (
    row >= 1 &&
    row <= A1_ROWS &&
    col >= 1 &&
    col <= A1_COLS &&
    Number.isInteger(row) &&
    Number.isInteger(col)
  )
    (A1_NAMES[col] ??= new Array<string | undefined>(A1_ROWS + 1))[row] = name;
  return name;
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

/** The area of `A1` or `A1:G9` (its corners in either order). */
export function parseRange(ref: string): Area {
  const [a, b = a] = ref.split(':');
  const s = parseA1(a);
  const e = parseA1(b);
  return {
    top: Math.min(s.row, e.row),
    left: Math.min(s.col, e.col),
    bottom: Math.max(s.row, e.row),
    right: Math.max(s.col, e.col),
  };
}
