/**
 * A value as JSON in UTF-8: the same value as `JSON.stringify(value)`, where the forms' reports
 * of a file of many forms are made JSON as soon as they are checked and kept as bytes (`RawJson`,
 * fileJson.ts): a report of 10,000 forms is never one string of 60 million characters. The
 * characters a terminal would act on and JSON.stringify leaves raw (C1 controls, bidi marks and
 * overrides, line and paragraph separators) are written as `\uXXXX` escapes: a file named with
 * U+202E cannot reorder the line a reviewer reads in `--json | less`.
 */

/** Characters that JSON.stringify leaves raw and a terminal or an editor would act on. */
const UNSAFE = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** UNSAFE, to test a text for one (not global: no lastIndex to reset and read). */
const HAS_UNSAFE = new RegExp(UNSAFE.source);

/** JSON text with the UNSAFE characters escaped: the same JSON value, another spelling. */
export function safeJson(json: string): string {
  if (!HAS_UNSAFE.test(json)) return json;
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A value's JSON made beforehand (a form's report, in a file of many forms), kept as UTF-8
 * bytes outside the JS heap: a file of 1,000 forms keeps 12 MB of bytes that the garbage
 * collector never copies, where it kept 24 MB of UTF-16 strings that each young-generation
 * collection copied on their way to the old one. Written as they are where the value stands:
 * `jsonBytes` takes it; `JSON.stringify` does not.
 */
export class RawJson {
  /** `bytes`: JSON text in UTF-8, UNSAFE characters already escaped. */
  constructor(readonly bytes: Uint8Array) {}

  /** JSON text made beforehand, as it is. */
  static of(json: string): RawJson {
    return new RawJson(keptBytes(json));
  }

  /** The JSON text. */
  get json(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length).toString('utf8');
  }
}

/** Kept texts are encoded into shared blocks of this size; a larger text gets its own. */
const BLOCK = 1 << 20;
let block: Uint8Array | undefined;
let blockUsed = 0;
const encoder = new TextEncoder();

/**
 * `text` in UTF-8, in a block shared with the texts kept before it (one allocation outside the
 * heap for about 80 forms' reports): a block lives while any of its texts does.
 */
function keptBytes(text: string): Uint8Array {
  const most = text.length * 3;
  if (most > BLOCK / 4) return encoder.encode(text);
  if (!block || blockUsed + most > block.length) {
    block = new Uint8Array(BLOCK);
    blockUsed = 0;
  }
  const { written } = encoder.encodeInto(text, block.subarray(blockUsed));
  const bytes = block.subarray(blockUsed, blockUsed + written);
  blockUsed += written;
  return bytes;
}

/** `JSON.stringify(value, replacer)`, UNSAFE characters escaped (`null` for what has no JSON). */
export function jsonText(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  return safeJson(JSON.stringify(value, replacer) ?? 'null');
}

/**
 * Whether UTF-8 `bytes` hold an UNSAFE character: U+007F is the byte 7F, U+0080–U+009F are C2
 * 80–9F, U+200E, U+200F and U+2028–U+202E are E2 80 8E, 8F and A8–AE, U+2066–U+2069 are E2 81
 * A6–A9. Looked for with Buffer's indexOf (memchr), a few times faster than the regular
 * expression over the text: a form's report holds a few dozen E2 bytes (Chinese quotation marks).
 */
export function unsafeIn(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (b.indexOf(0x7f) >= 0) return true;
  for (let i = b.indexOf(0xc2); i >= 0; i = b.indexOf(0xc2, i + 1)) {
    const next = b[i + 1];
    if (next >= 0x80 && next <= 0x9f) return true;
  }
  for (let i = b.indexOf(0xe2); i >= 0; i = b.indexOf(0xe2, i + 1)) {
    const second = b[i + 1];
    const third = b[i + 2];
    if (second === 0x80 && (third === 0x8e || third === 0x8f || (third >= 0xa8 && third <= 0xae)))
      return true;
    if (second === 0x81 && third >= 0xa6 && third <= 0xa9) return true;
  }
  return false;
}

