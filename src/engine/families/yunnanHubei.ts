/**
 * The 项目支出绩效自评表 that units of Yunnan and Hubei publish: budget execution worth 20 points
 * (`预算执行情况（万元）（20分）`, 预算数（A） / 执行数（B） / 执行率（B/A） / 得分（20分*执行率）),
 * no weight column — the indicators' points are declared by their blocks (`年度绩效目标1（80分）`)
 * — a 总分 row, then 偏差大或目标未完成原因分析 and 改进措施及结果应用方案; bands 优 / 良 / 中 / 差.
 */
import { dec } from '../compute/decimal';
import { yunnanHubeiTemplate } from '../templates';
import { NATIONAL_BANDS } from './national';
import { FamilyModule } from './types';

/** The national form's bands: its notes state the same 90 / 80 / 60. */
const bands = NATIONAL_BANDS;

const EXECUTION_POINTS = dec(20);

export const yunnanHubei: FamilyModule<'yunnan-hubei'> = {
  id: 'yunnan-hubei',
  label: {
    zh: '项目支出绩效自评表（云南、湖北）',
    en: 'Yunnan / Hubei form (execution 20 points)',
  },
  // a budget block declaring 20 points, and indicator blocks declaring theirs instead of weights
  matches: (f) =>
    f.budgetBlock && !f.weightColumn && f.blockPoints && !!f.executionPointsDeclared?.eq(EXECUTION_POINTS),
  bands,
  executionPoints: EXECUTION_POINTS,
  template: () => yunnanHubeiTemplate(bands),
};
