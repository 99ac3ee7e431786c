/**
 * Labels as clerks and provinces write them: `全年预算数（A）`, `执行率（B/A）`, `得分（20分*执行率）`,
 * `预算执行情况（万元）（20分）`, `绩效指标（90分）`. Bracketed annotations at the end of a label say
 * what the column or block is worth, its unit or its letter; they do not change what it is. They
 * are stripped from the key the vocabulary matches and kept as data.
 */
import Decimal from 'decimal.js';
import { dec } from '../compute/decimal';
import { remembered } from './memo';
import { labelKey, TRAILING_COLONS } from './text';

export interface Label {
  /** The label without its annotations, as `labelKey` writes it (half-width, no spaces). */
  readonly key: string;
  /** Points the label declares: `（10分）`, `（20分*执行率）`. */
  readonly points?: Decimal;
  /** A unit: `（万元）`, `（元）`, `（单位：万元）`, `（%）`. */
  readonly unit?: string;
  /** A letter or formula naming the column: `（A）`, `（B/A）`. */
  readonly letter?: string;
}

const POINTS = /^(\d{1,4}(?:\.\d{1,4})?)分(?:$|[*×xX＊/])/;
const UNIT = /^(?:(?:金额)?单位[:：]?)?(元|万元|千元|亿元|%|分|个|人|人次)$/;
const LETTER = /^[A-Za-z](?:[+\-*/÷×][A-Za-z])*(?:[*×]100%?)?$/;
const FILLER = /^(盖章|签章|签字|公章|必填|选填)$/;

/** A label's key and what its trailing annotations declare. */
export function parseLabel(text: string): Label {
  return labels(text);
}

/** Labels repeat on every form of a sheet: their readings are worth remembering. */
const labels = remembered(readLabel);

function readLabel(text: string): Label {
  let key = labelKey(text);
  let points: Decimal | undefined;
  let unit: string | undefined;
  let letter: string | undefined;
  // each round strips one `(…)` at the end; a label has at most a few
  for (let round = 0; round < 4 && key.endsWith(')'); round++) {
    const open = key.lastIndexOf('(');
    if (open < 0) break;
    const inner = key.slice(open + 1, -1);
    const p = POINTS.exec(inner);
    if (p) points ??= dec(p[1]);
    else if (UNIT.test(inner)) {
      const u = (UNIT.exec(inner) as RegExpExecArray)[1];
      unit ??= u === '分' ? undefined : u;
    } else if (LETTER.test(inner)) letter ??= inner;
    else if (!FILLER.test(inner)) break;
    key = key.slice(0, open).replace(TRAILING_COLONS, '');
  }
  return { key, points, unit, letter };
}
