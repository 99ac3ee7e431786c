import { Grid, isCellError } from '../grid';
import { readNumber } from '../read/number';
import { labelKey } from '../read/text';
import { Move } from './model';
import { CATEGORY_LIKE, Role } from './vocabulary';

type Kind = 'num' | 'text' | 'error';

interface RowCell {
  readonly col: number;
  readonly kind: Kind;
  readonly categoryLike: boolean;
}

/** A column the row's values may be read into: a header column, or a spill column past the table. */
interface Place {
  readonly col: number;
  readonly role?: Role;
}

const MISFIT = 5;

/** What it costs to read a cell of this kind under this role (0: it belongs there). */
function fit(cell: RowCell, role: Role | undefined, totalRow: boolean): number {
  if (cell.kind === 'error') return role === 'weight' || role === 'score' ? 0 : 1;
  const num = cell.kind === 'num';
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
      return cell.categoryLike || totalRow ? 0 : 2;
    case 'name':
    case 'rule':
    case 'secondary':
    case 'lead':
      return num ? 3 : 0;
    default:
      return 2 + (num ? 1 : 0);
  }
}

function numericFilled(cells: readonly RowCell[], cols: readonly number[], places: readonly Place[]): number {
  let n = 0;
  cells.forEach((c, i) => {
    const role = places.find((p) => p.col === cols[i])?.role;
    if ((role === 'weight' || role === 'score') && c.kind !== 'text') n++;
  });
  return n;
}

/**
 * Finds where a row's values belong. Values keep their left-to-right order; each is read under
 * the header column that fits it best, and a value moves only when that makes the row's
 * weight and score readable where they were not. Returns the moves (empty when the row is in place).
 */
export function realignRow(
  grid: Grid,
  row: number,
  columns: Partial<Record<Role, number>>,
  left: number,
  right: number,
  totalRow: boolean,
): Move[] {
  const cells: RowCell[] = [];
  for (let c = left; c <= right + 2 && c <= grid.colCount; c++) {
    const v = grid.value(row, c);
    if (v === null || (typeof v === 'string' && v.trim() === '')) continue;
    const m = grid.mergeAt(row, c);
    if (m && (m.top !== row || m.left !== c)) continue;
    let kind: Kind = 'text';
    if (isCellError(v)) kind = 'error';
    else if (readNumber(v).kind === 'number') kind = 'num';
    cells.push({ col: c, kind, categoryLike: typeof v === 'string' && CATEGORY_LIKE.test(labelKey(v)) });
  }
  if (cells.length === 0) return [];
  const places: Place[] = [];
  for (let c = left; c <= right + 2; c++) {
    const role = (Object.keys(columns) as Role[]).find((r) => columns[r] === c);
    places.push({ col: c, role });
  }
  const inPlaceCols = cells.map((c) => c.col);
  const inPlaceCost = cells.reduce(
    (s, c) => s + fit(c, places.find((p) => p.col === c.col)?.role, totalRow),
    0,
  );
  if (inPlaceCost === 0) return [];

  // Order-preserving assignment of cells to places at minimum cost. A run of cells moved by the
  // same number of columns costs one, like a single cut-and-paste, plus a little per column moved.
  const n = cells.length;
  const m = places.length;
  if (n > m) return [];
  const INF = Number.POSITIVE_INFINITY;
  // cost[i][j]: best cost with cell i read under place j; from[i][j]: the place of cell i-1
  const cost: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(INF));
  const from: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(-1));
  const step = (i: number, j: number) =>
    fit(cells[i], places[j].role, totalRow) + 0.1 * Math.abs(places[j].col - cells[i].col);
  for (let j = 0; j < m; j++) cost[0][j] = step(0, j) + (places[j].col !== cells[0].col ? 1 : 0);
  for (let i = 1; i < n; i++) {
    for (let j = i; j < m; j++) {
      const delta = places[j].col - cells[i].col;
      for (let k = i - 1; k < j; k++) {
        if (cost[i - 1][k] === INF) continue;
        const prevDelta = places[k].col - cells[i - 1].col;
        const c = cost[i - 1][k] + step(i, j) + (delta !== prevDelta ? 1 : 0);
        if (c < cost[i][j]) {
          cost[i][j] = c;
          from[i][j] = k;
        }
      }
    }
  }
  let best = -1;
  for (let j = 0; j < m; j++) if (best < 0 || cost[n - 1][j] < cost[n - 1][best]) best = j;
  const cols = new Array<number>(n);
  for (let i = n - 1, j = best; i >= 0; i--) {
    cols[i] = places[j].col;
    j = from[i][j];
  }
  const bestCost = cost[n - 1][best];
  if (bestCost >= inPlaceCost) return [];
  if (numericFilled(cells, cols, places) <= numericFilled(cells, inPlaceCols, places)) return [];
  const moves: Move[] = [];
  cells.forEach((c, i) => {
    if (cols[i] !== c.col) moves.push({ from: c.col, to: cols[i] });
  });
  return moves;
}
