import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { expandInputs } from '../../src/cli/paths';

describe("expandInputs: a folder's workbooks are named as path.join names them", () => {
  let dir: string;
  const cwd = process.cwd();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ziping-paths-'));
    for (const f of ['a.xlsx', 'b/c.xlsx', 'b/d/e.xlsm', 'b/notes.txt', 'b/~$c.xlsx', 'f g/h.xlsx']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), 'x');
    }
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  const found = ['a.xlsx', 'b/c.xlsx', 'b/d/e.xlsm', 'f g/h.xlsx'];

  test.each([
    ['the folder as it is', (d: string) => d],
    ['with a trailing separator', (d: string) => `${d}/`],
    ['with . and .. in it', (d: string) => `${d}/b/../.`],
    ['with doubled separators', (d: string) => d.replace(/\//g, '//')],
  ])('%s', (_, spell) => {
    const arg = spell(dir);
    expect(expandInputs([arg]).map((i) => i.path)).toEqual(found.map((f) => join(arg, f)));
  });

  test('relative to the working folder: ., ./x and ..', () => {
    process.chdir(join(dir, 'b'));
    expect(expandInputs(['.']).map((i) => i.path)).toEqual(['c.xlsx', join('d', 'e.xlsm')]);
    expect(expandInputs(['./d']).map((i) => i.path)).toEqual([join('d', 'e.xlsm')]);
    expect(expandInputs(['..']).map((i) => i.path)).toEqual(found.map((f) => join('..', f)));
    process.chdir(cwd);
    expect(relative(cwd, process.cwd())).toBe('');
  });

  test('a workbook named twice, through two spellings of its folder, is checked once', () => {
    expect(expandInputs([dir, `${dir}/b`]).map((i) => i.path)).toEqual(found.map((f) => join(dir, f)));
  });
});
