import { analyzeSheet, checkSheet } from '../../src/engine';
import { parseRange } from '../../src/engine/grid';
import { cellsOf, planRun } from '../../src/engine/plan';
import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../fixtures/forms';
import { reportValidator } from '../fixtures/schema';
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
    // each write says what it writes: numbers as numbers, a rate in a blank unformatted cell as
    // a number shown as a percentage, a grade as text
    expect(p.writes.map((w) => [w.cell, w.type, w.value, 'format' in w ? w.format : 'none'])).toEqual([
      ['D20', 'number', 100, 'none'],
      ['F20', 'number', 100, 'none'],
      ['D6', 'number', 1, '0.00%'],
      ['B9', 'text', '优秀', 'none'],
    ]);
  });

  describe('a rate written into a blank cell', () => {
    const blankRate = (executionRate: unknown, lang: 'zh' | 'en' = 'zh') =>
      plan(
        shanghaiSheet({
          fields: {
            budgetAmount: 414400,
            executedAmount: 257602,
            executionRate: executionRate as never,
            problems: '疫情',
          },
        }),
        lang,
      );
    const rateWrite = (p: ReturnType<typeof plan>) => p.writes.find((w) => w.figure === 'executionRate');

    test('unformatted: the number 0.6216 with the format 0.00%, noted as 62.16%', () => {
      for (const cell of [
        undefined,
        null,
        { value: null },
        { value: '  ' },
        { value: null, format: 'General' },
      ]) {
        const p = blankRate(cell, 'en');
        expect(rateWrite(p)).toEqual({
          cell: 'D6',
          type: 'number',
          value: 0.6216,
          format: '0.00%',
          figure: 'executionRate',
          before: '',
        });
        expect(p.notes.find((n) => n.cell === 'D6')?.text).toBe('Ziping wrote the execution rate: 62.16%');
      }
    });

    test('formatted as a percentage: the fraction, and the cell keeps its own format', () => {
      const p = blankRate({ value: null, format: '0.0%' });
      const w = rateWrite(p);
      expect(w).toMatchObject({ cell: 'D6', type: 'number', value: 0.6216 });
      expect(w && 'format' in w).toBe(false);
      expect(p.notes.find((n) => n.cell === 'D6')?.text).toBe('自评已写入预算执行率：62.16%');
    });

    test('formatted as text or as a plain number: the text 62.16%, and the format is kept', () => {
      for (const format of ['@', '0.00']) {
        const w = rateWrite(blankRate({ value: null, format }));
        expect(w).toEqual({ cell: 'D6', type: 'text', value: '62.16%', figure: 'executionRate', before: '' });
      }
    });

    test('the write, with its format, is a fix write as docs/report.schema.json gives it', () => {
      const w = rateWrite(blankRate(null))!;
      const validate = reportValidator();
      const sheet = checkSheet(gridOf(shanghaiSheet({ total: { weight: 100, score: 90 } })), 'zh');
      const finding = sheet.forms[0].findings[0];
      const withFix = (fix: unknown) => ({
        version: 1,
        files: [
          {
            path: 'x.xlsx',
            sheets: [{ ...sheet, forms: [{ ...sheet.forms[0], findings: [{ ...finding, fix }] }] }],
          },
        ],
      });
      expect(
        validate(
          withFix([{ cell: w.cell, type: w.type, value: w.value, format: (w as { format: string }).format }]),
        ),
      ).toBe('');
      expect(validate(withFix([{ cell: 'D6', type: 'number', value: 0.6216, format: 10 }]))).not.toBe('');
      expect(validate(withFix([{ cell: 'D6', type: 'text', value: '62.16%', format: '0.00%' }]))).not.toBe(
        '',
      );
    });

    test('a rate the clerk wrote keeps its form, with no format of the engine', () => {
      const cases: Array<[unknown, string, string | number]> = [
        ['70.00%', 'text', '62.16%'],
        [70, 'number', 62.16],
        [0.7, 'number', 0.6216],
        [{ value: 0.7, format: '0%' }, 'number', 0.6216],
      ];
      for (const [cell, type, value] of cases) {
        const w = rateWrite(blankRate(cell));
        expect(w).toMatchObject({ cell: 'D6', type, value });
        expect(w && 'format' in w).toBe(false);
      }
    });
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
