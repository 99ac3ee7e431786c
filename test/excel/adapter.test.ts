import {
  applyFixes,
  clearHighlights,
  inspect,
  revertLast,
  selectCell,
  STATE_KEY,
  TONE_FILL,
  validateAndGrade,
  ZipingError,
} from '../../src/excel/adapter';
import { FakeError, FakeWorkbook, fakeWorkbookOf } from '../../src/excel/fake';
import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../fixtures/forms';
import { gridOf, seedSheet, SheetSpec, stackedSeed } from '../fixtures/seed';

const book = (...specs: SheetSpec[]) => fakeWorkbookOf(specs.map(gridOf));
const cell = (b: FakeWorkbook, ref: string, sheet?: string) =>
  (sheet ? b.sheet(sheet) : b.active).cells.get(ref);

/** The seed's form 1 as its clerk had it before correcting: 合计 90 and 良好. */
function seedWith90(): SheetSpec {
  const s = stackedSeed(true);
  const cells = s.cells.map((r) => (r ? [...r] : r));
  cells[39]![6] = { value: 90 };
  cells[10]![3] = { value: '良好' };
  return { ...s, cells };
}

describe('the fake enforces load/sync semantics', () => {
  test('a property read before load and sync throws; after them it reads', async () => {
    const b = book(shanghaiSheet());
    await b.host().run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange('B3');
      expect(() => r.values).toThrow(FakeError);
      r.load('values');
      expect(() => r.values).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(r.values).toEqual([['金融服务费用']]);
    });
  });

  test('writes happen at sync, in order, and count syncs', async () => {
    const b = book(shanghaiSheet());
    await b.host().run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange('H1').values = [['x']];
      expect(cell(b, 'H1')).toBeUndefined();
      await ctx.sync();
    });
    expect(cell(b, 'H1')?.value).toBe('x');
    expect(b.syncCount).toBe(1);
  });
});

describe('校验并评分 on the seed with 合计 90 and 良好', () => {
  test('writes 95 and 优秀 in their cells, marks the three shifted rows, in 4 syncs as one undo step', async () => {
    const b = book(seedWith90());
    const res = await validateAndGrade(b.host(), 'zh');
    // the sheet's size, its cells, then the fills of the cells it marks (and where notes are), then one write
    expect(b.runs).toEqual([{ mergeUndoGroup: true, syncs: 4 }]);
    expect(cell(b, 'F39')?.value).toBe(95);
    expect(cell(b, 'C10')?.value).toBe('优秀');
    expect(cell(b, 'F39')?.fill).toEqual({ pattern: 'Solid', color: TONE_FILL.good });
    expect(cell(b, 'C10')?.fill).toEqual({ pattern: 'Solid', color: TONE_FILL.good });
    for (const ref of ['A29', 'D29', 'G29', 'A89', 'G89'])
      expect(cell(b, ref)?.fill.color).toBe(TONE_FILL.error);
    expect(cell(b, 'G23')?.fill.color).toBe(TONE_FILL.warning);
    expect(cell(b, 'C18')?.fill.color).toBe(TONE_FILL.info);
    // nothing else written: the values of the rest of the sheet are as they were
    expect(cell(b, 'E39')?.value).toBe(100);
    expect(cell(b, 'D39')?.value ?? null).toBeNull();
    expect(b.active.notes.get('F39')).toMatch(/自评已写入合计自评分：95（原为 90）/);
    expect(b.active.notes.get('A29')).toMatch(/第 29 行的数值没有对齐表头/);
    expect(res.analyses.map((a) => a.report.totalScore.computed)).toEqual(['95', '100', '100']);
  });

  test('running again replaces the marks instead of stacking them', async () => {
    const b = book(seedWith90());
    await validateAndGrade(b.host(), 'zh');
    await validateAndGrade(b.host(), 'zh');
    const state = JSON.parse(b.active.customProperties.get(STATE_KEY)!);
    // the saved original of every marked cell is still "no fill", not the first run's colour
    const befores = Object.values(state.marks).map(
      (m) => (m as { before: { tintAndShade: unknown } }).before,
    );
    expect(befores.length).toBeGreaterThan(0);
    expect(befores.every((f) => f.tintAndShade === null)).toBe(true);
    expect(b.active.notes.get('F39')).toBeUndefined();
    await clearHighlights(b.host());
    expect([...b.active.cells.values()].every((c) => c.fill.pattern === 'None')).toBe(true);
    expect(b.active.notes.size).toBe(0);
  });
});

