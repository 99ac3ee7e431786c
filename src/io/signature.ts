/**
 * What a file's first bytes say it is, and the words for a file that is not a workbook: one
 * place for the command line (src/cli/readWorkbook.ts) and the playground (openWorkbook.ts).
 */

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0];

/** An OOXML package (`zip`: .xlsx, .xlsm), an OLE compound file (`cfb`: .xls), or neither. */
export function workbookKind(bytes: Uint8Array): 'zip' | 'cfb' | undefined {
  const is = (sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);
  return is(ZIP) ? 'zip' : is(CFB) ? 'cfb' : undefined;
}

/** Both languages' reasons, as the command line gives them. */
export interface Reason {
  readonly zh: string;
  readonly en: string;
}

export const notAWorkbook = (name: string): Reason => ({
  zh: `${name} 不是 Excel 工作簿（.xlsx 或 .xls）`,
  en: `${name} is not an Excel workbook (.xlsx or .xls)`,
});

export const damaged = (name: string, why: string): Reason => ({
  zh: `${name} 已损坏或无法读取（${why}）`,
  en: `${name} is damaged or cannot be read (${why})`,
});
