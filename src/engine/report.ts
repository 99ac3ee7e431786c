import { GradeBand } from './compute/bands';
import { computeChain, Chain } from './compute/chain';
import { dec, roundTo, show } from './compute/decimal';
import { computeFigures, FormFigures, NumberCell, Stated } from './compute/figures';
import { a1, Grid, rangeA1, valueText } from './grid';
import { eachForm, findForms, formOrder, FormPlace } from './layout/findForms';
import { nearestHeader } from './layout/explain';
import { FieldSlot, FormLayout, Slot } from './layout/model';
import { FieldKey, Role, setByRole } from './layout/vocabulary';
import { Lang, render } from './messages';
import { RULES, RuleFinding, RuleId } from './rules';

/** A finding as the report carries it (docs/report.md). */
export type Finding = RuleFinding<RuleId>;

export interface StatedReport {
  cell?: string;
  stated?: string;
  computed?: string;
}

export interface FormReport {
  range: string;
  title?: string;
  fields: Partial<Record<FieldKey, { cell: string; value: string }>>;
  categories: Array<{ name: string; cell: string; declared?: string; weight: string; score: string }>;
  indicators: Array<{
    row: number;
    category: string;
    name: string;
    target?: string;
    actual?: string;
    weight?: string;
    score?: string;
    cells: Partial<Record<Role, string>>;
  }>;
  totalWeight: StatedReport;
  totalScore: StatedReport;
  executionRate: StatedReport;
  executionScore?: StatedReport;
  grade: {
    cell?: string;
    stated?: string;
    computed?: string;
    bands: Array<{ grade: string; min: string; max: string }>;
  };
  findings: Finding[];
}

/** `F`: how a form's report is kept (the command line keeps its JSON text); the report itself by default. */
export interface SheetReport<F = FormReport> {
  name: string;
  forms: F[];
  findings: Finding[];
  /** Only when the sheet could not be read (a damaged or oversized part); the others still are. */
  error?: { code: 'unreadable'; message: string };
}

/** A sheet a reader could not read, with the reason: `damaged: xl/worksheets/sheet2.xml`. */
export interface UnreadableSheet {
  readonly name: string;
  readonly unreadable: string;
}

export interface FileReport<F = FormReport> {
  path: string;
  error?: { code: 'unreadable' | 'no-form-found'; message: string };
  sheets: Array<SheetReport<F>>;
}

export interface Report {
  version: 1;
  files: FileReport[];
}

/** One form as the engine understands it: layout, figures, and the findings in the chosen language. */
export interface FormAnalysis {
  readonly layout: FormLayout;
  readonly figures: FormFigures;
  readonly chain: Chain;
  readonly findings: Finding[];
  readonly report: FormReport;
}

function at(slot: Slot | undefined): string | undefined {
  return slot ? a1(slot.row, slot.col) : undefined;
}

function statedText(cell: NumberCell | undefined): string | undefined {
  if (!cell) return undefined;
  const r = cell.reading;
  if (r.kind === 'number') return show(r.value);
  if (r.kind === 'text') return r.text;
  if (r.kind === 'error') return r.code;
  return undefined;
}

function statedReport(s: Stated, round = true): StatedReport {
  const out: StatedReport = {};
  if (s.slot) out.cell = at(s.slot);
  const st = statedText(s.stated);
  if (st !== undefined) out.stated = st;
  if (s.computed) out.computed = show(round ? roundTo(s.computed, 2) : s.computed);
  return out;
}

/** True when a slot's cell holds a value. */
const hasValue = (slot: Slot | undefined): boolean =>
  slot?.cell?.value !== null && slot?.cell?.value !== undefined;

/** A category's weight or score as the sum of its indicators' readable ones. */
function partialSum(indicators: FormFigures['categories'][number]['indicators'], pick: 'weight' | 'score') {
  let s = dec(0);
  for (const i of indicators) {
    const cell = i[pick];
    if (cell?.reading.kind === 'number') s = s.plus(cell.reading.value);
  }
  return s;
}

