import { asPercent, formatDecimals, readNumber } from '../../../src/engine/read/number';
import { nonstandardSign, parseActual, parseTarget } from '../../../src/engine/read/target';
import { hasMarkup, isVacuous, labelKey, stripMarkup, visibleText } from '../../../src/engine/read/text';
import { parseBands, gradeOf } from '../../../src/engine/compute/bands';
import { dec, show } from '../../../src/engine/compute/decimal';

const num = (v: Parameters<typeof readNumber>[0], f?: string) => {
  const r = readNumber(v, f);
  return r.kind === 'number' ? show(r.value) : r.kind;
};

describe('reading numbers as clerks write them', () => {
  test.each([
    ['69.71万元', '万元'],
    ['697,100元', '元'],
    ['6.971亿元', '亿元'],
    ['500千元', '千元'],
    ['69.71万', '万元'],
    ['¥1,200', '元'],
    ['3分', undefined],
    ['62.16%', undefined],
    ['697100', undefined],
  ])('the money unit of %s is %s', (text, unit) => {
    const r = readNumber(text);
    expect(r.kind === 'number' ? r.unit : 'not a number').toBe(unit);
  });

  test.each([
    ['414,400.00', '414400'],
    ['62.16%', '62.16'],
    ['100.00%', '100'],
    [' 95 ', '95'],
    ['３', '3'],
    ['3分', '3'],
    ['¥1,200', '1200'],
    ['5万元', '5'],
    ['69.71万', '69.71'],
    ['6.971亿元', '6.971'],
    ['-2', '-2'],
    ['.5', '0.5'],
  ])('%s → %s', (text, want) => expect(num(text)).toBe(want));

  test.each([['满分'], ['1,2,3'], ['12,34'], ['3..5'], ['5‰'], ['三']])('%s is text', (text) =>
    expect(num(text)).toBe('text'),
  );

  test('error values, typed or real', () => {
    expect(readNumber({ error: '#DIV/0!' })).toEqual({ kind: 'error', code: '#DIV/0!' });
    expect(readNumber('#REF!')).toEqual({ kind: 'error', code: '#REF!' });
  });

  test('blank is empty; booleans are not numbers', () => {
    expect(readNumber(null).kind).toBe('empty');
    expect(readNumber('  ').kind).toBe('empty');
    expect(readNumber(true).kind).toBe('text');
  });

  test('a float from a formula reads as Excel shows it', () => {
    expect(num(96.30000000000001)).toBe('96.3');
    expect(num(0.1 + 0.2)).toBe('0.3');
  });

  test('percentages: typed, formatted, bare', () => {
    const p = (v: Parameters<typeof readNumber>[0], f?: string) => {
      const r = asPercent(readNumber(v, f));
      return r && [show(r.value), r.shownDecimals];
    };
    expect(p('62.16%')).toEqual(['62.16', 2]);
    expect(p(0.6216, '0.00%')).toEqual(['62.16', 2]);
    expect(p(0.62, '0%')).toEqual(['62', 0]);
    expect(p(62.16)).toEqual(['62.16', undefined]);
    expect(p(1)).toEqual(['100', undefined]);
  });

  test.each([
    ['0.00%', 2],
    ['#,##0.00', 2],
    ['#,##0', 0],
    ['0.0', 1],
    ['General', undefined],
    ['"¥"#,##0.00;[Red]-"¥"#,##0.00', 2],
  ])('format %s shows %s decimals', (f, d) => expect(formatDecimals(f)).toBe(d));
});

describe('targets', () => {
  test.each([
    ['≥1000人', '≥', '1000', '人'],
    ['》=50家', '≥', '50', '家'],
    ['>=10场', '≥', '10', '场'],
    ['＞＝10场', '≥', '10', '场'],
    ['≤1200元', '≤', '1200', '元'],
    ['<=1200元', '≤', '1200', '元'],
    ['=72平方米', '=', '72', '平方米'],
    ['100%', '=', '100', '%'],
    ['≥1,000人', '≥', '1000', '人'],
  ])('%s', (text, op, value, unit) => {
    const t = parseTarget(text);
    expect(t && [t.op, show(t.value), t.unit]).toEqual([op, value, unit]);
  });

  test.each([['有效改善'], ['健全'], ['每年12月底前'], ['不得突破经询价最终入围的报价金额']])(
    '%s is qualitative',
    (text) => expect(parseTarget(text)).toBeUndefined(),
  );

  test('look-alike signs and their standard form', () => {
    expect(nonstandardSign('》=50家')).toEqual({ found: '》=', standard: '≥', fixed: '≥50家' });
    expect(nonstandardSign('≥50家')).toBeUndefined();
    expect(nonstandardSign('=50家')).toBeUndefined();
  });

  test('actual values', () => {
    expect(parseActual('1,200人')).toEqual({ value: dec(1200), unit: '人' });
    expect(parseActual('基本完成')).toBeUndefined();
  });
});

