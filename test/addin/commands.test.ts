/**
 * Issue 9 item 7: a ribbon command that fails with the task pane closed still tells the clerk, in
 * a dialog (Office.context.ui.displayDialogAsync), run against the fake host.
 */
import { commandsFor, CommandEnv, failureText, templateCommandName } from '../../src/commands/commands';
import { FAMILY_IDS } from '../../src/engine/families';
import { inspect } from '../../src/excel/adapter';
import { renderNotice } from '../../src/commands/dialog';
import { DIALOG_MESSAGE, DialogUi, noticeUrl, showNotice } from '../../src/commands/notice';
import { fakeWorkbookOf } from '../../src/excel/fake';
import { onPaneEvent, PaneEvent } from '../../src/taskpane/events';
import { shanghaiSheet } from '../fixtures/forms';
import { gridOf } from '../fixtures/seed';

function setUp(opts: { paneVisible: boolean; protect: boolean }) {
  const b = fakeWorkbookOf([gridOf(shanghaiSheet({ name: '自评表', total: { weight: 100, score: 90 } }))]);
  b.active.protected = opts.protect;
  const notices: Array<{ title: string; message: string }> = [];
  const env: CommandEnv = {
    host: b.host(),
    lang: () => 'zh',
    paneVisible: () => opts.paneVisible,
    notify: async (title, message) => notices.push({ title, message }),
  };
  const events: PaneEvent[] = [];
  const stop = onPaneEvent((e) => events.push(e));
  const completed = jest.fn();
  return { b, commands: commandsFor(env), notices, events, stop, event: { completed } };
}

describe('a failing ribbon command', () => {
  test('with the pane closed: a notice in the clerk language says what went wrong; Office is told it is done', async () => {
    const t = setUp({ paneVisible: false, protect: true });
    await t.commands.validateAndGrade(t.event);
    t.stop();
    expect(t.event.completed).toHaveBeenCalledTimes(1);
    expect(t.notices).toEqual([
      { title: '绩效自评：操作未完成', message: '工作表“自评表”受保护，未做任何修改。请先撤销工作表保护。' },
    ]);
    expect(t.events.map((e) => e.kind)).toEqual(['failed']);
  });

  test('with the pane showing: the pane explains it, no dialog on top', async () => {
    const t = setUp({ paneVisible: true, protect: true });
    await t.commands.clearHighlights(t.event);
    await t.commands.validateAndGrade(t.event);
    t.stop();
    expect(t.notices).toEqual([]);
    expect(t.events.map((e) => e.kind)).toEqual(['changed', 'failed']);
    expect(t.event.completed).toHaveBeenCalledTimes(2);
  });

  test('a command that succeeds shows no notice', async () => {
    const t = setUp({ paneVisible: false, protect: false });
    await t.commands.validateAndGrade(t.event);
    t.stop();
    expect(t.notices).toEqual([]);
    expect(t.events.map((e) => e.kind)).toEqual(['result']);
    expect(t.b.active.cells.get('F20')?.value).toBe(100);
  });

  test('Office errors are told in words too', () => {
    expect(failureText(Object.assign(new Error('boom'), { code: 'GeneralException' }), 'en')).toBe(
      'Not done: boom',
    );
  });
});

describe("the ribbon's template commands", () => {
  test.each(FAMILY_IDS.map((id) => [templateCommandName(id), id]))(
    '%s inserts the blank %s template, found by the engine as that family',
    async (name, id) => {
      const t = setUp({ paneVisible: false, protect: false });
      await t.commands[name](t.event);
      t.stop();
      expect(t.notices).toEqual([]);
      expect(t.event.completed).toHaveBeenCalledTimes(1);
      expect(t.events).toEqual([{ kind: 'changed', what: 'inserted', detail: '绩效自评表' }]);
      expect(t.b.active.name).toBe('绩效自评表');
      const [form] = (await inspect(t.b.host(), 'zh')).analyses;
      expect(form.layout.family).toBe(id);
    },
  );

  test('one command per family of the registry, and no other insert command', () => {
    const t = setUp({ paneVisible: false, protect: false });
    t.stop();
    expect(Object.keys(t.commands).filter((k) => k.startsWith('insert'))).toEqual(
      FAMILY_IDS.map(templateCommandName),
    );
  });
});

describe('the notice dialog', () => {
  function fakeUi(status = 'succeeded') {
    const opened: string[] = [];
    const handlers = new Map<string, (arg: unknown) => void>();
    const dialog = {
      closed: false,
      close: () => (dialog.closed = true),
      addEventHandler: (t: string, h: (a: unknown) => void) => handlers.set(t, h),
    };
    const ui: DialogUi = {
      displayDialogAsync: (url, _options, callback) => {
        opened.push(url);
        callback({ status, value: status === 'succeeded' ? dialog : undefined });
      },
    };
    return { ui, opened, handlers, dialog };
  }

  test('opens the page beside the runtime with the message as a parameter, and closes when the clerk clicks', async () => {
    const f = fakeUi();
    const message = '工作表“<b>表</b>”受保护 & =cmd|x';
    const url = noticeUrl(
      'https://addin.example.gov.cn/ziping/taskpane.html?_host_Info=Excel',
      'zh',
      '标题',
      message,
    );
    expect(await showNotice(f.ui, url)).toBe(true);
    const opened = new URL(f.opened[0]);
    expect(opened.origin + opened.pathname).toBe('https://addin.example.gov.cn/ziping/dialog.html');
    expect(opened.searchParams.get('message')).toBe(message);
    f.handlers.get(DIALOG_MESSAGE)!('ok');
    expect(f.dialog.closed).toBe(true);
  });

  test('Office refusing the dialog is not an error', async () => {
    const f = fakeUi('failed');
    expect(await showNotice(f.ui, noticeUrl('https://a.example/taskpane.html', 'zh', 't', 'm'))).toBe(false);
  });

  test('the page shows the message as text only, in the language asked', () => {
    const page = {
      title: { textContent: '' },
      message: { textContent: '' },
      ok: { textContent: '' },
      lang: '',
      setLang: (l: string) => (page.lang = l),
    };
    const url = new URL(
      noticeUrl('https://a.example/taskpane.html', 'en', 'Not done', '<img src=x onerror=alert(1)>'),
    );
    renderNotice(page, url.search);
    expect(page.message.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(page.title.textContent).toBe('Not done');
    expect(page.ok.textContent).toBe('OK');
    expect(page.lang).toBe('en');
  });

  test('a very long message is cut to fit a URL', () => {
    const url = new URL(noticeUrl('https://a.example/taskpane.html', 'zh', 't', '长'.repeat(10_000)));
    expect(url.searchParams.get('message')!.length).toBe(1500);
  });
});
