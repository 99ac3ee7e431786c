/**
 * Issue 10's hostile inputs against the command line as a whole (the built bin/ziping.js, run as
 * a reviewer runs it): each bad file becomes a clear `unreadable` entry, the good files of the
 * same run are still checked, in order, the process neither crashes nor hangs, and the exit code
 * is the documented 2. The limits are made small (flags) so that they trip in seconds.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import {
  closeSync,
  copyFileSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { templateCommand } from '../../src/cli/main';
import { writeTemplateFile } from '../../src/cli/writeTemplate';
import { Report } from '../../src/engine';
import { writeHostile } from './files';
import { BIN, exitedCleanly, ziping } from './run';

// no file here needs the deadline; it is loose enough that a loaded machine (seven engineers on two
// cores) still hits the memory limit first with the tiny rows
const LIMITS = ['--timeout', '10', '--max-memory', '96', '--jobs', '2'];
const posix = process.platform !== 'win32';

let dir: string;
let files: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ziping-hostile-'));
  files = await writeHostile(dir);
  if (posix) {
    files.fifo = join(dir, 'pipe.xlsx');
    spawnSync('mkfifo', [files.fifo]);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one run over every hostile file, good forms among them', () => {
  let run: SpawnSyncReturns<string>;
  let report: Report;
  const order = [
    'good',
    'cut30',
    'cut200',
    'merges',
    'corner',
    'farref',
    'rows',
    'bomb',
    'sheets',
    'missing',
    'deflate',
    'crc',
    ...(posix ? ['fifo', 'zero'] : []),
    'evil',
  ];
  const entry = (key: string) => report.files[order.indexOf(key)];
  const reason = (key: string) => entry(key).error?.message ?? '';

  beforeAll(() => {
    const paths = order.map((k) => (k === 'zero' ? '/dev/zero' : files[k]));
    run = ziping(['check', ...paths, '--json', '--lang', 'en', ...LIMITS]);
    report = JSON.parse(run.stdout) as Report;
  });

  test('the process ends by itself, with exit code 2 and one JSON report; nothing on stderr', () => {
    exitedCleanly(run);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
  });

  test('every file has its entry, in the order given; the good forms are checked', () => {
    expect(report.files.map((f) => f.path)).toEqual(
      order.map((k) => (k === 'zero' ? '/dev/zero' : files[k])),
    );
    for (const key of ['good', 'evil']) {
      expect(entry(key).error).toBeUndefined();
      expect(entry(key).sheets[0].forms[0].totalScore.computed).toBe('100');
    }
  });

  test('a workbook cut to 30 or 200 bytes: unreadable at once, the zip directory named as damaged', () => {
    for (const key of ['cut30', 'cut200']) {
      expect(entry(key).error?.code).toBe('unreadable');
      expect(reason(key)).toContain(files[key]);
      expect(reason(key)).toMatch(/damaged: zip directory/);
    }
  });

  test('4,000 tall merged areas and a far corner cell cost what they hold: read, no form in them', () => {
    // costs follow the content, not the bounding box (they once took minutes and gigabytes)
    for (const key of ['merges', 'corner']) {
      expect(entry(key).error?.code).toBe('no-form-found');
      expect(entry(key).sheets).toHaveLength(1);
    }
  });

  test('a reference like ZZZZ99999999: that sheet named as damaged at once, the file unreadable', () => {
    expect(entry('farref').error?.code).toBe('unreadable');
    expect(entry('farref').sheets[0].error?.message).toMatch(
      /damaged: xl\/worksheets\/sheet1\.xml \(cell reference ZZZZ99999999\)/,
    );
  });

  test('millions of tiny rows: over the memory limit, unreadable, too large', () => {
    expect(entry('rows').error?.code).toBe('unreadable');
    expect(reason('rows')).toMatch(/is too large: checking it needs more than the 96 MB/);
  });

  test('a zip bomb is refused by its inflate ratio before it is inflated', () => {
    expect(entry('bomb').error?.code).toBe('unreadable');
    expect(reason('bomb')).toMatch(/too large: xl\/worksheets\/sheet1\.xml \(inflate ratio\)/);
  });

  test('10,000 sheets: each read in linear time, none holds a form; the message stays short', () => {
    expect(entry('sheets').error?.code).toBe('no-form-found');
    expect(entry('sheets').sheets).toHaveLength(10_000);
    expect(reason('sheets').length).toBeLessThan(400);
  });

  test('a missing sheet part: that sheet named as damaged, the other sheet still read', () => {
    const missing = entry('missing');
    expect(missing.sheets.map((s) => s.name)).toEqual(['A', 'B']);
    expect(missing.sheets[0].error).toBeUndefined();
    expect(missing.sheets[1].error?.message).toMatch(/damaged: xl\/worksheets\/sheet2\.xml \(missing part\)/);
  });

  test('a corrupt deflate stream and a wrong CRC: the sheet named as damaged, never read as data', () => {
    expect(entry('deflate').sheets[0].error?.message).toMatch(/damaged: xl\/worksheets\/sheet1\.xml/);
    expect(entry('crc').sheets[0].error?.message).toMatch(/damaged: xl\/worksheets\/sheet1\.xml \(CRC-32\)/);
    // the changed bytes (a total of 900) never reach the engine
    expect(entry('crc').sheets[0].forms).toEqual([]);
  });

  (posix ? test : test.skip)('a named pipe and /dev/zero are refused at once: not regular files', () => {
    expect(reason('fifo')).toMatch(/pipe\.xlsx is not a regular file \(it is a named pipe\); not read/);
    expect(reason('zero')).toMatch(/\/dev\/zero is not a regular file \(it is a device\); not read/);
  });
});

test('two files at once outgrow their memory: both stopped, each checked again alone, both too large', () => {
  const rows2 = join(dir, 'tiny-rows-2.xlsx');
  copyFileSync(files.rows, rows2);
  const r = ziping([
    'check',
    files.rows,
    rows2,
    files.good,
    '--json',
    '--lang',
    'en',
    '--max-memory',
    '32',
    '--timeout',
    '40',
    '--jobs',
    '2',
  ]);
  exitedCleanly(r);
  expect(r.status).toBe(2);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.files[0].error?.message).toMatch(
    /tiny-rows\.xlsx is too large: checking it needs more than the 32 MB/,
  );
  expect(report.files[1].error?.message).toMatch(
    /tiny-rows-2\.xlsx is too large: checking it needs more than the 32 MB/,
  );
  expect(report.files[2].error).toBeUndefined();
});

test('file names with ESC and U+202E: shown escaped in the human output, never raw', () => {
  const r = ziping(['check', files.evil, files.cut30, ...LIMITS]);
  exitedCleanly(r);
  expect(r.status).toBe(2);
  expect(
    [...r.stdout].filter((ch) => ch !== '\n' && (ch < ' ' || ch === '\u007f' || ch === '\u202e')),
  ).toEqual([]);
  expect(r.stdout).toContain('evil-\\x1b[2J\\x1b]0;pwned\\x07-U+202Egnp.xlsx');
  expect(r.stdout).toMatch(/cut-30\.xlsx .*已损坏/);
});

(posix ? test : test.skip)('stdin fed from /dev/zero stops at the size limit: too large, no hang', () => {
  const zero = openSync('/dev/zero', 'r');
  const r = spawnSync(process.execPath, [BIN, 'check', '-', '--max-size', '1', '--lang', 'en'], {
    encoding: 'utf8',
    timeout: 20_000,
    stdio: [zero, 'pipe', 'pipe'],
  });
  closeSync(zero);
  exitedCleanly(r);
  expect(r.status).toBe(2);
  expect(r.stdout).toContain('stdin is too large (over the limit of 1 MB, see --max-size)');
});

describe('template --force onto a full disk', () => {
  test('without a failure: written whole, said in the language asked for', async () => {
    const out = join(dir, 'fresh.xlsx');
    let said = '';
    const code = await templateCommand(['--lang', 'en', '--family', 'national', out], {
      out: (t) => (said += t),
      err: (t) => (said += t),
    });
    expect(code).toBe(0);
    expect(said).toMatch(/^Wrote a blank template \(.+\): .*fresh\.xlsx$/);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(dir).filter((n) => n.includes('fresh'))).toEqual(['fresh.xlsx']);
  });

  test('the workbook it would replace is left untouched, the message is in the language asked for', async () => {
    const out = join(dir, 'precious.xlsx');
    const before = readFileSync(files.good);
    writeFileSync(out, before);
    let written = 0;
    const full = (path: string, t: Parameters<typeof writeTemplateFile>[1], options: object) =>
      writeTemplateFile(path, t, {
        ...options,
        ops: {
          writeSync: (_fd: number, _data: Uint8Array, _off: number, length: number) => {
            // the first 4 KB fit, then the disk is full
            if (written >= 4096)
              throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
            const n = Math.min(length, 4096 - written);
            written += n;
            return n;
          },
        },
      });
    for (const [lang, message] of [
      ['zh', /无法写入 .*precious\.xlsx：磁盘已满；原有文件（如有）未被改动/],
      ['en', /cannot write .*precious\.xlsx: the disk is full; any existing file was left untouched/],
    ] as const) {
      written = 0;
      let err = '';
      const code = await templateCommand(
        ['--force', '--lang', lang, out],
        { out: () => undefined, err: (t) => (err += t) },
        full,
      );
      expect(code).toBe(2);
      expect(err).toMatch(message);
      expect(readFileSync(out).equals(before)).toBe(true);
    }
    // no temporary file left behind
    expect(readdirSync(dir).filter((n) => n.includes('precious'))).toEqual(['precious.xlsx']);
  });
});
