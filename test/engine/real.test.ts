/**
 * Real published forms (test/fixtures/real): each is found and read to the figures worked out by
 * hand before the engine was run on it, and gives exactly the problems found by hand — no false
 * error, no missed one. Read as a Grid and through an .xlsx file alike.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readWorkbookFile } from '../../src/cli/readWorkbook';
import { analyzeSheet, Grid } from '../../src/engine';
import { REAL_FORMS, RealForm, realGrid, realSheet } from '../fixtures/real';
import { writeXlsx } from '../fixtures/workbook';
import { formsTable, provincesOf, README_PATH, tableInReadme } from '../fixtures/real/table';
import { readFileSync } from 'fs';

/** A figure's stated and computed values, absent ones as undefined. */
function fig(x: { stated?: string; computed?: string } | undefined) {
  return { stated: x?.stated, computed: x?.computed };
}

function check(form: RealForm, grid: Grid): void {
  const analyses = analyzeSheet(grid);
  expect(analyses).toHaveLength(1);
  const [a] = analyses;
  const r = a.report;
  const e = form.expected;
  expect(fig(r.executionRate)).toEqual(fig(e.executionRate));
  if (e.executionPoints) {
    expect(a.figures.executionPoints?.toString()).toBe(e.executionPoints);
    expect(fig(r.executionScore)).toEqual(fig(e.executionScore));
  } else expect(r.executionScore).toBeUndefined();
  expect(fig(r.totalScore)).toEqual(fig(e.totalScore));
  expect(fig(r.grade)).toEqual(fig(e.grade));
  expect(r.indicators).toHaveLength(e.indicatorCount);
  expect(r.totalWeight.computed).toBe(e.totalPoints);
  if (e.budget) expect(a.figures.budget?.reading).toMatchObject({ kind: 'number' });
  const found = a.findings.map((f) => `${f.rule}@${f.cells[0]}`).sort();
  expect(found).toEqual(e.problems.filter((p) => !p.startsWith('?')).sort());
}

describe.each(REAL_FORMS.map((f) => [f.id, f] as const))('%s', (_id, form) => {
  test('read as a Grid: the hand-computed figures and problems', () => {
    check(form, realGrid(form));
  });

  test('read from an .xlsx file: the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ziping-real-'));
    try {
      const path = join(dir, `${form.id}.xlsx`);
      await writeXlsx(path, [realSheet(form)]);
      check(form, readWorkbookFile(path)[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('the folder README lists exactly these forms (npm run examples writes the table)', () => {
  expect(tableInReadme(readFileSync(README_PATH, 'utf8'))).toBe(formsTable(REAL_FORMS));
});

test("the project's README counts these forms and their provinces", () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8').replace(/\s+/g, ' ');
  const provinces = provincesOf(REAL_FORMS);
  expect(readme).toContain(`${REAL_FORMS.length} real published forms of ${provinces.size} provinces`);
});

test('every form has its own id, and it is its file name', () => {
  const ids = REAL_FORMS.map((f) => f.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids)
    expect(readFileSync(join(__dirname, '../fixtures/real', `${id}.ts`), 'utf8')).toContain(`id: '${id}'`);
});
