import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { ruleTester } from '../ruleTester';

const target = (t: string) => shanghaiSheet({ indicators: changed(I, { 0: { target: t } }) });

ruleTester('nonstandard-symbol', {
  valid: [
    { name: '≥ is standard', sheet: target('≥10场') },
    { name: '≤ is standard', sheet: target('≤1200元') },
    { name: '= is standard', sheet: target('=10场') },
    { name: 'qualitative text', sheet: target('不发生大规模群体性事件') },
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
  ],
});