describe('syncs stay constant', () => {
  test.each([1, 50])('%i stacked forms: at most 4 syncs', async (n) => {
    const placements = Array.from({ length: n }, (_, i) => ({ form: i % 3, row: 1 + i * 40, col: 1 }));
    const b = book(seedSheet('Sheet1', placements));
    // give one form's cell a note of the clerk's: its place costs one more read
    b.active.notes.set('B2', '我的备注');
    const res = await validateAndGrade(b.host(), 'zh');
    expect(res.analyses).toHaveLength(n);
    expect(b.runs[0].syncs).toBeLessThanOrEqual(4);
    expect(b.active.notes.get('B2')).toBe('我的备注');
  });
});

describe('the clerk data is safe', () => {
  test('a formula is never overwritten; its disagreeing result is a finding', async () => {
    const b = book(shanghaiSheet({ total: { weight: 100, score: { value: 90, formula: 'SUM(F14:F18)' } } }));
    const res = await validateAndGrade(b.host(), 'zh');
    expect(cell(b, 'F20')).toMatchObject({ formula: '=SUM(F14:F18)', value: 90 });
    expect(res.analyses[0].findings.map((f) => f.rule)).toContain('total-score-mismatch');
    expect(cell(b, 'F20')?.fill.color).toBe(TONE_FILL.error);
  });

  test('a protected sheet gets no write at all', async () => {
    const b = book(shanghaiSheet({ total: { weight: 100, score: 90 } }));
    b.active.protected = true;
    const before = JSON.stringify([...b.active.cells]);
    await expect(validateAndGrade(b.host(), 'zh')).rejects.toMatchObject({ code: 'protected' });
    expect(JSON.stringify([...b.active.cells])).toBe(before);
    expect(b.active.customProperties.size).toBe(0);
  });

  test('an unsupported host: a clear error and nothing read or written', async () => {
    const b = book(shanghaiSheet());
    b.apiVersion = '1.12';
    await expect(validateAndGrade(b.host(), 'zh')).rejects.toBeInstanceOf(ZipingError);
    expect(b.syncCount).toBe(0);
  });

  test('without ExcelApi 1.20 the run is not merged into one undo step, and the pane can still revert it', async () => {
    const b = book(shanghaiSheet({ total: { weight: 100, score: 90 } }));
    b.apiVersion = '1.18';
    await validateAndGrade(b.host(), 'zh');
    expect(b.runs[0].mergeUndoGroup).toBe(false);
    await revertLast(b.host());
    expect(cell(b, 'F20')?.value).toBe(90);
  });
});

describe('清除标注 and 撤销本次修改', () => {
  function colourful(): FakeWorkbook {
    const b = book(
      shanghaiSheet({ total: { weight: 100, score: 90 }, indicators: changed(I, { 1: { score: 13 } }) }),
    );
    // the clerk's own look: a yellow 合计 score cell, a white note cell, and a note of hers
    b.active.cells.get('F20')!.fill = { pattern: 'Solid', color: '#FFFF00' };
    b.active.cells.set('G15', {
      value: null,
      format: 'General',
      fill: { pattern: 'Solid', color: '#FFFFFF' },
    });
    b.active.notes.set('A14', '她的备注');
    return b;
  }

  test('clear restores the exact original fills (no fill stays no fill, white stays white) and removes only the add-in notes', async () => {
    const b = colourful();
    const original = structuredClone([...b.active.cells].map(([k, c]) => [k, c.fill]));
    await validateAndGrade(b.host(), 'zh');
    expect(cell(b, 'G15')?.fill.color).toBe(TONE_FILL.warning);
    expect(b.active.notes.size).toBeGreaterThan(1);
    await clearHighlights(b.host());
    const now = [...b.active.cells]
      .filter(([k]) => original.some(([o]) => o === k))
      .map(([k, c]) => [k, c.fill]);
    expect(now).toEqual(original);
    expect([...b.active.notes]).toEqual([['A14', '她的备注']]);
    // the written value stays: clearing marks is not undoing
    expect(cell(b, 'F20')?.value).toBe(98);
  });

  test('clear works after the workbook was saved and reopened', async () => {
    const b = colourful();
    await validateAndGrade(b.host(), 'zh');
    const id = b.active.id;
    b.reopen(); // Excel gives the sheet a new id
    const s = b.active;
    expect(s.id).not.toBe(id);
    await clearHighlights(b.host());
    expect(s.cells.get('F20')?.fill).toEqual({ pattern: 'Solid', color: '#FFFF00' });
    expect(s.cells.get('G15')?.fill).toEqual({ pattern: 'Solid', color: '#FFFFFF' });
    expect(s.cells.get('F15')?.fill).toEqual({ pattern: 'None', color: '#FFFFFF' });
  });

  test('clear touches nothing the add-in did not mark', async () => {
    const b = colourful();
    await validateAndGrade(b.host(), 'zh');
    b.active.cells.get('B3')!.fill = { pattern: 'Solid', color: '#00FF00' };
    await clearHighlights(b.host());
    expect(cell(b, 'B3')?.fill.color).toBe('#00FF00');
  });

  test('revert puts back the previous values, fills and notes exactly', async () => {
    const b = colourful();
    const before = structuredClone([...b.active.cells]);
    const notesBefore = [...b.active.notes];
    await validateAndGrade(b.host(), 'zh');
    expect(cell(b, 'F20')?.value).toBe(98);
    await revertLast(b.host());
    expect(structuredClone([...b.active.cells].filter(([k]) => before.some(([o]) => o === k)))).toEqual(
      before,
    );
    expect([...b.active.notes]).toEqual(notesBefore);
    await expect(revertLast(b.host())).rejects.toMatchObject({ code: 'nothing-to-undo' });
  });
});

