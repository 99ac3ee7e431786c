/** One workbook read and checked in this thread: what each isolated worker runs. */
import { checkWorkbook, FileReport } from '../engine/report';
import { Lang } from '../engine/messages';
import { readWorkbookFile, UnreadableError } from './readWorkbook';
import { unreadableReport } from './unreadable';

/**
 * Reads `file` and checks it; the report names it `path` (they differ for stdin, read from a
 * temporary copy: the copy's name never shows).
 */
export function checkFile(path: string, lang: Lang, file = path): FileReport {
  try {
    return checkWorkbook(path, readWorkbookFile(file, lang), lang);
  } catch (e) {
    const reason =
      e instanceof UnreadableError ? e.message : String((e as Error)?.message ?? e).split('\n')[0];
    return unreadableReport(path, file === path ? reason : reason.split(file).join(path), lang);
  }
}