/**
 * A form's report as its JSON, UNSAFE characters escaped, in UTF-8: what `jsonBytes` would write
 * for it. Encoded as JSON.stringify made it, then looked at as bytes: a report holding an UNSAFE
 * character (seldom) is encoded again, escaped.
 */
export function rawJson(value: unknown): RawJson {
  return new RawJson(safeBytes(JSON.stringify(value) ?? 'null', keptBytes));
}

/**
 * JSON text as UTF-8, UNSAFE characters escaped: encoded by `encode` as it is, then looked at as
 * bytes (`unsafeIn`); a text holding an UNSAFE character (seldom) is encoded again, escaped.
 */
function safeBytes(json: string, encode: (text: string) => Uint8Array): Uint8Array {
  const bytes = encode(json);
  return unsafeIn(bytes) ? encode(safeJson(json)) : bytes;
}

/** A report of at most this many characters (most files': about 10,000) is encoded through SCRATCH. */
const SMALL = 1 << 16;
/** Room for SMALL characters in UTF-8 (at most 3 bytes each), made once and reused. */
let scratch: Uint8Array | undefined;

/**
 * The start of the text that stands for a RawJson in `jsonBytes`'s JSON.stringify: random, so
 * that no text of a report holds it (and made again for a value where one does).
 */
function placeholderStart(): string {
  return `\u0000raw${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}:`;
}

/** `text` in UTF-8, in an ArrayBuffer of its own and of its exact size. */
function ownBytes(text: string): Uint8Array {
  if (text.length > SMALL) return encoder.encode(text);
  scratch ??= new Uint8Array(3 * SMALL);
  return scratch.slice(0, encoder.encodeInto(text, scratch).written);
}

/**
 * `jsonBytes` of a value that holds no RawJson (a file's report with its forms as objects): one
 * JSON.stringify, with no replacer to call for each of its values, encoded, then looked at as
 * bytes for an UNSAFE character (seldom: then encoded again, escaped).
 */
export function plainJsonBytes(value: unknown): Uint8Array {
  return safeBytes(JSON.stringify(value) ?? 'null', ownBytes);
}

/**
 * `JSON.stringify(value)`, UNSAFE characters escaped, as UTF-8 in an ArrayBuffer of its own and
 * of its exact size (never one of Node's pooled buffers: it is moved to another thread). One
 * JSON.stringify of the value, each RawJson in it standing as a short placeholder string (a
 * file's report is then a few hundred characters whatever its forms), then the bytes: the text
 * between placeholders encoded, each RawJson's bytes copied, straight into the buffer. A value
 * without a RawJson (a small report: most files) is encoded through a reused scratch buffer.
 */
export function jsonBytes(value: unknown): Uint8Array {
  for (;;) {
    const start = placeholderStart();
    const raws: RawJson[] = [];
    const text = jsonText(value, (_key, v) => (v instanceof RawJson ? `${start}${raws.push(v) - 1}` : v));
    if (raws.length === 0) return ownBytes(text);
    // each placeholder as JSON spells it: `"` + the start, escaped + its index + `"`
    const mark = JSON.stringify(start).slice(0, -1);
    const pieces = text.split(mark);
    // a text of the value held the start (never, but then another start is drawn)
    if (pieces.length !== raws.length + 1) continue;
    let size = Buffer.byteLength(pieces[0], 'utf8');
    for (let k = 1; k < pieces.length; k++) {
      const piece = pieces[k];
      const close = piece.indexOf('"');
      if (piece.slice(0, close) !== String(k - 1)) throw new Error('jsonBytes: a placeholder out of place');
      pieces[k] = piece.slice(close + 1);
      size += raws[k - 1].bytes.length + Buffer.byteLength(pieces[k], 'utf8');
    }
    const out = Buffer.from(new ArrayBuffer(size));
    let at = out.write(pieces[0], 0, 'utf8');
    for (let k = 1; k < pieces.length; k++) {
      out.set(raws[k - 1].bytes, at);
      at += raws[k - 1].bytes.length;
      at += out.write(pieces[k], at, 'utf8');
    }
    return new Uint8Array(out.buffer);
  }
}
