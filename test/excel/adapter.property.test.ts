/**
 * Nothing is lost: on random sheets (seed and template forms with cells changed, fills and
 * notes of the clerk's own), 校验并评分 then 撤销本次修改 gives back every value, fill and note
 * exactly, and 校验并评分 then 清除标注 gives back every fill and note.
 */
import fc from 'fast-check';
import { clearHighlights, revertLast, validateAndGrade } from '../../src/excel/adapter';
import { FakeCell, fakeWorkbookOf, FakeWorkbook } from '../../src/excel/fake';
import {
  changed,
  NATIONAL_INDICATORS,
  nationalSheet,
  SHANGHAI_INDICATORS,
  shanghaiSheet,
} from '../fixtures/forms';
import { gridOf, SheetSpec, stackedSeed } from '../fixtures/seed';

const BASES: SheetSpec[] = [
  stackedSeed(true),
  shanghaiSheet({ total: { weight: 90, score: 80 }, fields: { grade: '良好', executionRate: undefined } }),
  shanghaiSheet({ indicators: changed(SHANGHAI_INDICATORS, { 1: { score: 20 }, 2: { score: '满分' } }) }),
  nationalSheet({
    funds: { score: 10 },
    indicators: changed(NATIONAL_INDICATORS, { 0: { actual: '800人' } }),
  }),
];

const FILLS = ['#FFFF00', '#FFFFFF', '#C6EFCE', '#FFC7CE', '#00B0F0'];

interface Edit {
  row: number;
  col: number;
  kind: 'fill' | 'note' | 'value' | 'clear';
  fill: string;
  value: number | string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  row: fc.integer({ min: 1, max: 100 }),
  col: fc.integer({ min: 1, max: 9 }),
  kind: fc.constantFrom('fill' as const, 'note' as const, 'value' as const, 'clear' as const),
  fill: fc.constantFrom(...FILLS),
  value: fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom('满分', '=3天', '', '优秀', '62%')),
});

function setUp(base: number, edits: readonly Edit[]): FakeWorkbook {
  const b = fakeWorkbookOf([gridOf(BASES[base])]);
  const s = b.active;
  for (const e of edits) {
    const ref = `${String.fromCharCode(64 + e.col)}${e.row}`;
    const cell: FakeCell = s.cells.get(ref) ?? {
      value: null,
      format: 'General',
      fill: { pattern: 'None', color: '#FFFFFF' },
    };
    if (e.kind === 'fill') cell.fill = { pattern: 'Solid', color: e.fill };
    else if (e.kind === 'note') s.notes.set(ref, `她的备注 ${ref}`);
    else if (e.kind === 'value') cell.value = e.value === '' ? null : e.value;
    else cell.value = null;
    s.cells.set(ref, cell);
  }
  return b;
}

const snapshot = (b: FakeWorkbook) => ({
  cells: JSON.stringify(
    [...b.active.cells].filter(([, c]) => c.value !== null || c.formula || c.fill.pattern !== 'None').sort(),
  ),
  fills: JSON.stringify(
    [...b.active.cells]
      .filter(([, c]) => c.fill.pattern !== 'None')
      .map(([k, c]) => [k, c.fill])
      .sort(),
  ),
  notes: JSON.stringify([...b.active.notes].sort()),
});

test('校验并评分 then 撤销本次修改 restores values, fills and notes exactly', async () => {
  await fc.assert(
    fc.asyncProperty(fc.nat(BASES.length - 1), fc.array(edit, { maxLength: 15 }), async (base, edits) => {
      const b = setUp(base, edits);
      const before = snapshot(b);
      await validateAndGrade(b.host(), 'zh');
      await revertLast(b.host());
      const after = snapshot(b);
      expect(after.cells).toBe(before.cells);
      expect(after.notes).toBe(before.notes);
    }),
    { numRuns: 150, seed: 7 },
  );
});

test('校验并评分 (twice) then 清除标注 restores every fill and note', async () => {
  await fc.assert(
    fc.asyncProperty(fc.nat(BASES.length - 1), fc.array(edit, { maxLength: 15 }), async (base, edits) => {
      const b = setUp(base, edits);
      const before = snapshot(b);
      await validateAndGrade(b.host(), 'zh');
      await validateAndGrade(b.host(), 'zh');
      await clearHighlights(b.host());
      const after = snapshot(b);
      expect(after.fills).toBe(before.fills);
      expect(after.notes).toBe(before.notes);
    }),
    { numRuns: 150, seed: 11 },
  );
});
