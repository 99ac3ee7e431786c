/**
 * The fast reader against SheetJS: the same Grids on every workbook in the repository, on the
 * workbooks the fixtures build (exceljs, SheetJS and LibreOffice-style writers) and on generated
 * workbooks covering each feature; hostile inputs give a clear reason, never a hang.
 */
import * as XLSX from '@e965/xlsx';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Cell, Grid } from '../../src/engine/grid';
import { gridsOf, READ_OPTIONS } from '../../src/io/sheetjs';
import { CELL_SHAPES, readXlsx, XlsxFallback } from '../../src/io/xlsx';
import { openZip, writeZip, ZipError } from '../../src/io/zip';
import { writeTemplateFile } from '../../src/cli/writeTemplate';
import { FAMILY } from '../../src/engine/families';
import { writeExampleWorkbook } from '../fixtures/examples';
import { nationalSheet, shanghaiSheet } from '../fixtures/forms';
import { REAL_FORMS, realSheet } from '../fixtures/real';
import { seedSheet, SheetSpec, stackedSeed } from '../fixtures/seed';
import { allVariants, variantSheet } from '../fixtures/variants';
import { writeXlsx } from '../fixtures/workbook';

const READ: XLSX.ParsingOptions = { ...READ_OPTIONS, type: 'buffer' };

/** A Grid as plain data: its size, merges and every cell by address. */
function dump(g: Grid) {
  const cells: Array<[number, number, Cell]> = [];
  for (const r of g.contentRows())
    for (const c of g.columnsWithCells(r)) {
      const cell = g.cell(r, c);
      if (cell) cells.push([r, c, cell]);
    }
  return { name: g.name, rowCount: g.rowCount, colCount: g.colCount, merges: g.merges, cells };
}

function fast(buf: Buffer): Grid[] {
  return readXlsx(buf).map((s) => {
    if (!s.grid) throw new Error(`sheet ${s.name}: ${s.damage}`);
    return s.grid;
  });
}

function expectSameAsSheetJS(buf: Buffer): void {
  const mine = fast(buf).map(dump);
  const theirs = gridsOf(XLSX.read(buf, READ)).map(dump);
  expect(mine).toEqual(theirs);
}

function workbooksUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? workbooksUnder(p) : /\.xlsx$/i.test(n) ? [p] : [];
  });
}

describe('the fast reader gives the Grids SheetJS gives', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ziping-xlsx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(workbooksUnder(join(__dirname, '..', '..', 'examples')))('%s', (path) => {
    expectSameAsSheetJS(readFileSync(path));
  });

  it('on the fixtures written by exceljs: seed, national, Shanghai, real forms, every variant', async () => {
    const specs: SheetSpec[] = [
      { ...stackedSeed(true), name: '普陀区2021' },
      { ...stackedSeed(false), name: 'text' },
      seedSheet('side', [
        { form: 0, row: 1, col: 1 },
        { form: 1, row: 1, col: 10 },
      ]),
      { ...nationalSheet(), name: 'national' },
      { ...shanghaiSheet(), name: 'shanghai' },
      ...REAL_FORMS.map((f, i) => realSheet(f, `real${i}`)),
    ];
    const path = join(dir, 'fixtures.xlsx');
    await writeXlsx(path, specs);
    expectSameAsSheetJS(readFileSync(path));
    await writeExampleWorkbook(path, specs.slice(0, 4));
    expectSameAsSheetJS(readFileSync(path));
    const variants = allVariants();
    for (let i = 0; i < variants.length; i += 40) {
      await writeXlsx(
        path,
        variants.slice(i, i + 40).map((v, j) => variantSheet(v, `v${i + j}`)),
      );
      expectSameAsSheetJS(readFileSync(path));
    }
  });

  it('on the blank templates ziping writes (styles, validation, formulas without cached values)', async () => {
    for (const family of Object.values(FAMILY)) {
      const path = join(dir, `template-${family.id}.xlsx`);
      await writeTemplateFile(path, family.template());
      const buf = readFileSync(path);
      expectSameAsSheetJS(buf);
      // its formulas carry no cached value: both readers leave such cells out, as SheetJS does
      expect(fast(buf)[0].contentRows().length).toBeGreaterThan(10);
    }
  });

  it('on workbooks SheetJS writes', () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([
      ['项目名称', 'x & <y>', true, 1.5, new Date(Date.UTC(2022, 0, 31))],
      [null, '=SUM(A1)', false, -0.001, 'a\r\nb'],
    ]);
    ws['B3'] = { t: 'n', v: 3, f: 'B1+1', z: '0.00%' };
    ws['C3'] = { t: 'e', v: 0x07 };
    ws['!ref'] = 'A1:E3';
    ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 1, c: 0 } }];
    XLSX.utils.book_append_sheet(wb, ws, 'S1');
    for (const bookSST of [false, true])
      expectSameAsSheetJS(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST }) as Buffer);
  });
});

// ------------------------------------------------------------------ generated workbooks

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Book {
  sheets: string[];
  strings?: string;
  styles?: string;
  workbookPr?: string;
  prefix?: string;
}

