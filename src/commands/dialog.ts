/// <reference types="office-js" />
/**
 * The notice dialog's page: shows the title and message from its URL, as text only, and asks the
 * command that opened it to close it when the clerk clicks the button.
 */

interface Page {
  title: { textContent: string | null };
  message: { textContent: string | null };
  ok: { textContent: string | null };
  setLang(lang: string): void;
}

/** Fills the page from the URL's query. Text only: nothing in the message is ever markup. */
export function renderNotice(page: Page, search: string): void {
  const q = new URLSearchParams(search);
  const lang = q.get('lang') === 'en' ? 'en' : 'zh';
  page.setLang(lang === 'en' ? 'en' : 'zh-CN');
  page.title.textContent = q.get('title') ?? '';
  page.message.textContent = q.get('message') ?? '';
  page.ok.textContent = lang === 'en' ? 'OK' : '确定';
}

if (typeof document !== 'undefined' && typeof Office !== 'undefined') {
  const el = (id: string) => document.getElementById(id) as HTMLElement;
  renderNotice(
    {
      title: el('title'),
      message: el('message'),
      ok: el('ok'),
      setLang: (l) => (document.documentElement.lang = l),
    },
    window.location.search,
  );
  Office.onReady(() => {
    el('ok').addEventListener('click', () => Office.context.ui.messageParent('ok'));
  });
}
