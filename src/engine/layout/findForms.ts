import { dec } from '../compute/decimal';
import Decimal from 'decimal.js';
import { Grid, valueText } from '../grid';
import { displayNumber } from '../read/number';
import { labelKey, stripMarkup } from '../read/text';
import {
  CategoryLayout,
  ExecutionLayout,
  Family,
  FieldSlot,
  FormLayout,
  IndicatorLayout,
  Move,
  RowLayout,
  Slot,
} from './model';
import { realignRow, tableFrame } from './realign';
import {
  CATEGORY_LIKE,
  DECLARED_POINTS,
  FieldKey,
  FUNDS,
  fieldKeyOf,
  GOAL_EXPECTED,
  NOTE_START,
  Role,
  roleOf,
  TITLE,
  TOTAL_LABEL,
} from './vocabulary';

/** Longest text a label, title or note start is recognised in: long cells are read by their start. */
const KEY_CHARS = 80;

/** Text of a cell as a label key (its start, for long text); '' for empty cells and non-text. */
function keyAt(grid: Grid, row: number, col: number): string {
  const v = grid.value(row, col);
  if (typeof v !== 'string') return '';
  return labelKey(v.length > KEY_CHARS ? v.slice(0, KEY_CHARS) : v);
}

/** Labels are short: a long text or a number is never one. */
function mayBeLabel(grid: Grid, row: number, col: number): boolean {
  const v = grid.value(row, col);
  return typeof v === 'string' && v.length <= 30;
}

function textAt(grid: Grid, row: number, col: number): string {
  const cell = grid.cell(row, col);
  const v = cell?.value ?? null;
  if (v === null) return '';
  if (typeof v === 'object') return v.error;
  if (typeof v === 'number') return cell?.text ?? displayNumber(v, cell?.format);
  return String(v);
}

function slot(grid: Grid, row: number, col: number): Slot {
  const cell = grid.cell(row, col);
  return cell && !(cell.value === null || (typeof cell.value === 'string' && cell.value.trim() === ''))
    ? { row, col, cell }
    : { row, col };
}

interface TableHeader {
  readonly row: number;
  readonly left: number;
  readonly right: number;
  readonly columns: Partial<Record<Role, number>>;
}

/** A row that heads an indicator table: it names the category, weight and score columns. */
function tableHeaderAt(grid: Grid, row: number): TableHeader[] {
  const found: TableHeader[] = [];
  let columns: Partial<Record<Role, number>> = {};
  let left = 0;
  let right = 0;
  const flush = () => {
    if (columns.category !== undefined && columns.weight !== undefined && columns.score !== undefined) {
      found.push({ row, left, right, columns });
    }
    columns = {};
    left = 0;
  };
  for (let c = 1; c <= grid.colCount; c++) {
    const k = keyAt(grid, row, c);
    if (!k) continue;
    const role = roleOf(k);
    if (!role) continue;
    // a second 一级指标 on the same row starts a form side by side with the first
    if (role === 'category' && columns.category !== undefined) flush();
    if (role === 'lead' && columns.category !== undefined) flush();
    if (columns[role] !== undefined) continue;
    columns[role] = c;
    if (!left) left = c;
    right = grid.spanRight(row, c);
  }
  flush();
  return found;
}

function parseCategory(text: string): { name: string; declared?: Decimal } {
  const plain = stripMarkup(text).trim();
  const m = DECLARED_POINTS.exec(plain);
  if (m && m.index > 0) {
    return { name: plain.slice(0, m.index).trim(), declared: dec(m[1]) };
  }
  return { name: plain };
}

function applyMoves(grid: Grid, row: number, columns: Partial<Record<Role, number>>, moves: readonly Move[]) {
  const slots: Partial<Record<Role, Slot>> = {};
  if (moves.length === 0) {
    for (const role in columns) slots[role as Role] = slot(grid, row, columns[role as Role] as number);
    return slots;
  }
  const source = new Map<number, number>();
  for (const m of moves) source.set(m.to, m.from);
  const moved = new Set(moves.map((m) => m.from));
  for (const role of Object.keys(columns) as Role[]) {
    const col = columns[role] as number;
    const from = source.get(col) ?? (moved.has(col) ? undefined : col);
    if (from === undefined) {
      slots[role] = { row, col };
    } else {
      const s = slot(grid, row, from);
      slots[role] = s.cell ? { row, col, cell: s.cell } : { row, col };
    }
  }
  return slots;
}

