/** Small helpers for the XML parts `review` writes and patches. Linear scans only. */

/** Characters XML 1.0 cannot carry, even as references. */
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Text as element content or an attribute value. OOXML reads `_xHHHH_` as an escaped
 * character: a literal one keeps its underscore escaped (`_x005F_`), and characters XML cannot
 * carry are written that way, so cell text comes back exactly as it was.
 */
export function xmlText(text: string): string {
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(INVALID, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** An attribute value as written in a part, unescaped. */
export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    if (e === 'amp') return '&';
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** The attributes of one start tag, in order. */
export function attributes(tag: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out.push([m[1], m[3] ?? m[4] ?? '']);
  return out;
}

export function attribute(tag: string, name: string): string | undefined {
  for (const [k, v] of attributes(tag)) if (k === name) return unescapeXml(v);
  return undefined;
}

/** A start tag with one attribute set (added at the end when absent). Values are raw XML. */
export function setAttribute(tag: string, name: string, rawValue: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:-]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${rawValue}"`);
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}="${rawValue}"${tag.slice(close)}`;
}

export function removeAttribute(tag: string, name: string): string {
  const re = new RegExp(`\\s${name.replace(/[.:-]/g, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*')`);
  return tag.replace(re, '');
}

/** Where the start tag of `<name` (exactly that element) begins at or after `from`, or -1. */
export function findTag(xml: string, name: string, from = 0): number {
  let i = from;
  for (;;) {
    i = xml.indexOf(`<${name}`, i);
    if (i < 0) return -1;
    const next = xml.charCodeAt(i + name.length + 1);
    // space, tab, newline, carriage return, '>' or '/'
    if (next === 32 || next === 9 || next === 10 || next === 13 || next === 62 || next === 47) return i;
    i += name.length + 1;
  }
}

/** The end (exclusive) of the start tag that begins at `start`. */
export function tagEnd(xml: string, start: number): number {
  const end = xml.indexOf('>', start);
  if (end < 0) throw new Error('unterminated tag');
  return end + 1;
}

/** The part a relationship target names, from the folder of the part that holds the relationship. */
export function resolvePart(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The relationships part of a part: `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

export function relationships(xml: string): Relationship[] {
  const out: Relationship[] = [];
  for (let i = findTag(xml, 'Relationship'); i >= 0; i = findTag(xml, 'Relationship', i + 1)) {
    const tag = xml.slice(i, tagEnd(xml, i));
    out.push({
      id: attribute(tag, 'Id') ?? '',
      type: attribute(tag, 'Type') ?? '',
      target: attribute(tag, 'Target') ?? '',
      external: attribute(tag, 'TargetMode') === 'External',
    });
  }
  return out;
}

/** Column letters to a 1-based number. */
export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
