/**
 * @jest-environment jsdom
 */
import '@testing-library/jest-dom';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as React from 'react';
import { Grid } from '../../src/engine/grid';
import { fakeWorkbookOf, FakeWorkbook } from '../../src/excel/fake';
import { inspect, TONE_FILL, validateAndGrade, ZipingError } from '../../src/excel/adapter';
import { FAMILIES, FAMILY } from '../../src/engine/families';
import { App } from '../../src/taskpane/App';
import { postPaneEvent, postRunResult } from '../../src/taskpane/events';
import { langOf } from '../../src/taskpane/i18n';
import { shanghaiSheet } from '../fixtures/forms';

// jsdom has no ResizeObserver; Fluent's message bar measures itself with one
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;
import { gridOf, stackedSeed } from '../fixtures/seed';

function seed90(): FakeWorkbook {
  const s = stackedSeed(true);
  const cells = s.cells.map((r) => (r ? [...r] : r));
  cells[39]![6] = { value: 90 };
  cells[10]![3] = { value: '良好' };
  return fakeWorkbookOf([gridOf({ ...s, cells })]);
}

async function shown(book: FakeWorkbook, lang: 'zh' | 'en' = 'zh') {
  const user = userEvent.setup();
  render(<App host={book.host()} lang={lang} />);
  await screen.findByRole('region', { name: lang === 'zh' ? '项目' : 'Project' });
  return user;
}

test('opens with the summary of the first form and a picker for the three', async () => {
  await shown(seed90());
  const summary = screen.getByRole('region', { name: '项目' });
  expect(within(summary).getByText('金融业务费用')).toBeInTheDocument();
  expect(within(summary).getByText('90 → 重算 95')).toBeInTheDocument();
  expect(within(summary).getByLabelText('绩效等级 优秀')).toBeInTheDocument();
  expect(within(summary).getByText('错误 4')).toBeInTheDocument();
  expect(screen.getByRole('combobox')).toHaveTextContent('1. 金融业务费用');
});

test('校验并评分 writes into the sheet and says so', async () => {
  const book = seed90();
  const user = await shown(book);
  await user.click(screen.getByRole('button', { name: '校验并评分' }));
  await screen.findByText(/已完成：写入 2 个单元格/);
  expect(book.active.cells.get('F39')?.value).toBe(95);
  expect(book.active.cells.get('C10')?.value).toBe('优秀');
});

test('findings grouped by severity; clicking one selects its cell', async () => {
  const book = seed90();
  const user = await shown(book);
  const errors = screen.getByRole('region', { name: '错误' });
  expect(within(errors).getAllByRole('listitem')).toHaveLength(4);
  await user.click(within(errors).getByRole('button', { name: /单元格 A29:G29/ }));
  await waitFor(() => expect(book.selection?.address).toBe('A29:G29'));
});

test('修复 applies one fix and the list refreshes', async () => {
  const book = seed90();
  const user = await shown(book);
  const info = screen.getByRole('region', { name: '提示' });
  const item = within(info)
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes('C18'))!;
  await user.click(within(item).getByRole('button', { name: '修复' }));
  await screen.findByText(/已修复 1 个单元格/);
  expect(book.active.cells.get('C18')?.value).toBe('≥50家');
  expect(screen.queryByText(/“》=50家”/)).not.toBeInTheDocument();
});

test('cell text is shown as text, never as HTML', async () => {
  const book = fakeWorkbookOf([
    gridOf(
      shanghaiSheet({
        fields: { achievements: '<p>完成</p><img src=x onerror=alert(1)>', problems: '<b>无</b>' },
      }),
    ),
  ]);
  await shown(book);
  const info = screen.getByRole('region', { name: '提示' });
  expect(within(info).getByText(/B11 含有网页标记（<b>）/)).toBeInTheDocument();
  expect(document.querySelector('img, main b, li p')).toBeNull();
});

test('a sheet without a form says what it looks for and offers the templates', async () => {
  const book = fakeWorkbookOf([
    new Grid({ name: '数据', cells: [undefined, [undefined, { value: '姓名' }]] }),
  ]);
  const user = userEvent.setup();
  render(<App host={book.host()} lang="zh" />);
  await screen.findByText('本工作表中没有找到绩效自评表');
  expect(screen.getByText(/一级指标/)).toBeInTheDocument();
  // one button per family of the registry, in its order, labelled by the family's label
  expect(
    within(screen.getByRole('region', { name: '本工作表中没有找到绩效自评表' }))
      .getAllByRole('button')
      .map((b) => b.textContent),
  ).toEqual(FAMILIES.map((f) => `插入${f.label.zh}`));
  await user.click(screen.getByRole('button', { name: `插入${FAMILY['yunnan-hubei'].label.zh}` }));
  await screen.findByText('已插入空白模板：绩效自评表');
  expect(book.active.name).toBe('绩效自评表');
  expect(book.sheet('数据').cells.size).toBe(1);
  // the sheet holds that family's template, found as such
  const [form] = (await inspect(book.host(), 'zh')).analyses;
  expect(form.layout.family).toBe('yunnan-hubei');
});

