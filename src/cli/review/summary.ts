/**
 * The summary workbook of `ziping review`, written as SpreadsheetML directly (ExcelJS cannot
 * write charts): sheet 1 one row per form, sheet 2 every finding, sheet 3 the grade distribution
 * and the counts per rule with a column chart of the grades. Text is written as inline strings,
 * never as a formula; numbers as numbers with their formats.
 */
import { Lang } from '../../engine/messages';
import { TONE_FILL } from '../../excel/adapter';
import { Severity } from '../../engine/rules';
import { writeZip } from '../../io/zip';
import { xmlText } from './xml';

export interface SummaryRow {
  readonly file: string;
  readonly sheet?: string;
  readonly range?: string;
  readonly unit?: string;
  readonly project?: string;
  readonly budget?: number;
  readonly executed?: number;
  /** The execution rate as a fraction (0.6216 for 62.16%). */
  readonly rate?: number;
  readonly statedTotal?: number | string;
  readonly computedTotal?: number;
  readonly statedGrade?: string;
  readonly computedGrade?: string;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** The first error's message, or why the file has no form row. */
  readonly firstError?: string;
  /** The annotated copy, relative to the summary (forward slashes). */
  readonly link?: string;
  /** Why no copy was written, when none was. */
  readonly linkNote?: string;
  /** Filled as the add-in fills errors. */
  readonly failed: boolean;
}

export interface FindingRow {
  readonly file: string;
  readonly sheet: string;
  readonly cell: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
}

export interface SummaryInput {
  readonly lang: Lang;
  readonly rows: readonly SummaryRow[];
  readonly findings: readonly FindingRow[];
  /** Grade → number of forms, in the order to show. */
  readonly grades: ReadonlyArray<readonly [string, number]>;
  /** Rule → severity and number of findings. */
  readonly rules: ReadonlyArray<readonly [string, Severity, number]>;
}

const TEXT = {
  zh: {
    sheets: ['自评表', '问题', '统计'],
    head: [
      '文件',
      '工作表',
      '范围',
      '预算单位',
      '项目名称',
      '当年预算数',
      '执行数',
      '预算执行率',
      '自评总分',
      '重算总分',
      '自评等级',
      '重算等级',
      '错误',
      '警告',
      '提示',
      '首个错误（或无法检查的原因）',
      '标注副本',
    ],
    findingHead: ['文件', '工作表', '单元格', '规则', '级别', '说明', '修复'],
    gradeHead: ['绩效等级', '表数'],
    ruleHead: ['规则', '级别', '次数'],
    chart: '绩效等级分布',
    severity: { error: '错误', warning: '警告', info: '提示' } as Record<Severity, string>,
  },
  en: {
    sheets: ['Forms', 'Findings', 'Statistics'],
    head: [
      'File',
      'Sheet',
      'Range',
      'Budget unit',
      'Project',
      'Budget',
      'Executed',
      'Execution rate',
      'Stated total',
      'Recomputed total',
      'Stated grade',
      'Recomputed grade',
      'Errors',
      'Warnings',
      'Notices',
      'First error (or why the file was not checked)',
      'Annotated copy',
    ],
    findingHead: ['File', 'Sheet', 'Cell', 'Rule', 'Severity', 'Message', 'Fix'],
    gradeHead: ['Grade', 'Forms'],
    ruleHead: ['Rule', 'Severity', 'Count'],
    chart: 'Grade distribution',
    severity: { error: 'error', warning: 'warning', info: 'info' } as Record<Severity, string>,
  },
};

/** The summary's file name in each language. */
export const SUMMARY_NAME: Record<Lang, string> = { zh: '汇总.xlsx', en: 'summary.xlsx' };

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

/** Cell formats (cellXfs indexes). */
const S = {
  plain: 0,
  head: 1,
  money: 2,
  percent: 3,
  wrap: 4,
  link: 5,
  // the same on a row with errors
  bad: 6,
  badMoney: 7,
  badPercent: 8,
  badWrap: 9,
  badLink: 10,
  warning: 11,
  info: 12,
  number: 13,
  badNumber: 14,
} as const;

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="0.00%"/></numFmts>' +
  '<fonts count="3">' +
  '<font><sz val="11"/><name val="DengXian"/><family val="2"/><charset val="134"/></font>' +
  '<font><b/><sz val="11"/><name val="DengXian"/><family val="2"/><charset val="134"/></font>' +
  '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="DengXian"/><family val="2"/><charset val="134"/></font>' +
  '</fonts>' +
  '<fills count="6"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  [TONE_FILL.error, '#D9E1F2', TONE_FILL.warning, TONE_FILL.info]
    .map(
      (c) =>
        `<fill><patternFill patternType="solid"><fgColor rgb="${argb(c)}"/><bgColor indexed="64"/></patternFill></fill>`,
    )
    .join('') +
  '</fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="15">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="4" borderId="0" xfId="0" applyFill="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="5" borderId="0" xfId="0" applyFill="1"/>' +
  '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="2" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

