import { EN_TERMS, ZH_TERMS, cap } from '../messages';
import { Term } from '../messages/catalog';
import { FieldKey } from '../layout/vocabulary';
import { at } from './helpers';
import { defineRule } from './types';

/** Fields a clerk must fill in; 上年预算金额 may be blank for a new project. */
const REQUIRED: readonly FieldKey[] = [
  'projectName',
  'budgetUnit',
  'implementingUnit',
  'recurring',
  'budgetAmount',
  'executedAmount',
  'executionRate',
  'annualGoal',
  'evaluationDate',
  'grade',
  'achievements',
  'problems',
  'improvements',
];

/** What a finding of this rule says. */
interface Params {
  what: Term;
  cell: string;
}

export const missingField = defineRule({
  id: 'missing-field',
  severity: 'warning',
  description: 'A header field that the form requires is blank.',
  check({ figures }) {
    if (figures.blank) return [];
    const fields = figures.layout.fields;
    return REQUIRED.flatMap((key) => {
      const field = fields[key];
      if (!field || field.text !== '') return [];
      // figures the engine derives and writes itself are not the clerk's to fill in
      if (key === 'executionRate' && figures.rate.computed) return [];
      if (key === 'grade' && figures.grade.computed) return [];
      const cell = at(field);
      return [{ cells: [cell], params: { what: key, cell } }];
    });
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `“${ZH_TERMS[p.what]}”未填写（${p.cell}）`,
    en: (p: Params) => `"${cap(EN_TERMS[p.what])}" is blank (${p.cell})`,
  },
});
