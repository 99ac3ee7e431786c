/**
 * Issue 10's cell-text rows as files through the built command line (bin/ziping.js; run
 * `npm run build:cli` first): control and bidi characters in cells and sheet names, text made to
 * break a backtracking pattern, formulas written as text, amounts in 万元 beside 元, and shared
 * strings that are not there. Every workbook is generated here, in a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import JSZip from 'jszip';
import { FileReport, Finding, Report } from '../../src/engine';
import { ADVERSARIAL, hostileSheets } from '../fixtures/adversarial';
import { changed, SHANGHAI_INDICATORS, shanghaiSheet } from '../fixtures/forms';
import { SheetSpec } from '../fixtures/seed';
import { writeXlsx } from '../fixtures/workbook';
import { READ, STORED, writePatched } from './cells';
import { exitedCleanly, HIDDEN, ziping } from './run';

let dir: string;
const at = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ziping-hostile-cells-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const report = (stdout: string) => JSON.parse(stdout) as Report;

function findingsOf(file: FileReport): Finding[] {
  return file.sheets.flatMap((s) => [...s.findings, ...s.forms.flatMap((f) => f.findings)]);
}

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

/** C0 controls but tab and newline, DEL and C1: what a decoded `&#27;` or `&#0;` would leave. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('ESC[2J, ESC]0;…BEL, NUL and U+202E in cell text and in a sheet name', () => {
  const variants = Object.keys(STORED) as Array<keyof typeof STORED>;
  /** What the human output shows of the sheet name and of the project name, per variant. */
  const SHOWN: Record<keyof typeof STORED, { sheet: string; project: string }> = {
    raw: {
      sheet: 'S\\x1b[2J\\x1b]0;pwned\\x07\\x00U+202Egnp',
      project: 'P\\x1b[2J\\x1b]0;pwned\\x07\\x00U+202Egnp',
    },
    escaped: {
      sheet: 'S\\x1b[2J\\x1b]0;pwned\\x07\\x00U+202Egnp',
      project: 'P\\x1b[2J\\x1b]0;pwned\\x07\\x00U+202Egnp',
    },
    // references to control characters stay literal; &#x202E; is a character XML allows
    references: {
      sheet: 'S&#27;[2J&#x1b;]0;pwned&#7;&#0;U+202Egnp',
      project: 'P&#27;[2J&#x1b;]0;pwned&#7;&#0;U+202Egnp',
    },
    // the text `&#27;` is never decoded, not even by the markup removal of the project name
    literal: { sheet: 'S<b>&#27;[2J&#0;&#8238;</b>gnp', project: 'P&#27;[2J&#0;&#8238;gnp' },
  };
  const files: Record<string, string> = {};

  beforeAll(async () => {
    for (const v of variants) {
      files[v] = at(`controls-${v}.xlsx`);
      const sheet = shanghaiSheet({
        name: 'SZZTEXTZZ',
        fields: { projectName: 'PZZTEXTZZ', grade: 'ZZTEXTZZ' },
        indicators: changed(SHANGHAI_INDICATORS, { 0: { target: '》=10场ZZTEXTZZ', note: 'ZZTEXTZZ' } }),
      });
      await writePatched(files[v], [sheet], { ZZTEXTZZ: STORED[v] });
    }
  });

  test.each(['zh', 'en'])('the human output (%s) shows each escaped, never raw', (lang) => {
    const r = ziping(['check', ...variants.map((v) => files[v]), '--details', '--lang', lang]);
    exitedCleanly(r);
    expect(r.status).toBe(1); // the grade is not a grade: an error finding, nothing worse
    expect([...r.stdout].filter((ch) => HIDDEN.test(ch))).toEqual([]);
    for (const v of variants) {
      expect(r.stdout).toContain(`${SHOWN[v].sheet}!A1:G21  ${SHOWN[v].project}`);
    }
    // the grade, quoted in a finding's message, escaped alike
    expect(r.stdout).toMatch(/\\x1b\[2J\\x1b\]0;pwned\\x07\\x00U\+202Egnp[”"]/);
  });

  test('the JSON holds each cell’s text as read, and never a control character decoded from a reference', () => {
    const r = ziping(['check', ...variants.map((v) => files[v]), '--json']);
    exitedCleanly(r);
    // JSON escapes every C0 control, and ziping every C1 control and bidi mark (U+202E came raw
    // before): none reaches a terminal raw
    expect(r.stdout.trimEnd()).not.toMatch(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
    );
    expect(r.stdout).toContain('\\u202e');
    const files_ = report(r.stdout).files;
    variants.forEach((v, i) => {
      const sheet = files_[i].sheets[0];
      expect(sheet.name).toBe(`S${READ[v]}`);
      // a field holds the text as shown: markup removed, the references still literal
      const shown = v === 'literal' ? '&#27;[2J&#0;&#8238;gnp' : READ[v];
      expect(sheet.forms[0].fields.projectName?.value).toBe(`P${shown}`);
      expect(sheet.forms[0].grade.stated).toBe(shown);
    });
    for (const v of ['references', 'literal'] as const) {
      const file = files_[variants.indexOf(v)];
      expect(stringsOf(file).filter((s) => CONTROL.test(s))).toEqual([]);
    }
    // markup removal offers the text without its tags, the references kept as they were
    const literal = findingsOf(files_[variants.indexOf('literal')]).filter(
      (f) => f.rule === 'markup-in-cell',
    );
    expect(literal.length).toBeGreaterThan(0);
    for (const f of literal)
      for (const w of f.fix ?? []) {
        expect(w.type).toBe('text');
        expect(w.value).toMatch(/^(P|》=10场)?&#27;\[2J&#0;&#8238;gnp$/);
      }
  });
});

/** The text of a cell element of a sheet part: its shared string, inline string or value. */
function cellText(
  xml: string,
  ref: string,
  strings: readonly string[],
): { t?: string; f: boolean; text?: string } {
  const m = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>(.*?)</c>)`, 's').exec(xml);
  if (!m) return { f: false };
  const t = /\st="([^"]*)"/.exec(m[1])?.[1];
  const inner = m[2] ?? '';
  const v = /<v>([^<]*)<\/v>/.exec(inner)?.[1];
  const text =
    t === 's' ? strings[Number(v)] : t === 'inlineStr' ? unescape(inner.replace(/<[^>]*>/g, '')) : v;
  return { t, f: /<f[\s>/]/.test(inner), text };
}

function unescape(xml: string): string {
  return xml.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_e, n: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[n]!,
  );
}

async function sheetAndStrings(path: string, part: string): Promise<{ xml: string; strings: string[] }> {
  const z = await JSZip.loadAsync(readFileSync(path));
  const sst = (await z.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const strings = [...sst.matchAll(/<si>(.*?)<\/si>/gs)].map((m) => unescape(m[1].replace(/<[^>]*>/g, '')));
  return { xml: await z.file(part)!.async('string'), strings };
}

describe('a formula that was text in the cell stays text', () => {
  const CMD = `<b>&#61;cmd|'/C calc'!A0</b>`;
  const LINK = '=HYPERLINK("http://x","y")';
  let path: string;

  beforeAll(async () => {
    path = at('formulas-as-text.xlsx');
    // the markup in three cells (one a field, one a remark, one in a row shifted one column
    // left), the link as the project's name and as that row's indicator name
    await writeXlsx(path, [
      shanghaiSheet({
        mergeCategories: false,
        fields: { projectName: LINK, problems: CMD },
        indicators: changed(SHANGHAI_INDICATORS, {
          0: { note: CMD },
          2: { name: '', target: '', weight: undefined, rule: '', score: undefined },
        }),
        extra: [
          [16, 1, LINK],
          [16, 2, CMD],
          [16, 3, 15],
          [16, 4, '及时完成'],
          [16, 5, 15],
        ],
      }),
    ]);
  });

  test('in --json every fix write touching them is "type": "text"; none is a number or a formula', () => {
    const r = ziping(['check', path, '--json']);
    exitedCleanly(r);
    const writes = findingsOf(report(r.stdout).files[0]).flatMap((f) => f.fix ?? []);
    for (const w of writes) {
      expect(Object.keys(w).sort()).toEqual(['cell', 'type', 'value']);
      if (w.type === 'number') expect(typeof w.value).toBe('number');
      else expect(w.value === null || typeof w.value === 'string').toBe(true);
    }
    const touching = writes.filter((w) => typeof w.value === 'string' && /HYPERLINK|cmd\|/.test(w.value));
    expect(touching).toEqual(
      expect.arrayContaining([
        { cell: 'B16', type: 'text', value: LINK },
        { cell: 'C16', type: 'text', value: CMD },
        { cell: 'B11', type: 'text', value: "=cmd|'/C calc'!A0" },
        { cell: 'G14', type: 'text', value: "=cmd|'/C calc'!A0" },
      ]),
    );
    expect(touching.every((w) => w.type === 'text')).toBe(true);
    // the only numbers written are the row's own numbers, moved
    expect(new Set(writes.filter((w) => w.type === 'number').map((w) => JSON.stringify(w)))).toEqual(
      new Set([
        JSON.stringify({ cell: 'D16', type: 'number', value: 15 }),
        JSON.stringify({ cell: 'F16', type: 'number', value: 15 }),
      ]),
    );
    // 全部修复 keeps the last write to each cell: the shifted row's name stays in B16, the plain
    // text of the moved markup lands in C16 (the markup's fix makes the row's move too)
    const last = new Map(writes.map((w) => [w.cell, w]));
    expect(last.get('B16')).toEqual({ cell: 'B16', type: 'text', value: LINK });
    expect(last.get('C16')).toEqual({ cell: 'C16', type: 'text', value: "=cmd|'/C calc'!A0" });
  });

  test('ziping review --out: the annotated copy holds them as text, never a <f> element', async () => {
    const out = at('reviewed');
    const r = ziping(['review', path, '--out', out]);
    exitedCleanly(r);
    expect(r.status).toBe(1); // the shifted row is an error finding
    const copy = await sheetAndStrings(join(out, 'formulas-as-text.xlsx'), 'xl/worksheets/sheet1.xml');
    expect(copy.xml).not.toMatch(/<f[\s>/]/);
    for (const [ref, text] of [
      ['B3', LINK],
      ['B11', CMD],
      ['G14', CMD],
      ['A16', LINK],
      ['B16', CMD],
    ]) {
      const c = cellText(copy.xml, ref, copy.strings);
      expect({ ref, f: c.f, text: c.text }).toEqual({ ref, f: false, text });
      expect(['s', 'inlineStr']).toContain(c.t);
    }
    // the summary quotes them (name, messages, fixes) as text too
    const z = await JSZip.loadAsync(readFileSync(join(out, '汇总.xlsx')));
    const sheets = Object.keys(z.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    let quoted = 0;
    for (const name of sheets) {
      const xml = await z.file(name)!.async('string');
      for (const c of xml.matchAll(/<c [^>]*?(?:\/>|>(.*?)<\/c>)/gs)) {
        if (!/HYPERLINK|cmd\|/.test(c[0])) continue;
        quoted++;
        expect(c[1]).not.toMatch(/<f[\s>/]/);
      }
    }
    expect(quoted).toBeGreaterThan(0);
  });
});

