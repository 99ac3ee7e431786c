import { jsonBytes, RawJson, rawJson, unsafeIn } from '../../src/cli/jsonOut';
import { FileForms } from '../../src/cli/fileJson';
import { checkWorkbook, checkWorkbookAs, exitCodeOf, exitCodeWith } from '../../src/engine/report';
import { gridOf, seedSheet, stackedSeed, withCells } from '../fixtures/seed';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('jsonBytes', () => {
  it('is exactly JSON.stringify in UTF-8 (for text without the characters below), in a buffer of its own', () => {
    const report = { version: 1, files: [checkWorkbook('a.xlsx', [gridOf(stackedSeed(true))])] };
    const bytes = jsonBytes(report);
    expect(text(bytes)).toBe(JSON.stringify(report));
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
    expect(bytes.length).toBe(Buffer.byteLength(JSON.stringify(report), 'utf8'));
    const odd = {
      a: undefined,
      b: [undefined, () => 1, null, 'x"y\n', 1.5e300],
      c: { d: { e: { f: [1, { g: 2 }] } } },
      h: [],
    };
    expect(text(jsonBytes(odd))).toBe(JSON.stringify(odd));
    expect(text(jsonBytes([]))).toBe('[]');
    expect(text(jsonBytes('s'))).toBe('"s"');
    expect(text(jsonBytes(undefined))).toBe('null');
    // one report after another: each in a buffer of its own, the first not overwritten by the next
    const first = jsonBytes({ a: '项目'.repeat(100) });
    const second = jsonBytes({ b: 'x' });
    expect(text(first)).toBe(JSON.stringify({ a: '项目'.repeat(100) }));
    expect(first.buffer).not.toBe(second.buffer);
    expect([first.byteOffset, first.buffer.byteLength]).toEqual([0, first.length]);
    expect(text(second)).toBe('{"b":"x"}');
  });

  it('escapes what a terminal would act on and JSON.stringify leaves raw: the same value', () => {
    const value = { 'k\u202e': ['a\u202eb', '\u009b2J', 'x\u2028y', '\u2066\u200f', '项目'], n: 1 };
    const json = text(jsonBytes(value));
    expect(json).not.toMatch(/[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(json).toContain('"k\\u202e":["a\\u202eb","\\u009b2J","x\\u2028y","\\u2066\\u200f","项目"]');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('makes a large file report of its kept forms without a string of the whole, and escapes in each', () => {
    const forms = Array.from({ length: 3000 }, (_, i) => ({
      range: `A${i}:G${i + 30}`,
      text: '项目'.repeat(200),
      odd: i % 7 === 0 ? [undefined, () => 1, 'x\u2028y'] : [],
    }));
    const sheets = (list: unknown[]) => [
      { name: 's\u202e', forms: list.slice(0, 2900), findings: [] },
      ...Array.from({ length: 100 }, (_, i) => ({
        name: `t${i}`,
        forms: list.slice(2900 + i, 2901 + i),
        findings: [],
      })),
    ];
    // a file's report entry, as the worker writes it: file, sheets, sheet, forms (kept), form
    const report = { path: 'x', sheets: sheets(forms.map(rawJson)), none: undefined };
    const safe = JSON.stringify({ path: 'x', sheets: sheets(forms) })
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u202e/g, '\\u202e');
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(text(jsonBytes(report))).toBe(safe);
      const longest = Math.max(...stringify.mock.results.map((r) => String(r.value).length));
      // the forms' own texts are never stringified again: a placeholder of a few dozen characters each
      expect(longest).toBeLessThan(forms.length * 50);
    } finally {
      stringify.mockRestore();
    }
  });

  it('writes a text that looks like the stand-in for a kept form as the text it is', () => {
    // the stand-in's start is random: a text cannot hold it, and one that holds its shape is a text
    const value = { a: '\u0000raw:0', b: [rawJson({ x: 1 }), '\u0000raw'], c: rawJson('\u0000raw:1') };
    expect(text(jsonBytes(value))).toBe(
      JSON.stringify({ a: '\u0000raw:0', b: [{ x: 1 }, '\u0000raw'], c: '\u0000raw:1' }),
    );
  });
});

describe('unsafeIn', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['\u007f', true],
    ['\u0080', true],
    ['\u009f', true],
    ['\u00a0', false],
    ['\u00b7', false],
    ['\u200d', false],
    ['\u200e', true],
    ['\u200f', true],
    ['\u2027', false],
    ['\u2028', true],
    ['\u202e', true],
    ['\u202f', false],
    ['\u2065', false],
    ['\u2066', true],
    ['\u2069', true],
    ['\u206a', false],
    ['“项目”…—', false],
  ])('%j: %s, as the regular expression says', (c, unsafe) => {
    expect(unsafeIn(bytes(`前${c}后`))).toBe(unsafe);
    expect(unsafeIn(bytes(`${'“'.repeat(50)}${c}`))).toBe(unsafe);
    expect(/[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(c)).toBe(unsafe);
  });

  it('looks only at the bytes it is given, not at the rest of their buffer', () => {
    const all = bytes('ab\u202ecd');
    expect(unsafeIn(all.subarray(0, 2))).toBe(false);
    expect(unsafeIn(all.subarray(0, 5))).toBe(true);
  });
});