function rowIsBlank(grid: Grid, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) if (!grid.isEmpty(row, c)) return false;
  return true;
}

/** The first non-empty label key in the row between two columns. */
function firstKey(
  grid: Grid,
  row: number,
  left: number,
  right: number,
): { key: string; col: number } | undefined {
  for (let c = left; c <= right; c++) {
    if (!grid.isEmpty(row, c)) return { key: keyAt(grid, row, c), col: c };
  }
  return undefined;
}

/** A note row: it starts with 说明 / 注, or states grade bands (`90（含）-100分为优秀`). */
function isNoteText(key: string, text: string): boolean {
  return NOTE_START.test(key) || /分为|分以上|[(（]含[)）]/.test(text);
}

function isFormStart(grid: Grid, row: number, left: number, right: number): boolean {
  return startsForm(firstKey(grid, row, left, right)?.key);
}

/** A row whose first label is 项目名称 or a title starts the next form. */
function startsForm(k: string | undefined): boolean {
  if (!k) return false;
  if (fieldKeyOf(k) === 'projectName') return true;
  // a title is a short line; a note that mentions 绩效自评 is not one
  return TITLE.test(k) && k.length <= 40 && !NOTE_START.test(k) && !CATEGORY_LIKE.test(k);
}

interface Region {
  readonly top: number;
  readonly left: number;
  readonly right: number;
}

function findFields(grid: Grid, region: Region, bottom: number) {
  const fields: Partial<Record<FieldKey, FieldSlot>> = {};
  let firstRow = 0;
  for (let r = region.top; r <= bottom; r++) {
    for (let c = region.left; c <= region.right; c++) {
      if (!mayBeLabel(grid, r, c)) continue;
      const k = keyAt(grid, r, c);
      if (!k) continue;
      const key = fieldKeyOf(k);
      if (!key || fields[key]) continue;
      if (!firstRow) firstRow = r;
      const labelEnd = grid.spanRight(r, c);
      let valueCol = labelEnd + 1;
      let found: Slot | undefined;
      for (let vc = labelEnd + 1; vc <= region.right; vc++) {
        if (grid.isEmpty(r, vc)) continue;
        const m = grid.mergeAt(r, vc);
        if (m && (m.top !== r || m.left !== vc)) continue;
        const vk = keyAt(grid, r, vc);
        if (vk && fieldKeyOf(vk)) break;
        if (key === 'annualGoal' && GOAL_EXPECTED.test(vk)) {
          // national form: 预期目标 heads a column; the goal is below it
          valueCol = vc;
          if (!grid.isEmpty(r + 1, vc)) found = slot(grid, r + 1, vc);
          else found = { row: r + 1, col: vc };
          break;
        }
        found = slot(grid, r, vc);
        break;
      }
      const s: Slot = found ?? { row: r, col: valueCol };
      const text = s.cell ? stripMarkup(textAt(grid, s.row, s.col)).trim() : '';
      fields[key] = s.cell
        ? { row: s.row, col: s.col, cell: s.cell, label: { row: r, col: c }, text }
        : { row: s.row, col: s.col, label: { row: r, col: c }, text };
      c = labelEnd;
    }
  }
  return { fields, firstRow };
}

