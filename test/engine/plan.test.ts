import { analyzeSheet } from '../../src/engine';
import { parseRange } from '../../src/engine/grid';
import { cellsOf, planRun } from '../../src/engine/plan';
import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../fixtures/forms';
import { gridOf, SheetSpec, stackedSeed } from '../fixtures/seed';

const plan = (spec: SheetSpec, lang: 'zh' | 'en' = 'zh') => {
  const grid = gridOf(spec);
  return planRun(analyzeSheet(grid, lang), grid, lang);
};

describe('what 校验并评分 writes', () => {
  test('nothing on a clean, complete form', () => {
    expect(plan(shanghaiSheet()).writes).toEqual([]);
  });

  test('blank figure cells are filled in', () => {
    const p = plan(
      shanghaiSheet({
        total: { weight: undefined, score: undefined },
        fields: { executionRate: undefined, grade: undefined },
      }),
    );
    // each write says what it writes: numbers as numbers, a typed rate and a grade as text
    expect(p.writes.map((w) => [w.cell, w.type, w.value])).toEqual([
      ['D20', 'number', 100],
      ['F20', 'number', 100],
      ['D6', 'text', '100.00%'],
      ['B9', 'text', '优秀'],
    ]);
  });

  test('a wrong rate in a % cell is written as a fraction; a wrong total as a number', () => {
    const p = plan(
      shanghaiSheet({
        fields: {
          budgetAmount: 414400,
          executedAmount: 257602,
          executionRate: { value: 0.7, format: '0.00%' },
          problems: '疫情',
        },
        total: { weight: 100, score: 90 },
        indicators: changed(I, { 0: { score: 10, note: '少办' } }),
      }),
    );
    expect(p.writes.map((w) => [w.cell, w.type, w.value, w.before])).toEqual([
      ['F20', 'number', 95, '90'],
      ['D6', 'number', 0.6216, '0.7'],
    ]);
  });

  test('never over a formula, whatever it says', () => {
    const p = plan(shanghaiSheet({ total: { weight: 100, score: { value: 90, formula: 'SUM(F14:F18)' } } }));
    expect(p.writes).toEqual([]);
    expect(p.marks).toContainEqual({ cell: 'F20', tone: 'error' });
  });

  test('the seed: the shifted 合计 weight is left to its row fix, the total score is written', () => {
    const s = stackedSeed();
    const cells = s.cells.map((r) => (r ? [...r] : r));
    cells[39]![6] = { value: 90 };
    const p = plan({ ...s, cells });
    expect(p.writes.map((w) => w.cell)).toEqual(['F39']);
  });
});

describe('marks and notes', () => {
  test('a range finding marks every cell of it; a written cell is Good whatever else it has', () => {
    const s = stackedSeed();
    const cells = s.cells.map((r) => (r ? [...r] : r));
    cells[39]![6] = { value: 90 };
    const p = plan({ ...s, cells });
    const tone = new Map(p.marks.map((m) => [m.cell, m.tone]));
    for (const c of cellsOf('A29:G29')) expect(tone.get(c)).toBe('error');
    expect(tone.get('F39')).toBe('good');
    expect(tone.get('G23')).toBe('warning');
    expect(tone.get('C18')).toBe('info');
    expect(new Set(p.marks.map((m) => m.cell)).size).toBe(p.marks.length);
  });

  test('one note per main cell, holding every message about it', () => {
    const p = plan(
      shanghaiSheet({ total: { weight: 100, score: 90 }, indicators: changed(I, { 1: { score: 10 } }) }),
      'en',
    );
    const note = p.notes.find((n) => n.cell === 'F20')!;
    expect(note.text).toBe(
      'Ziping wrote the total score: 95 (was 90)\nTotal score 90 differs from the sum of the scores, 95 (F20)',
    );
    expect(p.notes.find((n) => n.cell === 'G15')?.text).toMatch(/give no reason/);
  });

  test('cellsOf', () => {
    expect(cellsOf('B2')).toEqual(['B2']);
    expect(cellsOf('A1:B2')).toEqual(['A1', 'B1', 'A2', 'B2']);
    // corners in either order, absolute references
    expect(cellsOf('B2:A1')).toEqual(['A1', 'B1', 'A2', 'B2']);
    expect(cellsOf('$C$3:B$3')).toEqual(['B3', 'C3']);
  });

  test('parseRange: the area of a cell or a range, its corners in either order', () => {
    expect(parseRange('C7')).toEqual({ top: 7, left: 3, bottom: 7, right: 3 });
    expect(parseRange('G40:A3')).toEqual({ top: 3, left: 1, bottom: 40, right: 7 });
    expect(parseRange('A40:G3')).toEqual({ top: 3, left: 1, bottom: 40, right: 7 });
    expect(() => parseRange('A0:B2')).toThrow(/not an A1 cell reference/);
  });
});
