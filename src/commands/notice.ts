/**
 * Telling the clerk something when the task pane may be closed: a small Office dialog
 * (`Office.context.ui.displayDialogAsync`), which works from a ribbon command in the shared runtime
 * without the pane. `Office.addin.showAsTaskpane` is not relied on: Office ignores it for add-ins
 * published in the store. The message travels in the dialog's URL and is shown as text only.
 */

/** The part of `Office.context.ui` the notice uses (Office's own object satisfies it). */
export interface DialogUi {
  displayDialogAsync(
    url: string,
    options: { height: number; width: number; displayInIframe: boolean },
    callback: (result: {
      status: string;
      value?: {
        close(): void;
        addEventHandler(type: string, handler: (arg: unknown) => void): void;
      };
    }) => void,
  ): void;
}

/** Office's event type for a message from the dialog (Office.EventType.DialogMessageReceived). */
export const DIALOG_MESSAGE = 'dialogMessageReceived';
/** Office's event type for the dialog closed by the clerk (Office.EventType.DialogEventReceived). */
export const DIALOG_EVENT = 'dialogEventReceived';

/** Dialog URLs are kept well under the length browsers and Office accept. */
const MAX_MESSAGE = 1500;

/** The dialog page's address, beside the runtime's page, with the title and message as text. */
export function noticeUrl(pageUrl: string, lang: string, title: string, message: string): string {
  const url = new URL('dialog.html', pageUrl);
  url.searchParams.set('lang', lang);
  url.searchParams.set('title', title.slice(0, 100));
  url.searchParams.set(
    'message',
    message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message,
  );
  return url.toString();
}

/**
 * Shows a notice; resolves true when the dialog opened (it closes itself when the clerk clicks
 * its button), false when Office refused (another dialog is open, for one).
 */
export function showNotice(ui: DialogUi, url: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      ui.displayDialogAsync(url, { height: 30, width: 30, displayInIframe: true }, (result) => {
        const dialog = result.value;
        if (result.status !== 'succeeded' || !dialog) {
          resolve(false);
          return;
        }
        dialog.addEventHandler(DIALOG_MESSAGE, () => dialog.close());
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