type Value = string | number | undefined;

function cell(ref: string, value: Value, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (value === undefined || value === '') return style ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
}

function row(r: number, values: ReadonlyArray<readonly [Value, number]>): string {
  return `<row r="${r}">${values.map(([v, s], i) => cell(`${colName(i + 1)}${r}`, v, s)).join('')}</row>`;
}

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const FROZEN =
  '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>';

function cols(widths: readonly number[]): string {
  return `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
}

function sheet(parts: {
  widths: readonly number[];
  rows: string[];
  frozen: boolean;
  filter?: string;
  extra?: string;
}): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet ${NS}>` +
    (parts.frozen ? FROZEN : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>') +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    cols(parts.widths) +
    `<sheetData>${parts.rows.join('')}</sheetData>` +
    (parts.filter ? `<autoFilter ref="${parts.filter}"/>` : '') +
    (parts.extra ?? '') +
    '</worksheet>'
  );
}

/** A relationship target for a relative file path: the characters a URI must not carry raw. */
function linkTarget(path: string): string {
  // ':' too: a file named `javascript:x.xlsx` stays a relative path, never a URL scheme
  return path.replace(/[%#?: ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function formsSheet(input: SummaryInput): { xml: string; rels: string; lastRow: number } {
  const t = TEXT[input.lang];
  const rows = [
    row(
      1,
      t.head.map((h) => [h, S.head] as const),
    ),
  ];
  const links: string[] = [];
  const rels: string[] = [];
  input.rows.forEach((x, i) => {
    const r = i + 2;
    const b = x.failed;
    const plain = b ? S.bad : S.plain;
    rows.push(
      row(r, [
        [x.file, plain],
        [x.sheet, plain],
        [x.range, plain],
        [x.unit, plain],
        [x.project, plain],
        [x.budget, b ? S.badMoney : S.money],
        [x.executed, b ? S.badMoney : S.money],
        [x.rate, b ? S.badPercent : S.percent],
        [x.statedTotal, b ? S.badNumber : S.number],
        [x.computedTotal, b ? S.badNumber : S.number],
        [x.statedGrade, plain],
        [x.computedGrade, plain],
        [x.errors, plain],
        [x.warnings, plain],
        [x.infos, plain],
        [x.firstError, plain],
        [x.link ?? x.linkNote, x.link ? (b ? S.badLink : S.link) : plain],
      ]),
    );
    if (x.link) {
      const id = `rId${rels.length + 1}`;
      rels.push(
        `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${xmlText(linkTarget(x.link))}" TargetMode="External"/>`,
      );
      links.push(`<hyperlink ref="Q${r}" r:id="${id}"/>`);
    }
  });
  const lastRow = input.rows.length + 1;
  const xml = sheet({
    widths: [36, 14, 12, 22, 28, 14, 14, 12, 10, 10, 10, 10, 7, 7, 7, 60, 36],
    rows,
    frozen: true,
    filter: `A1:Q${lastRow}`,
    extra:
      (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      '<pageSetup paperSize="9" orientation="landscape"/>',
  });
  return { xml, rels: relsXml(rels), lastRow };
}

const SEVERITY_STYLE: Record<Severity, number> = { error: S.bad, warning: S.warning, info: S.info };

function findingsSheet(input: SummaryInput): { xml: string; lastRow: number } {
  const t = TEXT[input.lang];
  const rows = [
    row(
      1,
      t.findingHead.map((h) => [h, S.head] as const),
    ),
  ];
  input.findings.forEach((f, i) => {
    rows.push(
      row(i + 2, [
        [f.file, S.plain],
        [f.sheet, S.plain],
        [f.cell, S.plain],
        [f.rule, S.plain],
        [t.severity[f.severity], SEVERITY_STYLE[f.severity]],
        [f.message, S.wrap],
        [f.fix, S.wrap],
      ]),
    );
  });
  const lastRow = input.findings.length + 1;
  return {
    xml: sheet({ widths: [36, 14, 10, 26, 8, 80, 30], rows, frozen: true, filter: `A1:G${lastRow}` }),
    lastRow,
  };
}

function statsSheet(input: SummaryInput): string {
  const t = TEXT[input.lang];
  const height = Math.max(input.grades.length, input.rules.length) + 1;
  const rows: string[] = [];
  for (let r = 1; r <= height; r++) {
    const g = r === 1 ? t.gradeHead : input.grades[r - 2];
    const u = r === 1 ? t.ruleHead : input.rules[r - 2];
    const s = r === 1 ? S.head : S.plain;
    const cells: Array<readonly [Value, number]> = [
      [g?.[0], s],
      [g?.[1], s],
      [undefined, 0],
      [u?.[0], s],
      [u === undefined ? undefined : r === 1 ? u[1] : t.severity[u[1] as Severity], s],
      [u?.[2], s],
    ];
    rows.push(row(r, cells));
  }
  return sheet({
    widths: [14, 8, 4, 30, 8, 8],
    rows,
    frozen: false,
    extra: '<drawing r:id="rId1"/>',
  });
}

function relsXml(rels: readonly string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`
  );
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function chartXml(input: SummaryInput): string {
  const t = TEXT[input.lang];
  const stats = quoteSheet(t.sheets[2]);
  const n = input.grades.length;
  const last = n + 1;
  const cats = input.grades.map(([g], i) => `<c:pt idx="${i}"><c:v>${xmlText(g)}</c:v></c:pt>`).join('');
  const vals = input.grades.map(([, v], i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<c:roundedCorners val="0"/>' +
    '<c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${xmlText(t.chart)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>' +
    '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    '<c:ser><c:idx val="0"/><c:order val="0"/>' +
    `<c:tx><c:strRef><c:f>${xmlText(stats)}!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${xmlText(t.gradeHead[1])}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
    '<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>' +
    `<c:cat><c:strRef><c:f>${xmlText(stats)}!$A$2:$A$${last}</c:f><c:strCache><c:ptCount val="${n}"/>${cats}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${xmlText(stats)}!$B$2:$B$${last}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${vals}</c:numCache></c:numRef></c:val>` +
    '</c:ser><c:gapWidth val="80"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>' +
    '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>' +
    '<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="1"/></c:valAx>' +
    '</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  );
}

const DRAWING =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
  '<xdr:twoCellAnchor><xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>' +
  '<xdr:to><xdr:col>15</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
  '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
  '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
  '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
  '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>' +
  '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>';

const CT = 'application/vnd.openxmlformats-officedocument';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The summary workbook's bytes. */
export function summaryWorkbook(input: SummaryInput): Buffer {
  const t = TEXT[input.lang];
  const forms = formsSheet(input);
  const findings = findingsSheet(input);
  const workbook =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<workbook ${NS}><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
    t.sheets
      .map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('') +
    '</sheets><definedNames>' +
    `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${xmlText(quoteSheet(t.sheets[0]))}!$A$1:$Q$${forms.lastRow}</definedName>` +
    `<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">${xmlText(quoteSheet(t.sheets[1]))}!$A$1:$G$${findings.lastRow}</definedName>` +
    '</definedNames><calcPr calcId="191029"/></workbook>';
  const parts: Array<[string, string]> = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
        [1, 2, 3]
          .map(
            (i) =>
              `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
        `<Override PartName="/xl/drawings/drawing1.xml" ContentType="${CT}.drawing+xml"/>` +
        `<Override PartName="/xl/charts/chart1.xml" ContentType="${CT}.drawingml.chart+xml"/>` +
        '</Types>',
    ],
    [
      '_rels/.rels',
      relsXml([`<Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/>`]),
    ],
    ['xl/workbook.xml', workbook],
    [
      'xl/_rels/workbook.xml.rels',
      relsXml([
        ...[1, 2, 3].map(
          (i) => `<Relationship Id="rId${i}" Type="${R}/worksheet" Target="worksheets/sheet${i}.xml"/>`,
        ),
        `<Relationship Id="rId4" Type="${R}/styles" Target="styles.xml"/>`,
      ]),
    ],
    ['xl/styles.xml', STYLES],
    ['xl/worksheets/sheet1.xml', forms.xml],
    ['xl/worksheets/_rels/sheet1.xml.rels', forms.rels],
    ['xl/worksheets/sheet2.xml', findings.xml],
    ['xl/worksheets/sheet3.xml', statsSheet(input)],
    [
      'xl/worksheets/_rels/sheet3.xml.rels',
      relsXml([`<Relationship Id="rId1" Type="${R}/drawing" Target="../drawings/drawing1.xml"/>`]),
    ],
    ['xl/drawings/drawing1.xml', DRAWING],
    [
      'xl/drawings/_rels/drawing1.xml.rels',
      relsXml([`<Relationship Id="rId1" Type="${R}/chart" Target="../charts/chart1.xml"/>`]),
    ],
    ['xl/charts/chart1.xml', chartXml(input)],
  ];
  return writeZip(parts.map(([name, data]) => ({ name, data })));
}
