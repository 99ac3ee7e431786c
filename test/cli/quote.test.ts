import { humanReport } from '../../src/cli/main';
import { checkWorkbook } from '../../src/engine';
import { ADVERSARIAL, hostileSheets } from '../fixtures/adversarial';
import { gridOf } from '../fixtures/seed';

describe('the human report quotes long cell text in findings, never prints it whole', () => {
  test.each(['≥ repeated', 'digits then x', '<a + spaces', 'blanks without a line end'])('%s', (name) => {
    const text = ADVERSARIAL[name](200000);
    const file = checkWorkbook('hostile.xlsx', hostileSheets(text).map(gridOf));
    expect(file.sheets.flatMap((s) => s.forms)).toHaveLength(2);
    for (const lang of ['zh', 'en'] as const) {
      const lines = humanReport({ version: 1, files: [file] }, lang).split('\n');
      // every finding is reported, each on one line of bounded length
      const findings = lines.filter((l) => /\[[a-z-]+\]$/.test(l));
      expect(findings.length).toBeGreaterThan(3);
      expect(Math.max(...findings.map((l) => l.length))).toBeLessThan(1000);
    }
  });
});
