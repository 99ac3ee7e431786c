/** The report entry of a file that could not be checked (kept apart: it loads no reader). */
import type { FileReport } from '../engine/report';
import { Lang, render } from '../engine/messages';

export function unreadableReport(path: string, reason: string, lang: Lang): FileReport {
  return {
    path,
    error: { code: 'unreadable', message: render({ key: 'unreadable', params: { reason } }, lang) },
    sheets: [],
  };
}
