/** The command line's reader: fast path, SheetJS fallback, and damage reported per sheet. */
import * as XLSX from '@e965/xlsx';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { readWorkbookFile, readWorkbookSheets, UnreadableError } from '../../src/cli/readWorkbook';
import { Grid } from '../../src/engine/grid';
import { Report } from '../../src/engine/report';
import { gridsOf } from '../../src/io/sheetjs';
import { readXlsx, XlsxFallback } from '../../src/io/xlsx';
import { openZip, writeZip } from '../../src/io/zip';
import { reportValidator } from '../fixtures/schema';
import { seedSheet } from '../fixtures/seed';
import { writeXlsx } from '../fixtures/workbook';

const validate = reportValidator();
let dir: string;
let twoForms: Buffer;

async function check(
  path: string,
  lang: 'zh' | 'en' = 'en',
): Promise<{ code: number; report: Report; human: string }> {
  let out = '';
  const code = await main(['check', path, '--json', '--lang', lang], {
    out: (t) => (out += t),
    err: () => {},
  });
  const report = JSON.parse(out) as Report;
  expect(validate(report)).toBe('');
  let human = '';
  await main(['check', path, '--lang', lang], { out: (t) => (human += t), err: () => {} });
  return { code, report, human };
}

/** The same zip with its entries stored, and one byte of each named part's values changed. */
function corrupt(buf: Buffer, parts: readonly string[]): Buffer {
  const zip = openZip(buf);
  const out = writeZip(zip.entries.map((e) => ({ name: e.name, data: zip.read(e.name), compress: false })));
  const stored = openZip(out);
  for (const part of parts) {
    const offset = stored.entry(part)?.offset ?? -1;
    const at = out.indexOf(Buffer.from('</v>'), out.indexOf(Buffer.from('<sheetData'), offset));
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(at).toBeGreaterThan(offset);
    out[at - 1] ^= 0x01;
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ziping-read-'));
  await writeXlsx(join(dir, 'two.xlsx'), [
    seedSheet('第一张', [{ form: 0, row: 1, col: 1 }]),
    seedSheet('第二张', [{ form: 1, row: 1, col: 1 }]),
  ]);
  twoForms = readFileSync(join(dir, 'two.xlsx'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readWorkbookSheets', () => {
  it('reads .xlsx with the fast reader, the same Grids as SheetJS', () => {
    const sheets = readWorkbookSheets(join(dir, 'two.xlsx'));
    expect(sheets.every((s) => s instanceof Grid)).toBe(true);
    const theirs = gridsOf(
      XLSX.read(twoForms, { type: 'buffer', dense: true, cellNF: true, cellFormula: true }),
    );
    expect((sheets as Grid[]).map((g) => [g.name, g.rowCount, g.colCount, g.merges])).toEqual(
      theirs.map((g) => [g.name, g.rowCount, g.colCount, g.merges]),
    );
  });

  it.each([
    ['zh', '是文件夹，不是文件'],
    ['en', 'is a folder, not a file'],
  ] as const)('a folder, a missing file: each its own reason (%s)', (lang, folder) => {
    const read = (path: string) => () => readWorkbookSheets(path, lang);
    expect(read(dir)).toThrow(UnreadableError);
    expect(read(dir)).toThrow(`${dir} ${folder}`);
    const missing = join(dir, 'missing.xlsx');
    expect(read(missing)).toThrow(lang === 'zh' ? `文件不存在：${missing}` : `no such file: ${missing}`);
  });

  it('falls back to SheetJS for what it does not support, and reads .xls with SheetJS', () => {
    const zip = openZip(twoForms);
    // a namespace prefix on SpreadsheetML's own elements: the fast reader declines
    const prefixed = writeZip(
      zip.entries.map((e) => {
        let text = zip.read(e.name);
        if (e.name === 'xl/worksheets/sheet1.xml')
          text = Buffer.from(
            text
              .toString('utf8')
              .replace('<worksheet xmlns=', '<x:worksheet xmlns:x=')
              .replace(/<(\/?)(?=[a-zA-Z])/g, '<$1x:')
              .replace('<x:x:worksheet', '<x:worksheet'),
          );
        return { name: e.name, data: text };
      }),
    );
    expect(() => readXlsx(prefixed)).toThrow(XlsxFallback);
    writeFileSync(join(dir, 'prefixed.xlsx'), prefixed);
    const sheets = readWorkbookSheets(join(dir, 'prefixed.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual(['第一张', '第二张']);
    expect(sheets[0] instanceof Grid && sheets[0].value(1, 1)).toBe(
      readWorkbookFile(join(dir, 'two.xlsx'))[0].value(1, 1),
    );
    const xls = XLSX.write(XLSX.read(twoForms, { type: 'buffer' }), {
      type: 'buffer',
      bookType: 'biff8',
    }) as Buffer;
    writeFileSync(join(dir, 'old.xls'), xls);
    const old = readWorkbookFile(join(dir, 'old.xls'));
    expect(old.map((g) => g.name)).toEqual(['第一张', '第二张']);
  });

  it('a damaged sheet is reported by part; the good form on the other sheet is still checked', async () => {
    const path = join(dir, 'crc.xlsx');
    writeFileSync(path, corrupt(twoForms, ['xl/worksheets/sheet2.xml']));
    const { code, report, human } = await check(path);
    const file = report.files[0];
    expect(file.error).toBeUndefined();
    expect(file.sheets[0].forms).toHaveLength(1);
    expect(file.sheets[1].forms).toHaveLength(0);
    expect(file.sheets[1].error?.code).toBe('unreadable');
    expect(file.sheets[1].error?.message).toContain('damaged: xl/worksheets/sheet2.xml (CRC-32)');
    expect(human).toContain('damaged: xl/worksheets/sheet2.xml');
    expect(code).toBe(2);
    // readWorkbookFile keeps its shape: the readable sheets
    expect(readWorkbookFile(path).map((g) => g.name)).toEqual(['第一张']);
  });

  it('when every sheet is damaged the file is unreadable, not formless', async () => {
    const path = join(dir, 'both.xlsx');
    writeFileSync(path, corrupt(twoForms, ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']));
    const { code, report } = await check(path, 'zh');
    expect(code).toBe(2);
    expect(report.files[0].error?.code).toBe('unreadable');
    expect(report.files[0].error?.message).toContain('damaged: xl/worksheets/sheet1.xml');
    expect(() => readWorkbookFile(path)).toThrow(UnreadableError);
  });

  it('a truncated workbook is unreadable with a clear reason, at every cut', () => {
    const path = join(dir, 'cut.xlsx');
    for (const n of [30, 100, 200, Math.floor(twoForms.length / 2), twoForms.length - 1]) {
      writeFileSync(path, twoForms.subarray(0, n));
      let err: unknown;
      try {
        readWorkbookSheets(path, 'en');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UnreadableError);
      expect((err as Error).message).toMatch(/damaged|not an Excel workbook/);
    }
  });

  it('one cell at XFD1048576 beside a form: the same report, the cell costs one cell', async () => {
    const zip = openZip(twoForms);
    const far = writeZip(
      zip.entries.map((e) => {
        const data = zip.read(e.name);
        if (e.name !== 'xl/worksheets/sheet1.xml') return { name: e.name, data };
        const text = data
          .toString('utf8')
          .replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>');
        return { name: e.name, data: text };
      }),
    );
    const path = join(dir, 'far.xlsx');
    writeFileSync(path, far);
    const sheets = readWorkbookSheets(path);
    const g = sheets[0] as Grid;
    expect([g.rowCount, g.colCount, g.value(1048576, 16384)]).toEqual([1048576, 16384, 1]);
    const { report } = await check(path);
    const { report: plain } = await check(join(dir, 'two.xlsx'));
    expect(report.files[0].sheets).toEqual(plain.files[0].sheets);
  });
});