function findExecution(grid: Grid, region: Region, bottom: number): ExecutionLayout | undefined {
  for (let r = region.top; r <= bottom; r++) {
    const cols: Partial<Record<keyof typeof FUNDS, number>> = {};
    for (let c = region.left; c <= region.right; c++) {
      if (!mayBeLabel(grid, r, c)) continue;
      const k = keyAt(grid, r, c);
      // every funds header names 预算, 执行, 分值 or 得分
      if (!k || !/预算|执行|分值|得分/.test(k)) continue;
      for (const name of ['budget', 'executed', 'points', 'rate', 'score'] as const) {
        if (cols[name] === undefined && FUNDS[name].test(k)) cols[name] = c;
      }
    }
    if (cols.budget === undefined || cols.executed === undefined || cols.rate === undefined) continue;
    for (let rr = r + 1; rr <= Math.min(bottom, r + 6); rr++) {
      let isTotal = false;
      for (let c = region.left; c < cols.budget; c++)
        if (FUNDS.totalRow.test(keyAt(grid, rr, c))) isTotal = true;
      if (!isTotal) continue;
      const scoreCol = cols.score ?? cols.rate + 1;
      const reasons: Slot[] = [];
      for (let c = scoreCol + 1; c <= region.right; c++) reasons.push(slot(grid, rr, c));
      return {
        headerRow: r,
        budget: slot(grid, rr, cols.budget),
        executed: slot(grid, rr, cols.executed),
        points: slot(grid, rr, cols.points ?? cols.executed + 1),
        rate: slot(grid, rr, cols.rate),
        score: slot(grid, rr, scoreCol),
        reasons,
      };
    }
  }
  return undefined;
}

/**
 * Finds every form on a sheet by its labels: top to bottom, then left to right.
 */
export function findForms(grid: Grid): FormLayout[] {
  const headers: TableHeader[] = [];
  for (let r = 1; r <= grid.rowCount; r++) {
    // cheap pre-test: a header row has a cell reading 一级指标 (or 指标类别)
    let maybe = false;
    for (let c = 1; c <= grid.colCount && !maybe; c++) {
      const v = grid.value(r, c);
      if (typeof v === 'string' && v.length < 40 && v.includes('指标') && /一级|类别|类型/.test(v))
        maybe = true;
    }
    if (maybe) headers.push(...tableHeaderAt(grid, r));
  }
  const forms: FormLayout[] = [];
  // lowest row used so far by a form in each column: the next form's header block starts below it
  const usedTo = new Array<number>(grid.colCount + 2).fill(0);
  headers.sort((a, b) => a.row - b.row || a.left - b.left);
  headers.forEach((h, i) => {
    // the next table below that shares columns: usually the very next header
    let nextBelow: TableHeader | undefined;
    for (let j = i + 1; j < headers.length && !nextBelow; j++) {
      const o = headers[j];
      if (o.row > h.row && o.left <= h.right && o.right >= h.left) nextBelow = o;
    }
    const limit = nextBelow ? nextBelow.row - 1 : grid.rowCount;
    forms.push(readForm(grid, h, usedTo, limit));
    const f = forms[forms.length - 1];
    for (let c = f.left; c <= f.right; c++) usedTo[c] = Math.max(usedTo[c], f.bottom);
  });
  return forms.sort((a, b) => a.top - b.top || a.left - b.left);
}

