/**
 * Behaviours of real Excel that the fake reproduces (issue 9, items 1–5), and what the add-in does
 * about each. Every test here failed on the add-in before it handled the behaviour.
 */
import {
  applyFixes,
  clearHighlights,
  inspect,
  revertLast,
  STATE_KEY,
  TONE_FILL,
  validateAndGrade,
} from '../../src/excel/adapter';
import { FakeCell, FakeWorkbook, fakeWorkbookOf } from '../../src/excel/fake';
import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../fixtures/forms';
import { gridOf, seedSheet, stackedSeed } from '../fixtures/seed';

const at = (b: FakeWorkbook, ref: string, sheet?: string) =>
  (sheet ? b.sheet(sheet) : b.active).cells.get(ref);
const blank = (): FakeCell => ({
  value: null,
  format: 'General',
  fill: { pattern: 'None', color: '#FFFFFF' },
});
const snapshot = (b: FakeWorkbook, sheet?: string) => {
  const s = sheet ? b.sheet(sheet) : b.active;
  return JSON.stringify({
    cells: [...s.cells]
      .filter(([, c]) => c.value !== null || c.formula || c.error || c.fill.pattern !== 'None')
      .sort(([a], [z]) => a.localeCompare(z)),
    notes: [...s.notes].sort(),
  });
};

/** A form whose 合计 says 90 (the add-in writes 98 there) and whose G15 lacks a reason (a warning mark). */
const form = (name = 'Sheet1') =>
  gridOf(
    shanghaiSheet({
      name,
      total: { weight: 100, score: 90 },
      indicators: changed(I, { 1: { score: 13 } }),
    }),
  );

describe('1. sheet ids change on reopening; the state stays with its sheet', () => {
  test('after reopening (ids rotate between sheets), 撤销 on the other sheet does nothing, on its own sheet restores', async () => {
    const b = fakeWorkbookOf([form('甲'), form('乙')]);
    const before甲 = snapshot(b, '甲');
    const before乙 = snapshot(b, '乙');
    await validateAndGrade(b.host(), 'zh');
    expect(at(b, 'F20', '甲')?.value).toBe(98);
    const old = b.sheet('甲').id;
    b.reopen();
    // 乙 now has the id 甲 had in the last session
    expect(b.sheet('乙').id).toBe(old);
    b.setActive(b.sheet('乙').id);
    await expect(revertLast(b.host())).rejects.toMatchObject({ code: 'nothing-to-undo' });
    expect(snapshot(b, '乙')).toBe(before乙);
    b.setActive(b.sheet('甲').id);
    await revertLast(b.host());
    expect(snapshot(b, '甲')).toBe(before甲);
  });

  test('the state is a custom property of the sheet, not a workbook setting keyed by id', async () => {
    const b = fakeWorkbookOf([form()]);
    await validateAndGrade(b.host(), 'zh');
    expect(b.settings.size).toBe(0);
    expect(JSON.parse(b.active.customProperties.get(STATE_KEY)!)).toMatchObject({ v: 2 });
  });

  test('a revert is refused, with nothing written, when a cell it would restore was changed since', async () => {
    const b = fakeWorkbookOf([form()]);
    await validateAndGrade(b.host(), 'zh');
    b.type('F20', '97');
    const now = snapshot(b);
    await expect(revertLast(b.host())).rejects.toMatchObject({ code: 'sheet-changed', message: 'F20' });
    expect(snapshot(b)).toBe(now);
  });

  test('a planted state is validated: a formula or a formula-like text is never written as a formula', async () => {
    const b = fakeWorkbookOf([form()]);
    const planted = (values: unknown[]) =>
      JSON.stringify({
        v: 2,
        marks: {},
        notes: [],
        last: { values, fills: {}, notesAdded: [], notesRemoved: [], previous: { marks: {}, notes: [] } },
      });
    // a text that Excel would take for a formula goes back as text
    b.active.customProperties.set(
      STATE_KEY,
      planted([
        {
          cell: 'B3',
          before: { type: 'text', value: "=cmd|'/C calc'!A0" },
          after: { type: 'text', value: '金融服务费用' },
        },
      ]),
    );
    const b3 = at(b, 'B3')?.value;
    expect(b3).toBe('金融服务费用');
    await revertLast(b.host());
    expect(at(b, 'B3')).toMatchObject({ value: "=cmd|'/C calc'!A0" });
    expect(at(b, 'B3')?.formula).toBeUndefined();
    // the old schema's "formula" records, or anything off the schema, are not used at all
    for (const bad of [
      planted([{ cell: 'B3', before: '=HYPERLINK("http://x")', formula: true }]),
      planted([{ cell: 'B3', before: { type: 'formula', value: '=1+1' }, after: { type: 'empty' } }]),
      planted([{ cell: 'ZZZZ99999999', before: { type: 'empty' }, after: { type: 'empty' } }]),
      '{"v":2,"marks":{"A1":{"before":{"color":"red"},"mark":"#FFC7CE"}},"notes":[]}',
      'not json',
    ]) {
      b.active.customProperties.set(STATE_KEY, bad);
      const now = snapshot(b);
      await expect(revertLast(b.host())).rejects.toMatchObject({ code: 'nothing-to-undo' });
      expect(snapshot(b)).toBe(now);
    }
  });

  test('a planted ziping.state.<id> workbook setting is ignored', async () => {
    const b = fakeWorkbookOf([form()]);
    b.settings.set(
      `ziping.state.${b.active.id}`,
      JSON.stringify({
        v: 1,
        marks: {},
        notes: [],
        last: {
          values: [{ cell: 'B3', before: '=1+1', formula: true }],
          fills: {},
          notesAdded: [],
          notesRemoved: [],
        },
      }),
    );
    await expect(revertLast(b.host())).rejects.toMatchObject({ code: 'nothing-to-undo' });
    expect(at(b, 'B3')?.formula).toBeUndefined();
  });
});

