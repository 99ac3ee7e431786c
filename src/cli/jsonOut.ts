/**
 * A value as JSON, written in pieces: the same value as `JSON.stringify(value)`, but a report of
 * 10,000 forms is never one string of 60 million characters (nor the copy that writing it makes).
 * The characters a terminal would act on and JSON.stringify leaves raw (C1 controls, bidi marks
 * and overrides, line and paragraph separators) are written as `\uXXXX` escapes: a file named
 * with U+202E cannot reorder the line a reviewer reads in `--json | less`.
 */

/** Characters that JSON.stringify leaves raw and a terminal or an editor would act on. */
const UNSAFE = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with the UNSAFE characters escaped: the same JSON value, another spelling. */
export function safeJson(json: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(json)) return json;
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Containers this many levels deep are written whole; above them, member by member. */
const SPLIT_DEPTH = 4;
/** Pieces are gathered up to about this many characters before each write. */
const CHUNK = 1 << 20;

function* pieces(value: unknown, depth: number): Generator<string> {
  if (depth >= SPLIT_DEPTH || value === null || typeof value !== 'object') {
    yield safeJson(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const v: unknown = value[i];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
      else yield* pieces(v, depth + 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '' : ','}${safeJson(JSON.stringify(k))}:`;
    first = false;
    yield* pieces(v, depth + 1);
  }
  yield '}';
}

/** Writes `JSON.stringify(value)`, UNSAFE characters escaped, through `write` in pieces of about a megabyte. */
export function writeJson(value: unknown, write: (text: string) => void): void {
  let buf: string[] = [];
  let size = 0;
  for (const p of pieces(value, 0)) {
    buf.push(p);
    size += p.length;
    if (size >= CHUNK) {
      write(buf.join(''));
      buf = [];
      size = 0;
    }
  }
  if (buf.length) write(buf.join(''));
}
