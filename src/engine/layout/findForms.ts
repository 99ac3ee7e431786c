import { dec } from '../compute/decimal';
import Decimal from 'decimal.js';
import { Cell, Grid, isBlankText, isBlankValue, valueText } from '../grid';
import { displayNumber } from '../read/number';
import { Label, parseLabel } from '../read/label';
import { remembered } from '../read/memo';
import { isVacuous, stripMarkup } from '../read/text';
import {
  BlockLayout,
  CategoryLayout,
  ExecutionLayout,
  Family,
  FieldSlot,
  FormLayout,
  IndicatorLayout,
  Move,
  Pos,
  RowLayout,
  Slot,
} from './model';
import { realignRow, TableFrame, tableFrame } from './realign';
import { familyOf } from '../families';
import {
  CATEGORY_LIKE,
  CATEGORY_MARK,
  declaredPoints,
  FieldKey,
  FUNDS,
  fieldKeyOf,
  GOAL_EXPECTED,
  NOTE_START,
  Role,
  setByRole,
  roleOf,
  isTitle,
  TEXT_ROW_BELOW,
  TOTAL_LABEL,
} from './vocabulary';

/** Longest text a label, title or note start is recognised in: long cells are read by their start. */
const KEY_CHARS = 80;

const NO_LABEL: Label = { key: '' };

/** A cell's text as a label (its start, for long text); an empty key for empty cells and non-text. */
function labelAt(grid: Grid, row: number, col: number): Label {
  const v = grid.value(row, col);
  if (typeof v !== 'string') return NO_LABEL;
  return parseLabel(v.length > KEY_CHARS ? v.slice(0, KEY_CHARS) : v);
}

/** A cell's label key: annotations such as `（A）` or `（10分）` removed. */
function keyAt(grid: Grid, row: number, col: number): string {
  return labelAt(grid, row, col).key;
}

/**
 * The label a header cell shows, read through merges: a label merged down over several header
 * rows is seen on each of them; the later columns of a label merged across are not its own.
 */
function headerLabelAt(grid: Grid, row: number, col: number): Label {
  const m = grid.mergeAt(row, col);
  if (!m || (m.top === row && m.left === col)) return labelAt(grid, row, col);
  if (m.left !== col) return NO_LABEL;
  return labelAt(grid, m.top, m.left);
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
  return slotOf(row, col, grid.cell(row, col));
}

/** The slot at (row, col) holding `cell`, which counts only when it is not blank. */
function slotOf(row: number, col: number, cell: Slot['cell'] | undefined): Slot {
  return cell && !(cell.value === null || (typeof cell.value === 'string' && isBlankText(cell.value)))
    ? { row, col, cell }
    : { row, col };
}

/** A slot with its text, as `{ ...s, text }` would build it (spreads are slow). */
function slotWith(s: Slot, text: string): Slot & { text: string } {
  return s.cell ? { row: s.row, col: s.col, cell: s.cell, text } : { row: s.row, col: s.col, text };
}

/** A field: a slot with its label cell and text, as `{ ...s, label, text }` would build it. */
function fieldWith(s: Slot, text: string, label: Pos): FieldSlot {
  return s.cell
    ? { row: s.row, col: s.col, cell: s.cell, label, text }
    : { row: s.row, col: s.col, label, text };
}

interface TableHeader {
  readonly row: number;
  readonly left: number;
  readonly right: number;
  readonly columns: Partial<Record<Role, number>>;
  /** Points the side label declares (`绩效指标（90分）`, `年度绩效目标1（40分）`), with its label. */
  readonly lead?: { readonly row: number; readonly col: number; readonly label: Label };
}

/**
 * A row that heads an indicator table: it names the category and score columns (and the weight
 * column, where the form has one). Header bands over two or three rows are read as a whole: a
 * label merged down from a row above counts on this row, and the sub-labels of this row
 * (`指标性质 | 指标值 | 度量单位` under `年度指标值`) are the columns' roles.
 */
function tableHeaderAt(grid: Grid, row: number): TableHeader[] {
  const found: TableHeader[] = [];
  let columns: Partial<Record<Role, number>> = {};
  let lead: TableHeader['lead'];
  let left = 0;
  let right = 0;
  // an indexed loop, and no closure for the header found so far (its variables would live in a
  // context: every read and write of them slower, and more code when compiled)
  const cols = grid.columnsIn(row);
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k];
    const label = headerLabelAt(grid, row, c);
    if (!label.key) continue;
    const role = roleOf(label.key);
    if (!role) continue;
    // a second 一级指标 on the same row starts a form side by side with the first
    if ((role === 'category' || role === 'lead') && columns.category !== undefined) {
      addHeader(found, grid, { row, left, right, columns, lead });
      columns = {};
      lead = undefined;
      left = 0;
    }
    if (columns[role] !== undefined) continue;
    columns[role] = c;
    const m = grid.mergeAt(row, c);
    if (role === 'lead') lead = { row: m ? m.top : row, col: c, label };
    if (!left) left = c;
    right = m ? m.right : grid.spanRight(row, c);
  }
  addHeader(found, grid, { row, left, right, columns, lead });
  return found;
}

/**
 * Adds `h` to the headers found when it heads a table: it names the category and score columns
 * and a name, secondary or weight column (the band's last row is the header: a category label
 * merged further down is read there).
 */