describe('2. no fill, white and theme tints are told apart and given back exactly', () => {
  test('Excel reports no fill like white; only tintAndShade differs', async () => {
    const b = fakeWorkbookOf([form()]);
    b.active.cells.set('H1', { ...blank(), fill: { pattern: 'Solid', color: '#FFFFFF' } });
    b.active.cells.set('H2', { ...blank(), fill: { pattern: 'Solid', color: '#4472C4', tint: 0.6 } });
    await b.host().run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      const props = ['H1', 'H2', 'H3'].map((r) =>
        ws
          .getRange(r)
          .getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } }),
      );
      await ctx.sync();
      expect(props.map((p) => p.value[0][0].format?.fill)).toEqual([
        { color: '#FFFFFF', pattern: null, tintAndShade: 0 },
        { color: '#4472C4', pattern: 'Solid', tintAndShade: 0.6 },
        { color: '#FFFFFF', pattern: null, tintAndShade: null },
      ]);
    });
  });

  test.each(['clear', 'revert'] as const)(
    '%s: no fill stays no fill, white stays white, a theme tint stays that tint',
    async (how) => {
      const b = fakeWorkbookOf([form()]);
      // cells the run marks: F20 (the written 合计), G15 (a deduction without a reason)
      b.active.cells.set('G15', { ...blank(), fill: { pattern: 'Solid', color: '#FFFFFF' } });
      b.active.cells.get('F20')!.fill = { pattern: 'Solid', color: '#ED7D31', tint: -0.25 };
      const before = snapshot(b);
      await validateAndGrade(b.host(), 'zh');
      expect(at(b, 'G15')?.fill).toEqual({ pattern: 'Solid', color: TONE_FILL.warning });
      expect(at(b, 'F20')?.fill).toEqual({ pattern: 'Solid', color: TONE_FILL.good });
      if (how === 'clear') {
        await clearHighlights(b.host());
        expect(at(b, 'G15')?.fill).toEqual({ pattern: 'Solid', color: '#FFFFFF' });
        expect(at(b, 'F20')?.fill).toEqual({ pattern: 'Solid', color: '#ED7D31', tint: -0.25 });
        expect([...b.active.cells].filter(([, c]) => c.fill.color === TONE_FILL.error)).toEqual([]);
      } else {
        await revertLast(b.host());
        expect(snapshot(b)).toBe(before);
      }
    },
  );

  test('a mark the clerk recoloured since is hers: 清除标注 leaves it', async () => {
    const b = fakeWorkbookOf([form()]);
    await validateAndGrade(b.host(), 'zh');
    b.active.cells.get('G15')!.fill = { pattern: 'Solid', color: '#00B050' };
    await clearHighlights(b.host());
    expect(at(b, 'G15')?.fill).toEqual({ pattern: 'Solid', color: '#00B050' });
    expect(at(b, 'F20')?.fill.pattern).toBe('None');
  });
});

