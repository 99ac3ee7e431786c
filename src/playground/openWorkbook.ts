/**
 * Opening a workbook in the playground as Excel would: the bytes of an .xlsx or .xls become a
 * fake workbook with its column widths, open on the first sheet that holds a form; anything
 * else is refused with the command line's own words (src/cli/readWorkbook.ts).
 */
import { analyzeSheet, Lang } from '../engine';
import { Grid } from '../engine/grid';
import { fakeWorkbookOf, FakeWorkbook } from '../excel/fake';
import { gridsOf, readBySheetJS } from '../io/sheetjs';
import { damaged, notAWorkbook, Reason, workbookKind } from '../io/signature';
import { findEndOfCentralDirectory, NO_ZIP_END } from '../io/zipEnd';

/** A file that is not a workbook, with the reason the command line gives. */
export class UnreadableWorkbook extends Error {}

/** Reads the bytes of a file named `name`; throws UnreadableWorkbook with the CLI's message. */
export function readWorkbookBytes(
  name: string,
  bytes: Uint8Array,
  lang: Lang,
): { grids: Grid[]; widths: Array<Map<number, number>> } {
  const say = (zh: string, en: string) => new UnreadableWorkbook(lang === 'zh' ? zh : en);
  const refuse = (r: Reason) => say(r.zh, r.en);
  const kind = workbookKind(bytes);
  if (!kind) throw refuse(notAWorkbook(name));
  // a zip cut short: named as the command line names it, before SheetJS guesses at it
  if (kind === 'zip' && findEndOfCentralDirectory(bytes) < 0) throw refuse(damaged(name, NO_ZIP_END));
  // the column widths too, for the sheet view
  const wb = readBySheetJS(bytes, name, say, { type: 'array', cellStyles: true });
  const widths = wb.SheetNames.map((n) => {
    const out = new Map<number, number>();
    (wb.Sheets[n]['!cols'] ?? []).forEach((c, i) => {
      if (c?.wpx) out.set(i + 1, Math.round(c.wpx));
    });
    return out;
  });
  return { grids: gridsOf(wb), widths };
}

/** The fake workbook of these sheets, active on the first sheet that holds a form. */
export function workbookOf(
  sheets: ReadonlyArray<{ grids: Grid[]; widths: Array<Map<number, number>> }>,
  lang: Lang,
): FakeWorkbook {
  const grids = sheets.flatMap((s) => s.grids);
  const widths = sheets.flatMap((s) => s.widths);
  const book = fakeWorkbookOf(grids);
  book.sheets.forEach((s, i) => {
    for (const [col, w] of widths[i] ?? []) s.columnWidths.set(col, w);
  });
  const first = grids.findIndex((g) => analyzeSheet(g, lang).length > 0);
  if (first > 0) book.activeId = book.sheets[first].id;
  return book;
}
