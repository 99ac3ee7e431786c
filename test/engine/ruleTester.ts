/**
 * A table-driven tester for rules, in the manner of ESLint's RuleTester: sheets that must not
 * trigger a rule, and sheets that must, with the cells, fixes and message each finding has.
 */
import { analyzeSheet, Finding, RuleId } from '../../src/engine';
import { RULE_BY_ID } from '../../src/engine/rules';
import { gridOf, SheetSpec } from '../fixtures/seed';

export interface ValidCase {
  name: string;
  sheet: SheetSpec;
}

export interface ExpectedFinding {
  cells?: string[];
  fix?: Finding['fix'] | null;
  /** Text the Chinese message must contain (the cell address is always checked). */
  zh?: string | RegExp;
  en?: string | RegExp;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
}

export function findingsOf(sheet: SheetSpec, rule: RuleId, lang: 'zh' | 'en' = 'zh'): Finding[] {
  return analyzeSheet(gridOf(sheet), lang).flatMap((a) => a.findings.filter((f) => f.rule === rule));
}

export function ruleTester(rule: RuleId, table: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule, () => {
    describe('valid', () => {
      test.each(table.valid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        // the form was found: a rule that finds nothing on no form proves nothing
        expect(analyzeSheet(gridOf(c.sheet)).length).toBeGreaterThan(0);
        expect(findingsOf(c.sheet, rule)).toEqual([]);
      });
    });
    describe('invalid', () => {
      test.each(table.invalid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const zh = findingsOf(c.sheet, rule, 'zh');
        const en = findingsOf(c.sheet, rule, 'en');
        expect(zh).toHaveLength(c.findings.length);
        c.findings.forEach((want, i) => {
          const got = zh[i];
          if (want.cells) expect(got.cells).toEqual(want.cells);
          // a rule says whether it offers a fix, and keeps its word
          if (got.fix) expect(RULE_BY_ID.get(rule)?.fixable).toBe(true);
          if (want.fix === null) expect(got.fix).toBeUndefined();
          else if (want.fix) expect(got.fix).toEqual(want.fix);
          // every message names its main cell, in both languages
          expect(got.message).toContain(got.cells[0].split(':')[0]);
          expect(en[i].message).toContain(got.cells[0].split(':')[0]);
          expect(got.message).not.toMatch(/undefined|NaN|\[object/);
          expect(en[i].message).not.toMatch(/undefined|NaN|\[object/);
          if (want.zh) expect(got.message).toMatch(want.zh);
          if (want.en) expect(en[i].message).toMatch(want.en);
        });
      });
    });
  });
}
