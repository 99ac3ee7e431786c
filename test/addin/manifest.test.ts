import { DOMParser } from '@xmldom/xmldom';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { COMMANDS, registerCommands, templateCommandName } from '../../src/commands/commands';
import { FAMILIES, FAMILY_IDS } from '../../src/engine/families';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestFor } = require('../../scripts/manifest-urls') as {
  manifestFor: (c: string, b: string) => string;
};

const ROOT = join(__dirname, '..', '..');
const text = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const errors: string[] = [];
const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(
  text,
  'text/xml',
);

type El = {
  tagName: string;
  localName: string;
  getAttribute(n: string): string | null;
  childNodes: ArrayLike<unknown>;
  textContent: string | null;
};
const children = (el: El): El[] =>
  Array.from(el.childNodes as ArrayLike<El & { nodeType: number }>).filter((n) => n.nodeType === 1);
const all = (name: string): El[] =>
  Array.from(doc.getElementsByTagNameNS('*', name) as unknown as ArrayLike<El>);
const root = doc.documentElement as unknown as El;

test('the manifest is well-formed XML', () => {
  expect(errors).toEqual([]);
  expect(root.localName).toBe('OfficeApp');
});

test('top-level elements in the order the schema requires', () => {
  const order = [
    'Id',
    'Version',
    'ProviderName',
    'DefaultLocale',
    'DisplayName',
    'Description',
    'IconUrl',
    'HighResolutionIconUrl',
    'SupportUrl',
    'AppDomains',
    'Hosts',
    'Requirements',
    'DefaultSettings',
    'Permissions',
    'VersionOverrides',
  ];
  const seen = children(root).map((e) => e.localName);
  expect(seen).toEqual(order.filter((o) => seen.includes(o)));
  expect(seen).toEqual(
    expect.arrayContaining([
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'Hosts',
      'DefaultSettings',
      'Permissions',
    ]),
  );
});

test('Excel only, ReadWriteDocument and no more, the requirement sets it relies on', () => {
  expect(
    all('Host')
      .filter((h) => h.getAttribute('Name'))
      .map((h) => h.getAttribute('Name')),
  ).toEqual(['Workbook']);
  expect(all('Permissions')[0].textContent).toBe('ReadWriteDocument');
  const sets = Object.fromEntries(
    all('Set').map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')]),
  );
  expect(sets).toEqual({ ExcelApi: '1.13', SharedRuntime: '1.1' });
});

test('a shared runtime: the ribbon and the pane run on one page', () => {
  const runtime = all('Runtime')[0];
  expect(runtime.getAttribute('lifetime')).toBe('long');
  expect(runtime.getAttribute('resid')).toBe(all('FunctionFile')[0].getAttribute('resid'));
  const pane = all('Action').find((a) => a.getAttribute('xsi:type') === 'ShowTaskpane')!;
  expect(
    children(pane)
      .find((c) => c.localName === 'SourceLocation')
      ?.getAttribute('resid'),
  ).toBe(runtime.getAttribute('resid'));
});

test('controls and their children in schema order', () => {
  for (const c of all('Control').concat(all('Item'))) {
    const names = children(c).map((e) => e.localName);
    expect(names.slice(0, 3)).toEqual(['Label', 'Supertip', 'Icon']);
    expect(['Action', 'Items']).toContain(names[3]);
  }
  const tab = all('CustomTab')[0];
  expect(children(tab).map((e) => e.localName)).toEqual(['Group', 'Label']);
  const host = all('Host').find((h) => h.getAttribute('xsi:type') === 'Workbook')!;
  expect(children(host).map((e) => e.localName)).toEqual(['Runtimes', 'DesktopFormFactor']);
  const vo = all('VersionOverrides')[0];
  expect(children(vo).map((e) => e.localName)).toEqual(['Hosts', 'Resources']);
  const res = all('Resources')[0];
  expect(children(res).map((e) => e.localName)).toEqual(['Images', 'Urls', 'ShortStrings', 'LongStrings']);
});

