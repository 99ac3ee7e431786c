import { remembered } from '../read/memo';
import { Cell, CellValue, Grid, isCellError } from '../grid';
import { readNumber } from '../read/number';
import { Move } from './model';
import { CATEGORY_LIKE, COLUMN_LABELS, Role } from './vocabulary';

type Kind = 'num' | 'text' | 'error';

type Row = ReadonlyArray<Cell | null | undefined>;

interface RowCell {
  readonly col: number;
  /** Its kind and LIKE_CATEGORY, as cellCode reads them. */
  readonly code: number;
}

const MISFIT = 5;

/** A cheap first test before the full reading: numbers as text start with a digit, sign or ¥. */
function looksNumeric(text: string): boolean {
  return /^\s*[-+.¥￥０-９\d]/.test(text);
}

/** What it costs to read a cell of this kind under this role (0: it belongs there): read in FIT. */
function fitOf(kind: Kind, categoryLike: boolean, role: Role | undefined, totalRow: boolean): number {
  if (kind === 'error') return role === 'weight' || role === 'score' ? 0 : 1;
  const num = kind === 'num';
  switch (role) {
    case 'weight':
    case 'score':
      return num ? 0 : MISFIT;
    case 'target':
    case 'actual':
      return totalRow && num ? 3 : 0;
    case 'note':
      return num ? 1 : 0;
    case 'category':
      if (num) return 4;
      return categoryLike || totalRow ? 0 : 2;
    case 'name':
    case 'rule':
    case 'secondary':
    case 'lead':
      return num ? 3 : 0;
    default:
      return 2 + (num ? 1 : 0);
  }
}

function numericFilled(
  cells: readonly RowCell[],
  cols: readonly number[],
  roleAt: ReadonlyArray<Role | undefined>,
): number {
  let n = 0;
  for (let i = 0; i < cells.length; i++) {
    const role = roleAt[cols[i]];
    if ((role === 'weight' || role === 'score') && (cells[i].code & KIND_BITS) !== TEXT_KIND) n++;
  }
  return n;
}

/** A row read in place: one empty list, shared (a row's moves are never changed). */
const NO_MOVES: Move[] = [];

/** realignRow's tables, grown as rows need and reused. */
let costBuffer = new Float64Array(256);
let fromBuffer = new Int32Array(256);
/** The largest table kept between rows (cells × places). */
const KEPT_TABLE = 1 << 16;

/** A non-empty cell of a row, as realignment sees it; undefined for blanks and merged continuations. */
function readCell(grid: Grid, row: number, col: number): RowCell | undefined {
  const code = cellCode(grid, row, col);
  if (code === NONE) return undefined;
  return { col, code };
}

/** cellCode: no cell to read (blank, or a merged continuation). */
const NONE = -1;
/** cellCode: the kind's index in KINDS in the low bits, and LIKE_CATEGORY. */
const KINDS: readonly Kind[] = ['num', 'text', 'error'];
const KIND_BITS = 3;
/** The index of 'text' in KINDS. */
const TEXT_KIND = 1;
const LIKE_CATEGORY = 4;

/** readCell as a number, building nothing: NONE, or the kind's index and LIKE_CATEGORY. */
function cellCode(grid: Grid, row: number, col: number): number {
  const code = valueCode(grid.value(row, col));
  if (code === NONE) return NONE;
  const m = grid.mergeAt(row, col);
  if (m && (m.top !== row || m.left !== col)) return NONE;
  return code;
}

/** A value's code as cellCode reads it, merges aside: NONE for a blank. */
function valueCode(v: CellValue): number {
  if (v === null) return NONE;
  if (typeof v === 'number') return Number.isFinite(v) ? 0 : 1;
  if (typeof v === 'string') {
    const t = textKind(v);
    if (t === BLANK) return NONE;
    return (t & NUMERIC ? 0 : 1) | (t & CATEGORY ? LIKE_CATEGORY : 0);
  }
  return isCellError(v) ? 2 : 1;
}

const BLANK = 1;
const NUMERIC = 2;
const CATEGORY = 4;
/**
 * A text as realignment sees it: BLANK, or NUMERIC and CATEGORY (like a category name) as bits.
 * Texts repeat form after form (labels, `是`, `≥95%`): what each is is remembered.
 */
const textKind = remembered((v: string): number => {
  if (/^\s*$/.test(v)) return BLANK;
  return (
    (looksNumeric(v) && readNumber(v).kind === 'number' ? NUMERIC : 0) |
    (v.length <= 30 && CATEGORY_LIKE.test(v) ? CATEGORY : 0)
  );
});