function addHeader(found: TableHeader[], grid: Grid, h: TableHeader): void {
  const { row, columns } = h;
  const cat = columns.category;
  if (cat === undefined || columns.score === undefined) return;
  if (columns.name === undefined && columns.secondary === undefined && columns.weight === undefined) return;
  const catMerge = grid.mergeAt(row, cat);
  if (catMerge && catMerge.bottom > row && catMerge.left === cat) return;
  found.push(h);
}

function parseCategory(text: string): { name: string; declared?: Decimal } {
  const plain = stripMarkup(text);
  const label = parseLabel(plain);
  // `产出指标（50分）`; a cell of points alone, `（50分）`, names no category
  if (label.points) return { name: label.key, declared: label.points };
  const m = declaredPoints(plain);
  if (m && m.index > 0) {
    return { name: plain.slice(0, m.index).trim(), declared: dec(m.points) };
  }
  return { name: plain };
}

/** The slots a row is read into: a header's columns, each with its role (a table's frame is one). */
interface RowShape {
  readonly columns: Partial<Record<Role, number>>;
  /**
   * The keys of `columns`, in order, and the column of each, read once per table (a look-up by a
   * key that varies takes V8's slowest path, once per role of every row).
   */
  readonly roles: readonly Role[];
  readonly cols: readonly number[];
}

/**
 * The slots of a row under a header's columns (`roleAt`: the role of each column), after
 * realignment's moves; `cells` are the row's cells (grid.rowCells).
 */
function applyMoves(
  grid: Grid,
  row: number,
  shape: RowShape,
  roleAt: ReadonlyArray<Role | undefined>,
  cells: ReadonlyArray<Cell | null | undefined>,
  moves: readonly Move[],
) {
  // each role's cell read from the row's cells, as slot() reads it
  const slots: Partial<Record<Role, Slot>> = {};
  const { roles, cols } = shape;
  for (let k = 0; k < roles.length; k++)
    setByRole(slots, roles[k], slotOf(row, cols[k], cells[cols[k]] ?? undefined));
  if (moves.length > 0) moveSlots(grid, row, shape.columns, roleAt, moves, slots);
  return slots;
}

/**
 * The slots of the columns a row's values move out of (empty, unless a value moves in) and into
 * (the cell of the last value moving there); the other slots stay as they are.
 */
function moveSlots(
  grid: Grid,
  row: number,
  columns: Partial<Record<Role, number>>,
  roleAt: ReadonlyArray<Role | undefined>,
  moves: readonly Move[],
  slots: Partial<Record<Role, Slot>>,
): void {
  for (let k = 0; k < moves.length; k++) {
    const m = moves[k];
    const out = roleAt[m.from];
    if (out !== undefined && columns[out] === m.from && !movesInto(moves, m.from))
      slots[out] = { row, col: m.from };
    const into = roleAt[m.to];
    if (into !== undefined && columns[into] === m.to) {
      const s = slot(grid, row, m.from);
      slots[into] = s.cell ? { row, col: m.to, cell: s.cell } : { row, col: m.to };
    }
  }
}