/** A workbook zipped by hand: each feature exactly as Excel writes it. */
function book({ sheets, strings, styles, workbookPr = '', prefix = '' }: Book): Buffer {
  const p = prefix ? `${prefix}:` : '';
  const xmlns = prefix ? `xmlns:${prefix}` : 'xmlns';
  const rels = sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="${RNS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  return writeZip([
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><${p}workbook ${xmlns}="${NS}" xmlns:r="${RNS}">${workbookPr}<${p}sheets>${sheets
        .map((_, i) => `<${p}sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</${p}sheets></${p}workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rS" Type="${RNS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="${RNS}/styles" Target="styles.xml"/></Relationships>`,
    },
    ...sheets.map((data, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${xmlns}="${NS}">${data}</${p}worksheet>`,
    })),
    {
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0"?><sst xmlns="${NS}">${strings ?? ''}</sst>`,
    },
    {
      name: 'xl/styles.xml',
      data: `<?xml version="1.0"?><styleSheet xmlns="${NS}">${styles ?? ''}</styleSheet>`,
    },
  ]);
}

const STYLES =
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00_);[Red]\\(#,##0.00\\)"/></numFmts>' +
  '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="10"><alignment wrapText="1"/></xf><xf numFmtId="165"/><xf numFmtId="49"/><xf numFmtId="22"/></cellXfs>';

const FEATURES =
  '<dimension ref="A1:H9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>' +
  '<row r="1" spans="1:8"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s" s="5"><v>2</v></c>' +
  '<c r="D1" t="inlineStr"><is><t xml:space="preserve"> 内联 &amp; text </t></is></c>' +
  '<c r="E1" t="inlineStr"><is><r><rPr><b/></rPr><t>富</t></r><r><t>文本</t></r></is></c><c r="F1" t="inlineStr"/></row>' +
  '<row r="2"><c r="A2" s="1"><v>44562</v></c><c r="B2" s="2"><v>44926.5</v></c><c r="C2" s="3"><v>0.6216</v></c>' +
  '<c r="D2" s="4"><v>-414400</v></c><c r="E2" s="6"><v>44562.75</v></c><c r="F2" s="99"><v>7</v></c></row>' +
  '<row r="3"><c r="A3"><v>1</v></c><c r="B3"><f>A3*2</f><v>2</v></c>' +
  '<c r="C3"><f t="shared" ref="C3:C6" si="0">A3+$A$3+B$3+SUM(A3:B3)</f><v>6</v></c></row>' +
  '<row r="4"><c r="A4"><v>2</v></c><c r="C4"><f t="shared" si="0"/><v>9</v></c></row>' +
  '<row r="6"><c r="C6"><f t="shared" si="0"/><v>0</v></c><c r="D6"><f>_xlfn.IFS(A3&gt;0,1)</f><v>1</v></c></row>' +
  '<row r="7"><c r="A7" t="b"><v>1</v></c><c r="B7" t="b"><v>0</v></c><c r="C7" t="e"><v>#DIV/0!</v></c>' +
  '<c r="D7" t="e"><f>1/0</f><v>#N/A</v></c><c r="E7" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="F7"><f>NOW()</f></c>' +
  '<c r="G7" t="str"><f>""</f><v></v></c><c r="H7"/></row>' +
  '<row r="8"><c t="n"><v>10</v></c><c><v>11</v></c><c r="E8"><v>1E-3</v></c><c><v>12</v></c></row>' +
  '<row><c r="A9" t="s"><v>3</v></c><c r="B9" t="s"><v>4</v></c></row>' +
  '</sheetData><mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="F8:H9"/></mergeCells>' +
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';

const STRINGS =
  '<si><t>项目名称</t></si>' +
  '<si><r><rPr><b/><sz val="11"/></rPr><t>产出</t></r><r><t xml:space="preserve">指标 (45分)</t></r></si>' +
  '<si><t>&lt;p&gt;备注&lt;/p&gt; &amp;#27; _x000D_x</t></si>' +
  '<si><t>有读音</t><rPh sb="0" eb="1"><t>ヨミ</t></rPh><phoneticPr fontId="1"/></si>' +
  '<si><t>line1\r\nline2</t></si>';

describe('generated workbooks: each feature', () => {
  it('reads shared, inline and rich strings, formulas, dates, formats, merges, booleans, errors', () => {
    const buf = book({ sheets: [FEATURES], strings: STRINGS, styles: STYLES });
    expectSameAsSheetJS(buf);
    const g = fast(buf)[0];
    expect(g.value(1, 2)).toBe('产出指标 (45分)');
    expect(g.value(1, 4)).toBe(' 内联 & text ');
    expect(g.value(1, 5)).toBe('富文本');
    expect(g.value(9, 1)).toBe('有读音');
    expect(g.value(9, 2)).toBe('line1\nline2');
    expect(g.cell(2, 1)).toEqual({ value: 44562, format: 'm/d/yy', text: '1/1/22' });
    expect(g.cell(2, 2)?.text).toBe('2022年12月31日');
    expect(g.cell(2, 3)).toEqual({ value: 0.6216, format: '0.00%' });
    expect(g.cell(4, 3)?.formula).toBe('A4+$A$3+B$3+SUM(A4:B4)');
    expect(g.cell(6, 3)?.formula).toBe('A6+$A$3+B$3+SUM(A6:B6)');
    expect(g.cell(6, 4)?.formula).toBe('IFS(A3>0,1)');
    expect(g.value(7, 1)).toBe(true);
    expect(g.value(7, 3)).toEqual({ error: '#DIV/0!' });
    expect(g.cell(7, 6)).toBeUndefined();
    expect(g.value(8, 1)).toBe(10);
    expect(g.value(8, 6)).toBe(12);
    expect(g.mergeAt(9, 7)).toEqual({ top: 8, left: 6, bottom: 9, right: 8 });
  });

  it('makes only cells of the shapes it makes up front (CELL_SHAPES), each with the keys in their order', () => {
    const shapes = new Set(CELL_SHAPES.map((c) => Object.keys(c).join(',')));
    const seen = new Set<string>();
    const grids = [
      ...fast(book({ sheets: [FEATURES], strings: STRINGS, styles: STYLES })),
      ...fast(readFileSync(join(__dirname, '..', '..', 'examples', 'putuo-2021.xlsx'))),
    ];
    for (const g of grids) for (const [, , cell] of dump(g).cells) seen.add(Object.keys(cell).join(','));
    expect([...seen].filter((s) => !shapes.has(s))).toEqual([]);
    // the features' sheet has plain, formula, formatted, dated and formula-and-formatted cells
    expect(seen.size).toBeGreaterThanOrEqual(4);
    // each shape with a text, a whole number and a fraction
    expect(new Set(CELL_SHAPES.map((c) => typeof c.value + (c.value === 0 ? '0' : '')))).toEqual(
      new Set(['string', 'number0', 'number']),
    );
  });

  it('never decodes a character reference into a control character; OOXML escapes are the cell text', () => {
    // `&#27;` and `&#0;` are not well-formed XML: kept as written, never a terminal escape or a NUL
    const sheet =
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>' +
      '<c r="B1" t="inlineStr"><is><t>&#x1B;]0;t&#7;&#0;&#xD800;&#x202E;&#65;</t></is></c>' +
      '<c r="C1" t="inlineStr"><is><t>_x001B_[2J</t></is></c></row></sheetData>';
    const buf = book({ sheets: [sheet], strings: '<si><t>&#27;[2J&#9;&#10;x</t></si>' });
    const [read] = readXlsx(buf);
    const g = read.grid!;
    expect(g.value(1, 1)).toBe('&#27;[2J\t\nx');
    expect(g.value(1, 2)).toBe('&#x1B;]0;t&#7;&#0;&#xD800;\u202eA');
    // Excel's own escape of a control character in a cell: the cell does hold ESC
    expect(g.value(1, 3)).toBe('\u001b[2J');
  });

  it('reads dates in the 1904 system as dates of that system', () => {
    const sheet =
      '<sheetData><row r="1"><c r="A1" s="1"><v>43100</v></c><c r="B1" s="2"><v>0</v></c></row></sheetData>';
    for (const pr of ['<workbookPr date1904="1"/>', '<workbookPr date1904="true"/>', '<workbookPr/>']) {
      const buf = book({ sheets: [sheet], styles: STYLES, workbookPr: pr });
      expectSameAsSheetJS(buf);
      const g = fast(buf)[0];
      expect(g.cell(1, 1)?.text).toBe(pr === '<workbookPr/>' ? '12/31/17' : '1/1/22');
      expect(g.cell(1, 2)?.text).toBe(pr === '<workbookPr/>' ? '1900年1月0日' : '1904年1月1日');
    }
  });

  it('leaves namespaced and strict parts to SheetJS', () => {
    const prefixed = book({
      sheets: ['<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>'],
      prefix: 'x',
    });
    expect(() => readXlsx(prefixed)).toThrow(XlsxFallback);
    const inner = book({
      sheets: ['<sheetData><row r="1"><x:c r="A1" xmlns:x="' + NS + '"><x:v>1</x:v></x:c></row></sheetData>'],
    });
    expect(() => readXlsx(inner)).toThrow(XlsxFallback);
    const strictBook = writeZip([
      {
        name: '_rels/.rels',
        data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      },
      { name: 'xl/workbook.xml', data: '<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>' },
    ]);
    expect(() => readXlsx(strictBook)).toThrow(XlsxFallback);
    const isoDate = book({
      sheets: ['<sheetData><row r="1"><c r="A1" t="d"><v>2022-01-01</v></c></row></sheetData>'],
    });
    expect(() => readXlsx(isoDate)).toThrow(XlsxFallback);
  });
});

describe('the byte-level paths of the sheet scanner', () => {
  /** A sheet of one row: each text as a cell `<c …>` with the given attributes and value. */
  function rowOf(values: string[], attrs = ''): string {
    return `<sheetData><row r="1">${values.map((v) => `<c${attrs}><v>${v}</v></c>`).join('')}</row></sheetData>`;
  }

  it('reads plain decimals as parseFloat does, and leaves any other number to it', () => {
    const texts = ['0', '-0', '7', '007', '-0.5', '0.6216', '414400', '123456789012345', '1234567890123456'];
    texts.push('12345678901234567890', '0.1', '0.3', '2.675', '-9007199254740993', '1.', '.5', '-.5', '1E-3');
    texts.push(
      '1e21',
      '+3',
      ' 4',
      '5 ',
      '-',
      '.',
      '1.2.3',
      '0x10',
      'Infinity',
      '&#49;2',
      '0.000000000000000000001',
    );
    // random decimals of 1 to 17 digits, with the point anywhere
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 3000; i++) {
      let d = String(1 + rnd(9));
      for (let k = rnd(17); k > 0; k--) d += String(rnd(10));
      const at = rnd(d.length + 1);
      texts.push(`${rnd(2) ? '-' : ''}${at > 0 && at < d.length ? `${d.slice(0, at)}.${d.slice(at)}` : d}`);
    }
    const [read] = readXlsx(book({ sheets: [rowOf(texts)] }));
    const g = read.grid!;
    texts.forEach((t, i) => {
      const expected = parseFloat(t.replace('&#49;', '1'));
      if (!Object.is(g.value(1, i + 1), expected)) expect([t, g.value(1, i + 1)]).toEqual([t, expected]);
    });
    expect(Object.is(g.value(1, 2), -0)).toBe(true);
  });

  it('reads texts with and without escapes, and never gives one text for other bytes', () => {
    const texts = [
      '项目名称',
      '项目名称 ',
      '项目名秤',
      'a&amp;b',
      'x_x0041_y',
      'line1\r\nline2',
      '_',
      'plain',
    ];
    const sheet = (list: string[]) => rowOf(list, ' t="str"');
    const expected = ['项目名称', '项目名称 ', '项目名秤', 'a&b', 'xAy', 'line1\nline2', '_', 'plain'];
    for (let round = 0; round < 2; round++) {
      const g = fast(book({ sheets: [sheet(texts)] }))[0];
      expected.forEach((t, i) => expect(g.value(1, i + 1)).toBe(t));
    }
    // more texts, and more bytes, than the cache holds: read twice, each cell its own text
    const many = Array.from({ length: 12000 }, (_, i) => `${'文本'.repeat(1 + (i % 40))}${i}`);
    const buf = book({ sheets: [sheet(many)] });
    for (let round = 0; round < 2; round++) {
      const g = fast(buf)[0];
      many.forEach((t, i) => {
        if (g.value(1, i + 1) !== t) expect([i, g.value(1, i + 1)]).toEqual([i, t]);
      });
    }
    // long texts, escaped or not, and one text in plain, formatted and formula cells
    const long = ['长'.repeat(1700), `${'&amp;'.repeat(1000)}x`, `${'说明'.repeat(400)}&lt;p&gt;`];
    const mixed =
      `<sheetData><row r="1">${long.map((t) => `<c t="str"><v>${t}</v></c>`).join('')}</row>` +
      '<row r="2"><c t="str"><v>a_b</v></c><c t="str" s="5"><v>a_b</v></c><c t="str"><f>A2</f><v>a_b</v></c>' +
      '<c t="str"><v>a_b</v></c></row></sheetData>';
    for (let round = 0; round < 2; round++) {
      const g = fast(book({ sheets: [mixed], styles: STYLES }))[0];
      expect([1, 2, 3].map((c) => g.value(1, c))).toEqual([
        '长'.repeat(1700),
        `${'&'.repeat(1000)}x`,
        `${'说明'.repeat(400)}<p>`,
      ]);
      expect([1, 2, 3, 4].map((c) => g.cell(2, c))).toEqual([
        { value: 'a_b' },
        { value: 'a_b', format: '@' },
        { value: 'a_b', formula: 'A2' },
        { value: 'a_b' },
      ]);
    }
    // one byte changed in the middle of a cached text: the other text
    const a = fast(book({ sheets: [sheet(['预算执行数(元)'])] }))[0];
    const b = fast(book({ sheets: [sheet(['预算执行率(元)'])] }))[0];
    expect([a.value(1, 1), b.value(1, 1)]).toEqual(['预算执行数(元)', '预算执行率(元)']);
  });

  it('reads unusual cell layouts as SheetJS does', () => {
    const sheet =
      '<sheetData><row r="1"><c r="D1"><v>4</v><f>A1</f></c><c r="E1" t="str"><v></v></c>' +
      '<c r="F1"><v>5</v><v>6</v></c><c r="G1" t="s"><v>0</v></c><c r="H1" t="s" s="0"><v>0</v></c></row>' +
      '<row r="2" spans="1:2"><c r="A2" s="3"><v>0.25</v></c><c t="b"><v>true</v></c></row>' +
      '<row r="0003"><c r="A3"><v>1</v></c></row></sheetData>';
    const buf = book({ sheets: [sheet], strings: '<si><t>共享</t></si>', styles: STYLES });
    expectSameAsSheetJS(buf);
    const g = fast(buf)[0];
    expect(g.cell(1, 4)).toEqual({ value: 4, formula: 'A1' });
    expect(g.value(1, 6)).toBe(5);
    expect(g.value(3, 1)).toBe(1);
  });

  it('reads merged areas however their ends are written', () => {
    const merged = (refs: string[]) =>
      `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>${refs
        .map((r) => `<mergeCell ref="${r}"/>`)
        .join('')}</mergeCells>`;
    const g = fast(
      book({ sheets: [merged(['C3:B2', 'D4', 'E5:F6:G7', 'H&#49;:I2', 'XFD1048575:XFD1048576'])] }),
    )[0];
    expect(g.merges).toEqual([
      { top: 2, left: 2, bottom: 3, right: 3 },
      { top: 4, left: 4, bottom: 4, right: 4 },
      { top: 5, left: 5, bottom: 6, right: 6 },
      { top: 1, left: 8, bottom: 2, right: 9 },
      { top: 1048575, left: 16384, bottom: 1048576, right: 16384 },
    ]);
    for (const bad of ['A1:', ':A1', '$A$1', 'A0', 'XFE1', 'A1048577', ''])
      expect(damageOf(book({ sheets: [merged([bad])] }))).toEqual([
        `damaged: xl/worksheets/sheet1.xml (merged area ${bad})`,
      ]);
  });

  it('finds a row\u2019s r and a merged area\u2019s ref wherever and however they are written', () => {
    const sheet = (row: string, merge: string) =>
      `<sheetData><row${row}><c><v>1</v></c></row></sheetData><mergeCells><mergeCell${merge}/></mergeCells>`;
    for (const [row, merge] of [
      [' r="3"', ' ref="B2:C4"'],
      ['  r="3"', '  ref="B2:C4"'],
      [" r='3'", " ref='B2:C4'"],
      [' r = "3"', ' ref ="B2:C4"'],
      [' rx="9" r="3"', ' refs="A1" ref="B2:C4"'],
      [' spans="1:1" r="3" r="5"', ' x="ref=&quot;A1&quot;" ref="B2:C4" ref="A1"'],
      ['\tr="3"', '\nref="B2:C4"'],
    ]) {
      const g = fast(book({ sheets: [sheet(row, merge)] }))[0];
      expect([row, merge, g.value(3, 1), g.merges]).toEqual([
        row,
        merge,
        1,
        [{ top: 2, left: 2, bottom: 4, right: 3 }],
      ]);
    }
  });

  it('reads attributes written with entities or spaces as strings', () => {
    const sheet =
      '<sheetData><row r="1"><c r="A1" t="&#115;tr"><v>t</v></c><c r="B1" s=" 1"><v>44562</v></c>' +
      '<c r="C&#49;"><v>3</v></c><c r="D1" t="&#120;"><v>3</v></c></row><row r=" 4"><c><v>2</v></c></row></sheetData>';
    expect(readXlsx(book({ sheets: [sheet], styles: STYLES }))[0].damage).toBe(
      'damaged: xl/worksheets/sheet1.xml (cell type x)',
    );
    const g = fast(
      book({ sheets: [sheet.replace('<c r="D1" t="&#120;"><v>3</v></c>', '')], styles: STYLES }),
    )[0];
    expect(g.value(1, 1)).toBe('t');
    expect(g.cell(1, 2)).toEqual({ value: 44562, format: 'm/d/yy', text: '1/1/22' });
    expect(g.value(1, 3)).toBe(3);
    expect(g.value(4, 1)).toBe(2);
  });
});

