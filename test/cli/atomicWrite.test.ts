import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import * as fs from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeFileAtomic, WriteError, WriteOps } from '../../src/cli/atomicWrite';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ziping-atomic-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const failing = (code: string) => () => {
  throw Object.assign(new Error(`${code}: simulated`), { code });
};

function caught(fn: () => void): WriteError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WriteError);
    return e as WriteError;
  }
  throw new Error('expected the write to fail');
}

test('a new file is written whole, and nothing else is left in the folder', () => {
  const path = join(dir, 'out.xlsx');
  const data = Buffer.alloc(300_000, 7);
  writeFileAtomic(path, data);
  expect(readFileSync(path).equals(data)).toBe(true);
  expect(readdirSync(dir)).toEqual(['out.xlsx']);
});

test('an existing file is not replaced unless asked; replaced, it keeps its permissions', () => {
  const path = join(dir, 'out.xlsx');
  writeFileSync(path, 'old');
  chmodSync(path, 0o640);
  const e = caught(() => writeFileAtomic(path, 'new', { lang: 'en' }));
  expect(e.reason).toBe('exists');
  expect(e.message).toBe(`${path} exists; not overwritten (use --force)`);
  expect(readFileSync(path, 'utf8')).toBe('old');
  writeFileAtomic(path, 'new', { overwrite: true });
  expect(readFileSync(path, 'utf8')).toBe('new');
  expect(statSync(path).mode & 0o777).toBe(0o640);
  expect(readdirSync(dir)).toEqual(['out.xlsx']);
});

test('a file that appears between the check and the write is never replaced', () => {
  const path = join(dir, 'out.xlsx');
  writeFileSync(path, 'theirs');
  // the check sees no file (it appeared just after): the link refuses to replace it
  const e = caught(() => writeFileAtomic(path, 'ours', { ops: { statSync: failing('ENOENT') } }));
  expect(e.reason).toBe('exists');
  expect(readFileSync(path, 'utf8')).toBe('theirs');
  expect(readdirSync(dir)).toEqual(['out.xlsx']);
});

test.each<[string, Partial<WriteOps>, string, string]>([
  ['a full disk half way', { writeSync: failing('ENOSPC') }, '磁盘已满', 'the disk is full'],
  ['no flush', { fsyncSync: failing('EIO') }, '磁盘读写错误', 'an input/output error'],
  ['a rename refused', { renameSync: failing('EACCES') }, '没有写入权限', 'permission denied'],
  ['a read-only disk', { openSync: failing('EROFS') }, '磁盘是只读的', 'the disk is read-only'],
])(
  '%s: the original is untouched, no temporary file remains, the message in each language',
  (_, ops, zh, en) => {
    const path = join(dir, 'out.xlsx');
    writeFileSync(path, 'original');
    // the first bytes are really written before the failure
    let first = true;
    const partly: Partial<WriteOps> = {
      ...ops,
      ...('writeSync' in ops
        ? {
            writeSync: (fd: number, data: Uint8Array, off: number, len: number) => {
              if (!first) return (ops.writeSync as WriteOps['writeSync'])(fd, data, off, len);
              first = false;
              return fs.writeSync(fd, data, off, Math.min(len, 10));
            },
          }
        : {}),
    };
    const z = caught(() => writeFileAtomic(path, Buffer.alloc(100, 1), { overwrite: true, ops: partly }));
    expect(z.message).toBe(`无法写入 ${path}：${zh}；原有文件（如有）未被改动`);
    first = true;
    const e = caught(() =>
      writeFileAtomic(path, Buffer.alloc(100, 1), { overwrite: true, lang: 'en', ops: partly }),
    );
    expect(e.message).toBe(`cannot write ${path}: ${en}; any existing file was left untouched`);
    expect(e.reason).toBe('failed');
    expect(readFileSync(path, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['out.xlsx']);
  },
);

test('a folder that does not exist is named as such', () => {
  const e = caught(() => writeFileAtomic(join(dir, 'no', 'out.xlsx'), 'x', { lang: 'en' }));
  expect(e.message).toMatch(/the folder does not exist/);
});
