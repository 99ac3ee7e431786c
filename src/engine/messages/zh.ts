import { Texts } from './catalog';

const terms: Texts['terms'] = {
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
  improvements: '改进措施',
};

const direction = { left: '向左', right: '向右', mixed: '' };

const MISSING_ZH = {
  category: '“一级指标”列',
  score: '“得分/自评分”列',
  name: '“三级指标/指标名称”或“分值/权重”列',
};

export const zh: Texts = {
  terms,
  'misaligned-row': (p) =>
    `第 ${p.row} 行的数值没有对齐表头（${p.cells}，${p.direction === 'mixed' ? '多处错位' : `${direction[p.direction]}偏移了 ${p.by} 列`}）：${p.moves.join('、')}。已按正确的列读取，修复会把数值移到对应的列。`,
  'not-a-number': (p) => `${terms[p.what]}应为数字，${p.cell} 中却是“${p.text}”`,
  'cell-error': (p) => `${terms[p.what]}（${p.cell}）是错误值 ${p.code}，请检查公式或引用`,
  'form-not-filled': (p) =>
    p.indicators === '0'
      ? `自评表尚未填写：没有任何指标和自评分（${p.cell}）`
      : `自评表尚未填写自评分：${p.indicators} 项指标都没有得分（${p.cell}），无法计算总分和等级`,
  'block-score-exceeds-points': (p) =>
    `“${p.block}”各项得分之和 ${p.score} 超过该部分的 ${p.points} 分（${p.cell}）`,
  'declared-points-mismatch': (p) =>
    `“${p.label}”标明 ${p.declared} 分，但其中各项分值之和为 ${p.sum}（${p.cell}）`,
  'missing-score': (p) => `指标“${p.name}”有权重 ${p.weight}，但没有自评分（${p.cell}）`,
  'score-exceeds-weight': (p) => `自评分 ${p.score} 超过权重 ${p.weight}（${p.cell}，指标“${p.name}”）`,
  'negative-value': (p) => `${terms[p.what]} ${p.value} 是负数（${p.cell}）`,
  'category-weight-mismatch': (p) =>
    `${p.category}各项权重之和为 ${p.sum}，与标明的 ${p.declared} 分不符（${p.cell}）`,
  'weights-not-100': (p) => `全部权重之和为 ${p.sum}，应为 100（${p.cell}）`,
  'total-weight-mismatch': (p) => `合计权重 ${p.stated} 与各项权重之和 ${p.computed} 不符（${p.cell}）`,
  'total-score-mismatch': (p) =>
    `合计自评分 ${p.stated} 与各项得分之和 ${p.computed} 不符（${p.cell}）${p.grade ? `；绩效等级随之应为“${p.grade}”` : ''}`,
  'execution-rate-mismatch': (p) =>
    `预算执行率 ${p.stated}% 与 预算执行数 ${p.executed} ÷ 预算数 ${p.budget} = ${p.computed}% 不符（${p.cell}）`,
  'grade-mismatch': (p) =>
    `绩效等级“${p.stated}”与总分 ${p.total} 所在的等级“${p.computed}”不符（${p.cell}）`,
  'execution-score-mismatch': (p) =>
    `预算执行得分 ${p.stated} 应为 执行率 ${p.rate}% × ${p.points} 分 = ${p.computed}（${p.cell}）`,
  'execution-exceeds-budget': (p) => `预算执行数 ${p.executed} 超过了预算数 ${p.budget}（${p.cell}）`,
  'deduction-without-reason': (p) =>
    `指标“${p.name}”自评分 ${p.score} 低于权重 ${p.weight}，但备注（${p.cell}）中没有说明扣分原因`,
  'missing-field': (p) => `“${terms[p.what]}”未填写（${p.cell}）`,
  'low-execution-unexplained': (p) =>
    `预算执行率 ${p.rate}% 低于 90%，但“主要问题”中没有说明原因（${p.cell}）`,
  'score-inconsistent-with-actual': (p) =>
    `指标“${p.name}”目标 ${p.target}、实际完成 ${p.actual}，按标准评分规则应得 ${p.expected} 分，自评分却是 ${p.score}（${p.cell}）`,
  'nonstandard-symbol': (p) =>
    `目标值“${p.text}”中的“${p.found}”不是标准符号，应写作“${p.standard}”（${p.cell}）`,
  'markup-in-cell': (p) => `${p.cell} 含有网页标记（${p.preview}），修复会改为纯文本`,
  'no-form-found': (p) =>
    `没有找到绩效自评表（查看了：${p.sheets}）。自评表需要有“一级指标”“权重/分值”“自评分/得分”这一行表头。`,
  'form-not-recognised': (p) =>
    `“${p.sheet}”第 ${p.row} 行像是指标表的表头（找到：${p.found}），但缺少${p.missing.map((m) => MISSING_ZH[m]).join('、') || '可以识别的列'}，所以没有读出自评表。若这是自评表，请把表头改为标准写法，或把这张表发给我们以便支持`,
  unreadable: (p) => `无法读取文件：${p.reason}`,
  'sheet-reason': (p) => `工作表“${p.sheet}”：${p.reason}`,
  'sheet-unreadable': (p) => `工作表“${p.sheet}”无法读取（${p.reason}），其他工作表照常检查`,
};
