/**
 * What the task pane says, decided apart from React so that it can be tested cheaply: which
 * figures show a recomputed value and how a figure is written (shared with the command line,
 * ../engine/shown), which fixes 全部修复 applies, and how a run is summed up.
 */
import type { Finding, FixWrite, FormReport } from '../engine';
import type { RunPlan } from '../engine/plan';

export { figureText, hasFindingAt, recomputedShown } from '../engine/shown';

/** Every fix of one form (全部修复 acts on the form shown, never on the others). */
export function fixesOf(form: FormReport | undefined): FixWrite[] {
  return form ? form.findings.flatMap((f: Finding) => f.fix ?? []) : [];
}

/** How many cells a run wrote, and how many it marked as a finding (written cells excluded). */
export function runCounts(plan: RunPlan): { written: number; marked: number } {
  const written = new Set(plan.writes.map((w) => w.cell));
  const marked = new Set(
    plan.marks.filter((m) => m.tone !== 'good' && !written.has(m.cell)).map((m) => m.cell),
  );
  return { written: written.size, marked: marked.size };
}

/** The form's name as the pane and its messages call it: "2.「中介机构服务费」". */
export function formLabel(forms: readonly FormReport[], index: number): string {
  const f = forms[index];
  if (!f) return '';
  return `${index + 1}. ${f.fields.projectName?.value || f.range}`;
}