describe('namespace prefixes and the root element, found in one pass over the sheet', () => {
  const cells = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
  /** A workbook whose sheet part is `xml` as it is (no declaration or root added). */
  function rawSheet(xml: string): Buffer {
    const zip = openZip(book({ sheets: [cells] }));
    return writeZip(
      zip.entries.map((e) =>
        e.name === 'xl/worksheets/sheet1.xml'
          ? { name: e.name, data: xml }
          : { name: e.name, stored: zip.stored(e) },
      ),
    );
  }
  const ws = (attrs: string, body = cells) =>
    `<?xml version="1.0"?><worksheet xmlns="${NS}"${attrs}>${body}</worksheet>`;
  const outcome = (buf: Buffer): string => {
    try {
      const [s] = readXlsx(buf);
      return s.damage ?? `cells ${s.grid!.value(1, 1)}`;
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('refuses SpreadsheetML or its relationships bound to a prefix, however written', () => {
    const refused = [
      ` xmlns:x="${NS}"`,
      ` xmlns:x = '${NS}'`,
      ` xmlns:my.x-1="https://schemas.openxmlformats.org/spreadsheetml/2006/main"`,
      ` xmlns:x="schemas.openxmlformats.org/spreadsheetml/2006/main"`,
      ` xmlns:p="http://schemas.openxmlformats.org/package/2006/relationships"`,
      ` xmlns:s="http://purl.oclc.org/ooxml/spreadsheetml/main"`,
    ];
    for (const a of refused)
      expect([a, outcome(rawSheet(ws(a)))]).toEqual([
        a,
        'fallback: namespace prefix in xl/worksheets/sheet1.xml',
      ]);
    // declared deep inside the sheet, on an element of its own
    const inner = ws('', `${cells}<extLst><ext xmlns:x="${NS}"/></extLst>`);
    expect(outcome(rawSheet(inner))).toBe('fallback: namespace prefix in xl/worksheets/sheet1.xml');
  });

  it('reads sheets that only mention those namespaces, or bind other ones', () => {
    const read = [
      ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`,
      ` xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"`,
      ` xmlns:x="urn:${NS}"`,
      ` xmlns:${'p'.repeat(80)}="${NS}"`,
      ` data-xmlns:x="y" note="${NS}"`,
    ];
    for (const a of read) expect([a, outcome(rawSheet(ws(a)))]).toEqual([a, 'cells 1']);
    const mention = ws('', cells.replace('<v>1</v>', '<v>1</v>') + `<extLst><ext uri="${NS}"/></extLst>`);
    expect(outcome(rawSheet(mention))).toBe('cells 1');
  });

  it('reads the root element’s namespace as its attribute’s unescaped text', () => {
    const strict = (xmlns: string) => `<?xml version="1.0"?><worksheet xmlns="${xmlns}">${cells}</worksheet>`;
    // strict OOXML however its namespace is written: plainly, by a character reference, by _xHHHH_
    for (const xmlns of [
      'http://purl.oclc.org/ooxml/spreadsheetml/main',
      'http://&#112;url.oclc.org/ooxml/spreadsheetml/main',
      'http://_x0070_url.oclc.org/ooxml/spreadsheetml/main',
    ])
      expect([xmlns, outcome(rawSheet(strict(xmlns)))]).toEqual([xmlns, 'fallback: strict OOXML']);
    // escapes, `<` and `_` elsewhere in the root change nothing; a closing tag is no root
    for (const a of [' a="&amp;_x0041_"', ' a="<b>"', ' a_b="1"', ' p="purl"'])
      expect([a, outcome(rawSheet(ws(a)))]).toEqual([a, 'cells 1']);
    expect(outcome(rawSheet(`<?xml version="1.0"?></worksheet>${ws('').slice(21)}`))).toBe(
      'damaged: xl/worksheets/sheet1.xml (root element /worksheet)',
    );
  });

  it('finds the root element after a long prologue, and refuses it beyond 64 KiB', () => {
    const comment = (n: number) => `<!--${'c'.repeat(n)}-->`;
    expect(outcome(rawSheet(`<?xml version="1.0"?>${comment(5000)}${ws('').slice(21)}`))).toBe('cells 1');
    expect(outcome(rawSheet(`${comment(70000)}${ws('').slice(21)}`))).toBe(
      'fallback: root element beyond 64 KiB',
    );
    expect(
      outcome(
        rawSheet(
          `<?xml version="1.0"?>${comment(3000)}<worksheet xmlns="${NS}" a="${'a'.repeat(2000)}">${cells}</worksheet>`,
        ),
      ),
    ).toBe('cells 1');
    expect(outcome(rawSheet(`${comment(5000)}<sheet xmlns="${NS}">${cells}</sheet>`))).toBe(
      'damaged: xl/worksheets/sheet1.xml (root element sheet)',
    );
    expect(outcome(rawSheet(`${comment(5000)}<worksheet xmlns="${NS}"`))).toBe(
      'damaged: xl/worksheets/sheet1.xml (unterminated tag)',
    );
  });
});

describe('shared strings, read from their bytes', () => {
  const ITEMS = [
    '<si><t>项目名称</t></si>',
    '<si><r><t>产出</t></r><r><t xml:space="preserve">指标 (45分)</t></r></si>',
    '<si><r><rPr><b/></rPr></r></si>',
    '<si/>',
    '<si><t>a &amp; b</t></si>',
    '<si><r><t>&am</t></r><r><t>p;x</t></r></si>',
    '<si><t>有读音</t><rPh sb="0" eb="1"><t>ヨミ</t></rPh><phoneticPr fontId="1"/></si>',
    '<si><t>line1\r\nline2</t></si>',
    '<si><t>_x0041_</t><t/></si>',
    '<si></si>',
    '<si><t>项目名称</t></si>',
  ];
  const EXPECTED = [
    '项目名称',
    '产出指标 (45分)',
    '',
    '',
    'a & b',
    '&x',
    '有读音',
    'line1\nline2',
    'A',
    '',
    '项目名称',
  ];
  const row = `<sheetData><row r="1">${ITEMS.map((_, i) => `<c t="s"><v>${i}</v></c>`).join('')}</row></sheetData>`;
  /** A workbook whose shared strings part is `xml` as it is. */
  function withStrings(xml: string | Buffer): Buffer {
    const zip = openZip(book({ sheets: [row], strings: '' }));
    return writeZip(
      zip.entries.map((e) =>
        e.name === 'xl/sharedStrings.xml'
          ? { name: e.name, data: xml }
          : { name: e.name, stored: zip.stored(e) },
      ),
    );
  }
  const sst = (items: string, attrs = '') => `<?xml version="1.0"?><sst xmlns="${NS}"${attrs}>${items}</sst>`;
  const values = (buf: Buffer) => ITEMS.map((_, i) => fast(buf)[0].value(1, i + 1));

  it('reads runs, phonetic runs, escapes across runs and empty items as the text reader does', () => {
    for (let round = 0; round < 2; round++)
      expect(values(withStrings(sst(ITEMS.join(''))))).toEqual(EXPECTED);
    // the same items where the text reader reads them: a comment, a prefix declared, a byte-order mark
    expect(values(withStrings(sst(`<!-- c -->${ITEMS.join('')}`)))).toEqual(EXPECTED);
    expect(values(withStrings(sst(ITEMS.join(''), ' xmlns:x="urn:other"')))).toEqual(EXPECTED);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sst(ITEMS.join('')))]);
    expect(values(withStrings(bom))).toEqual(EXPECTED);
  });

  it('decodes bad UTF-8 and reports damage as the text reader does', () => {
    // a cut UTF-8 sequence before `<` (é is C3 A9), the rest as before
    const bad = Buffer.concat([
      Buffer.from(`<?xml version="1.0"?><sst xmlns="${NS}"><si><t>ok</t></si><si><t>a`),
      Buffer.from([0xc3]),
      Buffer.from(`</t></si><si><t>\u00e9\u00e9</t></si>${ITEMS.slice(3).join('')}</sst>`),
    ]);
    const g = readXlsx(withStrings(bad))[0].grid!;
    expect([g.value(1, 1), g.value(1, 2), g.value(1, 3)]).toEqual(['ok', 'a\ufffd', '\u00e9\u00e9']);
    expect(() => readXlsx(withStrings(sst('<si><t>open<b/></t></si>')))).toThrow(XlsxFallback);
    expect(() => readXlsx(withStrings(sst('<si><t>open')))).toThrow('damaged: xl/sharedStrings.xml');
    expect(() => readXlsx(withStrings(`<sst xmlns="${NS}"><si><t a="1`))).toThrow(
      'damaged: xl/sharedStrings.xml',
    );
    expect(() => readXlsx(withStrings(`<x:sst xmlns:x="${NS}"/>`))).toThrow(XlsxFallback);
    expect(() =>
      readXlsx(withStrings('<sst xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>')),
    ).toThrow('fallback: strict OOXML');
  });
});

