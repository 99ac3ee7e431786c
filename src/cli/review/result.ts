/** What one workbook of `ziping review` gives the summary (kept apart: it loads no reader). */
import type { FileReport } from '../../engine/report';
import type { Lang } from '../../engine/messages';
import { unreadableReport } from '../unreadable';
import type { FindingRow, SummaryRow } from './summary';

/** One workbook's report, summary rows and findings (plain data: it crosses from a worker thread). */
export interface FileResult {
  report: FileReport;
  rows: SummaryRow[];
  findings: FindingRow[];
  grades: string[];
  bands: string[];
  copied: boolean;
}

/** A workbook that could not be reviewed: its one summary row gives the reason. */
export function unreadableResult(path: string, rel: string, reason: string, lang: Lang): FileResult {
  const report = unreadableReport(path, reason, lang);
  return {
    report,
    rows: [{ file: rel, errors: 0, warnings: 0, infos: 0, firstError: report.error?.message, failed: true }],
    findings: [],
    grades: [],
    bands: [],
    copied: false,
  };
}
