import type { FormReport } from '../../src/engine';
import {
  figureText,
  fixesOf,
  formLabel,
  hasFindingAt,
  recomputedShown,
  runCounts,
} from '../../src/taskpane/logic';

function form(over: Partial<FormReport>): FormReport {
  return {
    range: 'A1:G40',
    fields: { projectName: { cell: 'C4', value: '金融业务费用' } },
    categories: [],
    indicators: [],
    totalWeight: {},
    totalScore: {},
    executionRate: {},
    grade: { bands: [] },
    findings: [],
    ...over,
  };
}

test('a figure gets its unit only when it is a number', () => {
  expect(figureText('62.16', '%')).toBe('62.16%');
  expect(figureText('-5', '%')).toBe('-5%');
  expect(figureText('#DIV/0!', '%')).toBe('#DIV/0!');
  expect(figureText('六成', '%')).toBe('六成');
  expect(figureText(undefined, '%')).toBeUndefined();
});

test('a recomputed figure shows only where a finding covers its cell (or its fix writes it)', () => {
  const total = { cell: 'F39', stated: '90', computed: '95' };
  expect(recomputedShown(form({ totalScore: total }), total)).toBeUndefined();
  const withFinding = form({
    findings: [{ rule: 'total-score-mismatch', severity: 'error', cells: ['F39'], message: '合计不对' }],
  });
  expect(recomputedShown(withFinding, total)).toBe('95');
  // a finding over a range that holds the cell, or a fix that writes it
  const inRange = form({
    findings: [{ rule: 'misaligned-row', severity: 'error', cells: ['A39:G39'], message: '' }],
  });
  expect(hasFindingAt(inRange, 'F39')).toBe(true);
  const byFix = form({
    findings: [
      {
        rule: 'execution-score-mismatch',
        severity: 'error',
        cells: ['G10'],
        message: '',
        fix: [{ cell: 'C10', type: 'text', value: '优秀' }],
      },
    ],
  });
  expect(recomputedShown(byFix, { cell: 'C10', stated: '良好', computed: '优秀' })).toBe('优秀');
  // equal figures never show a recomputed value
  expect(recomputedShown(withFinding, { cell: 'F39', stated: '95', computed: '95' })).toBeUndefined();
});

test('全部修复 takes the fixes of one form only', () => {
  const one = form({
    findings: [
      {
        rule: 'nonstandard-symbol',
        severity: 'info',
        cells: ['C18'],
        message: '',
        fix: [{ cell: 'C18', type: 'text', value: '≥50家' }],
      },
      { rule: 'deduction-without-reason', severity: 'warning', cells: ['G23'], message: '' },
    ],
  });
  expect(fixesOf(one)).toEqual([{ cell: 'C18', type: 'text', value: '≥50家' }]);
  expect(fixesOf(undefined)).toEqual([]);
  expect(formLabel([one, form({ fields: {}, range: 'A42:G69' })], 1)).toBe('2. A42:G69');
  expect(formLabel([one], 0)).toBe('1. 金融业务费用');
});

test('written cells and marked cells are counted apart, each cell once', () => {
  const counts = runCounts({
    writes: [{ cell: 'F39', type: 'number', value: 95, figure: 'totalScore', before: '90' }],
    marks: [
      { cell: 'F39', tone: 'good' },
      { cell: 'A29', tone: 'error' },
      { cell: 'B29', tone: 'error' },
      { cell: 'G23', tone: 'warning' },
    ],
    notes: [],
  });
  expect(counts).toEqual({ written: 1, marked: 3 });
});