describe('the parts kept from one workbook for the next', () => {
  const sheet =
    '<sheetData><row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1" s="2"><v>44562</v></c></row></sheetData>';
  const stylesOf = (a: number, b: number) =>
    `<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="${a}"/><xf numFmtId="${b}"/></cellXfs>`;
  /** The same workbook with its parts stored, `name`'s declared CRC-32 replaced by `crc`. */
  function withCrc(buf: Buffer, name: string, crc: number): Buffer {
    const zip = openZip(buf);
    return writeZip(
      zip.entries.map((e) => ({
        name: e.name,
        stored: { ...zip.stored(e), ...(e.name === name ? { crc32: crc } : {}) },
      })),
    );
  }

  it('never hands one workbook the styles, sheets or relationships of another with other bytes', () => {
    // styles of the same size, other formats: 10 and 14 against 14 and 10
    const a = book({ sheets: [sheet], styles: stylesOf(10, 14) });
    const b = book({ sheets: [sheet, sheet], styles: stylesOf(14, 10) });
    for (let round = 0; round < 3; round++) {
      expectSameAsSheetJS(a);
      expectSameAsSheetJS(b);
      expect(fast(a)[0].cell(1, 1)?.format).toBe('0.00%');
      expect(fast(b)[0].cell(1, 1)?.format).toBe('m/d/yy');
      expect(fast(b)).toHaveLength(2);
    }
    // b's styles declared with a's CRC-32: damaged, not a's formats
    const crcOfA = openZip(a).entry('xl/styles.xml')!.crc32;
    expect(() => readXlsx(withCrc(b, 'xl/styles.xml', crcOfA))).toThrow('damaged: xl/styles.xml');
    expect(fast(a)[0].cell(1, 1)?.format).toBe('0.00%');
  });

  it('a kept part still counts toward the limits, and a part that failed is read again', () => {
    const a = book({ sheets: [sheet], styles: stylesOf(10, 14) });
    expect(fast(a)[0].cell(1, 1)?.format).toBe('0.00%');
    // read in this order: workbook, its relationships, shared strings, styles (kept), the sheet
    const size = (name: string) => openZip(a).entry(name)!.size;
    const parts = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
    const total = parts.reduce((n, p) => n + size(p), 0);
    expect(() => readXlsx(a, { maxTotalRead: total - 1 })).toThrow('too large: xl/styles.xml');
    expect(readXlsx(a, { maxTotalRead: total })[0].damage).toBe('too large: xl/worksheets/sheet1.xml');
    expect(readXlsx(a, { maxTotalRead: total + size('xl/worksheets/sheet1.xml') })[0].grid).toBeDefined();
    const badBook = book({ sheets: [sheet], workbookPr: '<workbookPr date1904="1"/><unclosed a="' });
    for (let round = 0; round < 2; round++)
      expect(() => readXlsx(badBook)).toThrow('damaged: xl/workbook.xml');
  });
});