describe('the forms of a file, kept as a worker keeps them (FileForms)', () => {
  /** A workbook of `n` one-form sheets (the seed's three forms in turn); the first project named `name`. */
  const workbook = (n: number, name = '金融业务费用') =>
    Array.from({ length: n }, (_, i) => {
      const spec = seedSheet(`表${i + 1}`, [{ form: i % 3, row: 1, col: 1 }]);
      return gridOf(i === 0 ? withCells(spec, [[2, 3, { value: name }]]) : spec);
    });

  it.each([1, 3, FileForms.OBJECTS_AT_MOST, FileForms.OBJECTS_AT_MOST + 1, 40])(
    'writes exactly the bytes of the report made whole, with its exit code (%i forms)',
    (n) => {
      const grids = workbook(n);
      const whole = checkWorkbook('a.xlsx', grids);
      const forms = new FileForms();
      const kept = checkWorkbookAs('a.xlsx', grids, 'zh', forms.keep);
      expect(whole.sheets.map((s) => s.forms.length)).toEqual(Array.from({ length: n }, () => 1));
      const bytes = forms.json(kept);
      expect(text(bytes)).toBe(text(jsonBytes(whole)));
      expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, bytes.length]);
      expect(exitCodeWith([kept], (f) => f.error)).toBe(exitCodeOf({ version: 1, files: [whole] }));
      // up to OBJECTS_AT_MOST forms are kept as objects; past that every one is made JSON at once
      const many = n > FileForms.OBJECTS_AT_MOST;
      expect(forms.madeJson).toBe(many);
      for (const s of kept.sheets) for (const f of s.forms) expect(f.value instanceof RawJson).toBe(many);
    },
  );

  it('escapes what a terminal would act on, in a form kept as objects and in one made JSON', () => {
    for (const n of [1, FileForms.OBJECTS_AT_MOST + 1]) {
      const grids = workbook(n, '项目\u2028名\u202e称');
      const whole = checkWorkbook('a\u009b.xlsx', grids);
      const forms = new FileForms();
      const json = text(forms.json(checkWorkbookAs('a\u009b.xlsx', grids, 'zh', forms.keep)));
      expect(json).not.toMatch(/[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      expect(json).toContain('"a\\u009b.xlsx"');
      expect(json).toContain('项目\\u2028名\\u202e称');
      expect(json).toBe(text(jsonBytes(whole)));
      expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(whole)));
    }
  });

  it('a text made beforehand is written as it is, wherever it stands; its own text escaped as jsonBytes would', () => {
    const value = { a: [1, RawJson.of('{"x":[2,3]}'), 'y'], b: RawJson.of('"z"'), c: { d: 4 } };
    expect(text(jsonBytes(value))).toBe('{"a":[1,{"x":[2,3]},"y"],"b":"z","c":{"d":4}}');
    expect(rawJson({ k: 'a\u202eb' }).json).toBe('{"k":"a\\u202eb"}');
    expect(text(jsonBytes([rawJson({ k: 'a\u202eb' })]))).toBe(text(jsonBytes([{ k: 'a\u202eb' }])));
  });
});

describe('texts kept as UTF-8 in shared blocks', () => {
  it('keeps each text whole and apart, across blocks and for a text larger than a block share', () => {
    // 400 texts of about 4,500 bytes fill several 1 MB blocks; one of 2 MB gets its own buffer
    const values = Array.from({ length: 400 }, (_, i) => ({ i, t: `项目${i}`.repeat(300), u: 'a\u202eb' }));
    values.splice(200, 0, { i: -1, t: '绩'.repeat(700_000), u: '' });
    const kept = values.map(rawJson);
    kept.forEach((k, i) => expect(k.json).toBe(JSON.stringify(values[i]).replace(/\u202e/g, '\\u202e')));
    expect(new Set(kept.map((k) => k.bytes.buffer)).size).toBeGreaterThan(2);
    expect(text(jsonBytes({ forms: kept }))).toBe(text(jsonBytes({ forms: values })));
  });
});
