import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { humanReport, main } from '../../src/cli/main';
import { globMatch } from '../../src/cli/paths';
import { analyzeSheet, checkWorkbook, Report } from '../../src/engine';
import { readWorkbookFile } from '../../src/cli/readWorkbook';
import { DEFAULT_FAMILY, FAMILIES, FAMILY, FAMILY_IDS } from '../../src/engine/families';
import { changed, NATIONAL_INDICATORS, nationalSheet, shanghaiSheet } from '../fixtures/forms';
import { reportValidator } from '../fixtures/schema';
import { gridOf, seedSheet, stackedSeed } from '../fixtures/seed';
import { writeXlsx } from '../fixtures/workbook';

const validate = reportValidator();
let dir: string;
const f = (name: string) => join(dir, name);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

async function json(...files: string[]): Promise<{ code: number; report: Report }> {
  const r = await run('check', ...files, '--json');
  const report = JSON.parse(r.out) as Report;
  expect(validate(report)).toBe('');
  return { code: r.code, report };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ziping-cli-'));
  await writeXlsx(f('seed-stacked.xlsx'), [stackedSeed(true)]);
  await writeXlsx(f('seed-text.xlsx'), [stackedSeed(false)]);
  await writeXlsx(f('seed-sheets.xlsx'), [
    seedSheet('金融业务费用', [{ form: 0, row: 5, col: 3 }]),
    seedSheet('中介机构服务费', [{ form: 1, row: 1, col: 1 }]),
    { name: '空白页', cells: [], merges: [] },
    seedSheet('金融服务费用', [{ form: 2, row: 12, col: 6 }]),
  ]);
  await writeXlsx(f('national-clean.xlsx'), [nationalSheet({ fields: { grade: '优' } })]);
  await writeXlsx(f('national-defects.xlsx'), [
    nationalSheet({
      funds: { executed: 60, rate: { value: 0.6, format: '0.00%' }, score: 8 },
      indicators: changed(NATIONAL_INDICATORS, {
        1: { score: 16 },
        5: { score: { value: { error: '#REF!' } } },
      }),
      total: { weight: 100, score: 97 },
    }),
  ]);
  await writeXlsx(f('clean.xlsx'), [shanghaiSheet()]);
  await writeXlsx(f('no-form.xlsx'), [
    {
      name: '数据',
      cells: [
        undefined,
        [undefined, { value: '姓名' }, { value: '金额' }],
        [undefined, { value: '张三' }, { value: 5 }],
      ],
      merges: [],
    },
  ]);
  writeFileSync(f('notes.xlsx'), '这不是工作簿\n');
  const whole = readFileSync(f('clean.xlsx'));
  writeFileSync(f('truncated.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ziping check --json on real .xlsx files', () => {
  test('the stacked seed: 95/100/100, 优秀, 62.16/100/100, the three shifted rows, exit 1', async () => {
    const { code, report } = await json(f('seed-stacked.xlsx'));
    expect(code).toBe(1);
    const forms = report.files[0].sheets[0].forms;
    expect(
      forms.map((x) => [
        x.totalScore.computed,
        x.totalWeight.computed,
        x.grade.computed,
        x.executionRate.computed,
      ]),
    ).toEqual([
      ['95', '100', '优秀', '62.16'],
      ['100', '100', '优秀', '100'],
      ['100', '100', '优秀', '100'],
    ]);
    const errors = forms.flatMap((x) =>
      x.findings.filter((y) => y.severity === 'error').map((y) => y.cells[0]),
    );
    expect(errors).toEqual(['A29:G29', 'A39:G39', 'A89:G89']);
    const warnings = forms[0].findings.filter((y) => y.rule === 'deduction-without-reason');
    expect(warnings).toHaveLength(5);
    expect(forms.flatMap((x) => x.findings.filter((y) => y.rule === 'nonstandard-symbol'))).toHaveLength(6);
    expect(forms.flatMap((x) => x.findings.filter((y) => y.rule === 'markup-in-cell'))).toHaveLength(3);
  });

  test('numbers stored as text read the same', async () => {
    const { report } = await json(f('seed-text.xlsx'));
    const forms = report.files[0].sheets[0].forms;
    expect(forms.map((x) => x.totalScore.computed)).toEqual(['95', '100', '100']);
    expect(forms[0].executionRate).toEqual({ cell: 'G7', stated: '62.16', computed: '62.16' });
  });

  test('one form per sheet at other offsets, and a blank sheet among them', async () => {
    const { report } = await json(f('seed-sheets.xlsx'));
    const sheets = report.files[0].sheets;
    expect(sheets.map((s) => [s.name, s.forms.length])).toEqual([
      ['金融业务费用', 1],
      ['中介机构服务费', 1],
      ['空白页', 0],
      ['金融服务费用', 1],
    ]);
    expect(sheets[0].forms[0].range).toBe('C5:I42');
    expect(sheets[0].forms[0].totalScore).toEqual({ cell: 'H41', stated: '95', computed: '95' });
    expect(sheets[3].forms[0].findings.find((x) => x.rule === 'misaligned-row')?.cells).toEqual(['F30:L30']);
  });

  test('a clean national form: exit 0, execution score reported', async () => {
    const { code, report } = await json(f('national-clean.xlsx'));
    expect(code).toBe(0);
    const form = report.files[0].sheets[0].forms[0];
    expect(form.executionScore).toEqual({ cell: 'H6', stated: '9.5', computed: '9.5' });
    expect(form.findings).toEqual([]);
  });

  test('a national form with defects: each found once, with its cell', async () => {
    const { code, report } = await json(f('national-defects.xlsx'));
    expect(code).toBe(1);
    const found = report.files[0].sheets[0].forms[0].findings.map((x) => `${x.rule} ${x.cells[0]}`);
    expect(found).toEqual([
      'cell-error H18',
      'score-exceeds-weight H14',
      'execution-score-mismatch H6',
      'low-execution-unexplained G6',
    ]);
  });

  test('several files: the unreadable ones get an entry with an error, the others are still checked, exit 2', async () => {
    const { code, report } = await json(
      f('clean.xlsx'),
      f('missing.xlsx'),
      f('notes.xlsx'),
      f('truncated.xlsx'),
      f('no-form.xlsx'),
    );
    expect(code).toBe(2);
    expect(report.files.map((x) => [x.error?.code ?? 'ok', x.sheets.length])).toEqual([
      ['ok', 1],
      ['unreadable', 0],
      ['unreadable', 0],
      ['unreadable', 0],
      ['no-form-found', 1],
    ]);
    expect(report.files[1].error?.message).toMatch(/文件不存在/);
    expect(report.files[2].error?.message).toMatch(/不是 Excel 工作簿/);
    expect(report.files[3].error?.message).toMatch(/损坏/);
    expect(report.files[4].error?.message).toMatch(/没有找到绩效自评表/);
  });
});

describe('the human summary', () => {
  test('per form: project, total, grade, rate, then findings with their cells, in Chinese', async () => {
    const { code, out } = await run('check', f('seed-stacked.xlsx'));
    expect(code).toBe(1);
    expect(out).toContain('Sheet1!A3:G40  金融业务费用');
    expect(out).toContain('总分 95 · 绩效等级 优秀 · 预算执行率 62.16%');
    expect(out).toMatch(/✗ 错误 A29:G29 .*向左偏移了 1 列/);
    expect(out).toMatch(/! 警告 G23 /);
    expect(out).toMatch(/共 1 个文件、3 张自评表：错误 3，警告 6，提示 9/);
  });

  test('in English with --lang en, and recomputed figures shown beside stated ones', async () => {
    await writeXlsx(f('wrong-total.xlsx'), [shanghaiSheet({ total: { weight: 100, score: 90 } })]);
    const { out } = await run('check', f('wrong-total.xlsx'), '--lang', 'en');
    expect(out).toContain('total 90 (recomputed: 100)');
    expect(out).toMatch(/✗ error F20 +Total score 90 differs from the sum of the scores, 100/);
  });

  test('a figure holding an error value shows as it is, never with its unit', async () => {
    await writeXlsx(f('div0-rate.xlsx'), [
      shanghaiSheet({ fields: { executionRate: { value: { error: '#DIV/0!' } } } }),
    ]);
    const { out } = await run('check', f('div0-rate.xlsx'));
    expect(out).toContain('预算执行率 #DIV/0!（重算为 100%）');
    expect(out).not.toContain('#DIV/0!%');
  });

  test('a clean file says so', async () => {
    expect((await run('check', f('clean.xlsx'))).out).toContain('✓ 未发现问题');
  });
});

describe('usage', () => {
  test.each([
    [[]],
    [['check']],
    [['check', '--lang', 'fr', 'x.xlsx']],
    [['check', '--bogus', 'x.xlsx']],
    [['inspect', 'x.xlsx']],
  ])('%j is a usage error: exit 2 and a message on stderr', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/用法 \/ usage|--lang/);
  });

  test('--help', async () => {
    expect(await run('--help')).toMatchObject({ code: 0 });
  });
});