// ------------------------------------------------------------------ damage

function damageOf(buf: Buffer): string[] {
  return readXlsx(buf).map((s) => s.damage ?? '');
}

describe('damage is named and stays in its sheet', () => {
  const good = '<sheetData><row r="1"><c r="A1"><v>5.1</v></c></row></sheetData>';

  it('a wrong CRC in one sheet: that sheet is damaged, the other is read', () => {
    // stored (not deflated), so that one byte of a value can be changed in place
    const stored = writeZip([
      ...[
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
      ].map((name) => ({
        name,
        data: unzipText(book({ sheets: [good, good] }), name),
        compress: false,
      })),
    ]);
    const second = stored.lastIndexOf('5.1');
    stored[second] = '9'.charCodeAt(0);
    const sheets = readXlsx(stored);
    expect(sheets[0].grid?.value(1, 1)).toBe(5.1);
    expect(sheets[1].grid).toBeUndefined();
    expect(sheets[1].damage).toBe('damaged: xl/worksheets/sheet2.xml (CRC-32)');
  });

  it('a missing sheet part, a missing shared string, an out-of-range reference', () => {
    expect(
      damageOf(
        book({
          sheets: [good, '<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>'],
          strings: '<si><t>a</t></si>',
        }),
      ),
    ).toEqual([
      '',
      'damaged: xl/worksheets/sheet2.xml (shared string 7 is missing from xl/sharedStrings.xml)',
    ]);
    for (const ref of ['ZZZZ99999999', 'XFE1', 'A1048577', 'A0', '1A', 'a1'])
      expect(
        damageOf(book({ sheets: [`<sheetData><row r="1"><c r="${ref}"><v>1</v></c></row></sheetData>`] }))[0],
      ).toBe(`damaged: xl/worksheets/sheet1.xml (cell reference ${ref})`);
    expect(
      damageOf(book({ sheets: ['<sheetData/><mergeCells><mergeCell ref="A1:XFE2"/></mergeCells>'] }))[0],
    ).toMatch(/^damaged: .*merged area/);
    const noPart = writeZip(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/worksheets/sheet1.xml',
      ].map((name) => ({
        name,
        data: unzipText(book({ sheets: [good, good] }), name),
      })),
    );
    expect(damageOf(noPart)).toEqual(['', 'damaged: xl/worksheets/sheet2.xml (missing part)']);
  });

  it('one cell at XFD1048576 is one cell', () => {
    const g = fast(
      book({ sheets: ['<sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'] }),
    )[0];
    expect([g.rowCount, g.colCount, g.value(1048576, 16384)]).toEqual([1048576, 16384, 1]);
    expect(g.contentRows()).toEqual([1048576]);
  });

  it('every cut of a valid workbook is refused with a clear reason', () => {
    const buf = book({ sheets: [FEATURES], strings: STRINGS, styles: STYLES });
    for (let n = 0; n <= 200; n++) {
      let err: unknown;
      try {
        readXlsx(buf.subarray(0, n));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ZipError);
      expect((err as ZipError).message).toMatch(/^damaged: /);
    }
    // and cuts at the end, through the central directory
    for (let n = buf.length - 200; n < buf.length; n++)
      expect(() => readXlsx(buf.subarray(0, n))).toThrow(ZipError);
  });

  it('a zip bomb sheet is refused before its memory is spent', () => {
    const huge = Buffer.alloc(8 * 1024 * 1024, 0x20);
    const bomb = writeZip([
      ...['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'].map(
        (name) => ({
          name,
          data: unzipText(book({ sheets: [good] }), name),
        }),
      ),
      { name: 'xl/worksheets/sheet1.xml', data: huge },
    ]);
    // 8 MB of spaces deflate to about 8 KB: past a 4 MB cap, and past a ratio of 500
    const sizeCap = readXlsx(bomb, { maxEntrySize: 4 * 1024 * 1024 });
    expect(sizeCap.map((s) => s.damage)).toEqual(['too large: xl/worksheets/sheet1.xml']);
    const ratioCap = readXlsx(bomb, { maxRatio: 500 });
    expect(ratioCap.map((s) => s.damage)).toEqual(['too large: xl/worksheets/sheet1.xml (inflate ratio)']);
    // within the limits it is read (and is an empty sheet)
    expect(readXlsx(bomb, { maxRatio: 5000 })[0].damage).toBe(
      'damaged: xl/worksheets/sheet1.xml (empty part)',
    );
  });
});

function unzipText(buf: Buffer, name: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openZip } = require('../../src/io/zip') as typeof import('../../src/io/zip');
  return openZip(buf).readText(name);
}