describe('300,000 characters of each adversarial pattern in a form’s cells', () => {
  // before the readers were made linear these single cells took 381 s, 40 s, 34 s and 24 s
  test.each(['digits', '说明：9…9', '<a + spaces', '产出指标1…1x'])(
    '%s: the whole file checked in well under 10 s, both forms still found',
    async (name) => {
      const path = at(`text-${Object.keys(ADVERSARIAL).indexOf(name)}.xlsx`);
      await writeXlsx(path, hostileSheets(ADVERSARIAL[name](300_000)));
      const r = ziping(['check', path, '--json']);
      exitedCleanly(r);
      // a generous bound (a linear run takes well under a second) that only quadratic work breaks
      expect(r.ms).toBeLessThan(10_000);
      const file = report(r.stdout).files[0];
      expect(file.error).toBeUndefined();
      expect(file.sheets.map((s) => [s.name, s.forms.length])).toEqual([
        ['Shanghai', 1],
        ['National', 1],
      ]);
    },
  );
});

test('69.71万元 as the budget, 697100 under 预算执行数（元）: rate 100 %, no execution-exceeds-budget', async () => {
  const path = at('wan-yuan.xlsx');
  await writeXlsx(path, [shanghaiSheet({ fields: { budgetAmount: '69.71万元', executedAmount: 697100 } })]);
  const r = ziping(['check', path, '--json']);
  exitedCleanly(r);
  expect(r.status).toBe(0);
  const file = report(r.stdout).files[0];
  const form = file.sheets[0].forms[0];
  expect(form.executionRate.computed).toBe('100');
  expect(findingsOf(file).map((f) => f.rule)).not.toContain('execution-exceeds-budget');
});

