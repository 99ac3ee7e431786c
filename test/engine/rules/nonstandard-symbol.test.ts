import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { a1 } from '../../../src/engine/grid';
import { SheetSpec } from '../../fixtures/seed';
import { PLAIN_LAYOUT, variantSheet } from '../../fixtures/variants';
import { ruleTester } from '../ruleTester';

const target = (t: string) => shanghaiSheet({ indicators: changed(I, { 0: { target: t } }) });

/** A form whose target's sign stands in a 指标性质 column, its first `≥` typed as `sign`. */
const SIGNED = variantSheet({ ...PLAIN_LAYOUT, signColumn: true, headerRows: 2, scoring: 'weights' });
const SIGN_ROW = SIGNED.cells.findIndex((row) => row?.some((c) => c?.value === '≥'));
const SIGN_COL = (SIGNED.cells[SIGN_ROW] ?? []).findIndex((c) => c?.value === '≥');
const SIGN_CELL = a1(SIGN_ROW, SIGN_COL);
function signColumn(sign: string): SheetSpec {
  const cells = SIGNED.cells.map((row) => row?.slice());
  (cells[SIGN_ROW] as NonNullable<(typeof cells)[number]>)[SIGN_COL] = { value: sign };
  return { ...SIGNED, cells };
}

ruleTester('nonstandard-symbol', {
  valid: [
    { name: '≥ is standard', sheet: target('≥10场') },
    { name: '≤ is standard', sheet: target('≤1200元') },
    { name: '= is standard', sheet: target('=10场') },
    { name: 'qualitative text', sheet: target('不发生大规模群体性事件') },
    { name: '≥ in a 指标性质 column', sheet: signColumn('≥') },
  ],
  invalid: [
    {
      name: '》= (seed)',
      sheet: target('》=50家'),
      findings: [
        {
          cells: ['C14'],
          fix: [{ cell: 'C14', type: 'text', value: '≥50家' }],
          zh: '“》=”不是标准符号，应写作“≥”',
          en: 'write "≥"',
        },
      ],
    },
    {
      name: '>=',
      sheet: target('>=10场'),
      findings: [{ fix: [{ cell: 'C14', type: 'text', value: '≥10场' }] }],
    },
    {
      name: '＞＝ full width',
      sheet: target('＞＝10场'),
      findings: [{ fix: [{ cell: 'C14', type: 'text', value: '≥10场' }] }],
    },
    {
      name: '<=',
      sheet: target('<=1200元'),
      findings: [{ fix: [{ cell: 'C14', type: 'text', value: '≤1200元' }] }],
    },
    {
      name: '《= with a space',
      sheet: target('《 =5笔'),
      findings: [{ fix: [{ cell: 'C14', type: 'text', value: '≤5笔' }] }],
    },
    {
      name: '≧ in a 指标性质 column (永德 2022)',
      sheet: signColumn('≧'),
      findings: [{ cells: [SIGN_CELL], fix: [{ cell: SIGN_CELL, type: 'text', value: '≥' }], zh: '“≧”' }],
    },
    {
      name: '═ (a box-drawing line) in a 指标性质 column',
      sheet: signColumn('═'),
      findings: [{ cells: [SIGN_CELL], fix: [{ cell: SIGN_CELL, type: 'text', value: '=' }] }],
    },
  ],
});
