/**
 * `ziping check` over many files: one line per file, details on request, totals; every file in
 * its own bounded worker (a worker that overruns or runs out of memory is replaced and the
 * others still checked, in input order); `-` for stdin, `--` to end the options; the limits'
 * flags; the progress bar only on a terminal. Needs the built CLI (`npm run build:cli`).
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { CheckEnv, forEachChecked, main } from '../../src/cli/main';
import { defaultLimits } from '../../src/cli/pool';
import { Report } from '../../src/engine';
import { shanghaiSheet } from '../fixtures/forms';
import { writeXlsx } from '../fixtures/workbook';
import { tinyRows } from '../hostile/make';

const BIN = join(__dirname, '..', '..', 'bin', 'ziping.js');
let dir: string;
const f = (name: string) => join(dir, name);

async function run(argv: string[], env: CheckEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') }, env);
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ziping-batch-'));
  await writeXlsx(f('clean.xlsx'), [shanghaiSheet()]);
  await writeXlsx(f('wrong.xlsx'), [shanghaiSheet({ total: { weight: 100, score: 90 } })]);
  writeFileSync(f('notes.xlsx'), '这不是工作簿\n');
  writeFileSync(f('cut.xlsx'), readFileSync(f('clean.xlsx')).subarray(0, 30));
  writeFileSync(f('rows.xlsx'), await tinyRows(2_000_000));
  copyFileSync(f('clean.xlsx'), f('-x.xlsx'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('many files: one line each, then totals', () => {
  test('status, forms, grade, counts and the worst finding per file; no form details', async () => {
    const { code, out } = await run(['check', f('clean.xlsx'), f('wrong.xlsx'), f('notes.xlsx')]);
    expect(code).toBe(2);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(`✓ ${f('clean.xlsx')}  1 张自评表 · 等级 优秀 · 错误 0，警告 0，提示 0`);
    expect(lines[1]).toMatch(
      new RegExp(
        `^✗ ${f('wrong.xlsx')}  1 张自评表 · 等级 优秀 · 错误 1，警告 0，提示 0 · 首要：错误 Sheet1!F20 \\[total-score-mismatch\\]$`,
      ),
    );
    expect(lines[2]).toMatch(/^✗ .*notes\.xlsx {2}无法读取文件：.*不是 Excel 工作簿/);
    expect(lines[3]).toBe('共 3 个文件（1 个无法读取）、2 张自评表：错误 1，警告 0，提示 0');
    expect(out).not.toContain('总分');
  });

  test('--details gives every form and finding; in English with --lang en', async () => {
    const { out } = await run(['check', '--details', '--lang', 'en', f('clean.xlsx'), f('wrong.xlsx')]);
    expect(out).toContain('total 90 (recomputed: 100)');
    expect(out).toMatch(/✗ error F20 +Total score 90 differs/);
    expect(out.trimEnd().split('\n').pop()).toBe('2 file(s), 2 form(s): 1 error(s), 0 warning(s), 0 info');
  });

  test('one file: the details, as before', async () => {
    const { out } = await run(['check', f('wrong.xlsx')]);
    expect(out).toContain('总分 90（重算为 100）');
  });
});

describe('isolation', () => {
  const one = async (files: string[], limits: string[]) => {
    const { code, out } = await run(['check', ...files, '--json', '--lang', 'en', '--jobs', '1', ...limits]);
    expect(code).toBe(2);
    return JSON.parse(out) as Report;
  };

  test('a file over the memory limit: too large; the replaced worker goes on with the next file', async () => {
    const report = await one([f('rows.xlsx'), f('wrong.xlsx')], ['--max-memory', '32', '--timeout', '30']);
    expect(report.files.map((x) => x.error?.code)).toEqual(['unreadable', undefined]);
    expect(report.files[0].error?.message).toMatch(
      /rows\.xlsx is too large: checking it needs more than the 32 MB/,
    );
    expect(report.files[1].sheets[0].forms[0].totalScore).toMatchObject({ stated: '90', computed: '100' });
  });

  test('a file over the deadline: took too long; the replaced worker goes on with the next file', async () => {
    const report = await one([f('cut.xlsx'), f('wrong.xlsx')], ['--timeout', '1.5']);
    expect(report.files.map((x) => x.error?.code)).toEqual(['unreadable', undefined]);
    expect(report.files[0].error?.message).toMatch(/cut\.xlsx took too long: not read within 1\.5 s/);
    expect(report.files[1].sheets[0].forms[0].totalScore).toMatchObject({ stated: '90', computed: '100' });
  });

  test('files finish out of order on two workers; the report keeps the order given', async () => {
    const files = ['cut.xlsx', 'clean.xlsx', 'wrong.xlsx', 'notes.xlsx'].map(f);
    const { out } = await run(['check', ...files, '--json', '--jobs', '2', '--timeout', '1.5']);
    expect((JSON.parse(out) as Report).files.map((x) => x.path)).toEqual(files);
  });

  test('each entry is handed on as soon as every one before it is known, never out of order', async () => {
    const events = async (names: string[]) => {
      const seen: string[] = [];
      await forEachChecked(
        names.map(f),
        'en',
        defaultLimits({ jobs: 2, timeoutS: 1.5 }),
        {},
        {
          file: (file, i) => seen.push(`file ${i} ${file.report.error ? 'unreadable' : 'ok'}`),
          progress: (done) => seen.push(`done ${done}`),
        },
      );
      return seen;
    };
    // the quick file first: out at once, while the other one is still being read
    expect(await events(['clean.xlsx', 'cut.xlsx'])).toEqual([
      'file 0 ok',
      'done 1',
      'file 1 unreadable',
      'done 2',
    ]);
    // the quick file second: held until the slow one before it is known
    expect(await events(['cut.xlsx', 'clean.xlsx'])).toEqual([
      'done 1',
      'file 0 unreadable',
      'file 1 ok',
      'done 2',
    ]);
  });

  test.each([
    [['--jobs', '0']],
    [['--jobs', '1.5']],
    [['--timeout', 'soon']],
    [['--max-memory']],
    [['--max-size=-3']],
  ])('%j is a usage error', async (flags) => {
    const { code, err } = await run(['check', f('clean.xlsx'), ...flags]);
    expect(code).toBe(2);
    expect(err).toMatch(/takes a positive/);
  });
});

describe('stdin and --', () => {
  const stdin = (data: Buffer | string, isTTY = false) =>
    Object.assign(Readable.from([typeof data === 'string' ? Buffer.from(data) : data]), { isTTY });

  test('- reads the workbook from stdin, reported as -, beside other files', async () => {
    const { code, out } = await run(['check', '-', f('clean.xlsx'), '--json'], {
      stdin: stdin(readFileSync(f('wrong.xlsx'))),
    });
    expect(code).toBe(1);
    const report = JSON.parse(out) as Report;
    expect(report.files.map((x) => x.path)).toEqual(['-', f('clean.xlsx')]);
    expect(report.files[0].sheets[0].forms[0].totalScore.computed).toBe('100');
  });

  test('stdin that is not a workbook: named -, never by its temporary copy', async () => {
    const { out } = await run(['check', '-', '--lang', 'en'], { stdin: stdin('plain text') });
    expect(out).toContain('Cannot read the file: - is not an Excel workbook');
    expect(out).not.toMatch(/ziping-stdin-/);
  });

  test('stdin on a terminal, or over the size limit: a clear reason, no wait', async () => {
    const tty = await run(['check', '-', '--lang', 'en'], { stdin: stdin('', true) });
    expect(tty.out).toContain('stdin is a terminal: pipe or redirect a workbook into it');
    const big = await run(['check', '-', '--max-size', '0.001', '--lang', 'en'], {
      stdin: stdin(Buffer.alloc(5000)),
    });
    expect(big.out).toContain('stdin is too large (over the limit of 0.001 MB');
  });

  test('the temporary copy of stdin is removed', async () => {
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('ziping-stdin-'));
    await run(['check', '-', '--json'], { stdin: stdin(readFileSync(f('clean.xlsx'))) });
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('ziping-stdin-'))).toEqual(before);
  });

  test('the installed command reads a piped workbook', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', '-', '--json'], {
      input: readFileSync(f('clean.xlsx')),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Report).files[0].path).toBe('-');
  });

  test('-- ends the options: a file named -x.xlsx', () => {
    const opts = { cwd: dir, encoding: 'utf8' as const };
    const asOption = spawnSync(process.execPath, [BIN, 'check', '-x.xlsx'], opts);
    expect(asOption.status).toBe(2);
    expect(asOption.stderr).toContain('unknown option: -x.xlsx');
    const r = spawnSync(process.execPath, [BIN, 'check', '--json', '--', '-x.xlsx', '--json'], opts);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.files.map((x) => [x.path, x.error?.code])).toEqual([
      ['-x.xlsx', undefined],
      ['--json', 'unreadable'],
    ]);
  });
});

describe('the progress bar', () => {
  test('drawn on a terminal once the work takes more than a moment, then wiped', async () => {
    const drawn: string[] = [];
    const files = ['cut.xlsx', 'clean.xlsx', 'wrong.xlsx'].map(f);
    await run(['check', ...files, '--timeout', '1.5', '--jobs', '1'], { progress: (l) => drawn.push(l) });
    const bars = drawn.filter((l) => /^\r\[[#.]{30}\] 已检查 \d\/3 个文件$/.test(l));
    expect(bars.length).toBeGreaterThan(0);
    // wiped before each piece of output and at the end; nothing else drawn
    expect(drawn.filter((l) => !bars.includes(l)).every((l) => l === '\r\u001b[K')).toBe(true);
    expect(drawn[drawn.length - 1]).toBe('\r\u001b[K');
  });

  test('never with --json', async () => {
    const drawn: string[] = [];
    await run(['check', f('cut.xlsx'), f('clean.xlsx'), '--timeout', '1.5', '--json'], {
      progress: (l) => drawn.push(l),
    });
    expect(drawn).toEqual([]);
  });

  test('never when stderr is piped', () => {
    const r = spawnSync(
      process.execPath,
      [BIN, 'check', f('cut.xlsx'), f('clean.xlsx'), '--timeout', '1.5'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(2);
  });
});

(process.platform === 'win32' ? test.skip : test)(
  'a reader that stops early (| head) ends the run quietly',
  () => {
    const folder = f('copies');
    mkdirSync(folder);
    for (let i = 0; i < 40; i++) copyFileSync(f('wrong.xlsx'), join(folder, `w${i}.xlsx`));
    // far more than a pipe holds: the writes after head has gone fail with EPIPE
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${BIN}" check "${folder}" --json | head -c 10`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toBe('{"version"');
    expect(r.stderr).toBe('');
  },
);
