import { dec } from '../compute/decimal';
import Decimal from 'decimal.js';
import { MAX_NUMBER_CHARS } from './number';
import { toHalfWidth } from './text';

export type Comparison = '≥' | '≤' | '=';

/** A quantitative target such as `≥1000人`, `≤1200元` or `=100%`. */
export interface QuantTarget {
  readonly op: Comparison;
  readonly value: Decimal;
  readonly unit: string;
  /** False when the target was written without a sign (`90%`): the op is then a reading. */
  readonly signed: boolean;
}

/** Indicators measured as a rate, whose unsigned target means "at least": 满意度, 覆盖率, 合格率 … */
const RATE_NAME = /满意|率|达标|覆盖|知晓|普及|合格|完好|及时/;

/**
 * The comparison a target means. A target written without a sign for a rate (`90%` for a
 * 满意度, 覆盖率, 合格率, 知晓率, 及时率 …) means "at least", never "exactly".
 */
export function meantComparison(target: QuantTarget, indicatorName: string): Comparison {
  if (target.signed || target.op !== '=') return target.op;
  return target.unit === '%' || RATE_NAME.test(indicatorName) ? '≥' : '=';
}

/** Look-alike signs clerks type, with the standard sign each stands for. */
const LOOK_ALIKES: ReadonlyArray<readonly [RegExp, Comparison]> = [
  [/^\s*(》\s*=|》=|>\s*=|＞\s*＝|＞\s*=|>\s*＝|=\s*>|≧|⩾|大于等于|不低于|不少于)/, '≥'],
  [/^\s*(《\s*=|<\s*=|＜\s*＝|＜\s*=|<\s*＝|=\s*<|≦|⩽|小于等于|不高于|不超过|不多于)/, '≤'],
  [/^\s*(═|﹦|＝)/, '='],
];

/**
 * A target's look-alike comparison sign (`》=`, `>=`, `＞＝`, …), the standard sign it stands
 * for, and the text with the standard sign written instead. Undefined when the sign is fine.
 */
export function nonstandardSign(
  text: string,
): { found: string; standard: Comparison; fixed: string } | undefined {
  // the common case: a target that starts with a standard sign or a digit
  if (/^\s*(?:[≥≤\d]|=(?![<>＜＞\s]))/.test(text)) return undefined;
  for (const [re, standard] of LOOK_ALIKES) {
    const m = re.exec(text);
    if (m) {
      const lead = text.slice(0, m.index + m[0].length - m[1].length);
      return { found: m[1], standard, fixed: lead + standard + text.slice(m.index + m[0].length) };
    }
  }
  return undefined;
}

/** Parses `≥1000人`, `》=50家`, `=72平方米`, `≤1200元`, `100%`; undefined for qualitative text. */
export function parseTarget(text: string): QuantTarget | undefined {
  let t = text.trim();
  // a target is a sign, a number and a short unit: longer text is a sentence, read in constant work
  if (t.length > MAX_NUMBER_CHARS) return undefined;
  let op: Comparison = '=';
  const look = nonstandardSign(t);
  if (look) {
    op = look.standard;
    t = look.fixed;
  }
  t = toHalfWidth(t).replace(/\s+/g, '');
  const m = /^(≥|≤|=|>|<)?([+-]?\d+(?:,\d{3})*(?:\.\d+)?)([^\d].*)?$/.exec(t);
  if (!m) return undefined;
  if (m[1] === '≥' || m[1] === '>') op = '≥';
  else if (m[1] === '≤' || m[1] === '<') op = '≤';
  else if (!look) op = '=';
  const unit = (m[3] ?? '').trim();
  // a unit is a short word (人, 家, 平方米, %, 万元); anything longer is a sentence, not a target
  if (unit.length > 6 || /[\d,，。；;]/.test(unit)) return undefined;
  return { op, value: dec(m[2].replace(/,/g, '')), unit, signed: !!(m[1] || look) };
}

/** An actual value (`1200人`, `95%`, `1,000`) with its unit. */
export function parseActual(text: string): { value: Decimal; unit: string } | undefined {
  if (text.length > MAX_NUMBER_CHARS && text.trim().length > MAX_NUMBER_CHARS) return undefined;
  const t = toHalfWidth(text.trim()).replace(/\s+/g, '');
  const m = /^(?:≥|≤|=)?([+-]?\d+(?:,\d{3})*(?:\.\d+)?)([^\d].*)?$/.exec(t);
  if (!m) return undefined;
  const unit = (m[2] ?? '').trim();
  if (unit.length > 6 || /[\d,，。；;]/.test(unit)) return undefined;
  return { value: dec(m[1].replace(/,/g, '')), unit };
}