function readForm(grid: Grid, h: TableHeader, usedTo: number[], limit: number): FormLayout {
  const { columns } = h;
  const left = h.left;
  const right = h.right;
  let above = 0;
  for (let c = left; c <= right; c++) above = Math.max(above, usedTo[c] ?? 0);
  const region: Region = { top: above + 1, left, right };

  // --- the indicator table
  const categories: CategoryLayout[] = [];
  const indicators: IndicatorLayout[] = [];
  let total: RowLayout | undefined;
  let lastRow = h.row;
  let secondary: string | undefined;
  const catCol = columns.category as number;
  const frame = tableFrame(columns, left, right);
  for (let r = h.row + 1; r <= limit; r++) {
    if (rowIsBlank(grid, r, left, right + 2)) continue;
    const first = firstKey(grid, r, left, right);
    if (first && TOTAL_LABEL.test(first.key) && first.col <= (columns.name ?? catCol + 1)) {
      const moves = realignRow(grid, r, frame, true);
      total = {
        row: r,
        slots: applyMoves(grid, r, { weight: columns.weight, score: columns.score }, moves),
        moves,
      };
      lastRow = r;
      break;
    }
    if (first && first.col === left && isNoteText(first.key, textAt(grid, r, first.col))) break;
    if (startsForm(first?.key)) break;
    const moves = realignRow(grid, r, frame, false);
    const slots = applyMoves(grid, r, columns, moves);
    lastRow = r;
    const catText = slots.category ? cellText(slots.category) : '';
    if (labelKey(catText)) {
      const parsed = parseCategory(catText);
      const current = categories[categories.length - 1];
      if (!current || labelKey(current.name) !== labelKey(parsed.name)) {
        categories.push({ name: parsed.name, row: r, col: catCol, declared: parsed.declared });
        secondary = undefined;
      }
    }
    const sec = slots.secondary ? stripMarkup(cellText(slots.secondary)).trim() : '';
    if (sec) secondary = sec;
    const name = slots.name?.cell ? stripMarkup(cellText(slots.name)).trim() : '';
    const hasNumbers = !!(slots.weight?.cell || slots.score?.cell);
    if (!name && !hasNumbers) continue;
    if (categories.length === 0) categories.push({ name: '', row: r, col: catCol });
    indicators.push({ row: r, slots, moves, category: categories.length - 1, secondary, name });
  }

  // --- the note below the table (grade bands)
  let note: (Slot & { text: string }) | undefined;
  let bottom = lastRow;
  for (let rr = lastRow + 1; rr <= Math.min(limit, lastRow + 4); rr++) {
    if (isFormStart(grid, rr, left, right)) break;
    const first = firstKey(grid, rr, left, right);
    if (!first) continue;
    // a field line below the table (自评等级) may stand between the table and its note
    if (fieldKeyOf(first.key)) continue;
    const text = textAt(grid, rr, first.col);
    if (isNoteText(first.key, text)) {
      note = { ...slot(grid, rr, first.col), text: stripMarkup(text) };
      bottom = rr;
    }
    break;
  }

  // --- the header block above the table
  const { fields, firstRow } = findFields(grid, region, h.row - 1);
  const execution = findExecution(grid, region, h.row - 1);
  if (execution) {
    // national layout: the funds block holds the budget, the amount executed and the rate
    const fromFunds: Array<[FieldKey, Slot]> = [
      ['budgetAmount', execution.budget],
      ['executedAmount', execution.executed],
      ['executionRate', execution.rate],
    ];
    for (const [key, s] of fromFunds) {
      if (fields[key]) continue;
      fields[key] = {
        ...s,
        label: { row: execution.headerRow, col: s.col },
        text: s.cell ? textAt(grid, s.row, s.col) : '',
      };
    }
  }
  // fields below the table (the national form's 自评等级, a 自评时间 line)
  let belowEnd = bottom;
  for (let rr = lastRow + 1; rr <= Math.min(limit, lastRow + 6); rr++) {
    if (isFormStart(grid, rr, left, right)) break;
    belowEnd = rr;
  }
  if (belowEnd > lastRow) {
    const below = findFields(grid, { top: lastRow + 1, left, right }, belowEnd);
    for (const key of Object.keys(below.fields) as FieldKey[]) {
      const s = below.fields[key];
      if (fields[key] || !s) continue;
      fields[key] = s;
      bottom = Math.max(bottom, s.row);
    }
  }
  let top = firstRow || h.row;
  let title: (Slot & { text: string }) | undefined;
  for (let rr = region.top; rr < (firstRow || h.row); rr++) {
    const first = firstKey(grid, rr, left, right);
    if (!first) continue;
    if (TITLE.test(first.key)) {
      title = { ...slot(grid, rr, first.col), text: stripMarkup(textAt(grid, rr, first.col)).trim() };
      top = rr;
      break;
    }
  }
  let family: Family = 'shanghai';
  if (
    execution ||
    columns.actual !== undefined ||
    columns.secondary !== undefined ||
    (title && /项目支出绩效自评表/.test(labelKey(title.text)))
  ) {
    family = 'national';
  }
  return {
    family,
    top,
    left,
    bottom,
    right,
    title,
    fields,
    headerRow: h.row,
    columns,
    categories,
    indicators,
    total,
    note,
    execution,
  };
}

function cellText(s: Slot): string {
  return valueText(s.cell?.value);
}
