import Decimal from 'decimal.js';
import { remembered } from '../read/memo';
import { stripMarkup, toHalfWidth } from '../read/text';
import { dec } from './decimal';

/** A grade band: `min` inclusive, `max` exclusive except for the top band. */
export interface GradeBand {
  readonly grade: string;
  readonly min: Decimal;
  readonly max: Decimal;
}

const GRADE = '(不合格|优秀|良好|合格|较好|一般|较差|优|良|中|差)';
/**
 * A number, tried from the start of its digits only: without `(?<!\d)` every pattern below
 * would be retried from each digit of a long run (`说明：9…9`), which is quadratic.
 */
const NUM = '(?<!\\d)(\\d+(?:\\.\\d+)?)';
const SAY = '分?(?:\\((?:含|不含)\\))?(?:的|者)?(?:为|评为|属于|定为|即为)?[“"]?';
const RANGE = new RegExp(`${NUM}分?(?:\\((?:含|不含)\\))?[-~—–－至到]${NUM}${SAY}${GRADE}`, 'g');
const ABOVE = new RegExp(`${NUM}分?(?:\\(含\\))?(?:及)?以上${SAY}${GRADE}`, 'g');
const BELOW = new RegExp(`${NUM}分?(?:\\(不含\\))?以下${SAY}${GRADE}`, 'g');
/** `≥90分为优秀`, `大于等于90分的为优秀` */
const AT_LEAST = new RegExp(`(?:≥|>=|大于等于|不低于|不少于)${NUM}${SAY}${GRADE}`, 'g');
/** `<60分为不合格`, `低于60分为差` */
const UNDER = new RegExp(`(?:<|小于|低于|不足)${NUM}${SAY}${GRADE}`, 'g');

/**
 * Grade bands stated in a form's note, e.g. `自评分合计90（含）-100分为优秀，75（含）-90分为良好…`.
 * Returns them best first, or undefined when the note states fewer than two.
 */
export function parseBands(note: string): readonly GradeBand[] | undefined {
  return bandsByNote(note);
}

/** Every form of a sheet usually carries the same note; a long one is read each time, never kept. */
const bandsByNote = remembered(readBands, 1000, 4096);

function readBands(note: string): GradeBand[] | undefined {
  const t = toHalfWidth(stripMarkup(note)).replace(/\s+/g, '');
  const found = new Map<string, GradeBand>();
  for (const m of t.matchAll(RANGE)) {
    const a = dec(m[1]);
    const b = dec(m[2]);
    if (!found.has(m[3])) found.set(m[3], { grade: m[3], min: Decimal.min(a, b), max: Decimal.max(a, b) });
  }
  const open = (re: RegExp, edge: (n: string) => { min: Decimal; max: Decimal }) => {
    for (const m of t.matchAll(re)) if (!found.has(m[2])) found.set(m[2], { grade: m[2], ...edge(m[1]) });
  };
  open(ABOVE, (n) => ({ min: dec(n), max: dec(100) }));
  open(AT_LEAST, (n) => ({ min: dec(n), max: dec(100) }));
  open(BELOW, (n) => ({ min: dec(0), max: dec(n) }));
  open(UNDER, (n) => ({ min: dec(0), max: dec(n) }));
  if (found.size < 2) return undefined;
  return [...found.values()].sort((x, y) => y.min.comparedTo(x.min));
}

/** The band a total falls in: the best band whose minimum it reaches. */
export function gradeOf(total: Decimal, bands: readonly GradeBand[]): string | undefined {
  // a form's bands are its family's or its note's (parseBands keeps those): sorted once each
  let sorted = sortedBands.get(bands);
  if (!sorted) {
    sorted = [...bands].sort((x, y) => y.min.comparedTo(x.min));
    sortedBands.set(bands, sorted);
  }
  for (const b of sorted) if (total.gte(b.min)) return b.grade;
  return sorted[sorted.length - 1]?.grade;
}

/** Each list of bands, best first (bands are never changed once read). */
const sortedBands = new WeakMap<readonly GradeBand[], readonly GradeBand[]>();

/** A stated grade names a band: the same word, or its one-character short form (优 for 优秀). */
export function sameGrade(stated: string, grade: string): boolean {
  // a band's name has no space and no full-width letter: one written as it is needs no reading
  if (stated === grade) return true;
  const s = toHalfWidth(stated).replace(/\s+/g, '');
  if (s === grade) return true;
  return SHORT[grade] === s || SHORT[s] === grade;
}

/** The one-character short forms of band names. */
const SHORT: Readonly<Record<string, string>> = { 优秀: '优', 良好: '良' };