/** An indicator as the report carries it. */
function indicatorReport(
  i: FormFigures['indicators'][number],
  L: FormLayout,
): FormReport['indicators'][number] {
  const cells: FormReport['indicators'][number]['cells'] = {};
  const slots = i.layout.slots;
  const row = i.layout.row;
  // for…in: the own keys in Object.keys' order (a slots record has no inherited ones), no array
  for (const key in slots) {
    const role = key as Role;
    // a category's and a lead's cells are not an indicator's own
    if (role === 'category' || role === 'lead') continue;
    const s = slots[role];
    if (s) setByRole(cells, role, a1(s.row, s.col));
  }
  const out: FormReport['indicators'][number] = {
    row,
    category: L.categories[i.layout.category]?.name ?? '',
    name: i.layout.name,
    cells,
  };
  // the figures' text, else (a cell that reads as blank text) the cell's value as it is
  if (hasValue(slots.target)) out.target = i.target || valueText(slots.target?.cell?.value);
  if (hasValue(slots.actual)) out.actual = i.actual || valueText(slots.actual?.cell?.value);
  if (i.weight?.reading.kind === 'number') out.weight = show(i.weight.reading.value);
  if (i.score?.reading.kind === 'number') out.score = show(i.score.reading.value);
  return out;
}

/** A form's fields as the report carries them. */
function fieldsReport(L: FormLayout): FormReport['fields'] {
  // a copy of the fields record, made at once with its keys in their order (a store that adds a
  // key named at run time is V8's slowest), each field then replaced by what the report says of it
  const fields: Partial<Record<FieldKey, FieldSlot | { cell: string; value: string }>> = { ...L.fields };
  // for…in: the own keys in Object.keys' order (a fields record has no inherited ones), no array
  for (const k in fields) {
    const key = k as FieldKey;
    const s = L.fields[key];
    fields[key] = s ? { cell: a1(s.row, s.col), value: s.text } : undefined;
  }
  return fields as FormReport['fields'];
}

/** The execution rate as the report carries it: the stated one at the decimals the sheet shows. */
function rateReport(rate: FormFigures['rate']): StatedReport {
  const out: StatedReport = {};
  if (rate.slot) out.cell = at(rate.slot);
  if (rate.stated) {
    const p = rate.statedPercent;
    out.stated = p
      ? show(p.shownDecimals === undefined ? p.value : roundTo(p.value, p.shownDecimals))
      : statedText(rate.stated);
  }
  if (rate.rounded) out.computed = show(rate.rounded);
  return out;
}

/** The categories as the report carries them, each with its weight and score. */
function categoriesReport(f: FormFigures): FormReport['categories'] {
  const L = f.layout;
  const categories: FormReport['categories'] = [];
  for (let k = 0; k < f.categories.length; k++) {
    const c = f.categories[k];
    const cat = L.categories[c.index];
    const entry: FormReport['categories'][number] = {
      name: cat.name,
      cell: a1(cat.row, cat.col),
    } as FormReport['categories'][number];
    if (cat.declared) entry.declared = show(cat.declared);
    entry.weight = show(c.weight ?? partialSum(c.indicators, 'weight'));
    entry.score = show(c.score ?? partialSum(c.indicators, 'score'));
    categories.push(entry);
  }
  return categories;
}

/** The indicators as the report carries them. */
function indicatorsReport(f: FormFigures): FormReport['indicators'] {
  const indicators: FormReport['indicators'] = [];
  for (let k = 0; k < f.indicators.length; k++) indicators.push(indicatorReport(f.indicators[k], f.layout));
  return indicators;
}

/** The grade as the report carries it, with the bands it is read from. */
function gradeReport(g: FormFigures['grade']): FormReport['grade'] {
  const grade = {} as FormReport['grade'];
  if (g.slot) grade.cell = at(g.slot);
  if (g.stated) grade.stated = g.stated;
  if (g.computed) grade.computed = g.computed;
  grade.bands = bandsReport(g.bands);
  return grade;
}

/**
 * The bands as the report carries them, made once for each list of bands (a family's, or that of
 * a note that form after form repeats, read once): the forms graded by one list share it.
 */
const shownBands = new WeakMap<readonly GradeBand[], FormReport['grade']['bands']>();

