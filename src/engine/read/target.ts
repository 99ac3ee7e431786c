import { dec } from '../compute/decimal';
import Decimal from 'decimal.js';
import { toHalfWidth } from './text';

export type Comparison = '≥' | '≤' | '=';

/** A quantitative target such as `≥1000人`, `≤1200元` or `=100%`. */
export interface QuantTarget {
  readonly op: Comparison;
  readonly value: Decimal;
  readonly unit: string;
}

/** Look-alike signs clerks type, with the standard sign each stands for. */
const LOOK_ALIKES: ReadonlyArray<readonly [RegExp, Comparison]> = [
  [/^\s*(》\s*=|》=|>\s*=|＞\s*＝|＞\s*=|>\s*＝|=\s*>|≧|⩾)/, '≥'],
  [/^\s*(《\s*=|<\s*=|＜\s*＝|＜\s*=|<\s*＝|=\s*<|≦|⩽)/, '≤'],
];

/**
 * A target's look-alike comparison sign (`》=`, `>=`, `＞＝`, …), the standard sign it stands
 * for, and the text with the standard sign written instead. Undefined when the sign is fine.
 */
export function nonstandardSign(
  text: string,
): { found: string; standard: Comparison; fixed: string } | undefined {
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
  return { op, value: dec(m[2].replace(/,/g, '')), unit };
}

/** An actual value (`1200人`, `95%`, `1,000`) with its unit. */
export function parseActual(text: string): { value: Decimal; unit: string } | undefined {
  const t = toHalfWidth(text.trim()).replace(/\s+/g, '');
  const m = /^(?:≥|≤|=)?([+-]?\d+(?:,\d{3})*(?:\.\d+)?)([^\d].*)?$/.exec(t);
  if (!m) return undefined;
  const unit = (m[2] ?? '').trim();
  if (unit.length > 6 || /[\d,，。；;]/.test(unit)) return undefined;
  return { value: dec(m[1].replace(/,/g, '')), unit };
}
