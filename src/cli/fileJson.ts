/**
 * A file's report as its worker makes it JSON (worker.ts): the forms of a file are kept as their
 * report objects, up to FileForms.OBJECTS_AT_MOST of them; past that, each form is made JSON as
 * soon as it is checked and its objects are let go, the ones kept before it too.
 *
 * Most files hold one form: its report is then one JSON.stringify of the whole file. Making each
 * form JSON apart, then copying it into the file's, a folder of 1,000 one-form files took 650 ms
 * instead of 617 (medians of 9, alternating) and 2.8 % more instructions for the whole `ziping
 * check`. A workbook of 10,000 forms still never holds 10,000 reports' objects, nor one string
 * of them all.
 */
import { FileReport, FormReport, hasError } from '../engine/report';
import { jsonBytes, plainJsonBytes, RawJson, rawJson } from './jsonOut';

/** A form's report as it is kept: its objects, or its JSON; and whether it has an error finding. */
export class KeptForm {
  private json?: RawJson;

  constructor(
    private report: FormReport | undefined,
    readonly error: boolean,
  ) {}

  /** Made JSON now, its objects let go. */
  toJson(): void {
    if (this.report === undefined) return;
    this.json = rawJson(this.report);
    this.report = undefined;
  }

  /** The report's objects, or its JSON once made. */
  get value(): FormReport | RawJson {
    return this.json ?? (this.report as FormReport);
  }
}

/** The forms of one file, kept as they are checked (`keep`), then the file's report as JSON (`json`). */
export class FileForms {
  static readonly OBJECTS_AT_MOST = 16;

  /** The forms kept as objects so far (none once they are made JSON). */
  private held: KeptForm[] = [];
  /** Forms are made JSON as they are checked. */
  private asJson = false;

  /** For checkWorkbookAs: a form's report, as kept. */
  readonly keep = (form: FormReport): KeptForm => {
    const kept = new KeptForm(form, hasError(form));
    if (this.asJson) kept.toJson();
    else if (this.held.push(kept) > FileForms.OBJECTS_AT_MOST) {
      this.asJson = true;
      for (const k of this.held) k.toJson();
      this.held = [];
    }
    return kept;
  };

  /** The forms are kept as JSON (there were more than OBJECTS_AT_MOST). */
  get madeJson(): boolean {
    return this.asJson;
  }

  /** `jsonBytes` of the file's report, whose forms were kept by `keep`: the bytes of the report made whole. */
  json(report: FileReport<KeptForm>): Uint8Array {
    const entry = {
      ...report,
      sheets: report.sheets.map((s) => ({ ...s, forms: s.forms.map((f) => f.value) })),
    };
    this.held = [];
    return this.asJson ? jsonBytes(entry) : plainJsonBytes(entry);
  }
}
