import { analyzeSheet } from '../../src/engine';
import { changed, NATIONAL_INDICATORS as N, nationalSheet } from '../fixtures/forms';
import { gridOf } from '../fixtures/seed';

describe('the national 项目支出绩效自评表', () => {
  test('a clean form: execution scored out of 10, indicators 50/30/10, total 99.5, grade 优', () => {
    const [form] = analyzeSheet(gridOf(nationalSheet({ fields: { grade: '优' } })));
    expect(form.layout.family).toBe('national');
    expect(form.findings).toEqual([]);
    const r = form.report;
    expect(r.executionRate).toEqual({ cell: 'G6', stated: '95', computed: '95' });
    expect(r.executionScore).toEqual({ cell: 'H6', stated: '9.5', computed: '9.5' });
    expect(r.totalWeight).toEqual({ cell: 'G19', stated: '100', computed: '100' });
    expect(r.totalScore).toEqual({ cell: 'H19', stated: '99.5', computed: '99.5' });
    expect(r.grade).toMatchObject({ cell: 'B21', stated: '优', computed: '优' });
    expect(r.grade.bands.map((b) => [b.grade, b.min, b.max])).toEqual([
      ['优', '90', '100'],
      ['良', '80', '90'],
      ['中', '60', '80'],
      ['差', '0', '60'],
    ]);
    expect(r.categories.map((c) => [c.name, c.weight])).toEqual([
      ['产出指标', '50'],
      ['效益指标', '30'],
      ['满意度指标', '10'],
    ]);
    expect(r.indicators[0]).toMatchObject({
      row: 13,
      category: '产出指标',
      name: '培训人次',
      target: '≥1000人',
      actual: '1200人',
      weight: '20',
      score: '20',
      cells: {
        name: 'D13',
        target: 'E13',
        actual: 'F13',
        weight: 'G13',
        score: 'H13',
        note: 'I13',
        secondary: 'C13',
      },
    });
    expect(r.fields).toMatchObject({
      projectName: { cell: 'B3', value: '职业技能培训' },
      budgetUnit: { cell: 'B4' },
      implementingUnit: { cell: 'F4' },
      annualGoal: { cell: 'B11', value: '完成职业技能培训1000人次' },
      budgetAmount: { cell: 'D6', value: '100' },
      executedAmount: { cell: 'E6', value: '95' },
    });
  });

  test('with defects: wrong execution score, over-scored indicator, wrong total, missing score', () => {
    const sheet = nationalSheet({
      funds: { executed: 60, rate: { value: 0.6, format: '0.00%' }, score: 8, reason: '项目延期' },
      indicators: changed(N, {
        0: { actual: '900人', score: 20 },
        1: { score: 16 },
        5: { score: undefined },
      }),
      total: { weight: 100, score: 97 },
    });
    const [form] = analyzeSheet(gridOf(sheet));
    const rules = form.findings.map((f) => `${f.rule} ${f.cells[0]}`);
    expect(rules).toEqual([
      'missing-score H18',
      'score-exceeds-weight H14',
      'execution-score-mismatch H6',
      'score-inconsistent-with-actual H13',
    ]);
    // the total cannot be derived while a score is missing: no total or grade finding
    expect(form.report.totalScore.computed).toBeUndefined();
    expect(form.report.executionScore).toEqual({ cell: 'H6', stated: '8', computed: '6' });
  });

  test('the execution score is capped at its points', () => {
    const [form] = analyzeSheet(
      gridOf(
        nationalSheet({
          funds: { executed: 130, rate: { value: 1.3, format: '0.00%' }, score: 10 },
          total: { weight: 100, score: 100 },
        }),
      ),
    );
    expect(form.report.executionScore?.computed).toBe('10');
    expect(form.findings.map((f) => f.rule)).toEqual(['execution-exceeds-budget']);
  });

  test('a national form and a Shanghai form on one sheet', () => {
    const nat = nationalSheet();
    const cells = [...nat.cells];
    const [form] = analyzeSheet(gridOf({ ...nat, cells }));
    expect(form.report.range).toBe('A1:I19');
  });
});