describe('the installed command (bin/ziping.js, built by npm ci)', () => {
  const bin = join(__dirname, '..', '..', 'bin', 'ziping.js');

  test('--json writes exactly one JSON document on stdout and exits 1 on errors', async () => {
    const r = spawnSync(process.execPath, [bin, 'check', f('seed-stacked.xlsx'), '--json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(validate(report)).toBe('');
    expect(r.stderr).toBe('');
  });

  test('a missing file: one clear line, no stack trace, exit 2', async () => {
    const r = spawnSync(process.execPath, [bin, 'check', f('nope.xlsx')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(r.stdout).toContain('文件不存在');
  });

  test('exit 0 on a clean file', async () => {
    expect(() => execFileSync(process.execPath, [bin, 'check', f('clean.xlsx')])).not.toThrow();
  });
});

describe('ziping template --family: the families of the registry', () => {
  const bin = join(__dirname, '..', '..', 'bin', 'ziping.js');
  const ziping = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

  test.each(FAMILY_IDS.map((id) => [id]))(
    '%s: written by the built command, found as a form of that family, checked as not filled in',
    (id) => {
      const out = f(`template-${id}.xlsx`);
      const written = ziping('template', '--family', id, out);
      expect(written.status).toBe(0);
      expect(written.stdout).toContain(FAMILY[id].template().label.zh);
      const forms = analyzeSheet(readWorkbookFile(out)[0]);
      expect(forms.map((x) => x.layout.family)).toEqual([id]);
      const checked = ziping('check', out, '--json');
      expect(checked.status).toBe(1);
      const report = JSON.parse(checked.stdout) as Report;
      expect(report.files[0].sheets[0].forms[0].findings.map((x) => x.rule)).toEqual(['form-not-filled']);
    },
  );

  test("without --family: the registry's default", () => {
    const out = f('template-default.xlsx');
    expect(ziping('template', out).status).toBe(0);
    expect(analyzeSheet(readWorkbookFile(out)[0])[0].layout.family).toBe(DEFAULT_FAMILY);
  });

  test('template --help lists every family of the registry with its label; ziping --help points to it', () => {
    const r = ziping('template', '--help');
    expect(r.status).toBe(0);
    for (const fam of FAMILIES) {
      expect(r.stdout).toContain(fam.id);
      expect(r.stdout).toContain(fam.label.zh);
    }
    expect(ziping('--help').stdout).toContain('ziping template --help');
  });

  test("the README's template command lines name exactly the registry's families", () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const lines = readme.match(/ziping template \[--family ([^\]]+)\]/g) ?? [];
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toBe(`ziping template [--family ${FAMILY_IDS.join('|')}]`);
  });

  test("an unknown family: exit 2, the registry's ids in the message, the argument shown escaped", () => {
    const r = ziping('template', '--family', 'city\u001b[31m', f('x.xlsx'));
    expect(r.status).toBe(2);
    for (const id of FAMILY_IDS) expect(r.stderr).toContain(id);
    expect(r.stderr).not.toContain('\u001b');
  });
});

describe('older workbooks', () => {
  test('an .xls (Excel 97–2003) workbook is read like an .xlsx', async () => {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.readFile(f('seed-stacked.xlsx'), { cellNF: true });
    XLSX.writeFile(wb, f('seed.xls'), { bookType: 'biff8' });
    const { code, report } = await json(f('seed.xls'));
    expect(code).toBe(1);
    const forms = report.files[0].sheets[0].forms;
    expect(forms.map((x) => [x.totalScore.computed, x.grade.computed, x.executionRate.computed])).toEqual([
      ['95', '优秀', '62.16'],
      ['100', '优秀', '100'],
      ['100', '优秀', '100'],
    ]);
    expect(
      forms.flatMap((x) => x.findings.filter((y) => y.severity === 'error').map((y) => y.cells[0])),
    ).toEqual(['A29:G29', 'A39:G39', 'A89:G89']);
  });
});

describe('paths: files, folders and wildcards', () => {
  let tree: string;
  beforeAll(async () => {
    tree = join(dir, 'tree');
    mkdirSync(join(tree, 'a', 'deep'), { recursive: true });
    mkdirSync(join(tree, 'empty'));
    await writeXlsx(join(tree, 'a', 'one.xlsx'), [shanghaiSheet()]);
    await writeXlsx(join(tree, 'a', 'deep', 'two.xlsx'), [nationalSheet({ fields: { grade: '优' } })]);
    writeFileSync(join(tree, 'a', '~$one.xlsx'), 'lock file of Excel');
    writeFileSync(join(tree, 'a', 'notes.txt'), 'not a workbook');
  });

  const paths = (r: { report: Report }) => r.report.files.map((x) => x.path);

  test('a folder is searched with its subfolders; lock files and other files are skipped', async () => {
    const r = await json(join(tree, 'a'));
    expect(paths(r)).toEqual([join(tree, 'a', 'deep', 'two.xlsx'), join(tree, 'a', 'one.xlsx')]);
    expect(r.code).toBe(0);
  });

  test('a wildcard the shell did not expand is expanded by ziping, in any segment', async () => {
    expect(paths(await json(join(tree, 'a', '*.xlsx')))).toEqual([join(tree, 'a', 'one.xlsx')]);
    expect(paths(await json(join(tree, '*', 'd??p', '*.xls?')))).toEqual([
      join(tree, 'a', 'deep', 'two.xlsx'),
    ]);
  });

  test('a workbook named twice, or found twice, is checked once', async () => {
    const one = join(tree, 'a', 'one.xlsx');
    expect(paths(await json(one, join(tree, 'a'), `${tree}/a/../a/one.xlsx`))).toEqual([
      one,
      join(tree, 'a', 'deep', 'two.xlsx'),
    ]);
  });

  test('a folder without workbooks and a wildcard matching nothing are entries with a reason, exit 2', async () => {
    const r = await json(join(tree, 'empty'), join(tree, 'nothing-*.xlsx'), join(tree, 'a', 'one.xlsx'));
    expect(r.code).toBe(2);
    expect(r.report.files.map((x) => [x.path, x.error?.code])).toEqual([
      [join(tree, 'empty'), 'unreadable'],
      [join(tree, 'nothing-*.xlsx'), 'unreadable'],
      [join(tree, 'a', 'one.xlsx'), undefined],
    ]);
    expect(r.report.files[0].error?.message).toMatch(/没有 \.xlsx、\.xlsm 或 \.xls 工作簿/);
    expect(r.report.files[1].error?.message).toMatch(/没有与通配符匹配的工作簿/);
  });

  test.each([
    ['*.xlsx', 'a.xlsx', true],
    ['*.xlsx', 'a.xls', false],
    ['a?c', 'abc', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['*', '', true],
    ['**x', 'yyx', true],
  ])('globMatch(%s, %s) is %s', (pattern, name, want) => {
    expect(globMatch(pattern, name)).toBe(want);
  });
});

test('the human output shows control characters of cells, sheet and file names escaped, never raw', () => {
  const evil = shanghaiSheet({ fields: { projectName: '项目\u001b[2J\u001b]0;pwned\u0007\u202e名' } });
  const file = checkWorkbook('a\u001b[2J.xlsx', [gridOf({ ...evil, name: 'S\u001b[31m' })]);
  const out = humanReport({ version: 1, files: [file] }, 'zh');
  expect([...out].filter((ch) => ch !== '\n' && (ch < ' ' || ch === '\u007f' || ch === '\u202e'))).toEqual(
    [],
  );
  expect(out).toContain('项目\\x1b[2J\\x1b]0;pwned\\x07U+202E名');
  expect(out).toContain('S\\x1b[31m!A1');
  expect(out).toContain('a\\x1b[2J.xlsx');
});
