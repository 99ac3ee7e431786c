/**
 * A value as JSON in UTF-8: the same value as `JSON.stringify(value)`, but a report of 10,000
 * forms is never one string of 60 million characters. The characters a terminal would act on and
 * JSON.stringify leaves raw (C1 controls, bidi marks and overrides, line and paragraph
 * separators) are written as `\uXXXX` escapes: a file named with U+202E cannot reorder the line a
 * reviewer reads in `--json | less`.
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
 * A value's JSON made beforehand (a form's report, as soon as the form is checked), kept as UTF-8
 * bytes outside the JS heap: a file of 1,000 forms keeps 12 MB of bytes that the garbage
 * collector never copies, where it kept 24 MB of UTF-16 strings that each young-generation
 * collection copied on their way to the old one. Written as they are where the value stands:
 * `jsonParts` and `jsonBytes` take it; `JSON.stringify` does not.
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

/** `JSON.stringify(value)`, UNSAFE characters escaped (`null` for what has no JSON). */
export function jsonText(value: unknown): string {
  return safeJson(JSON.stringify(value) ?? 'null');
}

/** A form's report as its JSON, UNSAFE characters escaped, in UTF-8: what `jsonBytes` would write for it. */
export function rawJson(value: unknown): RawJson {
  return RawJson.of(jsonText(value));
}

/** Containers this many levels deep are counted as one (a report's forms: file, sheets, sheet, forms). */
const SPLIT_DEPTH = 4;
/** At most this many of them (forms of about 10 kB each: about a megabyte) are stringified together. */
const WHOLE = 128;

/** The containers SPLIT_DEPTH deep under `value` (a value less deep is one), counted up to `limit` + 1. */
function deepCount(value: unknown, depth: number, limit: number): number {
  // made beforehand: never inside a JSON.stringify, always a part of its own
  if (value instanceof RawJson) return WHOLE + 1;
  if (depth >= SPLIT_DEPTH || value === null || typeof value !== 'object') return 1;
  let n = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && n <= limit; i++) n += deepCount(value[i], depth + 1, limit - n);
  } else {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length && n <= limit; i++) n += deepCount(o[keys[i]], depth + 1, limit - n);
  }
  return n;
}

/**
 * `value`'s JSON, UNSAFE characters escaped, as parts whose concatenation is the whole (strings,
 * and the UTF-8 bytes of each RawJson): a value
 * holding at most WHOLE containers SPLIT_DEPTH deep is one `JSON.stringify` (most files' reports);
 * a larger object is written member by member and a larger array in runs of elements holding at
 * most WHOLE of them together, each run one `JSON.stringify`.
 */
export function jsonParts(
  value: unknown,
  depth = 0,
  parts: Array<string | Uint8Array> = [],
): Array<string | Uint8Array> {
  if (value instanceof RawJson) {
    parts.push(value.bytes);
    return parts;
  }
  if (deepCount(value, depth, WHOLE) <= WHOLE) {
    parts.push(jsonText(value));
    return parts;
  }
  if (Array.isArray(value)) {
    parts.push('[');
    let i = 0;
    while (i < value.length) {
      if (i > 0) parts.push(',');
      let j = i;
      let n = 0;
      while (j < value.length && (n += deepCount(value[j], depth + 1, WHOLE)) <= WHOLE) j++;
      if (j === i) jsonParts(value[i++], depth + 1, parts);
      else {
        // "[a,b,c]" without its brackets: undefined and functions are null, as in the whole array
        const run = JSON.stringify(value.slice(i, j));
        parts.push(safeJson(run.slice(1, -1)));
        i = j;
      }
    }
    parts.push(']');
    return parts;
  }
  parts.push('{');
  let first = true;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  for (let k = 0; k < keys.length; k++) {
    const v = o[keys[k]];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${first ? '' : ','}${safeJson(JSON.stringify(keys[k]))}:`);
    first = false;
    jsonParts(v, depth + 1, parts);
  }
  parts.push('}');
  return parts;
}

/** A report of at most this many characters (most files': about 10,000) is encoded through SCRATCH. */
const SMALL = 1 << 16;
/** Room for SMALL characters in UTF-8 (at most 3 bytes each), made once and reused. */
let scratch: Uint8Array | undefined;

/**
 * `JSON.stringify(value)`, UNSAFE characters escaped, as UTF-8 in an ArrayBuffer of its own and
 * of its exact size (never one of Node's pooled buffers: it is moved to another thread). A report
 * of one small text (most files) is encoded in one pass into a reused scratch buffer and copied
 * out; otherwise each of `jsonParts` is encoded (a text) or copied (a RawJson's bytes) straight
 * into its buffer, measured first (no joined chunks, no intermediate buffers).
 */
export function jsonBytes(value: unknown): Uint8Array {
  const parts = jsonParts(value);
  const only = parts[0];
  if (parts.length === 1 && typeof only === 'string' && only.length <= SMALL) {
    scratch ??= new Uint8Array(3 * SMALL);
    return scratch.slice(0, encoder.encodeInto(only, scratch).written);
  }
  let size = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    size += typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.length;
  }
  const out = Buffer.from(new ArrayBuffer(size));
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (typeof part === 'string') at += out.write(part, at, 'utf8');
    else {
      out.set(part, at);
      at += part.length;
    }
  }
  return new Uint8Array(out.buffer);
}
