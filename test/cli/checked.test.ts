import { CheckedFile, exitOf, reportJson, reportOf } from '../../src/cli/checked';
import { checkWorkbook, exitCodeOf } from '../../src/engine';
import { shanghaiSheet } from '../fixtures/forms';
import { gridOf } from '../fixtures/seed';

const clean = checkWorkbook('clean.xlsx', [gridOf(shanghaiSheet())]);
const wrong = checkWorkbook('wrong.xlsx', [gridOf(shanghaiSheet({ total: { weight: 100, score: 90 } }))]);
const none = checkWorkbook('none.xlsx', [gridOf({ name: 'x', cells: [], merges: [] })]);

test('the JSON text of a run is exactly JSON.stringify of its report', () => {
  const files = [clean, wrong, none].map((r) => new CheckedFile(JSON.stringify(r), 0));
  expect(reportJson(files)).toBe(JSON.stringify({ version: 1, files: [clean, wrong, none] }));
  expect(reportOf(files)).toEqual({ version: 1, files: [clean, wrong, none] });
});

test('exit codes: each file its own, the run the worst', () => {
  const [c, w, n] = [clean, wrong, none].map((r) =>
    CheckedFile.of(r, exitCodeOf({ version: 1, files: [r] })),
  );
  expect([c.exit, w.exit, n.exit]).toEqual([0, 1, 2]);
  expect(exitOf([c])).toBe(0);
  expect(exitOf([c, w])).toBe(1);
  expect(exitOf([w, n, c])).toBe(2);
  expect(exitOf([])).toBe(0);
});
