/**
 * End to end in real Chromium: the playground page (the real task pane beside an in-memory
 * workbook, driven through the same adapter over the fake Excel API), with the seed workbook
 * whose form 1 says 合计 90 and 良好. Needs `npm run build:web` (npm test runs it) and
 * Debian's chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { extname, join } from 'path';
import { chromium, Browser, Page } from 'playwright-core';
import { stackedSeed } from '../fixtures/seed';
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

const chrome = describeWith(CHROMIUM, 'the playground end to end in Chromium');

chrome.describe('the playground in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  let dir: string;

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
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${base}/playground.html`);
    expect(problems).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((r) => server.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const td = (ref: string) => page.locator(`td[data-cell="${ref}"]`);
  const background = (ref: string) => td(ref).evaluate((el) => (el as HTMLElement).style.background);

  test('the seed with 合计 90 and 良好: validate, see the figures written and the rows marked, select, fix, clear', async () => {
    // the preloaded seed is there; open the clerk's workbook through the file picker
    await page.getByRole('region', { name: '项目' }).waitFor();
    await page.setInputFiles('input[type=file]', join(dir, 'seed-90.xlsx'));
    await page.getByText('90 → 重算 95').waitFor();
    await expect(td('F39').textContent()).resolves.toBe('90');
    await expect(td('C10').textContent()).resolves.toBe('良好');

    await page.getByRole('button', { name: '校验并评分' }).click();
    await page.getByText(/已完成：写入 2 个单元格/).waitFor();
    await expect(td('F39').textContent()).resolves.toBe('95');
    await expect(td('C10').textContent()).resolves.toBe('优秀');
    expect(await background('F39')).toBe('rgb(198, 239, 206)');
    for (const ref of ['A29', 'D29', 'E39', 'B89', 'G89'])
      expect(await background(ref)).toBe('rgb(255, 199, 206)');
    expect(await background('G23')).toBe('rgb(255, 235, 156)');
    expect(await td('F39').getAttribute('title')).toMatch(/自评已写入合计自评分：95（原为 90）/);

    // the findings are listed; clicking one selects its cell
    const errors = page.getByRole('region', { name: '错误' });
    await expect(errors.getByRole('listitem').count()).resolves.toBe(2);
    const info = page.getByRole('region', { name: '提示' });
    await info.getByRole('button', { name: /单元格 C18/ }).click();
    await page.locator('td[data-cell="C18"].selected').waitFor();

    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, 'playground-marked.png'), fullPage: false });

    // apply a fix: the standard sign
    const item = info.getByRole('listitem').filter({ hasText: 'C18' });
    await item.getByRole('button', { name: '修复' }).click();
    await page.getByText(/已修复 1 个单元格/).waitFor();
    await expect(td('C18').textContent()).resolves.toBe('≥50家');

    // 清除标注 brings the original look back
    await page.getByRole('button', { name: '清除标注' }).click();
    await page.getByText(/已清除 \d+ 个单元格的标注/).waitFor();
    const coloured = await page
      .locator('td[data-cell]')
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).style.background).length);
    expect(coloured).toBe(0);
    expect(await td('F39').getAttribute('title')).toBeNull();
    await page.screenshot({ path: join(OUT, 'playground-cleared.png') });
  }, 120_000);
});