test('a protected sheet: a clear message and no write', async () => {
  const book = seed90();
  book.active.protected = true;
  const user = await shown(book);
  await user.click(screen.getByRole('button', { name: '校验并评分' }));
  await screen.findByText(/受保护，未做任何修改/);
  expect(book.active.cells.get('F39')?.value).toBe(90);
});

test('撤销本次修改 and 清除标注 from the pane', async () => {
  const book = seed90();
  const user = await shown(book);
  await user.click(screen.getByRole('button', { name: '校验并评分' }));
  await screen.findByText(/已完成/);
  await user.click(screen.getByRole('button', { name: '清除标注' }));
  await screen.findByText(/已清除 \d+ 个单元格的标注/);
  expect([...book.active.cells.values()].every((c) => c.fill.pattern === 'None')).toBe(true);
  await user.click(screen.getByRole('button', { name: '撤销本次修改' }));
  await screen.findByText('已撤销上一次修改。');
});

test('a result from the ribbon shows in the open pane at once', async () => {
  const book = seed90();
  await shown(book);
  const result = await validateAndGrade(book.host(), 'zh');
  React.act(() => postRunResult(result));
  await waitFor(() =>
    expect(screen.getByRole('region', { name: '项目' })).toHaveTextContent('总分95绩效等级'),
  );
});

test('a ribbon command that failed, or changed the sheet, says so in the open pane', async () => {
  await shown(seed90());
  React.act(() => postPaneEvent({ kind: 'failed', error: new ZipingError('protected', '普陀区2021') }));
  await screen.findByText('工作表“普陀区2021”受保护，未做任何修改。请先撤销工作表保护。');
  React.act(() => postPaneEvent({ kind: 'changed', what: 'inserted', detail: '绩效自评表 (2)' }));
  await screen.findByText('已插入空白模板：绩效自评表 (2)');
});

test('switching to another sheet shows its form', async () => {
  const book = fakeWorkbookOf([
    gridOf(stackedSeed(true)),
    gridOf(shanghaiSheet({ name: '第二张', fields: { projectName: '第二个项目' } })),
  ]);
  await shown(book);
  // the host's activation event, as a click on the sheet's tab gives it
  React.act(() => book.setActive(book.sheet('第二张').id));
  await waitFor(() => expect(screen.getByRole('region', { name: '项目' })).toHaveTextContent('第二个项目'));
});

test('English when Office speaks English; keyboard reaches every action', async () => {
  expect(langOf('en-US')).toBe('en');
  expect(langOf('zh-CN')).toBe('zh');
  const user = await shown(seed90(), 'en');
  expect(screen.getByRole('button', { name: 'Validate and grade' })).toBeInTheDocument();
  await user.tab();
  expect(screen.getByRole('button', { name: 'Validate and grade' })).toHaveFocus();
  await user.keyboard('{Enter}');
  await screen.findByText(/Done: 2 cell\(s\) written/);
});

test('a run names the cells it wrote and the cells it marked, and the numbers match the sheet', async () => {
  const book = seed90();
  const user = await shown(book);
  await user.click(screen.getByRole('button', { name: '校验并评分' }));
  const done = await screen.findByText(/已完成：写入 2 个单元格，标注 \d+ 个有问题的单元格。/);
  const marked = Number(/标注 (\d+) 个/.exec(done.textContent ?? '')![1]);
  const findingFills = new Set([TONE_FILL.error, TONE_FILL.warning, TONE_FILL.info]);
  const cells = [...book.active.cells.values()];
  expect(cells.filter((c) => c.fill.pattern !== 'None' && findingFills.has(c.fill.color))).toHaveLength(
    marked,
  );
  expect(cells.filter((c) => c.fill.color === TONE_FILL.good)).toHaveLength(2);
});

test('a rate cell holding #DIV/0! shows as it is, never as #DIV/0!%', async () => {
  const book = fakeWorkbookOf([
    gridOf(shanghaiSheet({ fields: { executionRate: { value: { error: '#DIV/0!' } } } })),
  ]);
  await shown(book);
  const summary = screen.getByRole('region', { name: '项目' });
  expect(summary).toHaveTextContent('#DIV/0! → 重算 100%');
  expect(summary).not.toHaveTextContent('#DIV/0!%');
});