test('the ribbon: a 绩效自评 tab with 校验并评分, 插入空白模板 (a menu of the families), 清除标注, 打开面板', () => {
  const label = (resid: string) => {
    const s = all('String').find((x) => x.getAttribute('id') === resid)!;
    return [
      s.getAttribute('DefaultValue'),
      children(s)
        .find((o) => o.getAttribute('Locale') === 'zh-CN')
        ?.getAttribute('Value'),
    ];
  };
  const labelOf = (el: El) =>
    label(
      children(el)
        .find((c) => c.localName === 'Label')!
        .getAttribute('resid')!,
    );
  expect(labelOf(all('CustomTab')[0])).toEqual(['Self-Evaluation', '绩效自评']);
  expect(all('Control').map(labelOf)).toEqual([
    ['Validate and grade', '校验并评分'],
    ['Insert blank template', '插入空白模板'],
    ['Clear highlights', '清除标注'],
    ['Show pane', '打开面板'],
  ]);
  expect(
    all('Item')
      .map(labelOf)
      .map((l) => l[1]),
  ).toEqual(FAMILIES.map((f) => f.label.zh));
});

test('every resid resolves, once, to a resource', () => {
  const ids = new Map<string, number>();
  for (const tag of ['Image', 'Url', 'String'])
    for (const e of all(tag))
      if (e.getAttribute('id')) ids.set(e.getAttribute('id')!, (ids.get(e.getAttribute('id')!) ?? 0) + 1);
  expect([...ids.values()].every((n) => n === 1)).toBe(true);
  const resids = text.match(/resid="([^"]+)"/g)!.map((m) => m.slice(7, -1));
  expect(resids.length).toBeGreaterThan(20);
  for (const r of resids) {
    expect(ids.has(r) ? r : `missing ${r}`).toBe(r);
    expect(r.length).toBeLessThanOrEqual(32);
  }
});

test('every string has a Chinese override and fits its length', () => {
  for (const s of all('String')) {
    const zh = children(s).find((o) => o.getAttribute('Locale') === 'zh-CN');
    expect(zh?.getAttribute('Value')).toBeTruthy();
  }
  for (const s of children(all('ShortStrings')[0]))
    expect(s.getAttribute('DefaultValue')!.length).toBeLessThanOrEqual(125);
  for (const s of children(all('LongStrings')[0]))
    expect(s.getAttribute('DefaultValue')!.length).toBeLessThanOrEqual(250);
});

test('every icon file exists, at 16, 32 and 80 for every control', () => {
  for (const img of all('Image').filter((e) => e.getAttribute('DefaultValue'))) {
    const url = img.getAttribute('DefaultValue')!;
    expect(existsSync(join(ROOT, url.replace('https://localhost:3000/', '')))).toBe(true);
  }
  for (const c of all('Control').concat(all('Item'))) {
    const icon = children(c).find((e) => e.localName === 'Icon')!;
    const sizes = children(icon).map((i) => i.getAttribute('size'));
    expect(sizes).toEqual(expect.arrayContaining(['16', '32', '80']));
  }
  for (const u of [all('IconUrl')[0], all('HighResolutionIconUrl')[0]]) {
    expect(
      existsSync(join(ROOT, u.getAttribute('DefaultValue')!.replace('https://localhost:3000/', ''))),
    ).toBe(true);
  }
});

test('every FunctionName is registered with Office.actions.associate', () => {
  const names = all('FunctionName').map((f) => f.textContent);
  // 校验并评分, 清除标注, and one 插入空白模板 item per family of the registry
  expect(names.length).toBe(2 + FAMILY_IDS.length);
  const associated: string[] = [];
  (globalThis as unknown as { Office: unknown }).Office = {
    actions: { associate: (n: string) => associated.push(n) },
  };
  registerCommands();
  delete (globalThis as unknown as { Office?: unknown }).Office;
  for (const n of names) {
    expect(associated).toContain(n);
    expect(Object.keys(COMMANDS)).toContain(n);
  }
});