export interface TableFrame {
  readonly left: number;
  readonly right: number;
  /** The header's columns by role. */
  readonly columns: Partial<Record<Role, number>>;
  /** The header's roles, in the order of `columns`, and the column of each. */
  readonly roles: readonly Role[];
  readonly cols: readonly number[];
  /** The role of each header column, by column number. */
  readonly roleAt: ReadonlyArray<Role | undefined>;
  /** The place in ROLES of each header column's role, by column number (none for other columns). */
  readonly roleNumberAt: ReadonlyArray<number | undefined>;
  /**
   * How many of the columns a value may be read under (the places: the table's, and two past
   * its right edge) are the weight or score column.
   */
  readonly numericPlaces: number;
}

/** The frames made, by their header's columns and edges (at most FRAMES_KEPT of them). */
const frames = new Map<string, TableFrame>();
const FRAMES_KEPT = 1000;

/**
 * A table's frame, from its header's columns (one role to a column) and its edges. The forms of
 * a template share their header's columns and edges: each frame is made once, and the forms that
 * follow find it by a key JSON.stringify makes (no loop of ours: one run for each form made this
 * function hot enough to be compiled by TurboFan, which cost more than it saved). A frame is
 * read only, so forms share it.
 */
export function tableFrame(columns: Partial<Record<Role, number>>, left: number, right: number): TableFrame {
  const key = `${left} ${right} ${JSON.stringify(columns)}`;
  const known = frames.get(key);
  if (known) return known;
  const frame = makeFrame(columns, left, right);
  if (frames.size >= FRAMES_KEPT) frames.clear();
  frames.set(key, frame);
  return frame;
}

/** tableFrame's frame, made. */
function makeFrame(columns: Partial<Record<Role, number>>, left: number, right: number): TableFrame {
  const roles: Role[] = [];
  const cols: number[] = [];
  const roleAt: Array<Role | undefined> = [];
  const roleNumberAt: number[] = [];
  let numericPlaces = 0;
  // an indexed loop over the keys, not for…in (which TurboFan compiles into far more code)
  const keys = Object.keys(columns) as Role[];
  for (let k = 0; k < keys.length; k++) {
    const role = keys[k];
    const col = columns[role] as number;
    roles.push(role);
    cols.push(col);
    roleAt[col] = role;
    roleNumberAt[col] = ROLE_NUMBERS.get(role) as number;
    if ((role === 'weight' || role === 'score') && col >= left && col <= right + 2) numericPlaces++;
  }
  return { left, right, columns, roles, cols, roleAt, roleNumberAt, numericPlaces };
}

/** The roles in the order of FIT's rows; the first row is no role. */
const ROLES: ReadonlyArray<Role | undefined> = [undefined, ...COLUMN_LABELS.map(([role]) => role)];
/** Each role's place in ROLES. */
const ROLE_NUMBERS = new Map(ROLES.map((role, n) => [role, n]));

/**
 * fitOf of each role (its place in ROLES), cell code (a kind and LIKE_CATEGORY, as cellCode
 * reads them) and kind of row (1 for a total row), at ((role · 8) + code) · 2 + total: realignRow
 * reads each cell's fit here instead of calling fitOf, once per cell of every row.
 */
const FIT = new Uint8Array(ROLES.length * 16);
for (let r = 0; r < ROLES.length; r++)
  for (let code = 0; code < 8; code++)
    for (let total = 0; total < 2; total++)
      if ((code & KIND_BITS) < KINDS.length)
        FIT[(r * 8 + code) * 2 + total] = fitOf(
          KINDS[code & KIND_BITS],
          (code & LIKE_CATEGORY) !== 0,
          ROLES[r],
          total === 1,
        );

/**
 * Finds where a row's values belong. Values keep their left-to-right order; each is read under
 * the header column that fits it best, and a value moves only when that makes the row's
 * weight and score readable where they were not. Returns the moves (empty when the row is in place).
 */
