/**
 * The national 项目支出绩效自评表 (财预〔2020〕10号) and the provincial forms built on it: a budget
 * block scored rate × points (10 unless the form says otherwise), 一级 / 二级 / 三级指标 with
 * 年度指标值 and 实际完成值, bands 优 / 良 / 中 / 差.
 */
import { dec } from '../compute/decimal';
import { nationalTemplate } from '../templates';
import { band } from './bands';
import { FamilyModule } from './types';

/** 优 / 良 / 中 / 差 at 90 / 80 / 60: the national form's, and the provincial forms' built on it. */
export const NATIONAL_BANDS = [
  band('优', 90, 100),
  band('良', 80, 90),
  band('中', 60, 80),
  band('差', 0, 60),
];
const bands = NATIONAL_BANDS;

export const national: FamilyModule<'national'> = {
  id: 'national',
  label: { zh: '项目支出绩效自评表（财预〔2020〕10号）', en: 'national form (财预〔2020〕10号)' },
  matches: (f) => f.budgetBlock || f.actualColumn || f.secondaryColumn || /项目支出绩效自评表/.test(f.title),
  bands,
  executionPoints: dec(10),
  template: () => nationalTemplate(bands),
};