test("the Template menu: one Item per family of the registry, in its order, running that family's command, with its own label and tip", () => {
  const menu = all('Control').find((c) => c.getAttribute('id') === 'Ziping.Template')!;
  const items = children(children(menu).find((e) => e.localName === 'Items')!);
  expect(
    items.map(
      (i) =>
        i.textContent?.trim() &&
        children(i)
          .find((e) => e.localName === 'Action')!
          .textContent?.trim(),
    ),
  ).toEqual(FAMILY_IDS.map(templateCommandName));
  const strings = new Map(all('String').map((s) => [s.getAttribute('id'), s]));
  const resids = new Set<string>();
  for (const item of items) {
    const label = children(item)
      .find((e) => e.localName === 'Label')!
      .getAttribute('resid')!;
    const tip = children(children(item).find((e) => e.localName === 'Supertip')!)
      .find((e) => e.localName === 'Description')!
      .getAttribute('resid')!;
    for (const id of [label, tip]) {
      expect(resids.has(id)).toBe(false);
      resids.add(id);
      const s = strings.get(id)!;
      expect(s.getAttribute('DefaultValue')).toBeTruthy();
      expect(
        children(s)
          .find((o) => o.getAttribute('Locale') === 'zh-CN')
          ?.getAttribute('Value'),
      ).toBeTruthy();
    }
  }
  expect(FAMILY_IDS.map(templateCommandName)).toEqual([
    'insertShanghaiTemplate',
    'insertNationalTemplate',
    'insertYunnanHubeiTemplate',
  ]);
});

test('every URL is https', () => {
  const urls = text
    .match(/https?:\/\/[^"<\s]+/g)!
    .filter((u) => !u.startsWith('http://schemas.microsoft.com') && !u.startsWith('http://www.w3.org'));
  expect(urls.length).toBeGreaterThan(10);
  for (const u of urls) expect(u).toMatch(/^https:\/\//);
});

describe('issue 9 item 6: what Office and a production deployment need', () => {
  const runtimeResid = () => all('Runtime')[0].getAttribute('resid');

  test("the shared runtime's one task pane: 打开面板 keeps its TaskpaneId and the runtime's page", () => {
    // Microsoft's shared-runtime guide: "A shared runtime only supports the use of one task pane.
    // Note that any task pane without a <TaskpaneID> is considered a different task pane."
    const panes = all('Action').filter((a) => a.getAttribute('xsi:type') === 'ShowTaskpane');
    expect(panes).toHaveLength(1);
    const kids = children(panes[0]);
    expect(kids.map((k) => k.localName)).toEqual(['TaskpaneId', 'SourceLocation']);
    expect(kids[0].textContent).toBe('ZipingPane');
    expect(kids[1].getAttribute('resid')).toBe(runtimeResid());
    expect(all('FunctionFile')[0].getAttribute('resid')).toBe(runtimeResid());
  });

  test('AppDomain ends with a slash, like every address the production rewrite replaces', () => {
    const domains = all('AppDomain').map((d) => d.textContent);
    expect(domains).toEqual(['https://localhost:3000/']);
  });

  test('SupportUrl and LearnMoreUrl point at a help page, not at the task pane, and the build writes it', () => {
    const support = all('SupportUrl')[0].getAttribute('DefaultValue')!;
    const taskpane = all('Url')
      .find((u) => u.getAttribute('id') === runtimeResid())!
      .getAttribute('DefaultValue');
    expect(support).not.toBe(taskpane);
    expect(support).toBe('https://localhost:3000/support.html');
    const learn = all('LearnMoreUrl')[0].getAttribute('resid');
    expect(
      all('Url')
        .find((u) => u.getAttribute('id') === learn)!
        .getAttribute('DefaultValue'),
    ).toBe(support);
    expect(existsSync(join(ROOT, 'src/commands/support.html'))).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../../webpack.config.js')({}, { mode: 'production' }) as {
      plugins: Array<{ userOptions?: { filename?: string; template?: string } }>;
    };
    const pages = config.plugins.map((p) => p.userOptions?.filename).filter(Boolean);
    expect(pages).toEqual(expect.arrayContaining(['taskpane.html', 'dialog.html', 'support.html']));
  });

  test('the production manifest has no localhost address left; AppDomain becomes the origin', () => {
    const prod = manifestFor(text, 'https://ziping.example.gov.cn/addin/');
    expect(prod).not.toMatch(/localhost/);
    expect(prod).toContain('<AppDomain>https://ziping.example.gov.cn/</AppDomain>');
    expect(prod).toContain('<SupportUrl DefaultValue="https://ziping.example.gov.cn/addin/support.html"/>');
    expect(prod).toContain('DefaultValue="https://ziping.example.gov.cn/addin/taskpane.html"');
    // the old manifest's AppDomain, without its slash, was missed by the rewrite
    expect(manifestFor('<AppDomain>https://localhost:3000</AppDomain>', 'https://x.example/')).toMatch(
      /localhost/,
    );
    expect(() => manifestFor(text, 'http://ziping.example.gov.cn/')).toThrow(/https/);
  });
});