function bandsReport(bands: readonly GradeBand[]): FormReport['grade']['bands'] {
  let shown = shownBands.get(bands);
  if (!shown) {
    shown = bands.map((b) => ({ grade: b.grade, min: show(b.min), max: show(b.max) }));
    shownBands.set(bands, shown);
  }
  return shown;
}

/**
 * The report of one form. Built key by key in the order the report is written (no spreads, no
 * callbacks); run once per form, it has no loop of its own: its lists are made by small functions,
 * and it is left to the interpreter.
 */
function formReport(f: FormFigures, findings: Finding[]): FormReport {
  const L = f.layout;
  const report = { range: rangeA1(L.top, L.left, L.bottom, L.right) } as FormReport;
  if (L.title) report.title = L.title.text;
  report.fields = fieldsReport(L);
  report.categories = categoriesReport(f);
  report.indicators = indicatorsReport(f);
  report.totalWeight = statedReport(f.totalWeight);
  report.totalScore = statedReport(f.totalScore);
  report.executionRate = rateReport(f.rate);
  if (f.executionScore) report.executionScore = statedReport(f.executionScore);
  report.grade = gradeReport(f.grade);
  report.findings = findings;
  return report;
}

/** Finds and checks every form on a sheet. */
export function analyzeSheet(grid: Grid, lang: Lang = 'zh'): FormAnalysis[] {
  return findForms(grid).map((layout) => analyzeForm(grid, layout, lang));
}

/** Checks one form found on a sheet. */
function analyzeForm(grid: Grid, layout: FormLayout, lang: Lang): FormAnalysis {
  const figures = computeFigures(layout);
  const chain = computeChain(figures);
  const findings: Finding[] = [];
  const context = { grid, figures, chain };
  for (let r = 0; r < RULES.length; r++) RULES[r].check(context, lang, findings);
  return { layout, figures, chain, findings, report: formReport(figures, findings) };
}

/**
 * The report of one sheet; `analyses` when the caller already has them (ziping review plans with
 * them), else one form at a time: each form's figures are let go once its report is made.
 */
export function checkSheet(grid: Grid, lang: Lang = 'zh', analyses?: readonly FormAnalysis[]): SheetReport {
  if (!analyses) return checkSheetAs(grid, lang, (form) => form);
  return sheetReport(
    grid,
    lang,
    analyses.map((a) => a.report),
  );
}

/**
 * The report of one sheet, each form's report handed to `keep` as soon as it is made and only
 * what `keep` returns held: the command line keeps a form's JSON text, so that the report's
 * objects are let go form by form rather than all held until the sheet is done. Each form is
 * checked as soon as it is found (`eachForm`), so its layout goes with it.
 */
export function checkSheetAs<F>(grid: Grid, lang: Lang, keep: (form: FormReport) => F): SheetReport<F> {
  // each form checked and kept as soon as it is found: its layout and report are let go before
  // the next form is read, then the kept forms are put in findForms's order
  const found: Array<FormPlace & { readonly kept: F }> = [];
  eachForm(grid, (layout) =>
    found.push({ top: layout.top, left: layout.left, kept: keep(analyzeForm(grid, layout, lang).report) }),
  );
  found.sort(formOrder);
  return sheetReport(
    grid,
    lang,
    found.map((f) => f.kept),
  );
}

/** A sheet's report from its forms' (kept) reports: with none, what nearly heads a form. */
function sheetReport<F>(grid: Grid, lang: Lang, forms: F[]): SheetReport<F> {
  return { name: grid.name, forms, findings: forms.length ? [] : sheetFindings(grid, lang) };
}

/** On a sheet where no form was read: the row that nearly heads one, what it has and lacks. */
function sheetFindings(grid: Grid, lang: Lang): Finding[] {
  const near = nearestHeader(grid);
  if (!near) return [];
  const cells = near.found.map((f) => f.cell);
  const found = near.found.map((f) => `${f.text} ${f.cell}`).join(lang === 'zh' ? '、' : ', ');
  return [
    {
      rule: 'form-not-recognised',
      severity: 'warning',
      cells,
      message: render(
        {
          key: 'form-not-recognised',
          params: { sheet: grid.name, row: String(near.row), found, missing: [...near.missing] },
        },
        lang,
      ),
    },
  ];
}