describe('3. responses too large: sized first, read in blocks, never a crash on null', () => {
  const big = () =>
    seedSheet(
      'Sheet1',
      Array.from({ length: 12 }, (_, i) => ({ form: i % 3, row: 1 + i * 40, col: 1 })),
    );

  test('ResponsePayloadSizeLimitExceeded: read in blocks, same result as one read', async () => {
    const whole = await inspect(fakeWorkbookOf([gridOf(big())]).host(), 'zh');
    const b = fakeWorkbookOf([gridOf(big())]);
    b.payloadLimit = 2000; // cell arrays per sync: the sheet needs about 13,000
    const res = await validateAndGrade(b.host(), 'zh');
    expect(res.analyses.map((a) => a.report.totalScore)).toEqual(
      whole.analyses.map((a) => a.report.totalScore),
    );
    expect(b.runs[0].syncs).toBeGreaterThan(4);
  });

  test('values: null beyond the limit: read in blocks, same result, no crash', async () => {
    const whole = await inspect(fakeWorkbookOf([gridOf(big())]).host(), 'zh');
    const b = fakeWorkbookOf([gridOf(big())]);
    b.nullBeyond = 1000; // cells per array: Excel answers null beyond about 5 million
    const res = await inspect(b.host(), 'zh');
    expect(res.analyses.flatMap((a) => a.findings.map((f) => f.cells[0]))).toEqual(
      whole.analyses.flatMap((a) => a.findings.map((f) => f.cells[0])),
    );
  });

  test('a stray value at XFD1048576: the size is read first and the add-in says it is too large', async () => {
    const b = fakeWorkbookOf([form()]);
    b.active.cells.set('XFD1048576', { ...blank(), value: 'x' });
    await expect(inspect(b.host(), 'zh')).rejects.toMatchObject({
      code: 'too-large',
      message: 'A1:XFD1048576',
    });
    expect(b.syncCount).toBe(1);
  });
});

describe('4. a batch is not a transaction; threaded comments block notes', () => {
  test('a cell holding a threaded comment gets no note: its message is returned for the pane', async () => {
    const b = fakeWorkbookOf([form()]);
    b.active.comments.set('F20', '请复核合计');
    const res = await validateAndGrade(b.host(), 'zh');
    expect(at(b, 'F20')?.value).toBe(98);
    expect(b.active.notes.has('F20')).toBe(false);
    expect(b.active.comments.get('F20')).toBe('请复核合计');
    expect(res.paneOnly.map((n) => n.cell)).toEqual(['F20']);
    expect(res.paneOnly[0].text).toMatch(/98/);
    // the other cells still get their notes
    expect(b.active.notes.has('G15')).toBe(true);
  });

  test('interrupted anywhere in its write, a run can still be undone completely', async () => {
    const probe = fakeWorkbookOf([form()]);
    await validateAndGrade(probe.host(), 'zh');
    const writes = probe.writeOps;
    expect(writes).toBeGreaterThan(5);
    for (let k = 0; k < writes; k++) {
      const b = fakeWorkbookOf([form()]);
      const before = snapshot(b);
      b.interruptAfter = k;
      await expect(validateAndGrade(b.host(), 'zh')).rejects.toMatchObject({ code: 'GeneralException' });
      if (k === 0) {
        // nothing was applied, not even the record
        expect(snapshot(b)).toBe(before);
        continue;
      }
      await revertLast(b.host());
      expect({ k, sheet: snapshot(b) }).toEqual({ k, sheet: before });
    }
  });

  test('interrupted in its write, a run can still be cleared: no mark stays', async () => {
    for (const k of [2, 4, 6]) {
      const b = fakeWorkbookOf([form()]);
      b.interruptAfter = k;
      await expect(validateAndGrade(b.host(), 'zh')).rejects.toMatchObject({ code: 'GeneralException' });
      await clearHighlights(b.host());
      expect([...b.active.cells].filter(([, c]) => c.fill.pattern !== 'None')).toEqual([]);
      expect(b.active.notes.size).toBe(0);
    }
  });
});

