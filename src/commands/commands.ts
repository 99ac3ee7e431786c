/// <reference types="office-js" />
/**
 * The ribbon's function commands. They run in the shared runtime, beside the task pane: a check
 * started from the ribbon shows its result in the open pane at once. A command that fails tells
 * the clerk in a dialog unless the pane is known to be showing (the pane may be closed, and
 * `Office.addin.showAsTaskpane` is ignored for add-ins published in the store).
 */
import type { Family, Lang } from '../engine';
import { FAMILY_IDS } from '../engine/families';
import { clearHighlights, insertTemplate, validateAndGrade, ZipingError } from '../excel/adapter';
import type { Host } from '../excel/api';
import { officeHost } from '../excel/officeHost';
import { postPaneEvent, postRunResult } from '../taskpane/events';
import { langOf, UI } from '../taskpane/i18n';
import { DialogUi, noticeUrl, showNotice } from './notice';

/** What the commands need of their surroundings; Office's in the add-in, fakes in the tests. */
export interface CommandEnv {
  host: Host;
  lang(): Lang;
  /** True only when the task pane is known to be visible. */
  paneVisible(): boolean;
  /** Shows a notice to the clerk without the pane. */
  notify(title: string, message: string): Promise<unknown>;
}

type Event = { completed(): void };

/** A failure as a sentence in the clerk's language. */
export function failureText(e: unknown, lang: Lang): string {
  const t = UI[lang].errorsByCode;
  if (e instanceof ZipingError) return (t[e.code] as (m: string) => string)(e.message);
  const err = e as { message?: unknown } | null;
  return t.other(String(err?.message ?? e));
}

/**
 * The ribbon command that inserts a family's blank template, one per family of the registry:
 * `insertShanghaiTemplate`, `insertNationalTemplate`, `insertYunnanHubeiTemplate`. The manifest's
 * Template menu has one Item per family with this FunctionName.
 */
export function templateCommandName(family: Family): string {
  const words = family.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `insert${words.join('')}Template`;
}

const FAILED_TITLE: Record<Lang, string> = { zh: '绩效自评：操作未完成', en: 'Self-Evaluation: not done' };

export function commandsFor(env: CommandEnv): Record<string, (event: Event) => Promise<void>> {
  const settle = async (event: Event, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (e) {
      // the open pane explains failures; with the pane closed, a dialog does
      postPaneEvent({ kind: 'failed', error: e });
      if (!env.paneVisible()) {
        const lang = env.lang();
        await env.notify(FAILED_TITLE[lang], failureText(e, lang)).catch(() => undefined);
      }
    } finally {
      event.completed();
    }
  };
  const insert = async (family: Family) => {
    const name = await insertTemplate(env.host, family);
    postPaneEvent({ kind: 'changed', what: 'inserted', detail: name });
  };
  return {
    validateAndGrade: (event) =>
      settle(event, async () => {
        postRunResult(await validateAndGrade(env.host, env.lang()));
      }),
    ...Object.fromEntries(
      FAMILY_IDS.map((id) => [templateCommandName(id), (event: Event) => settle(event, () => insert(id))]),
    ),
    clearHighlights: (event) =>
      settle(event, async () => {
        const n = await clearHighlights(env.host);
        postPaneEvent({ kind: 'changed', what: 'cleared', detail: String(n) });
      }),
    showPane: (event) => settle(event, () => Office.addin.showAsTaskpane()),
  };
}

/** Whether the pane shows, as Office last said (unknown until it says: then a dialog is used). */
let paneShown = false;

const officeEnv: CommandEnv = {
  host: officeHost,
  lang: () => langOf(Office.context.displayLanguage),
  paneVisible: () => paneShown,
  notify: (title, message) =>
    showNotice(
      Office.context.ui as unknown as DialogUi,
      noticeUrl(window.location.href, langOf(Office.context.displayLanguage), title, message),
    ),
};

export const COMMANDS = commandsFor(officeEnv);

/** Registers every command with Office; the manifest's FunctionName values are these keys. */
export function registerCommands(): void {
  for (const [name, fn] of Object.entries(COMMANDS)) Office.actions.associate(name, fn);
  // SharedRuntime 1.1: the pane shown or hidden
  Office.addin
    ?.onVisibilityModeChanged?.((args) => {
      paneShown = args.visibilityMode === Office.VisibilityMode.taskpane;
    })
    ?.catch?.(() => undefined);
}

if (typeof Office !== 'undefined') Office.onReady(() => registerCommands());