/** True when one of the moves puts a value into column `col`. */
function movesInto(moves: readonly Move[], col: number): boolean {
  for (let k = 0; k < moves.length; k++) if (moves[k].to === col) return true;
  return false;
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

/** A note's text states grade bands: `90（含）-100分为优秀`. */
const NOTE_TEXT = /分为|分以上|[(（]含[)）]/;

/** A note row: it starts with 说明 / 注, or states grade bands (`90（含）-100分为优秀`). */
function isNoteText(key: string, text: string): boolean {
  return NOTE_START.test(key) || NOTE_TEXT.test(text);
}

/** rowStartOf: the row is a total (合计, 总分 …). */
const ROW_TOTAL = 1;
/** rowStartOf: the row starts with 说明 / 注 (a note, when at the table's left edge). */
const ROW_NOTE = 2;
/** rowStartOf: the row starts the next form (startsForm). */
const ROW_START = 4;
/**
 * What a row's first label key says of the row, as ROW_TOTAL, ROW_NOTE and ROW_START bits:
 * rows repeat their first labels form after form, and each key's answer is remembered.
 */
const rowStartOf = remembered(
  (key: string): number =>
    (TOTAL_LABEL.test(key) ? ROW_TOTAL : 0) |
    (NOTE_START.test(key) ? ROW_NOTE : 0) |
    (startsForm(key) ? ROW_START : 0),
);

/** rowStartOf of a cell text's label key, remembered by text: one look-up per row. */
const rowStartOfText = remembered((text: string): number =>
  rowStartOf(parseLabel(text.length > KEY_CHARS ? text.slice(0, KEY_CHARS) : text).key),
);

function isFormStart(grid: Grid, row: number, left: number, right: number): boolean {
  return startsForm(firstKey(grid, row, left, right)?.key);
}

/** A row whose first label is 项目名称 or a title starts the next form. */
function startsForm(k: string | undefined): boolean {
  return !!k && formStarts(k);
}

/** What startsForm says of each key: rows repeat their first labels form after form. */
const formStarts = remembered(
  (k: string): boolean =>
    fieldKeyOf(k) === 'projectName' ||
    // a title is a short line; a note that mentions 绩效自评 is not one
    (k.length <= 40 && isTitle(k) && !NOTE_START.test(k) && !CATEGORY_LIKE.test(k)),
);

interface Region {
  readonly top: number;
  readonly left: number;
  readonly right: number;
}

/** The field a short text's label names (fieldKeyOf of its key), and the unit the label states. */
interface FieldLabel {
  readonly key: FieldKey;
  readonly unit: string | undefined;
}

/** The field a short text's label names, remembered by text: one look-up per cell. */
const fieldLabelOfText = remembered((text: string): FieldLabel | undefined => {
  const label = parseLabel(text);
  const key = label.key ? fieldKeyOf(label.key) : undefined;
  return key ? { key, unit: label.unit } : undefined;
});

function findFields(grid: Grid, region: Region, bottom: number, skipRow?: (row: number) => boolean) {
  const fields: Partial<Record<FieldKey, FieldSlot>> = {};
  let firstRow = 0;
  for (let r = region.top; r <= bottom; r++) {
    if (skipRow?.(r)) continue;
    const cells = grid.rowCells(r);
    if (!cells) continue;
    const last = Math.min(region.right, cells.length - 1);
    for (let c = region.left; c <= last; c++) {
      const v = cells[c]?.value;
      // labels are short: a long text or a number is never one
      if (typeof v !== 'string' || v.length > 30) continue;
      const named = fieldLabelOfText(v);
      if (!named || fields[named.key]) continue;
      const key = named.key;
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
      const text = s.cell ? stripMarkup(textAt(grid, s.row, s.col)) : '';
      const unit = named.unit;
      // built key by key, as the spread `{ ...s, label, text, ...unit }` would (spreads are slow)
      const field: { -readonly [K in keyof FieldSlot]: FieldSlot[K] } = {
        row: s.row,
        col: s.col,
      } as FieldSlot;
      if (s.cell) field.cell = s.cell;
      field.label = { row: r, col: c };
      field.text = text;
      if (unit) field.unit = unit;
      fields[key] = field;
      c = labelEnd;
    }
  }
  return { fields, firstRow };
}

/** Rows under a budget block's total row that break the total down: 其中：…, 上年结转资金, 其他资金. */
const FUNDS_PART =
  /^(其中|上年结转|其他资金|财政|单位资金|本年|当年|专户|自有|政府性基金|一般公共|社会|银行|中央|省级|市级|县级|区级|事业收入)/;

/** Points a label declares, from its start: `预算执行情况（万元）（20分）`. */
function declaredPointsAt(grid: Grid, row: number, col: number): Decimal | undefined {
  const v = grid.value(row, col);
  if (typeof v !== 'string' || v.length > 40) return undefined;
  return parseLabel(v).points;
}

/** The budget block's columns, in the order a header row is read for them. */
const FUNDS_COLUMNS = ['budget', 'executed', 'points', 'rate', 'score'] as const;
/** Which of FUNDS_COLUMNS a label key names (bit n for the n-th): a key's answer is remembered. */
const fundsColumnsOf = remembered((key: string): number => {
  let bits = 0;
  for (let n = 0; n < FUNDS_COLUMNS.length; n++) if (FUNDS[FUNDS_COLUMNS[n]].test(key)) bits |= 1 << n;
  return bits;
});

/** The budget block's columns a row names, and the points its 得分 label declares. */
interface FundsHeader {
  readonly cols: Partial<Record<keyof typeof FUNDS, number>>;
  readonly declared?: { points: Decimal; at: Pos };
}

/** The budget block's columns named on a row between two columns; undefined when it names none. */
function fundsHeaderAt(grid: Grid, r: number, left: number, right: number): FundsHeader | undefined {
  let cols: Partial<Record<keyof typeof FUNDS, number>> | undefined;
  let declared: FundsHeader['declared'];
  // a header label stands in a cell with a value or at a merged area's left edge: the row's
  // other columns show none (headerLabelAt), and are passed over
  const cells = grid.rowCells(r);
  const merges = grid.mergesAt(r);
  for (let c = left; c <= right; c++) {
    let edge = (cells?.[c]?.value ?? null) !== null;
    for (let k = 0; k < merges.length && !edge; k++) edge = merges[k].left === c;
    if (!edge) continue;
    const label = headerLabelAt(grid, r, c);
    const k = label.key;
    if (!k || k.length > 20) continue;
    const matched = fundsColumnsOf(k);
    if (matched === 0) continue;
    cols ??= {};
    for (let n = 0; n < FUNDS_COLUMNS.length; n++) {
      const name = FUNDS_COLUMNS[n];
      if (cols[name] === undefined && matched & (1 << n)) {
        cols[name] = c;
        // `得分（20分*执行率）` declares what the block is worth
        if (name === 'score' && label.points) declared = { points: label.points, at: { row: r, col: c } };
      }
    }
  }
  return cols ? { cols, declared } : undefined;
}

/**
 * The budget block: a row of column headers naming the budget, the amount executed and the rate
 * (in any of the shapes of FUNDS), over a total row (年度资金总额 / 总额 / 年度财政资金总额) that the
 * block is scored on, and the rows breaking it down.
 */
function findExecution(grid: Grid, region: Region, bottom: number): ExecutionLayout | undefined {
  for (let r = region.top; r <= bottom; r++) {
    const header = fundsHeaderAt(grid, r, region.left, region.right);
    if (!header) continue;
    const { cols } = header;
    let declared = header.declared;
    if (cols.budget === undefined || cols.executed === undefined) continue;
    if (cols.rate === undefined && cols.score === undefined) continue;
    for (let rr = r + 1; rr <= Math.min(bottom, r + 6); rr++) {
      let totalCol = 0;
      for (let c = region.left; c < cols.budget && !totalCol; c++)
        if (FUNDS.totalRow.test(keyAt(grid, rr, c))) totalCol = c;
      if (!totalCol) continue;
      // the block's side label may declare its points: `预算执行情况（10分）`
      for (let lr = r - 1; lr <= rr && !declared; lr++)
        for (let c = region.left; c < totalCol && !declared; c++) {
          if (lr < region.top || !FUNDS.block.test(keyAt(grid, lr, c))) continue;
          const points = declaredPointsAt(grid, lr, c);
          if (points) declared = { points, at: { row: lr, col: c } };
        }
      // the unit of the amounts: the column's header, else the block's side label (`项目资金（万元）`)
      let blockUnit: string | undefined;
      for (let lr = Math.max(region.top, r - 1); lr <= rr && !blockUnit; lr++)
        for (let c = region.left; c < totalCol && !blockUnit; c++)
          if (FUNDS.block.test(keyAt(grid, lr, c))) blockUnit = labelAt(grid, lr, c).unit;
      let last = rr;
      while (last + 1 <= bottom && FUNDS_PART.test(keyAt(grid, last + 1, totalCol))) last++;
      const rateCol = cols.rate ?? (cols.score as number) - 1;
      const scoreCol = cols.score ?? rateCol + 1;
      const reasons: Slot[] = [];
      for (let c = Math.max(scoreCol, rateCol) + 1; c <= region.right; c++) reasons.push(slot(grid, rr, c));
      return {
        headerRow: r,
        bottom: last,
        budget: slot(grid, rr, cols.budget),
        executed: slot(grid, rr, cols.executed),
        budgetUnit: headerLabelAt(grid, r, cols.budget).unit ?? blockUnit,
        executedUnit: headerLabelAt(grid, r, cols.executed).unit ?? blockUnit,
        points: cols.points !== undefined ? slot(grid, rr, cols.points) : undefined,
        declaredPoints: declared?.points,
        declaredAt: declared?.at,
        rate: slot(grid, rr, rateCol),
        score: slot(grid, rr, scoreCol),
        reasons,
      };
    }
  }
  return undefined;
}

/** Whether each text is a category label (一级指标 …), by text: a sheet repeats a few labels. */
const isCategoryText = remembered(
  (v: string): boolean =>
    roleOf(parseLabel(v.length > KEY_CHARS ? v.slice(0, KEY_CHARS) : v).key) === 'category',
);

/**
 * isCategoryText, with most texts passed over unread: a category label's key holds CATEGORY_MARK,
 * which its text shows as itself or, in markup, as a character reference (`&#25351;`).
 */
function mayBeCategory(v: string): boolean {
  return (v.includes(CATEGORY_MARK) || v.includes('&')) && isCategoryText(v);
}

/**
 * True when a row may head an indicator table: a cell of the row, or a merged area over it from
 * a row above, holds a category label. Each cell is looked at once, as the grid holds it; a row
 * that is false here shows no category label in any of its columns.
 */
function mayHeadTable(grid: Grid, row: number): boolean {
  const cells = grid.rowCells(row);
  if (cells && cells.length <= 4096) {
    for (let c = 1; c < cells.length; c++) {
      const v = cells[c]?.value;
      if (typeof v === 'string' && mayBeCategory(v)) return true;
    }
  } else if (cells) {
    for (const c of grid.columnsWithCells(row)) {
      const v = cells[c]?.value;
      if (typeof v === 'string' && mayBeCategory(v)) return true;
    }
  }
  for (const m of grid.mergesAt(row)) {
    if (m.top === row) continue;
    const v = grid.value(m.top, m.left);
    if (typeof v === 'string' && mayBeCategory(v)) return true;
  }
  return false;
}

/** A grade written as a word in a cell: `优`, `良好`, `合格`. */
const GRADE_WORD = /^(优秀?|良好?|中等?|差|合格|不合格|较好|一般|较差)$/;

/**
 * Finds every form on a sheet by its labels: top to bottom, then left to right.
 */
export function findForms(grid: Grid): FormLayout[] {
  const forms: FormLayout[] = [];
  eachForm(grid, (f) => forms.push(f));
  return forms.sort(formOrder);
}

/** The order of a sheet's forms: top to bottom, then left to right. */
export function formOrder(a: FormPlace, b: FormPlace): number {
  return a.top - b.top || a.left - b.left;
}

/** Where a form stands, for `formOrder`. */
export interface FormPlace {
  readonly top: number;
  readonly left: number;
}

/**
 * Finds every form on a sheet, as `findForms` does, and hands each to `visit` as soon as it is
 * read, in the order of their headers (which `formOrder` may change, a form beside a taller one):
 * a caller that is done with a form before the next one is read lets it go, where `findForms`
 * holds every form of the sheet (10,000 of them on a large sheet) until the last is read.
 */
export function eachForm(grid: Grid, visit: (form: FormLayout) => void): void {
  // each step a function of its own: the scan runs once per content row, the rest once per sheet
  // or per form, seldom enough that compiling it would cost more than it saves
  const groups = headerGroups(grid, tableHeaders(grid));
  // lowest row used so far by a form in each column: the next form's header block starts below
  // it (none before the first form; kept only when another form follows: most sheets hold one)
  let usedTo: number[] | undefined;
  for (let i = 0; i < groups.length; i++) {
    const limit = limitBelow(grid, groups, i);
    const f = readForm(grid, groups[i], usedTo, limit);
    if (i + 1 < groups.length) usedTo = markUsed(usedTo ?? new Array<number>(grid.colCount + 2).fill(0), f);
    visit(f);
  }
}

/** `usedTo` with the columns of form `f` used down to its bottom row. */
function markUsed(usedTo: number[], f: FormLayout): number[] {
  for (let c = f.left; c <= f.right; c++) usedTo[c] = Math.max(usedTo[c], f.bottom);
  return usedTo;
}

/** The sheet's table headers, top to bottom, then left to right. */
function tableHeaders(grid: Grid): TableHeader[] {
  const headers: TableHeader[] = [];
  const rows = grid.contentRows();
  for (let k = 0; k < rows.length; k++) {
    // a header row shows a category label (一级指标 or a synonym of the vocabulary), perhaps
    // merged from above; tableHeaderAt finds none on a row without one
    if (mayHeadTable(grid, rows[k])) for (const h of tableHeaderAt(grid, rows[k])) headers.push(h);
  }
  if (headers.length > 1) headers.sort((a, b) => a.row - b.row || a.left - b.left);
  return headers;
}

/** The headers of each form: a form without a weight column repeats its header for each block of points. */
function headerGroups(grid: Grid, headers: readonly TableHeader[]): TableHeader[][] {
  const groups: TableHeader[][] = [];
  // the groups another header may continue: those without a weight column (a header with one
  // neither continues a group nor is continued), in the order of `groups`
  const open: TableHeader[][] = [];
  for (const h of headers) {
    let group: TableHeader[] | undefined;
    if (h.columns.weight === undefined)
      for (let k = 0; k < open.length && !group; k++)
        if (continues(grid, open[k][open[k].length - 1], h)) group = open[k];
    if (group) group.push(h);
    else {
      const created = [h];
      groups.push(created);
      if (h.columns.weight === undefined) open.push(created);
    }
  }
  return groups;
}

/** The last row the form of `groups[i]` may reach: above the next table below that shares columns. */
function limitBelow(grid: Grid, groups: readonly (readonly TableHeader[])[], i: number): number {
  const last = groups[i][groups[i].length - 1];
  // usually the very next group
  for (let j = i + 1; j < groups.length; j++) {
    const o = groups[j][0];
    if (o.row > last.row && o.left <= last.right && o.right >= last.left) return o.row - 1;
  }
  return grid.rowCount;
}

/** True when `next` heads another block of the form `prev` belongs to (no weight column, no form between). */
function continues(grid: Grid, prev: TableHeader, next: TableHeader): boolean {
  if (prev.columns.weight !== undefined || next.columns.weight !== undefined) return false;
  if (prev.columns.category !== next.columns.category || prev.columns.score !== next.columns.score)
    return false;
  if (next.row <= prev.row) return false;
  for (let r = prev.row + 1; r < next.row; r++) {
    const first = firstKey(grid, r, prev.left, prev.right);
    if (first && (startsForm(first.key) || TOTAL_LABEL.test(first.key))) return false;
  }
  return true;
}

/** The label of a block of points: the header's side label, or a line just above the header. */
function blockOf(grid: Grid, h: TableHeader): BlockLayout | undefined {
  let at = h.lead?.label.points ? h.lead : undefined;
  if (!at) {
    const above = firstKey(grid, h.row - 1, h.left, h.right);
    const label = above ? labelAt(grid, h.row - 1, above.col) : NO_LABEL;
    if (above && label.points && roleOf(label.key) === 'lead') at = { row: h.row - 1, col: above.col, label };
  }
  if (!at) return undefined;
  const text = stripMarkup(textAt(grid, at.row, at.col));
  return { label: text, row: at.row, col: at.col, points: at.label.points, headerRow: h.row };
}

/** A form's indicator table as readRows reads it, block by block: where it is, and what is found. */
interface TableRead {
  readonly grid: Grid;
  readonly group: readonly TableHeader[];
  readonly blocks: readonly BlockLayout[];
  readonly columns: Partial<Record<Role, number>>;
  readonly frame: TableFrame;
  readonly left: number;
  readonly right: number;
  readonly catCol: number;
  /** The last column a total row may start in. */
  readonly labelLimit: number;
  /** The last row the table may reach. */
  readonly limit: number;
  readonly categories: CategoryLayout[];
  readonly indicators: IndicatorLayout[];
  total: RowLayout | undefined;
  gradeInTotal: FieldSlot | undefined;
  lastRow: number;
  /** The secondary indicator (二级指标) the rows are under. */
  secondary: string | undefined;
}

/**
 * Reads the rows of the table's block `gi`, under its header: its indicators and categories, and
 * the total row that ends the table. The rows of a form are read here, one at a time: what most
 * rows need is in this loop, what a few rows need (a category, the total) in functions of their own.
 */
function readRows(t: TableRead, gi: number): void {
  const { grid, group, left, right } = t;
  const g = group[gi];
  const end = gi + 1 < group.length ? group[gi + 1].row - 1 : t.limit;
  // rows without content are blank: step from one content row to the next
  const contentRows = grid.contentRows();
  for (let i = grid.contentRowIndex(g.row + 1); i < contentRows.length && contentRows[i] <= end; i++) {
    const r = contentRows[i];
    // the row's first non-empty cell: none up to two columns past the table is a blank row
    const rowCells = grid.rowCells(r);
    if (!rowCells) continue;
    const stop = Math.min(right + 2, rowCells.length - 1);
    let firstCol = left;
    while (firstCol <= stop && isBlankValue(rowCells[firstCol]?.value)) firstCol++;
    if (firstCol > stop) continue;
    // what the row's first label says of it (a total, a note, the next form), read once per text
    const first = (rowCells[firstCol] as Cell).value;
    const kind = firstCol <= right && typeof first === 'string' ? rowStartOfText(first) : 0;
    if (kind & ROW_TOTAL && firstCol <= t.labelLimit) {
      readTotal(t, r, firstCol, rowCells);
      return;
    }
    if (firstCol === left && (kind & ROW_NOTE || NOTE_TEXT.test(textAt(grid, r, firstCol)))) break;
    if (kind & ROW_START) break;
    // the label line of the next block stands above its header
    if (gi + 1 < group.length && r === end && t.blocks[gi + 1]?.row === r) break;
    const moves = realignRow(grid, r, t.frame, false);
    const slots = applyMoves(grid, r, t.frame, t.frame.roleAt, rowCells, moves);
    t.lastRow = r;
    if (slots.category?.cell) readCategory(t, r, g.row, cellText(slots.category));
    const sec = slots.secondary?.cell ? stripMarkup(cellText(slots.secondary)) : '';
    if (sec) t.secondary = sec;
    const name = slots.name?.cell ? stripMarkup(cellText(slots.name)) : '';
    const hasNumbers = !!(slots.weight?.cell || slots.score?.cell);
    if (!name && !hasNumbers) continue;
    // placeholders a template leaves: `……`, `指标2：` with nothing filled in
    if (!hasNumbers && isPlaceholderName(name) && vacuous(slots.target) && vacuous(slots.actual)) continue;
    const { categories } = t;
    if (categories.length === 0 || categories[categories.length - 1].row < g.row)
      categories.push({ name: '', row: r, col: t.catCol });
    t.indicators.push({
      row: r,
      slots,
      moves,
      category: categories.length - 1,
      block: t.blocks.length ? gi : undefined,
      secondary: t.secondary,
      name,
    });
  }
}

/** A category cell's text as readCategory reads it: the category it names, and its key and points as compared. */
interface CategoryText {
  readonly name: string;
  readonly declared: Decimal | undefined;
  readonly key: string;
  readonly declaredText: string;
}

/**
 * What a category cell's text names (undefined: no category), read once per text: the rows of a
 * category repeat its text, and a template's categories repeat form after form.
 */
const categoryOfText = remembered((text: string): CategoryText | undefined => {
  if (!text.trim()) return undefined;
  const { name, declared } = parseCategory(text);
  if (!name && !declared) return undefined;
  return { name, declared, key: keyOf(name), declaredText: String(declared ?? '') };
});

/** A row's category cell (`text`): a new category starts unless it repeats the current one of the block. */
function readCategory(t: TableRead, row: number, headerRow: number, text: string): void {
  const parsed = categoryOfText(text);
  if (!parsed) return;
  const current = t.categories[t.categories.length - 1];
  if (current && current.row >= headerRow && sameCategory(current, parsed)) return;
  t.categories.push({ name: parsed.name, row, col: t.catCol, declared: parsed.declared });
  t.secondary = undefined;
}

/** True when category `c` is the one `parsed` names: the same key and the same points. */
function sameCategory(c: CategoryLayout, parsed: CategoryText): boolean {
  return keyOf(c.name) === parsed.key && String(c.declared ?? '') === parsed.declaredText;
}

/** The total row (合计 / 总分 …) starting at `firstCol`, which ends the table. */
function readTotal(
  t: TableRead,
  r: number,
  firstCol: number,
  rowCells: ReadonlyArray<Cell | null | undefined>,
): void {
  const { grid } = t;
  const moves = realignRow(grid, r, t.frame, true);
  const slots = applyMoves(grid, r, totalShape(t.columns), t.frame.roleAt, rowCells, moves);
  // `总分 | 100 | 自评等级 | 优`: a grade label inside the total row; the grade is the cell
  // after it, the total score the last cell before it
  const c = gradeLabelIn(grid, r, firstCol + 1, t.right);
  if (c > 0) {
    t.gradeInTotal = fieldWith(slot(grid, r, c + 1), textAt(grid, r, c + 1).trim(), { row: r, col: c });
    if ((slots.score?.col ?? 0) >= c) {
      let at = c - 1;
      while (at > firstCol && !grid.cell(r, at)) at--;
      if (at > firstCol) slots.score = slot(grid, r, at);
    }
  }
  t.total = { row: r, slots, moves };
  t.lastRow = r;
}

/** The first column from `from` to `to` of a row whose label names the grade (自评等级); 0 when none does. */
function gradeLabelIn(grid: Grid, row: number, from: number, to: number): number {
  for (let c = from; c <= to; c++) if (fieldKeyOf(keyAt(grid, row, c)) === 'grade') return c;
  return 0;
}

/**
 * Reads the form of a group of table headers: its indicator table, the header block above it and
 * what stands below it. Each part is a function of its own: each runs once per form, and a short
 * function is seldom worth compiling, where one long one was compiled whole after some hundreds of
 * forms (TurboFan's cost, on a short run, is more than what it saves).
 */
function readForm(
  grid: Grid,
  group: readonly TableHeader[],
  usedTo: readonly number[] | undefined,
  limit: number,
): FormLayout {
  const h = group[0];
  const region = formRegion(group, usedTo);
  const { left, right } = region;
  // blocks of points, on forms without a weight column
  const blocks = h.columns.weight === undefined ? blocksOf(grid, group) : [];
  const t = readTable(grid, group, blocks, left, right, limit);
  const { note, bottom: noteBottom } = noteBelow(grid, t.lastRow, limit, left, right);
  // the header block above the table; the budget block's column headers are not fields
  const execution = findExecution(grid, region, h.row - 1);
  const { fields, firstRow } = headerFields(grid, region, h.row, execution);
  if (t.gradeInTotal && !fields.grade) fields.grade = t.gradeInTotal;
  if (t.total && !fields.grade) gradeAfterTotal(grid, fields, t.total.row, h.columns, left, right);
  const bottom = fieldsBelow(grid, fields, t.lastRow, limit, left, right, noteBottom);
  const title = titleAbove(grid, region, firstRow || h.row);
  const top = title ? title.row : firstRow || (execution ? Math.min(execution.headerRow, h.row) : h.row);
  return formOf(grid, t, region, { top, bottom, title, fields, note, execution });
}

/** Where a form's header block may start: below what the forms read before it use of its columns. */
function formRegion(group: readonly TableHeader[], usedTo: readonly number[] | undefined): Region {
  let left = group[0].left;
  let right = group[0].right;
  for (let k = 1; k < group.length; k++) {
    left = Math.min(left, group[k].left);
    right = Math.max(right, group[k].right);
  }
  let above = 0;
  if (usedTo) for (let c = left; c <= right; c++) above = Math.max(above, usedTo[c] ?? 0);
  return { top: above + 1, left, right };
}

/** What readForm finds around a form's table. */
interface FormParts {
  readonly top: number;
  readonly bottom: number;
  readonly title: (Slot & { text: string }) | undefined;
  readonly fields: Partial<Record<FieldKey, FieldSlot>>;
  readonly note: (Slot & { text: string }) | undefined;
  readonly execution: ExecutionLayout | undefined;
}

/** The layout of a form, from its table and what was found around it: its family, unit and points. */
function formOf(grid: Grid, t: TableRead, region: Region, parts: FormParts): FormLayout {
  const h = t.group[0];
  const { columns, blocks } = t;
  const { top, title, execution } = parts;
  const family = familyOfForm(columns, blocks, title, execution);
  const lead = h.lead?.label.points && !blocks.length ? h.lead : undefined;
  const unit = formUnit(grid, { top: Math.min(top, region.top), left: t.left, right: t.right }, h.row);
  // built key by key, as `{ ...(unit ? { unit } : {}), family, … }` would (spreads are slow)
  const form = {} as { -readonly [K in keyof FormLayout]: FormLayout[K] };
  if (unit) form.unit = unit;
  form.family = family;
  form.top = top;
  form.left = t.left;
  form.bottom = parts.bottom;
  form.right = t.right;
  form.title = title;
  form.fields = parts.fields;
  form.headerRow = h.row;
  form.columns = columns;
  form.indicatorPoints = lead?.label.points
    ? { points: lead.label.points, row: lead.row, col: lead.col }
    : undefined;
  form.blocks = blocks;
  form.categories = t.categories;
  form.indicators = t.indicators;
  form.total = t.total;
  form.note = parts.note;
  form.execution = execution;
  return form;
}

/** The family of a form, from its columns, blocks, title and budget block. */
function familyOfForm(
  columns: Partial<Record<Role, number>>,
  blocks: readonly BlockLayout[],
  title: (Slot & { text: string }) | undefined,
  execution: ExecutionLayout | undefined,
): Family {
  let blockPoints = false;
  for (let k = 0; k < blocks.length && !blockPoints; k++) blockPoints = blocks[k].points !== undefined;
  return familyOf({
    budgetBlock: !!execution,
    executionPointsDeclared: execution?.declaredPoints,
    actualColumn: columns.actual !== undefined,
    secondaryColumn: columns.secondary !== undefined,
    weightColumn: columns.weight !== undefined,
    blockPoints,
    title: title ? keyOf(title.text) : '',
  }).id;
}

/** The blocks of points of a form without a weight column: one per header, or none. */
function blocksOf(grid: Grid, group: readonly TableHeader[]): BlockLayout[] {
  const blocks: BlockLayout[] = [];
  for (const g of group) {
    const b = blockOf(grid, g);
    if (b) blocks.push(b);
  }
  if (blocks.length !== group.length) blocks.length = 0;
  return blocks;
}

/** The indicator table of a group of headers, read block by block. */
function readTable(
  grid: Grid,
  group: readonly TableHeader[],
  blocks: readonly BlockLayout[],
  left: number,
  right: number,
  limit: number,
): TableRead {
  const h = group[0];
  const { columns } = h;
  const catCol = columns.category as number;
  const t: TableRead = {
    grid,
    group,
    blocks,
    columns,
    frame: tableFrame(columns, left, right),
    left,
    right,
    catCol,
    // the side label column (绩效指标 / 年度绩效指标完成情况): a total row may start there
    labelLimit: Math.max(columns.name ?? catCol + 1, catCol + 1),
    limit,
    categories: [],
    indicators: [],
    total: undefined,
    gradeInTotal: undefined,
    lastRow: h.row,
    secondary: undefined,
  };
  for (let gi = 0; gi < group.length && !t.total; gi++) readRows(t, gi);
  return t;
}

/** The note below the table (grade bands), within four rows of its last row, and the form's bottom. */
function noteBelow(
  grid: Grid,
  lastRow: number,
  limit: number,
  left: number,
  right: number,
): { note?: Slot & { text: string }; bottom: number } {
  for (let rr = lastRow + 1; rr <= Math.min(limit, lastRow + 4); rr++) {
    const first = firstKey(grid, rr, left, right);
    if (!first) continue;
    if (startsForm(first.key)) break;
    // a field line below the table (自评等级) may stand between the table and its note
    if (fieldKeyOf(first.key) || TEXT_ROW_BELOW.test(first.key)) continue;
    const text = textAt(grid, rr, first.col);
    if (isNoteText(first.key, text))
      return { note: slotWith(slot(grid, rr, first.col), stripMarkup(text)), bottom: rr };
    break;
  }
  return { bottom: lastRow };
}

/** The fields of the header block above the table at `headerRow`, with those of its budget block. */
function headerFields(
  grid: Grid,
  region: Region,
  headerRow: number,
  execution: ExecutionLayout | undefined,
): { fields: Partial<Record<FieldKey, FieldSlot>>; firstRow: number } {
  const found = findFields(
    grid,
    region,
    headerRow - 1,
    execution ? (r) => r >= execution.headerRow && r <= execution.bottom : undefined,
  );
  if (execution) {
    // the budget block holds the budget, the amount executed and the rate
    const { fields } = found;
    const fromFunds: Array<[FieldKey, Slot]> = [
      ['budgetAmount', execution.budget],
      ['executedAmount', execution.executed],
      ['executionRate', execution.rate],
    ];
    for (const [key, s] of fromFunds) {
      if (fields[key]) continue;
      fields[key] = fieldWith(s, s.cell ? textAt(grid, s.row, s.col) : '', {
        row: execution.headerRow,
        col: s.col,
      });
    }
  }
  return found;
}

/** The grade written in the total row's last cell: `总分 | … | 100 | 96 | 优`. */
function gradeAfterTotal(
  grid: Grid,
  fields: Partial<Record<FieldKey, FieldSlot>>,
  row: number,
  columns: Partial<Record<Role, number>>,
  left: number,
  right: number,
): void {
  const from = Math.max(columns.score ?? 0, columns.weight ?? 0) + 1;
  for (let c = from; c <= right + 2; c++) {
    const text = textAt(grid, row, c).trim();
    if (!GRADE_WORD.test(text)) continue;
    const s = slot(grid, row, c);
    fields.grade = fieldWith(s, text, { row, col: left });
    break;
  }
}

/**
 * The fields below the table (the national form's 自评等级, a 自评时间 line), within six rows of its
 * last row and before the next form, added to `fields`; returns the form's bottom.
 */
function fieldsBelow(
  grid: Grid,
  fields: Partial<Record<FieldKey, FieldSlot>>,
  lastRow: number,
  limit: number,
  left: number,
  right: number,
  bottom: number,
): number {
  let belowEnd = bottom;
  for (let rr = lastRow + 1; rr <= Math.min(limit, lastRow + 6); rr++) {
    if (isFormStart(grid, rr, left, right)) break;
    belowEnd = rr;
  }
  if (belowEnd <= lastRow) return bottom;
  let end = bottom;
  const below = findFields(grid, { top: lastRow + 1, left, right }, belowEnd);
  for (const key of Object.keys(below.fields) as FieldKey[]) {
    const s = below.fields[key];
    if (fields[key] || !s) continue;
    fields[key] = s;
    end = Math.max(end, s.row);
  }
  return end;
}

/** The form's title: the first row above `end` whose first label is a title. */
function titleAbove(grid: Grid, region: Region, end: number): (Slot & { text: string }) | undefined {
  for (let rr = region.top; rr < end; rr++) {
    const first = firstKey(grid, rr, region.left, region.right);
    if (!first) continue;
    if (isTitle(first.key))
      return slotWith(slot(grid, rr, first.col), stripMarkup(textAt(grid, rr, first.col)));
  }
  return undefined;
}

/** `单位：万元`, `金额单位：元` on a line of its own above the table. */
const FORM_UNIT = /^(?:金额|资金)?单位[:：]?(元|万元|千元|亿元)$/;

/** The unit a form states for its amounts, above its indicator table: `单位：万元`, `（单位：元）`. */
function formUnit(grid: Grid, region: Region, bottom: number): string | undefined {
  for (let r = region.top; r < bottom; r++) {
    const cells = grid.rowCells(r);
    if (!cells) continue;
    const last = Math.min(region.right, cells.length - 1);
    for (let c = region.left; c <= last; c++) {
      // both tests below read a 元 in the label, which its text shows as itself or, in markup, as
      // a character reference (`&#20803;`): other cells are passed over unread
      const v = cells[c]?.value;
      if (typeof v !== 'string' || !(v.includes('元') || v.includes('&'))) continue;
      const label = labelAt(grid, r, c);
      // FORM_UNIT names 单位: most labels are passed over without running it
      const m = label.key.includes('单位') ? FORM_UNIT.exec(label.key) : null;
      if (m) return m[1];
      if (!label.key && label.unit && label.unit.endsWith('元')) return label.unit;
    }
  }
  return undefined;
}

/** The columns a total row is read in: the weight (where the form has one) and the score. */
function totalShape(columns: Partial<Record<Role, number>>): RowShape {
  const totals: Partial<Record<Role, number>> = {};
  const roles: Role[] = [];
  const cols: number[] = [];
  if (columns.weight !== undefined) {
    totals.weight = columns.weight;
    roles.push('weight');
    cols.push(columns.weight);
  }
  if (columns.score !== undefined) {
    totals.score = columns.score;
    roles.push('score');
    cols.push(columns.score);
  }
  return { columns: totals, roles, cols };
}

/** `……`, `指标2：`, `指标1：/`: rows a template leaves for more indicators. */
function isPlaceholderName(name: string): boolean {
  const k = keyOf(name);
  return /^(…+|\.{3,}|指标\d*[:：]?\/?|\/|-+|—+)$/.test(k);
}

function vacuous(s: Slot | undefined): boolean {
  return !s?.cell || isVacuous(cellText(s));
}

function keyOf(text: string): string {
  return parseLabel(text).key;
}

function cellText(s: Slot): string {
  return valueText(s.cell?.value);
}
