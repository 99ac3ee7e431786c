import { EN_TERMS, ZH_TERMS, cap } from '../messages';
import { Term } from '../messages/catalog';
import { FieldKey } from '../layout/vocabulary';
import { at } from './helpers';
import { defineRule, RuleDraft } from './types';

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
    const out: Array<RuleDraft<Params>> = [];
    for (let k = 0; k < REQUIRED.length; k++) {
      const key = REQUIRED[k];
      const field = fields[key];
      if (!field || field.text !== '') continue;
      // figures the engine derives and writes itself are not the clerk's to fill in
      if (key === 'executionRate' && figures.rate.computed) continue;
      if (key === 'grade' && figures.grade.computed) continue;
      const cell = at(field);
      out.push({ cells: [cell], params: { what: key, cell } });
    }
    return out;
  },
  fixable: false,
  messages: {
    zh: (p: Params) => `“${ZH_TERMS[p.what]}”未填写（${p.cell}）`,
    en: (p: Params) => `"${cap(EN_TERMS[p.what])}" is blank (${p.cell})`,
  },
});
