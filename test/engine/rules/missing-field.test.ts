import { SHANGHAI_INDICATORS as I, nationalSheet, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

ruleTester('missing-field', {
  valid: [
    { name: 'every field filled', sheet: shanghaiSheet() },
    {
      name: '上年预算金额 may be blank for a new project',
      sheet: shanghaiSheet({ fields: { previousBudget: undefined } }),
    },
    {
      name: 'a blank rate the engine computes',
      sheet: shanghaiSheet({ fields: { executionRate: undefined } }),
    },
    {
      name: 'a blank form is not wrong',
      sheet: shanghaiSheet({
        fields: { projectName: '', budgetUnit: '', problems: '' },
        indicators: I.map((i) => ({ ...i, weight: undefined, score: undefined })),
        total: { weight: undefined, score: undefined },
      }),
    },
    { name: 'national form filled', sheet: nationalSheet() },
  ],
  invalid: [
    {
      name: 'seed form 2: 具体实施处（科室） blank',
      sheet: shanghaiSheet({ fields: { implementingUnit: undefined } }),
      findings: [
        { cells: ['B4'], zh: '“具体实施处(科室)”未填写（B4）', en: '"Implementing office" is blank (B4)' },
      ],
    },
    {
      name: 'project name and evaluation date blank',
      sheet: shanghaiSheet({ fields: { projectName: ' ', evaluationDate: undefined } }),
      findings: [{ cells: ['B3'] }, { cells: ['B8'] }],
    },
    {
      name: 'national: 实施单位 blank',
      sheet: nationalSheet({ fields: { implementingUnit: undefined } }),
      findings: [{ cells: ['F4'] }],
    },
  ],
});
