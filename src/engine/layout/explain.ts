/**
 * Why no form was found on a sheet that looks like one: the row that comes closest to an
 * indicator table's header, the labels found on it with their cells, and the ones missing.
 */
import { a1, Grid } from '../grid';
import { parseLabel } from '../read/label';
import { Role, roleOf } from './vocabulary';

export interface NearMiss {
  readonly row: number;
  /** The header labels found on the row, left to right. */
  readonly found: ReadonlyArray<{ readonly role: Role; readonly text: string; readonly cell: string }>;
  /** What a header row needs and this one lacks. */
  readonly missing: ReadonlyArray<'category' | 'score' | 'name'>;
}

/** The sheet's row with the most indicator-table labels (at least two), or undefined. */
export function nearestHeader(grid: Grid): NearMiss | undefined {
  let best: NearMiss | undefined;
  for (const r of grid.contentRows()) {
    const found: Array<{ role: Role; text: string; cell: string }> = [];
    const roles = new Set<Role>();
    for (const c of grid.columnsWithCells(r)) {
      const v = grid.value(r, c);
      if (typeof v !== 'string' || v.length > 30) continue;
      const role = roleOf(parseLabel(v).key);
      if (!role || roles.has(role)) continue;
      roles.add(role);
      found.push({ role, text: v.trim(), cell: a1(r, c) });
    }
    if (roles.size < 2 || (best && roles.size <= best.found.length)) continue;
    const missing: Array<'category' | 'score' | 'name'> = [];
    if (!roles.has('category')) missing.push('category');
    if (!roles.has('score')) missing.push('score');
    if (!roles.has('name') && !roles.has('secondary') && !roles.has('weight')) missing.push('name');
    best = { row: r, found, missing };
  }
  return best;
}
