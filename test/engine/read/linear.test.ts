/**
 * Text handling is linear: 1 MB of each adversarial pattern goes through every normaliser and
 * reader, and a whole sheet of such cells through checkSheet. The bound is generous (seconds
 * for what takes milliseconds): only a quadratic algorithm breaks it — before these were made
 * linear, 16,000 characters of `"<a" + spaces` took 0.45 s in stripMarkup, so 1 MB would take
 * about half an hour. Speed itself is measured by `npm run bench`, as whole processes.
 *
 * The second half checks that each rewritten scanner reads short text exactly as the pattern it
 * replaced (which was correct, only slow on long runs), over thousands of generated strings.
 */
import { checkSheet } from '../../../src/engine';
import { parseBands, sameGrade } from '../../../src/engine/compute/bands';
import { dec } from '../../../src/engine/compute/decimal';
import { parseLabel } from '../../../src/engine/read/label';
import { formatDecimals, isPercentFormat, readNumber } from '../../../src/engine/read/number';
import { meantComparison, nonstandardSign, parseActual, parseTarget } from '../../../src/engine/read/target';
import {
  hasMarkup,
  isVacuous,
  labelKey,
  stripMarkup,
  toHalfWidth,
  visibleText,
} from '../../../src/engine/read/text';
import {
  CATEGORY_LIKE,
  declaredPoints,
  fieldKeyOf,
  isTitle,
  NOTE_START,
  roleOf,
} from '../../../src/engine/layout/vocabulary';
import { gridOf } from '../../fixtures/seed';
import { ADVERSARIAL, hostileSheets, MB } from '../../fixtures/adversarial';

/** Far above what linear work on 1 MB takes (tens of milliseconds), far below a quadratic one. */
const BOUND_MS = 2000;
const SHEET_BOUND_MS = 10000;

const READERS: ReadonlyArray<readonly [string, (text: string) => unknown]> = [
  ['readNumber', (t) => readNumber(t)],
  ['readNumber with a format', (t) => readNumber(12.5, t)],
  ['formatDecimals', formatDecimals],
  ['isPercentFormat', isPercentFormat],
  ['parseTarget', parseTarget],
  ['parseActual', parseActual],
  ['nonstandardSign', nonstandardSign],
  ['meantComparison', (t) => meantComparison({ op: '=', value: dec(90), unit: '', signed: false }, t)],
  ['parseLabel', parseLabel],
  ['labelKey', labelKey],
  ['stripMarkup', stripMarkup],
  ['hasMarkup', hasMarkup],
  ['isVacuous', isVacuous],
  ['toHalfWidth', toHalfWidth],
  ['visibleText', visibleText],
  ['parseBands', parseBands],
  ['sameGrade', (t) => sameGrade(t, '优秀')],
  ['declaredPoints', declaredPoints],
  ['isTitle', isTitle],
  ['fieldKeyOf', fieldKeyOf],
  ['roleOf', roleOf],
  ['NOTE_START', (t) => NOTE_START.test(t)],
  ['CATEGORY_LIKE', (t) => CATEGORY_LIKE.test(t)],
];