describe('text', () => {
  test('markup', () => {
    expect(hasMarkup('<p>a</p>')).toBe(true);
    expect(hasMarkup('a&nbsp;b')).toBe(true);
    expect(hasMarkup('x<3天')).toBe(false);
    expect(stripMarkup('<p>一</p> <p>二</p>')).toBe('一\n二');
    expect(stripMarkup('a<br/>b &amp; c')).toBe('a\nb & c');
  });

  test('stripMarkup gives its text trimmed, with or without markup (the layout adds no trim)', () => {
    const texts = [
      '  产出指标 ',
      '\t数量指标\n',
      '<p> 质量指标 </p>',
      '&nbsp;时效指标&nbsp;',
      '<br/>成本指标<br/>',
      '&#32;&#12288;满意度&#32;',
      ' a<br/>b &amp; c \n',
      '\u3000全角空格\u3000',
      '',
      '   ',
    ];
    for (const t of texts) {
      const plain = stripMarkup(t);
      expect([t, plain]).toEqual([t, plain.trim()]);
      // and again, once it is remembered
      expect(stripMarkup(t)).toBe(plain);
    }
    expect(stripMarkup('<p> 质量指标 </p>')).toBe('质量指标');
    expect(stripMarkup('  产出指标 ')).toBe('产出指标');
  });

  test('label keys fold widths, spaces and brackets', () => {
    expect(labelKey('具体实施处（科室）')).toBe('具体实施处(科室)');
    expect(labelKey(' 合 计 ')).toBe('合计');
    expect(labelKey('项目名称：')).toBe('项目名称');
  });

  test('vacuous text', () => {
    expect(['', '无', ' / ', '—', '暂无'].every(isVacuous)).toBe(true);
    expect(isVacuous('疫情影响')).toBe(false);
  });
});

describe('grade bands from a note', () => {
  test('Shanghai note with full-width brackets and markup', () => {
    const bands = parseBands(
      '<p>2、绩效等级说明：自评分合计90（含）-100分为优秀，75（含）-90分为良好，60（含）-75分为合格，0-60分为不合格。</p>',
    );
    expect(bands?.map((b) => [b.grade, show(b.min), show(b.max)])).toEqual([
      ['优秀', '90', '100'],
      ['良好', '75', '90'],
      ['合格', '60', '75'],
      ['不合格', '0', '60'],
    ]);
  });

  test('national wording: 以上 and 以下', () => {
    const bands = parseBands('90分（含）以上为优，80（含）-90分为良，60（含）-80分为中，60分以下为差。');
    expect(bands?.map((b) => [b.grade, show(b.min), show(b.max)])).toEqual([
      ['优', '90', '100'],
      ['良', '80', '90'],
      ['中', '60', '80'],
      ['差', '0', '60'],
    ]);
  });

  test('a note without bands', () => {
    expect(parseBands('说明：依据本项目应实现的绩效目标进行自评。')).toBeUndefined();
  });

  test('band edges: the minimum belongs to its band', () => {
    const bands = parseBands(
      '90（含）-100分为优秀，75（含）-90分为良好，60（含）-75分为合格，0-60分为不合格',
    )!;
    expect(gradeOf(dec(90), bands)).toBe('优秀');
    expect(gradeOf(dec('89.99'), bands)).toBe('良好');
    expect(gradeOf(dec(60), bands)).toBe('合格');
    expect(gradeOf(dec('59.5'), bands)).toBe('不合格');
    expect(gradeOf(dec(100), bands)).toBe('优秀');
  });
});

describe('more band wordings', () => {
  test('≥ and < signs, 大于等于 and 低于', () => {
    const bands = parseBands('总分≥90分为优，80（含）-90分为良，60（含）-80分为中，<60分为差');
    expect(bands?.map((b) => [b.grade, show(b.min), show(b.max)])).toEqual([
      ['优', '90', '100'],
      ['良', '80', '90'],
      ['中', '60', '80'],
      ['差', '0', '60'],
    ]);
    const words = parseBands(
      '大于等于90分为优秀；75（含）-90分为良好；60（含）-75分为合格；低于60分为不合格',
    );
    expect(words?.map((b) => b.grade)).toEqual(['优秀', '良好', '合格', '不合格']);
  });
});

describe('cell text stays data', () => {
  test.each([
    ['&#27;[2J', '&#27;[2J'],
    ['a&#0;b', 'a&#0;b'],
    ['&#8238;abc', '&#8238;abc'],
    ['&#155;', '&#155;'],
    ['&#20013;&#25991;', '中文'],
    ['x&#61;1', 'x=1'],
  ])('a character reference %j decodes only to a showable character: %j', (text, plain) => {
    expect(stripMarkup(`<p>${text}</p>`)).toBe(plain);
  });

  test('control characters and bidi overrides are shown escaped for a terminal', () => {
    expect(visibleText('a\u001b[2J\u001b]0;title\u0007b\u202ec\u0000d 中文\t')).toBe(
      'a\\x1b[2J\\x1b]0;title\\x07bU+202Ec\\x00d 中文\t',
    );
  });
});
