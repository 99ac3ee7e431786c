/** The three real 2021 forms of Putuo district (test/fixtures/putuo), with their expected results. */
import { analyzeSheet, FormAnalysis } from '../../src/engine';
import { eachForm, findForms } from '../../src/engine/layout/findForms';
import { checkSheetAs } from '../../src/engine/report';
import { gridOf, seedSheet, SheetSpec, stackedSeed } from '../fixtures/seed';

function summary(forms: FormAnalysis[]) {
  return forms.map((a) => ({
    project: a.report.fields.projectName?.value,
    totalScore: a.report.totalScore,
    totalWeight: a.report.totalWeight.computed,
    rate: a.report.executionRate.computed,
    grade: a.report.grade.computed,
    stateGrade: a.report.grade.stated,
  }));
}

function byRule(forms: FormAnalysis[]) {
  return forms.map((a) => {
    const out: Record<string, string[]> = {};
    for (const f of a.findings) (out[f.rule] ??= []).push(f.cells[0]);
    return out;
  });
}

const EXPECTED_SUMMARY = [
  {
    project: '金融业务费用',
    totalScore: { cell: 'F39', stated: '95', computed: '95' },
    totalWeight: '100',
    rate: '62.16',
    grade: '优秀',
    stateGrade: '优秀',
  },
  {
    project: '中介机构服务费',
    totalScore: { cell: 'F68', stated: '100', computed: '100' },
    totalWeight: '100',
    rate: '100',
    grade: '优秀',
    stateGrade: '优秀',
  },
  {
    project: '金融服务费用',
    totalScore: { cell: 'F95', stated: '100', computed: '100' },
    totalWeight: '100',
    rate: '100',
    grade: '优秀',
    stateGrade: '优秀',
  },
];

const EXPECTED_FINDINGS = [
  {
    'misaligned-row': ['A29:G29', 'A39:G39'],
    'deduction-without-reason': ['G23', 'G29', 'G34', 'G35', 'G36'],
    'nonstandard-symbol': ['C18', 'C26', 'C31'],
    'markup-in-cell': ['A40'],
  },
  { 'missing-field': ['B45'], 'nonstandard-symbol': ['C55'] },
  {
    'misaligned-row': ['A89:G89'],
    'nonstandard-symbol': ['C90', 'C91'],
    'markup-in-cell': ['B80', 'A96'],
  },
];

describe.each([
  ['typed as Excel holds them', stackedSeed(true)],
  ['every field as text, as exported', stackedSeed(false)],
])('the seed stacked on one sheet, %s', (_name, sheet: SheetSpec) => {
  const forms = analyzeSheet(gridOf(sheet));

  test('finds the three forms top to bottom with their ranges', () => {
    expect(forms.map((f) => f.report.range)).toEqual(['A3:G40', 'A42:G69', 'A71:G96']);
    expect(forms.map((f) => f.layout.family)).toEqual(['shanghai', 'shanghai', 'shanghai']);
  });

  test('totals 95/100/100, weights 100, rates 62.16/100/100, grade 优秀', () => {
    expect(summary(forms)).toEqual(EXPECTED_SUMMARY);
  });

  test('exactly the findings the seed deserves: three shifted rows, five deductions, every 》= and <p>', () => {
    expect(byRule(forms)).toEqual(EXPECTED_FINDINGS);
    const errors = forms.flatMap((f) => f.findings.filter((x) => x.severity === 'error').map((x) => x.rule));
    expect(errors).toEqual(['misaligned-row', 'misaligned-row', 'misaligned-row']);
  });

  test('every indicator is mapped under its category, the shifted ones at their realigned place', () => {
    expect(forms.map((f) => f.report.indicators.length)).toEqual([23, 13, 11]);
    const row29 = forms[0].report.indicators.find((i) => i.row === 29);
    expect(row29).toMatchObject({
      category: '产出指标',
      name: '金洽会持续天数',
      target: '=3天',
      weight: '3',
      score: '2',
    });
    const row89 = forms[2].report.indicators.find((i) => i.row === 89);
    expect(row89).toMatchObject({ category: '产出指标', name: '企业服务投入数', weight: '7', score: '7' });
    expect(forms[0].report.categories).toEqual([
      { name: '产出指标', cell: 'A15', declared: '45', weight: '45', score: '43' },
      { name: '效益指标', cell: 'A31', declared: '35', weight: '35', score: '34' },
      { name: '满意度指标', cell: 'A35', declared: '20', weight: '20', score: '18' },
    ]);
  });

  test('grade bands come from each form note', () => {
    for (const f of forms) {
      expect(f.figures.grade.bandsFromNote).toBe(true);
      expect(f.report.grade.bands).toEqual([
        { grade: '优秀', min: '90', max: '100' },
        { grade: '良好', min: '75', max: '90' },
        { grade: '合格', min: '60', max: '75' },
        { grade: '不合格', min: '0', max: '60' },
      ]);
    }
  });

  test('header fields by their labels, in both the wide and the compact layout', () => {
    expect(forms[0].report.fields.budgetUnit).toEqual({ cell: 'G4', value: '上海市普陀区金融服务办公室' });
    expect(forms[0].report.fields.evaluationDate).toEqual({ cell: 'C9', value: '2022.3.2' });
    expect(forms[1].report.fields.implementingUnit).toEqual({ cell: 'B45', value: '' });
    expect(forms[2].report.fields.problems).toEqual({ cell: 'B81', value: '无' });
    expect(forms[0].report.executionRate).toEqual({ cell: 'G7', stated: '62.16', computed: '62.16' });
  });
});

