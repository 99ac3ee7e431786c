/** Normalising cell text as clerks type it. */
import { remembered } from './memo';

/**
 * Every pattern over cell text runs in linear time: no two adjacent quantifiers can match the
 * same characters (`<\s*(?:\/\s*)?` rather than `<\s*\/?\s*`), and a tag's attributes, which
 * already take `/` and spaces, end directly at `>`, so a failed match gives its characters back
 * one step each, never rescanning them.
 */
const TAG = /<\s*(?:\/\s*)?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*|\/\s*)?>/;
const MARKUP = /<\s*(?:\/\s*)?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*|\/\s*)?>|&(?:nbsp|amp|lt|gt|quot|#\d{1,6});/;

/** TAG, every one in a text (`replace` starts a global pattern at 0 each time: one object serves). */
const TAGS = new RegExp(TAG.source, 'g');

/** True when the text holds HTML markup such as `<p>` or `&nbsp;`. */
export function hasMarkup(text: string): boolean {
  return MARKUP.test(text);
}

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
};

/**
 * The plain text of a cell that holds HTML markup: paragraphs become lines, tags vanish. The
 * text comes back trimmed (a caller has no `.trim()` to add), with or without markup.
 */
export function stripMarkup(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text.trim();
  return stripped(text);
}

/**
 * stripMarkup's readings of texts with markup, remembered (a few, and texts that are not long:
 * the same cell is read by the layout, the figures and a rule).
 */
const stripped = remembered((text: string) => stripTags(text), 1000, 500);

function stripTags(text: string): string {
  return (
    text
      .replace(/<\s*\/\s*p\s*>\s*<\s*p(?:\s[^<>]*)?>/gi, '\n')
      .replace(/<\s*br\s*(?:\/\s*)?>/gi, '\n')
      .replace(TAGS, '')
      .replace(/&(?:nbsp|amp|lt|gt|quot);/g, (e) => ENTITIES[e] ?? e)
      .replace(/&#(\d{1,6});/g, (ref: string, d: string) =>
        isShowable(Number(d)) ? String.fromCodePoint(Number(d)) : ref,
      )
      // a run of blanks is tried from its start only: `(?<![ \t])` keeps this linear
      .replace(/(?<![ \t])[ \t]+\n/g, '\n')
      .trim()
  );
}

/**
 * A character reference decodes only to a character that shows as itself: never to a control
 * character (`&#27;` would start a terminal escape, `&#0;` cut a string), a bidi override
 * (U+202A–202E, U+2066–2069) or a code point beyond Unicode; those stay as the literal text.
 */
function isShowable(code: number): boolean {
  if (code > 0x10ffff) return false;
  if (code < 0x20 && code !== 0x09 && code !== 0x0a) return false;
  if (code >= 0x7f && code <= 0x9f) return false;
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return false;
  return !(code >= 0xd800 && code <= 0xdfff);
}

/**
 * Text for a terminal: control characters and bidi overrides shown escaped (`\x1b`, `U+202E`)
 * so that no cell, sheet or file name can clear the screen, set the window title or reorder a line.
 */
export function visibleText(text: string): string {
  let out = '';
  let from = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    const hidden =
      (code < 0x20 && code !== 0x09) ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x200e ||
      code === 0x200f ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    if (!hidden) continue;
    out += text.slice(from, k);
    out += code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `U+${code.toString(16).toUpperCase()}`;
    from = k + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The longest cell text a message or a summary line quotes. */
export const QUOTE_CHARS = 100;

/** A cell's text as a message quotes it: its first QUOTE_CHARS characters then `…` (never half a surrogate pair). */
export function quoted(text: string, max = QUOTE_CHARS): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/** Full-width ASCII (U+FF01–FF5E) to half-width, ideographic space to space. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

export function toHalfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  // one pass over the code units, written out in chunks (no callback per character)
  const codes = new Uint16Array(text.length);
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    codes[k] = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c === 0x3000 ? 0x20 : c;
  }
  let out = '';
  for (let k = 0; k < codes.length; k += 4096)
    out += String.fromCharCode(...codes.subarray(k, Math.min(k + 4096, codes.length)));
  return out;
}

/**
 * The form of a label used for matching: markup removed, half-width, no white space, `【】`
 * as brackets, no trailing colon.
 */
export function labelKey(text: string): string {
  return keys(text);
}

/** Colons at the end, tried from the start of a run only (linear on `：：：…x`). */
export const TRAILING_COLONS = /(?<![:：])[:：]+$/;

/** Labels repeat on every form of a sheet: their keys are worth remembering. */
const keys = remembered((text: string) =>
  toHalfWidth(stripMarkup(text))
    .replace(/[【〔]/g, '(')
    .replace(/[】〕]/g, ')')
    .replace(/\s+/g, '')
    .replace(TRAILING_COLONS, ''),
);

/** True for text that says nothing: blank, 无, /, -, — and the like. */
export function isVacuous(text: string): boolean {
  const t = labelKey(text);
  return t === '' || /^(无|暂无|没有|\/|-+|—+|――|\\|n\/?a|none)$/i.test(t);
}