/** The report entry of one workbook: every sheet, and `no-form-found` when none holds a form. */
/** The first `max` items joined, and how many more there are: a message stays short. */
function shortList(items: readonly string[], max: number, lang: Lang, sep: string): string {
  const shown = items.slice(0, max).join(sep);
  const more = items.length - max;
  if (more <= 0) return shown;
  return lang === 'zh' ? `${shown}${sep}…（另有 ${more} 个）` : `${shown}${sep}… (${more} more)`;
}

/** The report of a sheet the reader could not read. */
export function unreadableSheetReport<F = FormReport>(g: UnreadableSheet, lang: Lang = 'zh'): SheetReport<F> {
  return {
    name: g.name,
    forms: [],
    findings: [],
    error: {
      code: 'unreadable',
      message: render({ key: 'sheet-unreadable', params: { sheet: g.name, reason: g.unreadable } }, lang),
    },
  };
}

export function checkWorkbook(
  path: string,
  sheets: ReadonlyArray<Grid | UnreadableSheet>,
  lang: Lang = 'zh',
): FileReport {
  return checkWorkbookAs(path, sheets, lang, (form) => form);
}

/** `checkWorkbook`, each form's report kept as `keep` makes it (see `checkSheetAs`). */
export function checkWorkbookAs<F>(
  path: string,
  sheets: ReadonlyArray<Grid | UnreadableSheet>,
  lang: Lang,
  keep: (form: FormReport) => F,
): FileReport<F> {
  return workbookReport<F>(
    path,
    sheets.map((g) => (g instanceof Grid ? checkSheetAs(g, lang, keep) : unreadableSheetReport<F>(g, lang))),
    lang,
    sheets.filter((s): s is UnreadableSheet => !(s instanceof Grid)),
  );
}

/** The report entry of one workbook from its sheets' reports (`broken`: the sheets it could not read). */
export function workbookReport<F = FormReport>(
  path: string,
  reports: Array<SheetReport<F>>,
  lang: Lang = 'zh',
  broken: readonly UnreadableSheet[] = [],
): FileReport<F> {
  const file: FileReport<F> = { path, sheets: reports };
  if (broken.length > 0 && !reports.some((s) => s.forms.length > 0)) {
    // nothing was checked and a sheet is damaged: the file is unreadable, not formless
    const reason = shortList(
      broken.map((s) =>
        render({ key: 'sheet-reason', params: { sheet: s.name, reason: s.unreadable } }, lang),
      ),
      3,
      lang,
      lang === 'zh' ? '；' : '; ',
    );
    file.error = { code: 'unreadable', message: render({ key: 'unreadable', params: { reason } }, lang) };
  } else if (!reports.some((s) => s.forms.length > 0)) {
    const why = reports.flatMap((s) => s.findings).find((f) => f.rule === 'form-not-recognised');
    const none = render(
      {
        key: 'no-form-found',
        params: {
          sheets:
            shortList(
              reports.map((s) => s.name),
              10,
              lang,
              ', ',
            ) || '—',
        },
      },
      lang,
    );
    file.error = { code: 'no-form-found', message: why ? `${none} ${why.message}` : none };
  }
  return file;
}

export function exitCodeOf(report: Report): 0 | 1 | 2 {
  return exitCodeWith(report.files, hasError);
}

/** A form's report has an error finding. */
export function hasError(form: FormReport): boolean {
  return form.findings.some((x) => x.severity === 'error');
}

/** `exitCodeOf` for files whose forms are kept otherwise: `erred` tells whether a form has an error finding. */
export function exitCodeWith<F>(files: ReadonlyArray<FileReport<F>>, erred: (form: F) => boolean): 0 | 1 | 2 {
  if (files.some((f) => f.error || f.sheets.some((s) => s.error))) return 2;
  const errors = files.some((f) =>
    f.sheets.some((s) => s.findings.some((x) => x.severity === 'error') || s.forms.some(erred)),
  );
  return errors ? 1 : 0;
}