function timed(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

describe('1 MB of each adversarial pattern through every reader', () => {
  test.each(Object.keys(ADVERSARIAL))('%s', (name) => {
    const text = ADVERSARIAL[name](MB);
    expect(text.length).toBeGreaterThanOrEqual(MB - 8);
    const slow: string[] = [];
    for (const [reader, f] of READERS) {
      const ms = timed(() => f(text));
      if (ms > BOUND_MS) slow.push(`${reader}: ${ms.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
  });
});

describe('a whole sheet of 1 MB adversarial cells through checkSheet', () => {
  test.each(Object.keys(ADVERSARIAL))('%s', (name) => {
    for (const grid of hostileSheets(ADVERSARIAL[name](MB)).map(gridOf)) {
      let forms = 0;
      const ms = timed(() => (forms = checkSheet(grid).forms.length));
      expect(ms).toBeLessThan(SHEET_BOUND_MS);
      // the form is still found, and read through every rule
      expect(forms).toBe(1);
    }
  });
});

/** A small seeded generator: strings of `count` tokens drawn from `tokens`. */
function strings(tokens: readonly string[], count: number, n = 3000, seed = 7): string[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let t = '';
    const len = 1 + Math.floor(next() * count);
    for (let k = 0; k < len; k++) t += tokens[Math.floor(next() * tokens.length)];
    out.push(t);
  }
  return out;
}

describe('each rewritten scanner reads short text as the pattern it replaced', () => {
  test('declared points: /[(（]?\\s*(\\d+(?:\\.\\d+)?)\\s*分\\s*[)）]?\\s*$/', () => {
    const OLD = /[(（]?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]?\s*$/;
    const cases = [
      ...strings(['1', '25', '.', '分', ' ', '(', '（', ')', '）', '产出', 'x'], 9),
      ...strings(['产出', '1', '.5', ' ', '(', '（'], 4).flatMap((head) =>
        strings(['2', '.', '0', ' ', '分', ')', '）', 'x'], 6, 3, head.length).map((tail) => head + tail),
      ),
    ];
    cases.push('产出指标（50分）', '产出指标 (45分)', '产出指标50分', '（50分）', '效益指标 2.5 分 ');
    let found = 0;
    for (const t of cases) {
      const m = OLD.exec(t);
      const want = m ? { index: m.index, points: m[1] } : undefined;
      expect([t, declaredPoints(t)]).toEqual([t, want]);
      if (m) found++;
    }
    expect(found).toBeGreaterThan(100);
  });

  test('titles: /绩效.*(自评|自我评价)|自评表/', () => {
    const OLD = /绩效.*(自评|自我评价)|自评表/;
    const cases = strings(['绩效', '自评', '自我评价', '表', '绩', '自', '\n', 'x'], 7);
    let found = 0;
    for (const t of cases) {
      expect([t, isTitle(t)]).toEqual([t, OLD.test(t)]);
      if (OLD.test(t)) found++;
    }
    expect(found).toBeGreaterThan(100);
  });

  test('decimals of a number format: /[0#?](?:[.,][0#?]*)*?\\.([0#?]+)/', () => {
    const old = (format: string) => {
      const section = format.split(';')[0].replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
      const m = /[0#?](?:[.,][0#?]*)*?\.([0#?]+)/.exec(section);
      if (m) return m[1].length;
      return /[0#?]/.test(section) ? 0 : undefined;
    };
    const cases = strings(['0', '#', '?', '.', ',', '%', '"', 'x', ';', '[', ']', '\\'], 10);
    cases.push('0.00%', '#,##0.00', '0.0#', '#,##0', '[Red]0.000', '"元"0.0');
    for (const t of cases) expect([t, formatDecimals(t)]).toEqual([t, old(t)]);
    expect(formatDecimals('#,##0.00')).toBe(2);
  });

  test('markup: finding it and removing it', () => {
    const OLD_MARKUP =
      /<\s*\/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?\/?\s*>|&(?:nbsp|amp|lt|gt|quot|#\d{1,6});/;
    const oldStrip = (text: string) =>
      !text.includes('<') && !text.includes('&')
        ? text.trim()
        : text
            .replace(/<\s*\/\s*p\s*>\s*<\s*p(?:\s[^<>]*)?>/gi, '\n')
            .replace(/<\s*br\s*\/?\s*>/gi, '\n')
            .replace(/<\s*\/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?\/?\s*>/g, '')
            .replace(/[ \t]+\n/g, '\n');
    // character references are left out here: their decoding did not change
    const cases = strings(['<', '>', '/', ' ', '\t', '\n', 'p', 'br', 'a', '1', 'x', '='], 12, 5000);
    cases.push('<p>a</p> <p>b</p>', '<br />', '< / p >', '<p/ >', '<a href="x">y</a>', '<3天');
    let found = 0;
    for (const t of cases) {
      expect([t, hasMarkup(t)]).toEqual([t, OLD_MARKUP.test(t)]);
      if (OLD_MARKUP.test(t)) found++;
      expect([t, stripMarkup(t)]).toEqual([t, oldStrip(t).trim()]);
    }
    expect(found).toBeGreaterThan(100);
  });

  test('grade bands stated in a note', () => {
    const notes = strings(
      [
        '90(含)-100分为优秀',
        '75-90分为良好',
        '80分(含)-90分的为良',
        '60分以下为差',
        '60分(不含)以下为不合格',
        '≥90分为优',
        '<60分为不合格',
        '90分以上为优秀',
        '9',
        '1',
        '.5',
        '，',
        '-',
        '说明：',
        '分',
      ],
      8,
    );
    const GRADE = '(不合格|优秀|良好|合格|较好|一般|较差|优|良|中|差)';
    const NUM = '(\\d+(?:\\.\\d+)?)';
    const SAY = '分?(?:\\((?:含|不含)\\))?(?:的|者)?(?:为|评为|属于|定为|即为)?[“"]?';
    const [range, ...open] = [
      new RegExp(`${NUM}分?(?:\\((?:含|不含)\\))?[-~—–－至到]${NUM}${SAY}${GRADE}`, 'g'),
      new RegExp(`${NUM}分?(?:\\(含\\))?(?:及)?以上${SAY}${GRADE}`, 'g'),
      new RegExp(`(?:≥|>=|大于等于|不低于|不少于)${NUM}${SAY}${GRADE}`, 'g'),
      new RegExp(`${NUM}分?(?:\\(不含\\))?以下${SAY}${GRADE}`, 'g'),
      new RegExp(`(?:<|小于|低于|不足)${NUM}${SAY}${GRADE}`, 'g'),
    ];
    // the bands the replaced patterns read, as `grade min max`, best first
    const oldBands = (note: string) => {
      const found = new Map<string, [number, number]>();
      for (const m of note.matchAll(range)) {
        const [a, b] = [Number(m[1]), Number(m[2])];
        if (!found.has(m[3])) found.set(m[3], [Math.min(a, b), Math.max(a, b)]);
      }
      open.forEach((re, i) => {
        for (const m of note.matchAll(re))
          if (!found.has(m[2])) found.set(m[2], i < 2 ? [Number(m[1]), 100] : [0, Number(m[1])]);
      });
      if (found.size < 2) return undefined;
      return [...found].sort((x, y) => y[1][0] - x[1][0]).map(([g, [a, b]]) => `${g} ${a} ${b}`);
    };
    let read = 0;
    for (const t of notes) {
      const bands = parseBands(t)?.map((b) => `${b.grade} ${b.min.toNumber()} ${b.max.toNumber()}`);
      expect([t, bands]).toEqual([t, oldBands(t)]);
      if (bands) read++;
    }
    expect(read).toBeGreaterThan(500);
  });

  test('long numbers and targets are text; 400 characters still read', () => {
    expect(readNumber('9'.repeat(400))).toMatchObject({ kind: 'number' });
    expect(readNumber('9'.repeat(401))).toMatchObject({ kind: 'text' });
    expect(parseTarget(`≥${'9'.repeat(398)}人`)).toBeDefined();
    expect(parseTarget(`≥${'9'.repeat(400)}人`)).toBeUndefined();
    expect(readNumber('12x')).toMatchObject({ kind: 'text' });
    expect(readNumber('12.')).toMatchObject({ kind: 'number' });
  });
});
