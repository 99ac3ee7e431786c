import { humanReport } from '../../src/cli/main';
import { checkWorkbook } from '../../src/engine';
import { ADVERSARIAL, hostileSheets } from '../fixtures/adversarial';
import { gridOf } from '../fixtures/seed';

describe('the human report quotes long cell text, never prints it whole', () => {
  test.each(['≥ repeated', 'digits then x', '<a + spaces', 'blanks without a line end'])('%s', (name) => {
    const text = ADVERSARIAL[name](200000);
    const file = checkWorkbook('hostile.xlsx', hostileSheets(text).map(gridOf));
    expect(file.sheets.flatMap((s) => s.forms)).toHaveLength(2);
    for (const lang of ['zh', 'en'] as const) {
      const lines = humanReport({ version: 1, files: [file] }, lang).split('\n');
      // every finding is reported, each on one line of bounded length
      expect(lines.filter((l) => l.includes('[')).length).toBeGreaterThan(3);
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(1000);
    }
  });
});
