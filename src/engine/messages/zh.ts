import { Texts } from './catalog';

export const ZH_TERMS: Texts['terms'] = {
  weight: '权重',
  score: '自评分',
  totalWeight: '合计权重',
  totalScore: '合计自评分',
  budgetAmount: '当年预算数',
  executedAmount: '预算执行数',
  executionRate: '预算执行率',
  executionScore: '预算执行得分',
  executionPoints: '预算执行分值',
  previousBudget: '上年预算金额',
  grade: '绩效等级',
  target: '目标值',
  projectName: '项目名称',
  budgetUnit: '预算单位',
  implementingUnit: '具体实施处(科室)',
  recurring: '是否为经常性项目',
  annualGoal: '项目年度总目标',
  evaluationDate: '自评时间',
  achievements: '主要绩效',
  problems: '主要问题',
  deviationReasons: '偏差大或目标未完成原因分析',
  improvements: '改进措施',
};

const MISSING_ZH = {
  category: '“一级指标”列',
  score: '“得分/自评分”列',
  name: '“三级指标/指标名称”或“分值/权重”列',
};

export const zh: Texts = {
  terms: ZH_TERMS,
  'no-form-found': (p) =>
    `没有找到绩效自评表（查看了：${p.sheets}）。自评表需要有“一级指标”“权重/分值”“自评分/得分”这一行表头。`,
  'form-not-recognised': (p) =>
    `“${p.sheet}”第 ${p.row} 行像是指标表的表头（找到：${p.found}），但缺少${p.missing.map((m) => MISSING_ZH[m]).join('、') || '可以识别的列'}，所以没有读出自评表。若这是自评表，请把表头改为标准写法，或把这张表发给我们以便支持`,
  unreadable: (p) => `无法读取文件：${p.reason}`,
  'sheet-reason': (p) => `工作表“${p.sheet}”：${p.reason}`,
  'sheet-unreadable': (p) => `工作表“${p.sheet}”无法读取（${p.reason}），其他工作表照常检查`,
};