export function realignRow(grid: Grid, row: number, frame: TableFrame, totalRow: boolean): Move[] {
  const { left, right, roleAt, roleNumberAt } = frame;
  const last = Math.min(right + 2, grid.colCount);
  const total = totalRow ? 1 : 0;
  // most rows are in place: find that out without building anything, from the row's cells and
  // merged areas looked up once (one small loop: the search below seldom runs)
  let inPlaceCost = 0;
  // the cells that are not text, and those of them already under the weight or score column
  let notText = 0;
  let numericInPlace = 0;
  const rowCells = grid.rowCells(row);
  const merges = grid.mergesAt(row);
  const end = rowCells ? Math.min(last, rowCells.length - 1) : 0;
  for (let c = left; c <= end; c++) {
    const code = valueCode((rowCells as Row)[c]?.value ?? null);
    if (code === NONE) continue;
    // a merged area's later cells are not read: the first area covering the cell, as mergeAt finds it
    let covered = false;
    for (let k = 0; k < merges.length; k++) {
      const m = merges[k];
      if (c < m.left || c > m.right) continue;
      covered = m.top !== row || m.left !== c;
      break;
    }
    if (covered) continue;
    inPlaceCost += FIT[((roleNumberAt[c] ?? 0) * 8 + code) * 2 + total];
    if ((code & KIND_BITS) !== TEXT_KIND) {
      notText++;
      const role = roleAt[c];
      if (role === 'weight' || role === 'score') numericInPlace++;
    }
  }
  if (inPlaceCost === 0) return NO_MOVES;
  // a move is made only to read more numbers under the weight and score columns: when as many are
  // read there as there are such columns (or numbers), no assignment can do better
  if (numericInPlace >= Math.min(notText, frame.numericPlaces)) return NO_MOVES;
  return searchMoves(grid, row, frame, totalRow, inPlaceCost);
}

/**
 * realignRow's search, for a row that may read more numbers under the weight and score columns
 * moved than in place (`inPlaceCost`: what reading it in place costs).
 */
function searchMoves(
  grid: Grid,
  row: number,
  frame: TableFrame,
  totalRow: boolean,
  inPlaceCost: number,
): Move[] {
  const { left, right, roleAt, roleNumberAt } = frame;
  const last = Math.min(right + 2, grid.colCount);
  const total = totalRow ? 1 : 0;
  const cells: RowCell[] = [];
  for (let c = left; c <= last; c++) {
    const cell = readCell(grid, row, c);
    if (cell) cells.push(cell);
  }
  const inPlaceCols = cells.map((c) => c.col);

  // Order-preserving assignment of cells to places (the columns from the table's left edge to two
  // past its right edge: place j is column left + j) at minimum cost. A run of cells moved by the
  // same number of columns costs one, like a single cut-and-paste, plus a little per column moved.
  const n = cells.length;
  const m = right + 3 - left;
  if (n > m) return NO_MOVES;
  const INF = Number.POSITIVE_INFINITY;
  // cost[i·m + j]: best cost with cell i read under place j; from[i·m + j]: the place of cell i-1
  // (flat arrays reused from row to row: a row builds nothing here)
  const size = n * m;
  // a small table is kept for the next row; a very wide one is let go with this row
  if (costBuffer.length < size && size <= KEPT_TABLE) {
    costBuffer = new Float64Array(Math.min(KEPT_TABLE, size * 2));
    fromBuffer = new Int32Array(costBuffer.length);
  }
  const cost = size <= costBuffer.length ? costBuffer : new Float64Array(size);
  const from = size <= fromBuffer.length ? fromBuffer : new Int32Array(size);
  cost.fill(INF, 0, size);
  from.fill(-1, 0, size);
  for (let j = 0; j < m; j++)
    cost[j] =
      FIT[((roleNumberAt[left + j] ?? 0) * 8 + cells[0].code) * 2 + total] +
      0.1 * Math.abs(left + j - cells[0].col) +
      (left + j !== cells[0].col ? 1 : 0);
  for (let i = 1; i < n; i++) {
    const cell = cells[i];
    const prevCol = cells[i - 1].col;
    for (let j = i; j < m; j++) {
      const delta = left + j - cell.col;
      const step =
        FIT[((roleNumberAt[left + j] ?? 0) * 8 + cell.code) * 2 + total] +
        0.1 * Math.abs(left + j - cell.col);
      const at = i * m + j;
      for (let k = i - 1; k < j; k++) {
        const before = cost[(i - 1) * m + k];
        if (before === INF) continue;
        const prevDelta = left + k - prevCol;
        const c = before + step + (delta !== prevDelta ? 1 : 0);
        if (c < cost[at]) {
          cost[at] = c;
          from[at] = k;
        }
      }
    }
  }
  const lastRow = (n - 1) * m;
  let best = -1;
  for (let j = 0; j < m; j++) if (best < 0 || cost[lastRow + j] < cost[lastRow + best]) best = j;
  const cols = new Array<number>(n);
  for (let i = n - 1, j = best; i >= 0; i--) {
    cols[i] = left + j;
    j = from[i * m + j];
  }
  const bestCost = cost[lastRow + best];
  if (bestCost >= inPlaceCost) return NO_MOVES;
  if (numericFilled(cells, cols, roleAt) <= numericFilled(cells, inPlaceCols, roleAt)) return NO_MOVES;
  const moves: Move[] = [];
  cells.forEach((c, i) => {
    if (cols[i] !== c.col) moves.push({ from: c.col, to: cols[i] });
  });
  return moves;
}
