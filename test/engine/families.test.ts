/**
 * The family registry: which family each real published form is read as, and how the registry
 * tells families apart from what the layout reader saw.
 */
import { analyzeSheet } from '../../src/engine';
import { dec } from '../../src/engine/compute/decimal';
import {
  FAMILIES,
  FAMILY,
  FAMILY_IDS,
  FamilyModule,
  familyOf,
  isFamilyId,
  LayoutFeatures,
} from '../../src/engine/families';
import { REAL_FORMS, realGrid } from '../fixtures/real';

/** Each real form's family, worked out from its layout (see the fixture's `layout`). */
const FAMILY_OF_FORM: Record<string, string> = {
  'sc-qingshen-2023-wages': 'national',
  'sc-zhongjiang-2022-water-gauge': 'national',
  'ah-tianchang-2022-flood-control': 'national',
  'sx-jishan-2020-poverty-insurance': 'national',
  'yn-yongde-2022-school-meals': 'national',
  // 预算执行情况（万元）（20分）, no weight column, 年度绩效目标（80分） / 年度绩效目标1、2（40分）
  'yn-baoshan-2022-veterans-visits': 'yunnan-hubei',
  'hb-huangshi-2022-sponge-city': 'yunnan-hubei',
  'hb-huanggang-2020-soil-monitoring': 'yunnan-hubei',
  'yn-shidian-2019-farm-businesses': 'yunnan-hubei',
  'yn-shidian-2021-pig-breeding-farm': 'yunnan-hubei',
  // on main since this branch was made (a 区商务局's form on the Hubei template): checked against it
  'hb-district-2020-services-trade-fund': 'yunnan-hubei',
  // these Shanghai units' forms have a scored budget block (项目资金 / 预算执行情况)
  'sh-putuo-2022-sports-centre-settlement': 'national',
  'sh-songjiang-jiuting-2020-town-management': 'national',
};

test('the table names every real form', () => {
  for (const f of REAL_FORMS) expect(FAMILY_OF_FORM).toHaveProperty([f.id]);
});

test.each(REAL_FORMS.map((f) => [f.id, f] as const))('%s is read as its family', (id, form) => {
  const [a] = analyzeSheet(realGrid(form));
  expect(a.layout.family).toBe(FAMILY_OF_FORM[id]);
});

const yn: LayoutFeatures = {
  budgetBlock: true,
  executionPointsDeclared: dec(20),
  actualColumn: true,
  secondaryColumn: true,
  weightColumn: false,
  blockPoints: true,
  title: '2022年度项目支出绩效自评表',
};

test.each([
  ['a 20-point budget block, block points, no weight column', yn, 'yunnan-hubei'],
  ['the same with a weight column', { ...yn, weightColumn: true }, 'national'],
  ['the same without block points', { ...yn, blockPoints: false }, 'national'],
  ['a budget block declaring 10 points', { ...yn, executionPointsDeclared: dec(10) }, 'national'],
  ['a budget block declaring no points', { ...yn, executionPointsDeclared: undefined }, 'national'],
  [
    'weights alone, no budget block, no 实际完成值',
    {
      budgetBlock: false,
      actualColumn: false,
      secondaryColumn: false,
      weightColumn: true,
      blockPoints: false,
      title: '2022年度财政项目绩效自我评价',
    },
    'shanghai',
  ],
] as const)('%s', (_what, features, family) => {
  expect(familyOf(features).id).toBe(family);
});

test('the registry: ids in the order offered, each module under its own id, the first takes every form', () => {
  expect(FAMILY_IDS).toEqual(['shanghai', 'national', 'yunnan-hubei']);
  for (const f of FAMILIES) {
    expect(FAMILY[f.id]).toBe(f);
    expect(isFamilyId(f.id)).toBe(true);
    expect(f.template().family).toBe(f.id);
    expect(f.label.zh).not.toBe('');
    expect(f.label.en).not.toBe('');
  }
  expect(isFamilyId('city')).toBe(false);
  expect(isFamilyId('toString')).toBe(false);
  expect(FAMILY['yunnan-hubei'].executionPoints?.toString()).toBe('20');
  expect(FAMILY['yunnan-hubei'].bands.map((b) => [b.grade, b.min.toString()])).toEqual([
    ['优', '90'],
    ['良', '80'],
    ['中', '60'],
    ['差', '0'],
  ]);
});

test("FamilyModule['id'] is the union of the modules' ids, nothing hand-written (checked by tsc)", () => {
  const ids: Array<FamilyModule['id']> = ['yunnan-hubei', 'national', 'shanghai'];
  // @ts-expect-error an id no module of the registry has
  const city: FamilyModule['id'] = 'city';
  expect([...ids].sort()).toEqual([...FAMILY_IDS].sort());
  expect(isFamilyId(city)).toBe(false);
});