describe('fixes and selection', () => {
  test('the misaligned-row fix moves the values into place; the next check finds the row aligned', async () => {
    const b = book(stackedSeed(true));
    const res = await inspect(b.host(), 'zh');
    const fix = res.analyses[0].findings.find(
      (f) => f.rule === 'misaligned-row' && f.cells[0] === 'A29:G29',
    )!.fix!;
    const out = await applyFixes(b.host(), fix);
    expect(out).toEqual({ applied: 6, skipped: [] });
    expect(['A29', 'B29', 'C29', 'D29', 'E29', 'F29'].map((r) => cell(b, r)?.value ?? null)).toEqual([
      null,
      '金洽会持续天数',
      '=3天',
      3,
      '展会持续3天，得满分',
      2,
    ]);
    const again = await inspect(b.host(), 'zh');
    expect(again.analyses[0].findings.filter((f) => f.cells[0] === 'A29:G29')).toEqual([]);
    await revertLast(b.host());
    expect(cell(b, 'A29')?.value).toBe('金洽会持续天数');
  });

  test('a fix aimed at a formula cell is skipped', async () => {
    const b = book(shanghaiSheet({ total: { weight: 100, score: { value: 90, formula: 'SUM(F14:F18)' } } }));
    const out = await applyFixes(b.host(), [{ cell: 'F20', value: 100 }]);
    expect(out).toEqual({ applied: 0, skipped: ['F20'] });
    expect(cell(b, 'F20')?.formula).toBe('=SUM(F14:F18)');
  });

  test('inspect reads in two syncs (the size, then the cells) and writes nothing', async () => {
    const b = book(stackedSeed(true));
    await inspect(b.host(), 'zh');
    expect(b.syncCount).toBe(2);
    expect(b.active.customProperties.size).toBe(0);
  });

  test('a finding clicked selects its cell', async () => {
    const b = book(stackedSeed(true));
    await selectCell(b.host(), 'G23');
    expect(b.selection).toEqual({ sheetId: b.active.id, address: 'G23' });
  });
});

describe('a sheet too large for one response (Excel on the web, 5 MB)', () => {
  test('is read in blocks of rows; the result is the same as in one read', async () => {
    const placements = Array.from({ length: 12 }, (_, i) => ({ form: i % 3, row: 1 + i * 40, col: 1 }));
    const spec = seedSheet('Sheet1', placements);
    const whole = await inspect(book(spec).host(), 'zh');
    const b = book(spec);
    b.payloadLimit = 1000; // cells per sync: the sheet holds about 3,300
    const blocks = await validateAndGrade(b.host(), 'zh');
    expect(blocks.analyses.map((a) => a.report.totalScore)).toEqual(
      whole.analyses.map((a) => a.report.totalScore),
    );
    expect(blocks.analyses.flatMap((a) => a.findings.map((f) => f.cells[0]))).toEqual(
      whole.analyses.flatMap((a) => a.findings.map((f) => f.cells[0])),
    );
    // more syncs only because the payload forced them
    expect(b.runs[0].syncs).toBeGreaterThan(4);
    // the first form starts at row 1 here: its shifted row 29 of the seed is row 27
    expect(cell(b, 'A27')?.fill.color).toBe(TONE_FILL.error);
  });
});
