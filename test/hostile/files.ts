/** The hostile inputs of issue 10's table that concern the command line as a whole, written to a folder. */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import JSZip from 'jszip';
import { crc32, deflateRawSync } from 'zlib';
import { shanghaiSheet } from '../fixtures/forms';
import { writeXlsx } from '../fixtures/workbook';
import { Entry, manySheets, oneSheet, sheetXml, tinyRows, workbookEntries, zip, zipBomb } from './make';

/** The entries of a real workbook, to be written again with one of them spoiled. */
async function entriesOf(path: string): Promise<Entry[]> {
  const z = await JSZip.loadAsync(readFileSync(path));
  const names = Object.keys(z.files).filter((n) => !z.files[n].dir);
  return Promise.all(names.map(async (name) => ({ name, data: await z.file(name)!.async('nodebuffer') })));
}

const SHEET = 'xl/worksheets/sheet1.xml';

/** Writes a good form and each hostile file into `dir`; their paths by key. */
export async function writeHostile(dir: string): Promise<Record<string, string>> {
  const at = (name: string) => join(dir, name);
  const files: Record<string, string> = {};
  const put = (key: string, name: string, data: Buffer) => {
    writeFileSync(at(name), data);
    files[key] = at(name);
  };
  await writeXlsx(at('good.xlsx'), [shanghaiSheet()]);
  files.good = at('good.xlsx');
  const good = readFileSync(files.good);
  // a valid workbook cut short, as an interrupted download leaves it
  put('cut30', 'cut-30.xlsx', good.subarray(0, 30));
  put('cut200', 'cut-200.xlsx', good.subarray(0, 200));
  // 4,000 merged areas, each down to the last row
  const merges = Array.from({ length: 4000 }, (_, i) => `<mergeCell ref="A${i + 1}:B1048576"/>`).join('');
  put(
    'merges',
    'tall-merges.xlsx',
    oneSheet(
      sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', `<mergeCells count="4000">${merges}</mergeCells>`),
    ),
  );
  // a form and one cell at the far corner of the sheet
  put(
    'corner',
    'far-corner.xlsx',
    oneSheet(
      sheetXml(
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
      ),
    ),
  );
  // a cell reference far beyond XFD1048576 (it once ran for minutes)
  put(
    'farref',
    'far-reference.xlsx',
    oneSheet(sheetXml('<row r="1"><c r="ZZZZ99999999"><v>1</v></c></row>')),
  );
  // millions of tiny rows in a few hundred KB
  put('rows', 'tiny-rows.xlsx', await tinyRows(2_000_000));
  // a sheet that inflates to 256 MB
  put('bomb', 'zip-bomb.xlsx', await zipBomb(256));
  // 10,000 sheets
  put('sheets', 'many-sheets.xlsx', manySheets(10_000));
  // a workbook whose second sheet's part is missing
  put(
    'missing',
    'missing-part.xlsx',
    zip(
      workbookEntries([
        { name: 'A', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') },
        { name: 'B' },
      ]).filter((e) => e.name !== 'xl/worksheets/sheet2.xml'),
    ),
  );
  const entries = await entriesOf(files.good);
  // the sheet's deflate stream damaged in its middle
  put(
    'deflate',
    'bad-deflate.xlsx',
    zip(
      entries.map((e) => {
        if (e.name !== SHEET) return e;
        const raw = deflateRawSync(e.data as Buffer);
        raw.fill(0xff, Math.floor(raw.length / 2), Math.floor(raw.length / 2) + 16);
        return { ...e, raw };
      }),
    ),
  );
  // the sheet's bytes changed after its CRC was computed: the total score 100 becomes 900
  put(
    'crc',
    'wrong-crc.xlsx',
    zip(
      entries.map((e) => {
        if (e.name !== SHEET) return e;
        const xml = (e.data as Buffer).toString('utf8');
        const changed = xml.replace(/<v>100<\/v>/, '<v>900</v>');
        if (changed === xml) throw new Error('the good form has no 100 to change');
        return { ...e, data: changed, crc: crc32(e.data as Buffer) };
      }),
    ),
  );
  // names a terminal would obey
  await writeXlsx(at('evil-\u001b[2J\u001b]0;pwned\u0007-\u202egnp.xlsx'), [shanghaiSheet()]);
  files.evil = at('evil-\u001b[2J\u001b]0;pwned\u0007-\u202egnp.xlsx');
  return files;
}
