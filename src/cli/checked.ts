/**
 * A checked file as it comes back from its worker: the report entry as JSON text (copied between
 * threads far faster than an object graph, and printed by `--json` as it is) and its exit code;
 * the object is parsed only when asked for.
 */
// types only: the main thread never loads the engine to print what the workers found
import type { FileReport, Report } from '../engine/report';
import { jsonText } from './jsonOut';

export class CheckedFile {
  private parsed?: FileReport;

  constructor(
    /** `JSON.stringify` of the file's report entry, as text or as its UTF-8 bytes. */
    private readonly text: string | Uint8Array,
    /** The exit code this file alone would give (docs/report.md). */
    readonly exit: 0 | 1 | 2,
  ) {}

  /** A report made in this thread, with its exit code (`exitCodeOf`; 2 for an unreadable file). */
  static of(report: FileReport, exit: 0 | 1 | 2): CheckedFile {
    const c = new CheckedFile(jsonText(report), exit);
    c.parsed = report;
    return c;
  }

  /** The report entry's JSON text. */
  get json(): string {
    return typeof this.text === 'string' ? this.text : Buffer.from(this.text).toString('utf8');
  }

  /** The report entry's JSON as UTF-8 bytes, as `--json` writes them (no copy when a worker made them). */
  get bytes(): Uint8Array {
    return typeof this.text === 'string' ? Buffer.from(this.text, 'utf8') : this.text;
  }

  get report(): FileReport {
    return (this.parsed ??= JSON.parse(this.json) as FileReport);
  }
}

/** The whole report of a run. */
export const reportOf = (files: readonly CheckedFile[]): Report => ({
  version: 1,
  files: files.map((f) => f.report),
});

/** The report as `--json` prints it: the same text as `JSON.stringify(reportOf(files))`. */
export const reportJson = (files: readonly CheckedFile[]): string =>
  `{"version":1,"files":[${files.map((f) => f.json).join(',')}]}`;

/** The exit code of a run: 2 when any file could not be checked, else 1 on any error finding. */
export const exitOf = (files: readonly CheckedFile[]): 0 | 1 | 2 =>
  files.reduce<0 | 1 | 2>((code, f) => (f.exit > code ? f.exit : code), 0);
