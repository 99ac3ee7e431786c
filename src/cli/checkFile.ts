/** One workbook read and checked in this thread: what each isolated worker runs. */
import { checkWorkbookAs, FileReport, FormReport } from '../engine/report';
import { Lang } from '../engine/messages';
import { readWorkbookSheets, UnreadableError } from './readWorkbook';
import { unreadableReport } from './unreadable';

/**
 * Reads `file` (unless its `bytes` are given) and checks it, each form's report kept as `keep`
 * makes it as soon as it is made (`checkWorkbookAs`); the report names the file `path` (they
 * differ for stdin, read from a temporary copy: the copy's name never shows).
 */
export async function checkFile<F>(
  path: string,
  lang: Lang,
  keep: (form: FormReport) => F,
  file = path,
  /** The file's content, already read (pool.ts reads a worker's first file); read here without it. */
  bytes?: Uint8Array,
): Promise<FileReport<F>> {
  try {
    // awaited: the reader may as well be asynchronous (a streaming one)
    return checkWorkbookAs(path, await readWorkbookSheets(file, lang, bytes), lang, keep);
  } catch (e) {
    const message = String((e as Error)?.message ?? e).split('\n')[0];
    const why = file === path ? message : message.split(file).join(path);
    return unreadableReport<F>(path, reason(e, why, path, lang), lang);
  }
}

/** The reason a file could not be checked, always naming the file. */
function reason(e: unknown, why: string, path: string, lang: Lang): string {
  if (e instanceof UnreadableError) return why;
  // anything else the reader met: the workbook is not what it claims to be
  return lang === 'zh' ? `${path} 已损坏（${why}）` : `${path} is damaged (${why})`;
}
