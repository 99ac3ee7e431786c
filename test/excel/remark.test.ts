/**
 * 修复 checks the sheet again in its own batch: the marks and notes of the findings it resolved
 * go at once, the others stay, and 撤销本次修改 brings the fixed value, its mark and its note back.
 */
import { applyFixes, revertLast, STATE_KEY, TONE_FILL, validateAndGrade } from '../../src/excel/adapter';
import { FakeWorkbook, fakeWorkbookOf } from '../../src/excel/fake';
import { planRemark } from '../../src/excel/remark';
import { gridOf, stackedSeed } from '../fixtures/seed';

const seedBook = () => fakeWorkbookOf([gridOf(stackedSeed(true))]);
const cell = (b: FakeWorkbook, ref: string) => b.active.cells.get(ref);
/** The cells the add-in's state records as marked and still showing its mark. */
const marks = (b: FakeWorkbook) => {
  const state = JSON.parse(b.active.customProperties.get(STATE_KEY)!) as {
    marks: Record<string, { mark: string }>;
  };
  return Object.entries(state.marks)
    .filter(([ref, m]) => cell(b, ref)?.fill.color === m.mark)
    .map(([ref]) => ref)
    .sort();
};

function fixOf(result: Awaited<ReturnType<typeof validateAndGrade>>, rule: string, cellRef: string) {
  const f = result.analyses
    .flatMap((a) => a.report.findings)
    .find((x) => x.rule === rule && x.cells[0] === cellRef);
  if (!f?.fix) throw new Error(`no fix for ${rule} at ${cellRef}`);
  return f.fix;
}

test('a fix on a marked sheet: the fixed cell loses its mark and note, the other findings keep theirs', async () => {
  const b = seedBook();
  const run = await validateAndGrade(b.host(), 'zh');
  expect(cell(b, 'C18')?.fill).toEqual({ pattern: 'Solid', color: TONE_FILL.info });
  expect(b.active.notes.get('C18')).toMatch(/》=/);
  const before = marks(b);

  const out = await applyFixes(b.host(), fixOf(run, 'nonstandard-symbol', 'C18'), 'zh');
  expect(out.applied).toBe(1);
  expect(cell(b, 'C18')?.value).toBe('≥50家');
  expect(cell(b, 'C18')?.fill.pattern).toBe('None');
  expect(b.active.notes.has('C18')).toBe(false);
  // the rest as it was
  expect(cell(b, 'C26')?.fill.color).toBe(TONE_FILL.info);
  expect(b.active.notes.get('C26')).toMatch(/》=/);
  expect(marks(b)).toEqual(before.filter((c) => c !== 'C18'));
  // the result is the sheet as it is now: C18 is no longer a finding, C26 still is
  const cellsNow = out.result!.analyses.flatMap((a) => a.report.findings.map((f) => f.cells[0]));
  expect(cellsNow).not.toContain('C18');
  expect(cellsNow).toContain('C26');
  // the sheet's size, its cells, the fills and notes' places, the write: one batch, one undo step
  expect(b.runs.at(-1)).toEqual({ mergeUndoGroup: true, syncs: 4 });
});

test('a realigned row loses its red row; 撤销本次修改 brings the values, the marks and the note back', async () => {
  const b = seedBook();
  const run = await validateAndGrade(b.host(), 'zh');
  const rowCells = ['A29', 'B29', 'C29', 'D29', 'E29', 'F29', 'G29'];
  const red = rowCells.filter((r) => cell(b, r)?.fill.color === TONE_FILL.error);
  expect(red.length).toBeGreaterThan(3);
  const valuesBefore = rowCells.map((r) => cell(b, r)?.value ?? null);
  const note = b.active.notes.get('A29');
  expect(note).toMatch(/没有对齐表头/);

  await applyFixes(b.host(), fixOf(run, 'misaligned-row', 'A29:G29'), 'zh');
  for (const r of red) expect(cell(b, r)?.fill.color).not.toBe(TONE_FILL.error);
  expect(b.active.notes.get('A29') ?? '').not.toMatch(/没有对齐表头/);

  await revertLast(b.host());
  expect(rowCells.map((r) => cell(b, r)?.value ?? null)).toEqual(valuesBefore);
  for (const r of red) expect(cell(b, r)?.fill.color).toBe(TONE_FILL.error);
  expect(b.active.notes.get('A29')).toBe(note);
});

test('a fix on a sheet the clerk has not checked adds no marks and no notes', async () => {
  const b = seedBook();
  const { inspect } = await import('../../src/excel/adapter');
  const seen = await inspect(b.host(), 'zh');
  await applyFixes(b.host(), fixOf(seen, 'nonstandard-symbol', 'C18'), 'zh');
  expect(cell(b, 'C18')?.value).toBe('≥50家');
  expect([...b.active.cells.values()].every((c) => c.fill.pattern === 'None')).toBe(true);
  expect(b.active.notes.size).toBe(0);
});

test('planRemark: unmarks only cells the add-in marked for a finding that is gone; Good marks stay', () => {
  const none = { color: '#FFFFFF', pattern: null, tintAndShade: null };
  const state = {
    marks: {
      A1: { before: none, mark: TONE_FILL.info },
      B1: { before: { color: '#FFFF00', pattern: 'Solid', tintAndShade: 0 }, mark: TONE_FILL.error },
      C1: { before: none, mark: TONE_FILL.good },
    },
    notes: [
      { cell: 'A1', content: 'a' },
      { cell: 'C1', content: 'c' },
    ],
  };
  const before = {
    writes: [],
    marks: [
      { cell: 'A1', tone: 'info' as const },
      { cell: 'B1', tone: 'error' as const },
    ],
    notes: [
      { cell: 'A1', text: 'a' },
      { cell: 'B1', text: 'b' },
    ],
  };
  // A1 resolved, B1 now a warning with a new text, D1 new; C1 (a Good mark) is in neither plan
  const after = {
    writes: [],
    marks: [
      { cell: 'B1', tone: 'warning' as const },
      { cell: 'D1', tone: 'info' as const },
    ],
    notes: [
      { cell: 'B1', text: 'b2' },
      { cell: 'D1', text: 'd' },
    ],
  };
  const r = planRemark(state, before, after);
  expect(r.unmark).toEqual(['A1']);
  expect(r.mark).toEqual([
    { cell: 'B1', tone: 'warning' },
    { cell: 'D1', tone: 'info' },
  ]);
  expect(r.dropNotes).toEqual(['A1']);
  expect([...r.notes]).toEqual([
    ['B1', 'b2'],
    ['D1', 'd'],
  ]);
});
