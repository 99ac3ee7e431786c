import { writeJson } from '../../src/cli/jsonOut';
import { checkWorkbook } from '../../src/engine/report';
import { gridOf, stackedSeed } from '../fixtures/seed';

function streamed(value: unknown): { text: string; writes: number } {
  let text = '';
  let writes = 0;
  writeJson(value, (t) => {
    text += t;
    writes++;
  });
  return { text, writes };
}

describe('writeJson', () => {
  it('writes exactly what JSON.stringify gives (for text without the characters below)', () => {
    const report = { version: 1, files: [checkWorkbook('a.xlsx', [gridOf(stackedSeed(true))])] };
    expect(streamed(report).text).toBe(JSON.stringify(report));
    const odd = {
      a: undefined,
      b: [undefined, () => 1, null, 'x"y\n', 1.5e300],
      c: { d: { e: { f: [1, { g: 2 }] } } },
      h: [],
    };
    expect(streamed(odd).text).toBe(JSON.stringify(odd));
    expect(streamed([]).text).toBe('[]');
    expect(streamed('s').text).toBe('"s"');
  });

  it('escapes what a terminal would act on and JSON.stringify leaves raw: the same value', () => {
    const value = { 'k\u202e': ['a\u202eb', '\u009b2J', 'x\u2028y', '\u2066\u200f', '项目'], n: 1 };
    const { text } = streamed(value);
    expect(text).not.toMatch(/[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('"k\\u202e":["a\\u202eb","\\u009b2J","x\\u2028y","\\u2066\\u200f","项目"]');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('writes a large report in pieces, not as one string', () => {
    const forms = Array.from({ length: 3000 }, (_, i) => ({
      range: `A${i}:G${i + 30}`,
      text: '项目'.repeat(200),
    }));
    const report = { version: 1, files: [{ path: 'x', sheets: [{ name: 's', forms, findings: [] }] }] };
    const { text, writes } = streamed(report);
    expect(text).toBe(JSON.stringify(report));
    expect(writes).toBeGreaterThan(1);
  });
});
