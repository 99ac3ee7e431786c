import { analyzeSheet } from '../../src/engine';
import { dec, roundTo, show, sum } from '../../src/engine/compute/decimal';
import { shanghaiSheet } from '../fixtures/forms';
import { gridOf } from '../fixtures/seed';

const SCORES = [14.1, 14.2, 14.7, 19.9, 14.8, 18.6];

const fractional = (total: number | { value: number; formula: string }) =>
  shanghaiSheet({
    indicators: [
      { category: '产出指标 (45分)', name: '宣传场次', weight: 15, score: 14.1, note: '少办一场' },
      { name: '宣传品制作', weight: 15, score: 14.2, note: '印制延期' },
      { name: '活动及时性', weight: 15, score: 14.7, note: '一次延期' },
      { category: '效益指标 (35分)', name: '区域影响力', weight: 20, score: 19.9, note: '报道略少' },
      { name: '长效机制健全性', weight: 15, score: 14.8, note: '制度待完善' },
      { category: '满意度指标 (20分)', name: '企业满意度', weight: 20, score: 18.6, note: '个别不满意' },
    ],
    total: { weight: 100, score: total },
  });

describe('decimal exactness', () => {
  test('the binary float sum of the scores is not 96.3; the decimal sum is', () => {
    expect(SCORES.reduce((a, b) => a + b, 0)).not.toBe(96.3);
    expect(show(sum(SCORES.map((s) => dec(String(s)))))).toBe('96.3');
  });

  test('a stated 96.3 raises no total-score-mismatch, and the computed total prints exactly "96.3"', () => {
    const [form] = analyzeSheet(gridOf(fractional(96.3)));
    expect(form.findings).toEqual([]);
    expect(form.report.totalScore).toEqual({ cell: 'F20', stated: '96.3', computed: '96.3' });
    expect(form.report.categories.map((c) => c.score)).toEqual(['43', '34.7', '18.6']);
  });

  test('a SUM formula whose float result is 96.30000000000001 reads as 96.3', () => {
    const float = SCORES.reduce((a, b) => a + b, 0);
    const [form] = analyzeSheet(gridOf(fractional({ value: float, formula: 'SUM(F14:F19)' })));
    expect(form.findings).toEqual([]);
    expect(form.report.totalScore.stated).toBe('96.3');
  });

  test('a total off by a tenth is still caught', () => {
    const [form] = analyzeSheet(gridOf(fractional(96.2)));
    expect(form.findings.map((f) => f.rule)).toEqual(['total-score-mismatch']);
    expect(form.findings[0].fix).toEqual([{ cell: 'F20', type: 'number', value: 96.3 }]);
  });

  test('a computed rate rounds half-up at 2 decimals', () => {
    expect(show(roundTo(dec('62.165'), 2))).toBe('62.17');
    expect(show(roundTo(dec('62.1649'), 2))).toBe('62.16');
    expect(show(roundTo(dec('-0.001'), 2))).toBe('0');
  });
});
