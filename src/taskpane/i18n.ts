import type { Lang } from '../engine';

export const UI = {
  zh: {
    title: '绩效自评',
    run: '校验并评分',
    fixAll: '全部修复',
    revert: '撤销本次修改',
    clear: '清除标注',
    fix: '修复',
    busy: '正在处理…',
    project: '项目',
    noProject: '（未填项目名称）',
    total: '总分',
    stated: '表中',
    computed: '重算',
    grade: '绩效等级',
    rate: '预算执行率',
    executionScore: '预算执行得分',
    findings: '问题',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    formPicker: '本表中的自评表',
    noFindings: '未发现问题。',
    noFormTitle: '本工作表中没有找到绩效自评表',
    noFormBody:
      '自评表需要有一行表头，写明“一级指标”“权重”（或“分值”）和“自评分”（或“得分”）。可以插入一张空白的标准模板：',
    insertFamily: (label: string) => `插入${label}`,
    cell: '单元格',
    done: (written: number, marked: number) =>
      `已完成：写入 ${written} 个单元格，标注 ${marked} 个有问题的单元格。`,
    fixed: (n: number, skipped: string[], form: string) =>
      `已修复 ${n} 个单元格（${form}）${skipped.length ? `；${skipped.join('、')} 是公式，未改动` : ''}。`,
    current: (time: string) => `问题列表与工作表一致（${time} 检查）`,
    stale: '工作表已修改，正在重新检查…',
    listState: '问题列表状态',
    paneOnlyTitle: '以下说明未能写入备注（单元格有批注，或此版本 Excel 不支持备注）：',
    sheetTitle: '工作表',
    nameBox: '名称框',
    ribbon: '功能区',
    openWorkbook: '打开工作簿…',
    openWorkbookLabel: '打开工作簿',
    insertTemplate: '插入空白模板',
    paneWidth: '任务窗格宽度（方向键调整）',
    reverted: '已撤销上一次修改。',
    cleared: (n: number) => (n ? `已清除 ${n} 个单元格的标注，恢复原样。` : '没有需要清除的标注。'),
    inserted: (name: string) => `已插入空白模板：${name}`,
    errorsByCode: {
      protected: (sheet: string) => `工作表“${sheet}”受保护，未做任何修改。请先撤销工作表保护。`,
      unsupported: () =>
        '此版本的 Excel 不支持本加载项所需的功能（ExcelApi 1.13）。请使用 Microsoft 365 或网页版 Excel。',
      'nothing-to-undo': () => '没有可以撤销的修改。',
      formula: (m: string) => `未修改：${m}`,
      'no-sheet': () => '找不到工作表。',
      editing: () => '单元格正在编辑中。请先按 Enter 或 Esc 结束编辑，再试一次。',
      'sheet-changed': (cells: string) =>
        `未撤销：上次修改写入的单元格（${cells}）此后又被改动，撤销会覆盖这些改动。请手动恢复这些单元格。`,
      'too-large': (range: string) =>
        `工作表的已用区域（${range}）太大，无法读取。请删除表格以外的多余内容后再试。`,
      other: (m: string) => `操作未完成：${m}`,
    },
  },
  en: {
    title: 'Self-Evaluation',
    run: 'Validate and grade',
    fixAll: 'Fix all',
    revert: 'Revert last run',
    clear: 'Clear highlights',
    fix: 'Fix',
    busy: 'Working…',
    project: 'Project',
    noProject: '(no project name)',
    total: 'Total score',
    stated: 'stated',
    computed: 'recomputed',
    grade: 'Grade',
    rate: 'Execution rate',
    executionScore: 'Execution score',
    findings: 'Findings',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Info',
    formPicker: 'Forms on this sheet',
    noFindings: 'No findings.',
    noFormTitle: 'No self-evaluation form on this sheet',
    noFormBody:
      'A form needs a header row naming 一级指标, 权重 (or 分值) and 自评分 (or 得分). You can insert a blank standard template:',
    insertFamily: (label: string) => `Insert the ${label}`,
    cell: 'Cell',
    done: (written: number, marked: number) =>
      `Done: ${written} cell(s) written, ${marked} cell(s) marked with a finding.`,
    fixed: (n: number, skipped: string[], form: string) =>
      `Fixed ${n} cell(s) in form ${form}${skipped.length ? `; ${skipped.join(', ')} hold formulas and were left alone` : ''}.`,
    current: (time: string) => `The list matches the sheet (checked ${time})`,
    stale: 'The sheet changed; checking again…',
    listState: 'State of the list',
    paneOnlyTitle:
      'Messages that could not go into notes (the cell holds a comment, or this Excel has no notes):',
    sheetTitle: 'Sheets',
    nameBox: 'Name box',
    ribbon: 'Ribbon',
    openWorkbook: 'Open a workbook…',
    openWorkbookLabel: 'Open a workbook',
    insertTemplate: 'Insert blank template',
    paneWidth: 'Task pane width (arrow keys)',
    reverted: 'The last change was reverted.',
    cleared: (n: number) => (n ? `Highlights cleared from ${n} cell(s).` : 'Nothing to clear.'),
    inserted: (name: string) => `Blank template inserted: ${name}`,
    errorsByCode: {
      protected: (sheet: string) => `Sheet "${sheet}" is protected; nothing was changed. Unprotect it first.`,
      unsupported: () =>
        'This version of Excel lacks what the add-in needs (ExcelApi 1.13). Use Microsoft 365 or Excel on the web.',
      'nothing-to-undo': () => 'There is nothing to revert.',
      formula: (m: string) => `Not changed: ${m}`,
      'no-sheet': () => 'The sheet was not found.',
      editing: () => 'A cell is being edited. Press Enter or Esc to finish, then try again.',
      'sheet-changed': (cells: string) =>
        `Not reverted: cells the last change wrote (${cells}) were changed since, and reverting would overwrite them. Restore them by hand.`,
      'too-large': (range: string) =>
        `The sheet's used range (${range}) is too large to read. Delete stray content outside the form and try again.`,
      other: (m: string) => `Not done: ${m}`,
    },
  },
} as const;

export type Texts = (typeof UI)[Lang];

/** Chinese when Office (or the browser) speaks Chinese, English otherwise. */
export function langOf(displayLanguage: string | undefined): Lang {
  return (displayLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
