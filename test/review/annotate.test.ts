/**
 * The package patcher on hand-written packages, for the shapes of sheet XML that ExcelJS never
 * writes: rows and cells without `r`, `<sheetData/>`, shared strings, row and column formats,
 * `spans`, prefixed names, text that XML cannot carry as is. Read back with SheetJS and xmldom.
 */
import JSZip from 'jszip';
import { DOMParser } from '@xmldom/xmldom';
import * as XLSX from '@e965/xlsx';
import { annotateWorkbook, UnsupportedPackage } from '../../src/cli/review/annotate';
import { PlannedWrite, RunPlan } from '../../src/engine/plan';
import { readXlsx } from '../../src/io/xlsx';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

async function pkg(sheets: string[], prefix = ''): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets>` +
      sheets.map((_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId90" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId91" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts>` +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0"><alignment wrapText="1"/></xf></cellXfs></styleSheet>',
  );
  zip.file(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="2" uniqueCount="2"><si><t>甲</t></si><si><t>乙</t></si></sst>`,
  );
  sheets.forEach((xml, i) =>
    zip.file(
      `xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8"?>${prefix ? xml : `<worksheet xmlns="${MAIN}" xmlns:r="${R}">${xml}</worksheet>`}`,
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const num = (cell: string, value: number): PlannedWrite => ({
  cell,
  type: 'number',
  value,
  figure: 'totalScore',
  before: '',
});
const text = (cell: string, value: string): PlannedWrite => ({
  cell,
  type: 'text',
  value,
  figure: 'grade',
  before: '',
});

function read(buf: Buffer, sheet: string): XLSX.WorkSheet {
  return XLSX.read(buf, { type: 'buffer', cellStyles: true, cellFormula: true, cellNF: true }).Sheets[sheet];
}

async function part(buf: Buffer, name: string): Promise<string> {
  const xml = await (await JSZip.loadAsync(buf)).file(name)!.async('string');
  // well-formed: xmldom reports errors through its onError
  const errors: string[] = [];
  new DOMParser({
    onError: (level: string, msg: string) => level !== 'warning' && errors.push(msg),
  }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return xml;
}

test('rows and cells without r, new rows and cells in order, shared strings and formulas kept', async () => {
  const sheet =
    '<cols><col min="5" max="5" width="9" style="1" customWidth="1"/></cols><sheetData>' +
    '<row spans="1:3"><c t="s"><v>0</v></c><c><v>5</v></c><c><f>B1*2</f><v>10</v></c></row>' +
    '<row r="4" s="2" customFormat="1"><c r="A4" t="s"><v>1</v></c><c r="C4"><v>3</v></c></row>' +
    '</sheetData><mergeCells count="1"><mergeCell ref="A4:B4"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  const plan: RunPlan = {
    writes: [num('B4', 7), text('A2', '优秀'), num('C1', 99), num('E3', 1.5)],
    marks: [
      { cell: 'A1', tone: 'error' },
      { cell: 'B4', tone: 'good' },
      { cell: 'E3', tone: 'warning' },
      { cell: 'A2', tone: 'good' },
    ],
    notes: [{ cell: 'A1', text: '说明 <一> & "二"' }],
  };
  const { bytes } = annotateWorkbook(await pkg([sheet]), new Map([['S1', plan]]), '自评');
  const ws = read(bytes, 'S1');
  expect(ws.A1.v).toBe('甲');
  expect(ws.B1.v).toBe(5);
  // a formula is never overwritten, even when asked
  expect(ws.C1.f).toBe('B1*2');
  expect(ws.C1.v).toBe(10);
  expect(ws.A2).toMatchObject({ t: 's', v: '优秀' });
  expect(ws.E3).toMatchObject({ t: 'n', v: 1.5, z: '0.000' }); // the column's format, kept
  expect(ws.A4.v).toBe('乙');
  expect(ws.B4.v).toBe(7);
  expect(ws.C4.v).toBe(3);
  expect(ws.A1.s?.fgColor?.rgb).toBe('FFC7CE');
  expect(ws.E3.s?.fgColor?.rgb).toBe('FFEB9C');
  expect(ws.B4.s?.fgColor?.rgb).toBe('C6EFCE');
  expect(ws.A1.c?.[0]?.t).toBe('说明 <一> & "二"');
  expect(ws['!merges']).toEqual([{ s: { r: 3, c: 0 }, e: { r: 3, c: 1 } }]);
  const xml = await part(bytes, 'xl/worksheets/sheet1.xml');
  // rows in order, cells in order within them; the new cell of row 4 takes the row's format
  expect([...xml.matchAll(/<row r="(\d+)"|<row(?= |>)/g)].map((m) => m[1] ?? '?')).toEqual([
    '?',
    '2',
    '3',
    '4',
  ]);
  expect(xml).toMatch(/<c r="A4"[^>]*>.*<c r="B4"[^>]*>.*<c r="C4"/);
  expect(xml).not.toContain('spans=');
  expect(xml).toMatch(/<legacyDrawing r:id="rId\d+"\/><\/worksheet>$/);
  const styles = await part(bytes, 'xl/styles.xml');
  // B4 is a new cell of row 4 (format 2, wrapped and bold): its clone keeps the alignment
  expect(styles).toMatch(
    /<xf numFmtId="0" fontId="1" fillId="\d+" borderId="0" xfId="0" applyFill="1"><alignment wrapText="1"\/><\/xf>/,
  );
  expect(await part(bytes, 'xl/workbook.xml')).toContain('<calcPr fullCalcOnLoad="1"/>');
  expect(await part(bytes, '[Content_Types].xml')).toContain('Extension="vml"');
});

test('an empty <sheetData/> gets its rows; a sheet without a plan is copied as it was', async () => {
  const empty =
    '<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  const other = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
  const original = await pkg([empty, other]);
  const plan: RunPlan = { writes: [text('B2', '合格')], marks: [{ cell: 'B2', tone: 'good' }], notes: [] };
  const { bytes } = annotateWorkbook(original, new Map([['S1', plan]]), 'x');
  expect(read(bytes, 'S1').B2.v).toBe('合格');
  const a = await JSZip.loadAsync(original);
  const b = await JSZip.loadAsync(bytes);
  expect(await b.file('xl/worksheets/sheet2.xml')!.async('string')).toBe(
    await a.file('xl/worksheets/sheet2.xml')!.async('string'),
  );
  expect(await part(bytes, 'xl/worksheets/sheet1.xml')).toContain('<sheetData><row r="2">');
});

test('text the XML cannot carry as is comes back exactly', async () => {
  const odd = 'a\u0001b _x0041_ <c> & \u202e';
  const plan: RunPlan = { writes: [text('A1', odd)], marks: [], notes: [{ cell: 'A1', text: odd }] };
  const { bytes } = annotateWorkbook(await pkg(['<sheetData/>']), new Map([['S1', plan]]), 'x');
  const ws = read(bytes, 'S1');
  expect(ws.A1.v).toBe(odd);
  await part(bytes, 'xl/worksheets/sheet1.xml');
});

const rate = (cell: string, value: number, format: string): PlannedWrite => ({
  cell,
  type: 'number',
  value,
  format,
  figure: 'executionRate',
  before: '',
});

test('a rate written with the format 0.00% is a number in a clone of its cell format with the built-in 0.00%', async () => {
  // D6: a blank cell of format 2 (bold, wrapped); D7: no cell; D8: a cell already shown as 0.0%;
  // E9: a write whose format the workbook must define; D10: a rate over a formula is not written
  const sheet =
    '<sheetData><row r="6"><c r="D6" s="2"/></row><row r="8"><c r="D8" s="3"/></row>' +
    '<row r="10"><c r="D10"><f>B10/C10</f><v>0.5</v></c></row></sheetData>';
  const zip = await JSZip.loadAsync(await pkg([sheet]));
  const styles0 = await zip.file('xl/styles.xml')!.async('string');
  zip.file(
    'xl/styles.xml',
    styles0
      .replace(
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts>',
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.000"/><numFmt numFmtId="170" formatCode="0.0%"/></numFmts>',
      )
      .replace('<cellXfs count="3">', '<cellXfs count="4">')
      .replace(
        '</cellXfs>',
        '<xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>',
      ),
  );
  const original = await zip.generateAsync({ type: 'nodebuffer' });
  const plan: RunPlan = {
    writes: [
      rate('D6', 0.6216, '0.00%'),
      rate('D7', 0.5, '0.00%'),
      rate('D8', 0.6216, '0.00%'),
      rate('E9', 1234.5, '#,##0.0"元"'),
      rate('D10', 0.6216, '0.00%'),
    ],
    marks: ['D6', 'D7', 'D8', 'E9'].map((cell) => ({ cell, tone: 'good' as const })),
    notes: [],
  };
  const { bytes } = annotateWorkbook(original, new Map([['S1', plan]]), 'x');

  // SheetJS reads the numbers and their formats, and shows them as Excel does
  const ws = read(bytes, 'S1');
  expect(ws.D6).toMatchObject({ t: 'n', v: 0.6216, z: '0.00%', w: '62.16%' });
  expect(ws.D7).toMatchObject({ t: 'n', v: 0.5, z: '0.00%', w: '50.00%' });
  expect(ws.D8).toMatchObject({ t: 'n', v: 0.6216, z: '0.0%', w: '62.2%' }); // its own % format, kept
  expect(ws.E9).toMatchObject({ t: 'n', v: 1234.5, z: '#,##0.0"元"' });
  expect(ws.D10).toMatchObject({ f: 'B10/C10', v: 0.5 });
  expect(ws.D6.s?.fgColor?.rgb).toBe('C6EFCE');

  // the fast reader the command line checks with reads the same
  const grid = readXlsx(bytes)[0].grid!;
  expect(grid.cell(6, 4)).toMatchObject({ value: 0.6216, format: '0.00%' });
  expect(grid.cell(7, 4)).toMatchObject({ value: 0.5, format: '0.00%' });
  expect(grid.cell(8, 4)).toMatchObject({ value: 0.6216, format: '0.0%' });
  expect(grid.cell(9, 5)).toMatchObject({ value: 1234.5, format: '#,##0.0"元"' });
  expect(grid.cell(10, 4)?.format).toBeUndefined();

  // D6's clone keeps its font and alignment and takes the built-in 0.00% (id 10) and the fill;
  // the new format is the workbook's next own one
  const styles = await part(bytes, 'xl/styles.xml');
  expect(styles).toMatch(
    /<xf numFmtId="10" fontId="1" fillId="\d+" borderId="0" xfId="0" applyFill="1" applyNumberFormat="1"><alignment wrapText="1"\/><\/xf>/,
  );
  expect(styles).toContain(
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="0.000"/><numFmt numFmtId="170" formatCode="0.0%"/><numFmt numFmtId="171" formatCode="#,##0.0&quot;元&quot;"/></numFmts>',
  );
  const xml = await part(bytes, 'xl/worksheets/sheet1.xml');
  expect(xml).toMatch(/<c r="D6" s="(\d+)"><v>0.6216<\/v><\/c>/);
});

test('a workbook with no numFmts gets one for a format it must define', async () => {
  const zip = await JSZip.loadAsync(await pkg(['<sheetData/>']));
  const styles0 = await zip.file('xl/styles.xml')!.async('string');
  zip.file(
    'xl/styles.xml',
    styles0.replace(/<numFmts.*<\/numFmts>/, '').replace('numFmtId="164"', 'numFmtId="0"'),
  );
  const original = await zip.generateAsync({ type: 'nodebuffer' });
  const plan: RunPlan = { writes: [rate('A1', 0.5, '0.000%')], marks: [], notes: [] };
  const { bytes } = annotateWorkbook(original, new Map([['S1', plan]]), 'x');
  expect(read(bytes, 'S1').A1).toMatchObject({ t: 'n', v: 0.5, z: '0.000%', w: '50.000%' });
  expect(await part(bytes, 'xl/styles.xml')).toContain(
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.000%"/></numFmts><fonts',
  );
});

test('a package with prefixed names is refused, not damaged', async () => {
  const sheet = `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  const plan: RunPlan = { writes: [], marks: [{ cell: 'A1', tone: 'error' }], notes: [] };
  const buf = await pkg([sheet], 'x');
  expect(() => annotateWorkbook(buf, new Map([['S1', plan]]), 'x')).toThrow(UnsupportedPackage);
});
