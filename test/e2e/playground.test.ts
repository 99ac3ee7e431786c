/**
 * End to end in real Chromium at a laptop's 1366×768: the playground page (the real task pane
 * beside an in-memory workbook, driven through the same adapter over the fake Excel API), as a
 * clerk uses it. Needs `npm run build:web` (npm test runs it) and Debian's chromium. The
 * screenshots in test-output/ show the selected finding's cell on screen, a fix clearing its own
 * mark, and the pane updating after an edit.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { extname, join } from 'path';
import { chromium, Browser, Locator, Page } from 'playwright-core';
import { readWorkbookFile } from '../../src/cli/readWorkbook';
import { seedSheet, stackedSeed } from '../fixtures/seed';
import { writeXlsx } from '../fixtures/workbook';
import { CHROMIUM, describeWith, requireProgram } from '../fixtures/programs';

const WEB = join(__dirname, '..', '..', 'dist', 'web');
const OUT = join(__dirname, '..', '..', 'test-output');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.png': 'image/png',
  '.xml': 'text/xml',
};
const FILL = {
  error: 'rgb(255, 199, 206)',
  warning: 'rgb(255, 235, 156)',
  info: 'rgb(221, 235, 247)',
  good: 'rgb(198, 239, 206)',
};

const chrome = describeWith(CHROMIUM, 'the playground end to end in Chromium');

chrome.describe('the playground in Chromium at 1366×768', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  let dir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(WEB, 'playground.html')))
      throw new Error('dist/web is not built: run `npm run build:web` (npm test does)');
    const executablePath = requireProgram(CHROMIUM, chrome.path);
    server = createServer((req, res) => {
      const file = join(WEB, decodeURIComponent((req.url ?? '/').split('?')[0]));
      if (!file.startsWith(WEB) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'ziping-e2e-'));
    const seed = stackedSeed(true);
    const cells = seed.cells.map((r) => (r ? [...r] : r));
    cells[39]![6] = { value: 90 };
    cells[10]![3] = { value: '良好' };
    await writeXlsx(join(dir, 'seed-90.xlsx'), [{ ...seed, name: '普陀区2021', cells }]);
    // a workbook whose first sheet holds no form
    await writeXlsx(join(dir, 'with-notes.xlsx'), [
      { name: '填表说明', cells: [undefined, [undefined, { value: '请按说明填写' }]], merges: [] },
      { ...seed, name: '自评表' },
    ]);
    writeFileSync(join(dir, 'notes.xlsx'), '这不是工作簿\n');
    // a form below row 10,000
    await writeXlsx(join(dir, 'far.xlsx'), [seedSheet('far', [{ form: 0, row: 10001, col: 1 }])]);
    mkdirSync(OUT, { recursive: true });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (e) => problems.push(String(e)));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((r) => server.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => expect(problems).toEqual([]));

  const td = (ref: string) => page.locator(`td[data-cell="${ref}"]`);
  const background = (ref: string) => td(ref).evaluate((el) => (el as HTMLElement).style.background);
  /** Only the rows in view are drawn (as in Excel): scrolls the sheet to a cell's row. */
  async function reveal(ref: string): Promise<Locator> {
    const row = Number(/\d+/.exec(ref)![0]);
    await page.locator('.grid-scroll').evaluate((el, r) => (el.scrollTop = Math.max(0, (r - 5) * 21)), row);
    await td(ref).waitFor();
    return td(ref);
  }
  const pane = () => page.getByRole('complementary', { name: 'task pane' });
  const finding = (region: string, cell: string) =>
    pane()
      .getByRole('region', { name: region })
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: new RegExp(`单元格 ${cell}\\b`) }) });

  /** The cell is on screen: inside the sheet's scrolled area, clear of its headers and the pane. */
  async function onScreen(cell: Locator): Promise<boolean> {
    return cell.evaluate((el) => {
      const scroller = el.closest('.grid-scroll') as HTMLElement;
      const view = scroller.getBoundingClientRect();
      const head = (scroller.querySelector('thead th') as HTMLElement).getBoundingClientRect();
      const rowHead = (scroller.querySelector('tbody th') as HTMLElement).getBoundingClientRect();
      const pane = document.querySelector('aside.pane')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return (
        r.top >= head.bottom - 1 &&
        r.bottom <= view.bottom + 1 &&
        r.left >= rowHead.right - 1 &&
        r.right <= Math.min(view.right, pane.left) + 1 &&
        document.elementFromPoint(r.left + 3, r.top + 3) === el
      );
    });
  }

  /** Waits until `read` gives `expected` (the page updates asynchronously), then asserts it. */
  function poll<T>(read: () => Promise<T>) {
    return {
      async toBe(expected: T): Promise<void> {
        const until = Date.now() + 10_000;
        let got = await read();
        while (got !== expected && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 100));
          got = await read();
        }
        expect(got).toBe(expected);
      },
    };
  }

  async function columnWidths(): Promise<number[]> {
    return page
      .locator('table.grid thead th')
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
  }

  test('opens on the Putuo forms; a finding clicked brings its cell into view, far down and far right', async () => {
    await page.goto(`${base}/playground.html`);
    await pane().getByRole('region', { name: '项目' }).waitFor();
    // the real form's columns are wider than the sheet beside the pane: 备注 (G) starts off screen
    expect(await onScreen(td('G36'))).toBe(false);
    await finding('警告', 'G36')
      .getByRole('button', { name: /单元格 G36/ })
      .click();
    await page.locator('td[data-cell="G36"].selected').waitFor();
    await poll(() => onScreen(td('G36'))).toBe(true);
    await page.screenshot({ path: join(OUT, 'playground-1-selected-G36.png') });

    // form 3, row 89
    await pane().getByRole('combobox').click();
    await page.getByRole('option', { name: /^3\. / }).click();
    await finding('错误', 'A89:G89')
      .getByRole('button', { name: /单元格 A89:G89/ })
      .click();
    // A89 lies inside the merged 一级指标 cell: the row's first cell of its own comes into view
    await poll(() => onScreen(td('B89'))).toBe(true);

    // the row numbers stay above the cells when the sheet scrolls sideways: the row header of a
    // long merged text (row 11) and of a marked row (89) look the same with the cells hidden
    await page.locator('.grid-scroll').evaluate((el) => (el.scrollLeft = 700));
    for (const row of [11, 89]) {
      const header = page.locator(`table.grid tbody tr[data-row="${row}"] th`);
      // only the rows in view are drawn: scroll there first
      await page.locator('.grid-scroll').evaluate((el, r) => (el.scrollTop = Math.max(0, (r - 5) * 21)), row);
      await header.waitFor();
      const clip = (await header.boundingBox())!;
      const shown = await page.screenshot({ clip });
      const hide = await page.addStyleTag({
        content: 'table.grid td { color: transparent !important; background: none !important; }',
      });
      const alone = await page.screenshot({ clip });
      await hide.evaluate((el) => (el as Element).remove());
      expect(shown.equals(alone)).toBe(true);
    }
    await page.screenshot({ path: join(OUT, 'playground-2-row-89-scrolled.png') });

    // the pane is as wide as the clerk makes it (Excel lets her drag it): narrower, more columns
    const paneWidth = async () => Math.round((await pane().boundingBox())!.width);
    expect(await paneWidth()).toBe(360);
    const splitter = page.getByRole('separator', { name: /任务窗格宽度/ });
    await splitter.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    expect(await paneWidth()).toBe(260);
    const s = (await splitter.boundingBox())!;
    await page.mouse.move(s.x + 2, s.y + 100);
    await page.mouse.down();
    await page.mouse.move(1366 - 420, s.y + 100, { steps: 4 });
    await page.mouse.up();
    expect(await paneWidth()).toBe(420);
  }, 120_000);

  test("a form below row 10,000: it opens at once, and a clicked finding's cell comes into view", async () => {
    await page.goto(`${base}/playground.html`);
    await pane().getByRole('region', { name: '项目' }).waitFor();
    const started = Date.now();
    await page.setInputFiles('input[type=file]', join(dir, 'far.xlsx'));
    await poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('far');
    // only the rows in view are drawn
    expect(await page.locator('td[data-cell]').count()).toBeLessThan(1000);
    const warning = pane()
      .getByRole('region', { name: '警告' })
      .getByRole('button', { name: /单元格 G100\d\d/ });
    await warning.first().waitFor();
    const label = (await warning.first().getAttribute('aria-label'))!;
    const cell = /单元格 (G100\d\d)/.exec(label)![1];
    await warning.first().click();
    await page.locator(`td[data-cell="${cell}"].selected`).waitFor();
    await poll(() => onScreen(td(cell))).toBe(true);
    await pane().getByRole('button', { name: '校验并评分' }).click();
    await pane()
      .getByText(/已完成：写入 0 个单元格，标注 \d+ 个有问题的单元格/)
      .waitFor();
    expect(await background(cell)).toBe(FILL.warning);
    // the whole round on a shared 2-core machine
    expect(Date.now() - started).toBeLessThan(20_000);
    await page.screenshot({ path: join(OUT, 'playground-6-row-10000.png') });
  }, 120_000);

  test('校验并评分 names written and marked cells; a fix clears its own mark and note; 全部修复 stays in its form', async () => {
    await page.goto(`${base}/playground.html`);
    await pane().getByRole('region', { name: '项目' }).waitFor();
    await pane().getByRole('button', { name: '校验并评分' }).click();
    const done = await pane()
      .getByText(/已完成：写入 \d+ 个单元格，标注 \d+ 个有问题的单元格/)
      .textContent();
    const [, written, marked] = /写入 (\d+) 个单元格，标注 (\d+) 个/.exec(done!)!.map(Number);
    // Putuo's stated figures are right: nothing written, but the findings' cells are marked
    expect(written).toBe(0);
    expect(marked).toBeGreaterThan(30);
    expect(await background('C18')).toBe(FILL.info);
    expect(await td('C18').getAttribute('title')).toMatch(/》=/);
    const widths = await columnWidths();

    // 修复 on C18: its mark and note go at once, the list no longer has it
    const c18 = finding('提示', 'C18');
    await c18.getByRole('button', { name: '修复', exact: true }).click();
    await pane().getByText('已修复 1 个单元格（1. 金融业务费用）。').waitFor();
    await expect(td('C18').textContent()).resolves.toBe('≥50家');
    expect(await background('C18')).toBe('');
    expect(await td('C18').getAttribute('title')).toBeNull();
    await expect(c18.count()).resolves.toBe(0);
    // other marks stay, and the columns keep their widths
    expect(await background('C26')).toBe(FILL.info);
    expect(await columnWidths()).toEqual(widths);
    await td('C18').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, 'playground-3-fixed-C18.png') });

    // the realigned row: fixed, its red row goes
    await finding('错误', 'A29:G29').getByRole('button', { name: '修复', exact: true }).click();
    await pane()
      .getByText(/已修复 \d+ 个单元格（1\. 金融业务费用）/)
      .waitFor();
    for (const ref of ['A29', 'D29']) expect(await background(ref)).not.toBe(FILL.error);

    // 全部修复 with form 1 shown: forms 2 and 3 are left as they are
    await pane().getByRole('button', { name: '全部修复' }).click();
    await pane()
      .getByText(/已修复 \d+ 个单元格（1\. 金融业务费用）/)
      .waitFor();
    await expect((await reveal('C31')).textContent()).resolves.toBe('≥1000万');
    await expect((await reveal('C55')).textContent()).resolves.toBe('》=20家');
    expect(await background('C55')).toBe(FILL.info);
    await expect((await reveal('C90')).textContent()).resolves.toBe('》=1家');
    expect(await columnWidths()).toEqual(widths);
  }, 120_000);

  test('an edit: the pane checks again once she pauses and says its list is current; nothing is written', async () => {
    await page.goto(`${base}/playground.html`);
    await pane().getByRole('region', { name: '项目' }).waitFor();
    await pane().getByRole('button', { name: '校验并评分' }).click();
    await pane()
      .getByText(/已完成/)
      .waitFor();
    const status = pane().getByRole('status', { name: '问题列表状态' });
    await expect(status.textContent()).resolves.toMatch(/问题列表与工作表一致/);
    await expect(finding('警告', 'G23').count()).resolves.toBe(1);
    const before = await background('G23');

    await td('G23').dblclick();
    await page.getByRole('textbox', { name: 'G23' }).fill('展会缩短一天，扣 1 分');
    await page.keyboard.press('Enter');
    await expect(td('G23').textContent()).resolves.toBe('展会缩短一天，扣 1 分');
    await poll(() => finding('警告', 'G23').count()).toBe(0);
    await expect(status.textContent()).resolves.toMatch(/问题列表与工作表一致（\d\d:\d\d:\d\d 检查）/);
    // the pane never writes on an edit: the mark stays until she runs a command
    expect(await background('G23')).toBe(before);
    await page.screenshot({ path: join(OUT, 'playground-4-after-edit.png') });
  }, 120_000);

  test("like Excel: the first sheet with a form, the CLI's error for a non-workbook, a picker in the pane's language, 插入空白模板 from any sheet", async () => {
    await page.goto(`${base}/playground.html`);
    await pane().getByRole('region', { name: '项目' }).waitFor();
    // the picker speaks the pane's language; the browser's own button is not shown
    await expect(page.getByText('打开工作簿…').isVisible()).resolves.toBe(true);
    const input = (await page.locator('input[type=file]').boundingBox())!;
    expect(input.width).toBeLessThanOrEqual(1);

    // not a workbook: the command line's words
    await page.setInputFiles('input[type=file]', join(dir, 'notes.xlsx'));
    const cli = (() => {
      try {
        readWorkbookFile(join(dir, 'notes.xlsx'), 'zh');
      } catch (e) {
        return (e as Error).message.replace(join(dir, 'notes.xlsx'), 'notes.xlsx');
      }
      return 'read';
    })();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(cli);
    expect(cli).toBe('notes.xlsx 不是 Excel 工作簿（.xlsx 或 .xls）');

    // a workbook whose first sheet holds no form opens on the form
    await page.setInputFiles('input[type=file]', join(dir, 'with-notes.xlsx'));
    await poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('自评表');
    await pane().getByRole('region', { name: '项目' }).waitFor();

    // 插入空白模板 from the ribbon strip, on a sheet that has a form
    await page
      .getByRole('toolbar', { name: '功能区' })
      .getByRole('button', { name: '上海区级财政项目绩效自我评价表' })
      .click();
    await poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('绩效自评表');
    await pane().getByText('已插入空白模板：绩效自评表').waitFor();
    await pane().getByRole('region', { name: '项目' }).waitFor();
    await page.screenshot({ path: join(OUT, 'playground-5-template.png') });

    // the seed with 合计 90 and 良好: the figures written, the written cells Good
    await page.setInputFiles('input[type=file]', join(dir, 'seed-90.xlsx'));
    await pane().getByText('90 → 重算 95').waitFor();
    await pane().getByRole('button', { name: '校验并评分' }).click();
    await pane()
      .getByText(/已完成：写入 2 个单元格，标注 \d+ 个有问题的单元格/)
      .waitFor();
    await expect(td('F39').textContent()).resolves.toBe('95');
    await expect(td('C10').textContent()).resolves.toBe('优秀');
    expect(await background('F39')).toBe(FILL.good);
    expect(await td('F39').getAttribute('title')).toMatch(/自评已写入合计自评分：95（原为 90）/);

    // 清除标注 brings the original look back
    await pane().getByRole('button', { name: '清除标注' }).click();
    await pane()
      .getByText(/已清除 \d+ 个单元格的标注/)
      .waitFor();
    const coloured = await page
      .locator('td[data-cell]')
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).style.background).length);
    expect(coloured).toBe(0);
    expect(await td('F39').getAttribute('title')).toBeNull();
  }, 120_000);
});
