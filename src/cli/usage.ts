/** The command line's help: kept apart so that `ziping --help` loads nothing else. */
export const USAGE = `用法 / usage:
  ziping check [options] PATH...
  ziping review PATH... --out DIR [--lang zh|en] [--jobs N] [--max-memory MB] [--timeout S] [--max-size MB]
  ziping template [--family ID] [--force] [--lang zh|en] OUT.xlsx

  check: 校验每个工作簿中每张工作表上的绩效自评表，并列出发现的问题。
  PATH 可以是文件（.xlsx .xlsm .xls）、文件夹（含子文件夹）或通配符（如 "报表/*.xlsx"）。
  Checks every self-evaluation form on every sheet of each workbook and lists what is wrong.
  PATH is a file (.xlsx .xlsm .xls), a folder (searched with its subfolders, Excel's ~$ lock
  files skipped) or a wildcard such as "forms/*.xlsx" (expanded by ziping itself).
  - 读取标准输入中的工作簿 / reads a workbook from stdin;  -- 之后都是路径 / ends the options.

  --json            print one JSON report on stdout (format: docs/report.md)
  --details         多个文件时也列出每张表的详情 / every form and finding even for many files
                    (one file: always; many files: one line each, then totals)
  --lang zh|en      language of the messages (default zh)

  每个文件在独立的工作线程中检查，超出限制的文件报告为无法读取，其余文件照常检查。
  Each file is checked in its own worker; a file over a limit is reported unreadable
  (too large / took too long) and every other file is still checked:
  --jobs N          files checked at once (default: one per CPU core but one, at least 1;
                    review: one per CPU core; at most 4)
  --max-memory MB   memory one file may use (default 6144)
  --timeout S       seconds one file may take (default 30 plus 1 per MB of the file)
  --max-size MB     largest file or stdin read (default 1024)

  review: 校验同样的输入，在 DIR 中写出汇总工作簿（汇总.xlsx；--lang en 时为 summary.xlsx：每张表一行、
  全部问题、等级分布图）和每个工作簿的标注副本（与输入相同的相对路径；按级别填色、批注说明、写入重算数，
  不覆盖公式；原文件不改动）。.xls 只列入汇总，不生成副本。DIR 不能在输入文件夹中，除非它是新的空文件夹。
  Writes to DIR a summary workbook (one row per form, every finding, a grade chart) and an
  annotated copy of each .xlsx/.xlsm at its relative path: fills by severity, a note per finding,
  recomputed figures written, formulas never overwritten, the originals untouched. Each file is
  reviewed in its own worker, with check's limits (--jobs, --max-memory, --timeout, --max-size).

  template: 写出一张空白的标准自评表（带公式和数据验证）；ID 为表式，ziping template --help 列出全部。
  Writes a blank standard form with live formulas and validation; refuses to overwrite OUT.xlsx without
  --force. The file is written whole or not at all: a failed write leaves the old one untouched.
  ID is the form family; \`ziping template --help\` lists the families of the registry.

  exit code: 0 no error · 1 at least one error finding · 2 usage error, unreadable file, or no form found
  report format and rules: docs/report.md in the ziping repository`;

/**
 * `ziping template --help`: the families of the registry, each with its label, and the default.
 * Given the registry by the caller, so that `ziping --help` still loads nothing but this file.
 */
export function templateUsage(
  families: ReadonlyArray<{
    readonly id: string;
    readonly label: { readonly zh: string; readonly en: string };
  }>,
  defaultId: string,
): string {
  const width = Math.max(...families.map((f) => f.id.length));
  const lines = families.map(
    (f) =>
      `    ${f.id.padEnd(width)}  ${f.label.zh} / ${f.label.en}${f.id === defaultId ? '（默认 / default）' : ''}`,
  );
  return `用法 / usage:
  ziping template [--family ID] [--force] [--lang zh|en] OUT.xlsx

  写出一张空白的标准自评表（带公式和数据验证）。
  Writes a blank standard form with live formulas and validation.

  --family ID   表式 / the form family, one of:
${lines.join('\n')}
  --force       覆盖已有的 OUT.xlsx / overwrite OUT.xlsx
  --lang zh|en  language of the messages (default zh)`;
}
