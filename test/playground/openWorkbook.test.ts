/**
 * The playground opens a workbook as Excel would: on the first sheet that holds a form, with the
 * workbook's column widths; a file that is not a workbook gets the command line's own words.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readWorkbookFile } from '../../src/cli/readWorkbook';
import { readWorkbookBytes, UnreadableWorkbook, workbookOf } from '../../src/playground/openWorkbook';
import { stackedSeed } from '../fixtures/seed';
import { writeXlsx } from '../fixtures/workbook';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ziping-open-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cliMessage(path: string, lang: 'zh' | 'en'): string {
  try {
    readWorkbookFile(path, lang);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${path} was read`);
}

test.each([
  ['a text file', 'notes.xlsx', Buffer.from('这不是工作簿\n')],
  ['a damaged zip', 'broken.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])],
])('%s: the same words as the command line, in both languages', (_what, name, bytes) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  for (const lang of ['zh', 'en'] as const) {
    let message = '';
    try {
      readWorkbookBytes(path, new Uint8Array(bytes), lang);
    } catch (e) {
      expect(e).toBeInstanceOf(UnreadableWorkbook);
      message = (e as Error).message;
    }
    expect(message).toBe(cliMessage(path, lang));
  }
});

test('opens on the first sheet that holds a form, with the column widths of the file', async () => {
  const path = join(dir, 'two.xlsx');
  await writeXlsx(path, [
    { name: '填表说明', cells: [undefined, [undefined, { value: '请按说明填写' }]], merges: [] },
    { ...stackedSeed(true), name: '自评表' },
  ]);
  const book = workbookOf([readWorkbookBytes('two.xlsx', new Uint8Array(readFileSync(path)), 'zh')], 'zh');
  expect(book.sheets.map((s) => s.name)).toEqual(['填表说明', '自评表']);
  expect(book.active.name).toBe('自评表');

  const putuo = readWorkbookBytes(
    'putuo-2021.xlsx',
    new Uint8Array(readFileSync(join(__dirname, '..', '..', 'examples', 'putuo-2021.xlsx'))),
    'zh',
  );
  const one = workbookOf([putuo], 'zh');
  expect(one.active.name).toBe('普陀区2021');
  expect([...one.active.columnWidths]).toEqual([
    [1, 252],
    [2, 252],
    [3, 252],
    [4, 168],
    [5, 252],
    [6, 252],
    [7, 168],
  ]);
});
