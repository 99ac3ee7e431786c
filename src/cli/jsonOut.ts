/**
 * A value as JSON, written in pieces: the same text as `JSON.stringify(value)`, but a report of
 * 10,000 forms is never one string of 60 million characters (nor the copy that writing it makes).
 */

/** Containers this many levels deep are written whole; above them, member by member. */
const SPLIT_DEPTH = 4;
/** Pieces are gathered up to about this many characters before each write. */
const CHUNK = 1 << 20;

function* pieces(value: unknown, depth: number): Generator<string> {
  if (depth >= SPLIT_DEPTH || value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
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
    yield `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    yield* pieces(v, depth + 1);
  }
  yield '}';
}

/** Writes `JSON.stringify(value)` through `write` in pieces of about a megabyte. */
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