describe('5. strings written to values are re-parsed by Excel; text is written as text', () => {
  test('the fake parses like Excel: numbers, percentages, dates, booleans and formulas', async () => {
    const b = fakeWorkbookOf([form()]);
    const inputs = ['95', '62.16%', '2021-01-01', '414,400.00', 'TRUE', '=1+1', '+5x', '-x', '@x', "'95"];
    await b.host().run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      inputs.forEach((v, i) => (ws.getRange(`J${i + 1}`).values = [[v]]));
      await ctx.sync();
    });
    const got = inputs.map((_, i) => {
      const c = at(b, `J${i + 1}`)!;
      return c.formula ?? c.value;
    });
    expect(got).toEqual([95, 0.6216, 44197, 414400, true, '=1+1', '=+5x', '=-x', '=@x', '95']);
    expect(at(b, 'J2')?.format).toBe('0.00%');
  });

  test('fixes that write text keep it text, never a number, a date or a formula', async () => {
    const b = fakeWorkbookOf([form()]);
    const texts = [
      '95',
      '62.16%',
      '2021-01-01',
      '2021年1月1日',
      '=10场',
      '+5',
      '-3天',
      '@x',
      'TRUE',
      '#N/A',
      "'引号",
      'Jan-21',
    ];
    const fixes = texts.map((value, i) => ({ cell: `J${i + 1}`, value }));
    await applyFixes(b.host(), fixes);
    const got = texts.map((_, i) => at(b, `J${i + 1}`));
    expect(got.map((c) => c?.value)).toEqual(texts);
    expect(got.filter((c) => c?.formula || c?.error)).toEqual([]);
    // a number stays a number
    await applyFixes(b.host(), [{ cell: 'J20', value: 95 }]);
    expect(at(b, 'J20')?.value).toBe(95);
  });

  test('a revert gives back text that looks like a number as text', async () => {
    const b = fakeWorkbookOf([form()]);
    const cell = (value: string): FakeCell => ({ ...blank(), value });
    b.active.cells.set('J1', cell('62.16%'));
    b.active.cells.set('J2', cell('2021-01-01'));
    b.active.cells.set('J3', cell('-3天'));
    const before = snapshot(b);
    await applyFixes(b.host(), [
      { cell: 'J1', value: 1 },
      { cell: 'J2', value: '二〇二一年' },
      { cell: 'J3', value: null },
    ]);
    expect(at(b, 'J3')?.value).toBeNull();
    await revertLast(b.host());
    expect(snapshot(b)).toBe(before);
  });
});

test('5. the execution rate typed as text stays text when the add-in rewrites it and when it is reverted', async () => {
  // the seed as the unit published it: numbers as text, the rate `62.16%` among them
  const b = fakeWorkbookOf([gridOf(stackedSeed(false))]);
  const g7 = b.active.cells.get('G7')!;
  expect(g7.value).toBe('62.16%');
  g7.value = '60.00%'; // what a clerk gets by typing '60.00%
  await validateAndGrade(b.host(), 'zh');
  expect(b.active.cells.get('G7')).toMatchObject({ value: '62.16%', format: 'General' });
  await revertLast(b.host());
  expect(b.active.cells.get('G7')).toMatchObject({ value: '60.00%', format: 'General' });
});

test('1. the refusal names at most ten changed cells, and a fix list naming a cell twice writes it once', async () => {
  const b = fakeWorkbookOf([form()]);
  const fixes = Array.from({ length: 12 }, (_, i) => ({ cell: `J${i + 1}`, value: `v${i}` }));
  await applyFixes(b.host(), [...fixes, { cell: 'J1', value: 'last' }]);
  expect(at(b, 'J1')?.value).toBe('last');
  for (let i = 1; i <= 12; i++) b.type(`J${i}`, `clerk ${i}`);
  await expect(revertLast(b.host())).rejects.toMatchObject({
    code: 'sheet-changed',
    message: 'J1, J2, J3, J4, J5, J6, J7, J8, J9, J10, … (12)',
  });
  b.type('J1', 'last');
  for (let i = 2; i <= 12; i++) b.type(`J${i}`, `v${i - 1}`);
  await revertLast(b.host());
  expect(at(b, 'J1')?.value ?? null).toBeNull();
});
