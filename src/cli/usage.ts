/** The command line's help: kept apart so that `ziping --help` loads nothing else. */
export const USAGE = `用法 / usage:
  ziping check PATH... [--json] [--lang zh|en]
  ziping template [--family shanghai|national] [--force] OUT.xlsx

  check: 校验每个工作簿中每张工作表上的绩效自评表，并列出发现的问题。
  PATH 可以是文件（.xlsx .xlsm .xls）、文件夹（含子文件夹）或通配符（如 "报表/*.xlsx"）。
  Checks every self-evaluation form on every sheet of each workbook and lists what is wrong.
  PATH is a file (.xlsx .xlsm .xls), a folder (searched with its subfolders, Excel's ~$ lock
  files skipped) or a wildcard such as "forms/*.xlsx" (expanded by ziping itself).

  --json       print one JSON report on stdout (format: docs/report.md)
  --lang zh|en language of the messages (default zh)

  template: 写出一张空白的标准自评表（带公式和数据验证）。
  Writes a blank standard form with live formulas and validation; refuses to overwrite OUT.xlsx without --force.

  exit code: 0 no error · 1 at least one error finding · 2 usage error, unreadable file, or no form found
  report format and rules: docs/report.md in the ziping repository`;