describe('one seed form per sheet, at other offsets', () => {
  const placements = [
    { form: 0, row: 5, col: 3 },
    { form: 1, row: 1, col: 1 },
    { form: 2, row: 12, col: 6 },
  ];
  test.each(placements.map((p, i) => [i, p] as const))('form %i finds the same figures', (i, p) => {
    const forms = analyzeSheet(gridOf(seedSheet(`表${i + 1}`, [p])));
    expect(forms).toHaveLength(1);
    const { totalScore, ...rest } = summary(forms)[0];
    const { totalScore: want, ...wantRest } = EXPECTED_SUMMARY[i];
    expect(rest).toEqual(wantRest);
    expect({ stated: totalScore.stated, computed: totalScore.computed }).toEqual({
      stated: want.stated,
      computed: want.computed,
    });
    expect(Object.fromEntries(Object.entries(byRule(forms)[0]).map(([k, v]) => [k, v.length]))).toEqual(
      Object.fromEntries(Object.entries(EXPECTED_FINDINGS[i]).map(([k, v]) => [k, v.length])),
    );
  });

  test('side by side, the right one headed higher: found right first, reported left to right', () => {
    // form 1's table header is lower than form 2's: eachForm meets the right form first
    const grid = gridOf(
      seedSheet('并排', [
        { form: 1, row: 1, col: 1 },
        { form: 0, row: 1, col: 10 },
      ]),
    );
    const visited: number[] = [];
    eachForm(grid, (f) => visited.push(f.left));
    expect(visited).toEqual([10, 1]);
    expect(findForms(grid).map((f) => f.left)).toEqual([1, 10]);
    const names = analyzeSheet(grid).map((f) => f.report.fields.projectName?.value);
    expect(names).toEqual(['中介机构服务费', '金融业务费用']);
    // checked as found (the command line's way), reported in the same order
    expect(checkSheetAs(grid, 'zh', (r) => r.fields.projectName?.value).forms).toEqual(names);
  });

  test('side by side: two forms on the same rows are read left to right', () => {
    const forms = analyzeSheet(
      gridOf(
        seedSheet('并排', [
          { form: 1, row: 1, col: 1 },
          { form: 2, row: 1, col: 10 },
        ]),
      ),
    );
    expect(forms.map((f) => f.report.fields.projectName?.value)).toEqual(['中介机构服务费', '金融服务费用']);
    expect(forms.map((f) => f.report.totalScore.computed)).toEqual(['100', '100']);
  });
});