test('a rate written into a blank cell is a number shown as 62.16%, and the pane shows 62.16%', async () => {
  const book = fakeWorkbookOf([
    gridOf(
      shanghaiSheet({
        fields: { budgetAmount: 414400, executedAmount: 257602, executionRate: undefined, problems: '疫情' },
      }),
    ),
  ]);
  const user = await shown(book);
  const summary = screen.getByRole('region', { name: '项目' });
  expect(summary).not.toHaveTextContent('62.16%');
  await user.click(screen.getByRole('button', { name: '校验并评分' }));
  await screen.findByText(/已完成：写入 1 个单元格/);
  expect(book.active.cells.get('D6')).toMatchObject({ value: 0.6216, format: '0.00%' });
  await waitFor(() => expect(screen.getByRole('region', { name: '项目' })).toHaveTextContent('62.16%'));
  expect(screen.getByRole('region', { name: '项目' })).not.toHaveTextContent('0.6216');
});

test('全部修复 changes only the form shown, and says which', async () => {
  const book = seed90();
  const user = await shown(book);
  await user.click(screen.getByRole('button', { name: '全部修复' }));
  await screen.findByText(/^已修复 \d+ 个单元格（1\. 金融业务费用）/);
  expect(book.active.cells.get('C18')?.value).toBe('≥50家');
  // forms 2 and 3 as they were
  expect(book.active.cells.get('C55')?.value).toBe('》=20家');
  expect(book.active.cells.get('C90')?.value).toBe('》=1家');
});

test('an edit: the list is checked again once she pauses, says it is current, and nothing is written', async () => {
  const book = seed90();
  render(<App host={book.host()} lang="zh" recheckDelay={30} />);
  await screen.findByRole('region', { name: '项目' });
  const status = await screen.findByRole('status', { name: '问题列表状态' });
  expect(status).toHaveTextContent(/问题列表与工作表一致（\d\d:\d\d:\d\d 检查）/);
  const warnings = () =>
    within(screen.getByRole('region', { name: '警告' })).queryAllByRole('button', { name: /单元格 G23/ });
  expect(warnings()).toHaveLength(1);
  const cells = JSON.stringify([...book.active.cells].filter(([ref]) => ref !== 'G23'));
  const settings = JSON.stringify([...book.settings, ...book.active.customProperties]);
  const runs = book.runs.length;

  React.act(() => book.type('G23', '展会缩短一天'));
  React.act(() => book.type('G23', '展会缩短一天，扣 1 分'));
  await waitFor(() => expect(status).toHaveTextContent('工作表已修改，正在重新检查…'));
  await waitFor(() => expect(warnings()).toHaveLength(0));
  expect(status).toHaveTextContent(/问题列表与工作表一致/);
  // two edits in quick succession: one read, and it only read
  expect(book.runs.slice(runs)).toEqual([{ mergeUndoGroup: false, syncs: expect.any(Number) }]);
  expect(JSON.stringify([...book.active.cells].filter(([ref]) => ref !== 'G23'))).toBe(cells);
  expect(JSON.stringify([...book.settings, ...book.active.customProperties])).toBe(settings);
});

test("the add-in's own writes do not make the pane check again", async () => {
  const book = seed90();
  const user = userEvent.setup();
  render(<App host={book.host()} lang="zh" recheckDelay={10} />);
  await screen.findByRole('region', { name: '项目' });
  await user.click(screen.getByRole('button', { name: '校验并评分' }));
  await screen.findByText(/已完成/);
  const runs = book.runs.length;
  await new Promise((r) => setTimeout(r, 100));
  expect(book.runs.length).toBe(runs);
});

test('a cell holding a threaded comment gets no note: its message shows in the pane, as text', async () => {
  const book = seed90();
  book.active.comments.set('F39', '请复核合计');
  const user = await shown(book);
  await user.click(screen.getByRole('button', { name: '校验并评分' }));
  const section = await screen.findByRole('region', { name: /以下说明未能写入备注/ });
  const item = within(section)
    .getAllByRole('listitem')
    .find((li) => li.textContent?.startsWith('F39'));
  expect(item).toHaveTextContent('自评已写入合计自评分：95（原为 90）');
  expect(book.active.notes.has('F39')).toBe(false);
  expect(book.active.comments.get('F39')).toBe('请复核合计');
});
