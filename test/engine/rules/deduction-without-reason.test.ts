import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

const deducted = (note: unknown) =>
  shanghaiSheet({
    indicators: changed(I, { 1: { score: 13, note: note as string } }),
    total: { weight: 100, score: 98 },
  });

ruleTester('deduction-without-reason', {
  valid: [
    { name: 'full marks need no reason', sheet: shanghaiSheet() },
    { name: 'a deduction with its reason', sheet: deducted('宣传品印制延期') },
  ],
  invalid: [
    {
      name: 'a deduction with blank remarks',
      sheet: deducted(undefined),
      findings: [{ cells: ['G15', 'F15'], zh: '宣传品制作', en: 'scores 13 of 15' }],
    },
    { name: '无 is no reason', sheet: deducted('无'), findings: [{ cells: ['G15', 'F15'] }] },
    { name: 'a dash is no reason', sheet: deducted(' — '), findings: [{ cells: ['G15', 'F15'] }] },
  ],
});