test('a shared string index out of range, negative or not a number: that sheet named as damaged, the others read', async () => {
  const path = at('shared-strings.xlsx');
  const stub = (name: string, n: number): SheetSpec => ({
    name,
    cells: [[], [undefined, { value: n }]],
    merges: [],
  });
  await writePatched(
    path,
    [
      stub('Far', 123456781),
      shanghaiSheet({ name: '表' }),
      stub('Negative', 123456782),
      stub('NaN', 123456783),
    ],
    {
      '<c r="A1"><v>123456781</v></c>': '<c r="A1" t="s"><v>99999</v></c>',
      '<c r="A1"><v>123456782</v></c>': '<c r="A1" t="s"><v>-1</v></c>',
      '<c r="A1"><v>123456783</v></c>': '<c r="A1" t="s"><v>x</v></c>',
    },
  );
  const r = ziping(['check', path, '--json', '--lang', 'en']);
  exitedCleanly(r);
  expect(r.status).toBe(2);
  const file = report(r.stdout).files[0];
  expect(file.error).toBeUndefined();
  expect(file.sheets.map((s) => [s.name, s.forms.length, s.error?.message ?? ''])).toEqual([
    ['Far', 0, expect.stringContaining('damaged: xl/worksheets/sheet1.xml (shared string 99999 is missing')],
    ['表', 1, ''],
    [
      'Negative',
      0,
      expect.stringContaining('damaged: xl/worksheets/sheet3.xml (shared string -1 is missing'),
    ],
    ['NaN', 0, expect.stringContaining('damaged: xl/worksheets/sheet4.xml (shared string x is missing')],
  ]);
  expect(file.sheets[1].forms[0].totalScore.computed).toBe('100');
});
