/** The report entry of a file that could not be checked (kept apart: it loads no reader). */
import type { FileReport, FormReport } from '../engine/report';
import { Lang, render } from '../engine/messages';

export function unreadableReport<F = FormReport>(path: string, reason: string, lang: Lang): FileReport<F> {
  return {
    path,
    error: { code: 'unreadable', message: render({ key: 'unreadable', params: { reason } }, lang) },
    sheets: [],
  };
}
