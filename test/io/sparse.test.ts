/** Costs follow the content: a far cell or a tall merged area costs what it holds, not its bounding box. */
import { Area, Cell, CellValue, Grid, GridInput } from '../../src/engine/grid';
import { checkSheet } from '../../src/engine/report';
import { stackedSeed } from '../fixtures/seed';

/** A Grid that counts every cell it is asked for. */
class CountingGrid extends Grid {
  reads = 0;
  constructor(input: GridInput) {
    super(input);
  }
  override cell(row: number, col: number): Cell | undefined {
    this.reads++;
    return super.cell(row, col);
  }
  override value(row: number, col: number): CellValue {
    this.reads++;
    return super.value(row, col);
  }
}

function seedWith(extra: ReadonlyArray<[number, number, Cell]>, merges: Area[] = []) {
  const spec = stackedSeed(true);
  const cells: Array<Array<Cell | undefined> | undefined> = spec.cells.map((r) => (r ? [...r] : undefined));
  for (const [r, c, cell] of extra) (cells[r] ??= [])[c] = cell;
  return new CountingGrid({ name: spec.name, cells, merges: [...spec.merges, ...merges] });
}

describe('a sparse Grid', () => {
  it('reads one cell at XFD1048576 as one cell: the same forms, no scan of the bounding box', () => {
    const plain = seedWith([]);
    const far = seedWith([[1048576, 16384, { value: 'x' }]]);
    expect(far.rowCount).toBe(1048576);
    expect(far.colCount).toBe(16384);
    expect(far.contentRows().at(-1)).toBe(1048576);
    expect(far.columnsIn(1048576)).toEqual([16384]);
    const a = checkSheet(plain);
    const b = checkSheet(far);
    expect(b).toEqual(a);
    expect(a.forms).toHaveLength(3);
    // the bounding box has 17 billion cells; the work must stay near that of the plain sheet
    expect(far.reads).toBeLessThan(plain.reads * 2 + 1000);
  });

  it('indexes tall merged areas without a step per row they cover', () => {
    const tall: Area[] = [];
    for (let i = 0; i < 4000; i++) tall.push({ top: 200, left: 20 + i, bottom: 1048576, right: 20 + i });
    const g = seedWith([], tall);
    expect(g.mergeAt(500000, 25)).toEqual({ top: 200, left: 25, bottom: 1048576, right: 25 });
    expect(g.mergeAt(199, 25)).toBeUndefined();
    expect(g.mergesAt(1048576)).toHaveLength(4000);
    expect(g.spanRight(200, 30)).toBe(30);
    const r = checkSheet(g);
    expect(r.forms).toHaveLength(3);
    expect(g.reads).toBeLessThan(5_000_000);
  });

  it('keeps its public methods: cell, value, mergeAt, spanRight, isEmpty, withValues', () => {
    const g = new Grid({
      name: 's',
      cells: [undefined, [undefined, { value: 'a' }, undefined, { value: 3, format: '0.00' }], undefined, []],
      merges: [{ top: 1, left: 1, bottom: 2, right: 2 }],
    });
    expect(g.rowCount).toBe(3);
    expect(g.colCount).toBe(3);
    expect(g.value(1, 1)).toBe('a');
    expect(g.cell(1, 3)).toEqual({ value: 3, format: '0.00' });
    expect(g.isEmpty(2, 2)).toBe(true);
    expect(g.spanRight(1, 1)).toBe(2);
    expect(g.mergeAt(2, 2)).toEqual({ top: 1, left: 1, bottom: 2, right: 2 });
    expect(g.contentRows()).toEqual([1, 2]);
    expect(g.columnsIn(2)).toEqual([1]);
    expect(g.columnsWithCells(1)).toEqual([1, 3]);
    const h = g.withValues([{ row: 1, col: 3, value: 4 }]);
    expect(h.cell(1, 3)).toEqual({ value: 4, format: '0.00' });
    expect(g.value(1, 3)).toBe(3);
    expect([h.rowCount, h.colCount]).toEqual([3, 3]);
  });
});
