/**
 * Property: a form reads to the same figures whatever layout it is written in — annotated labels
 * or plain, a header over one row or two, the target in one column or as sign | value | unit,
 * the national, provincial or （A）/（B） budget block, the total label in the side or the category
 * column, weights or blocks of points. Every combination (96) is checked, clean and with a slip.
 */
import { analyzeSheet } from '../../src/engine';
import { allVariants, expectedFigures, Variant, variantSheet } from '../fixtures/variants';
import { gridOf } from '../fixtures/seed';

const label = (v: Variant) =>
  [
    v.annotated ? 'annotated' : 'plain',
    `${v.headerRows}-row header`,
    v.signColumn ? 'sign column' : 'target column',
    `${v.budget} budget`,
    `total in ${v.totalIn}`,
    v.scoring,
  ].join(', ');

function read(v: Variant) {
  const analyses = analyzeSheet(gridOf(variantSheet(v)));
  expect(analyses).toHaveLength(1);
  const [a] = analyses;
  return {
    a,
    figures: {
      executionPoints: a.figures.executionPoints?.toString(),
      rate: a.report.executionRate.computed,
      executionScore: a.report.executionScore?.computed,
      totalScore: a.report.totalScore.computed,
      totalPoints: a.report.totalWeight.computed,
      grade: a.report.grade.computed,
      indicators: a.report.indicators.length,
    },
  };
}

describe.each(allVariants().map((v) => [label(v), v] as const))('%s', (_name, v) => {
  test('reads to the figures of the plain form, with no finding', () => {
    const { a, figures } = read(v);
    expect(figures).toEqual(expectedFigures(v));
    expect(a.report.grade.stated).toBe('优');
    expect(a.report.totalScore.stated).toBe(expectedFigures(v).totalScore);
    expect(a.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}@${f.cells[0]}`)).toEqual([]);
  });

  test('a wrong stated total is found, and only that', () => {
    const { a } = read({ ...v, wrongTotal: true });
    expect(a.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual([
      'total-score-mismatch',
    ]);
  });
});
