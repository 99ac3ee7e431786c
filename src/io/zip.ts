/**
 * A small zip reader and writer for workbooks (.xlsx, .xlsm), on Node's zlib.
 *
 * Reading: `openZip(buffer)` reads the central directory and returns a `ZipArchive`; `entries`
 * lists the parts, `read(name)` inflates one part and verifies its size and CRC-32. Limits are
 * enforced before and while inflating: a part's declared size and its inflate ratio are checked
 * against `ZipLimits` before any memory is spent, and zlib is told the declared size as its
 * maximum output, so a part that lies about its size stops there. Every failure is a
 * `ZipError` whose message is `damaged: <part>`, `too large: <part>` or `unsupported: <what>`.
 * ZIP64 archives are read (a workbook of more than 65,535 parts needs one); encrypted entries,
 * multi-part archives and methods other than stored / deflated are refused.
 *
 * Writing: `writeZip([{ name, data }])` returns a zip buffer (deflated or stored entries,
 * correct CRCs, UTF-8 names), enough for workbooks; an entry `{ name, stored }` copies a part of an
 * opened archive (`ZipArchive.stored`) as it is stored there, without inflating or deflating it.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'zlib';
import { findEndOfCentralDirectory } from './zipEnd';

export type ZipErrorKind = 'damaged' | 'too large' | 'unsupported';

/** A zip that cannot be read, or a part of it that cannot. `message` is `<kind>: <part>`. */
export class ZipError extends Error {
  constructor(
    readonly kind: ZipErrorKind,
    /** The part's name, or a description of the archive-level problem. */
    readonly part: string,
    /** More detail for logs; not part of the message. */
    readonly detail?: string,
  ) {
    super(`${kind}: ${part}`);
    this.name = 'ZipError';
  }
}

export interface ZipLimits {
  /** Largest uncompressed size of one part, in bytes. */
  readonly maxEntrySize: number;
  /** Largest uncompressed ÷ compressed ratio, for parts bigger than `ratioFloor`. */
  readonly maxRatio: number;
  /** Parts up to this uncompressed size are exempt from the ratio check. */
  readonly ratioFloor: number;
  /** Most entries in the central directory. */
  readonly maxEntries: number;
  /** Largest total of the uncompressed parts actually read from one archive. */
  readonly maxTotalRead: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntrySize: 512 * 1024 * 1024,
  maxRatio: 1000,
  ratioFloor: 1024 * 1024,
  maxEntries: 250_000,
  maxTotalRead: 1024 * 1024 * 1024,
};

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  /** Uncompressed size, as the central directory declares it. */
  readonly size: number;
  readonly crc32: number;
  /** Offset of the entry's local header. */
  readonly offset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

/** An opened zip: the entries of its central directory and a way to read each one. */
export class ZipArchive {
  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private totalRead = 0;

  constructor(
    private readonly buf: Buffer,
    readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    const dir = directoryOf(buf, limits);
    this.entries = readEntries(buf, dir, this.byName);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /**
   * The uncompressed bytes of a part, verified against its declared size and CRC-32.
   * Throws `ZipError` (`damaged: name` when missing or corrupt, `too large: name` over a limit).
   */
  read(name: string): Buffer {
    const e = this.byName.get(name);
    if (!e) throw new ZipError('damaged', name, 'missing part');
    this.checkLimits(e);
    const out = this.inflate(e, this.rawOf(e));
    this.totalRead += e.size;
    return out;
  }

  /**
   * What `parse` makes of a part's uncompressed bytes, as `read` gives them, with the same errors
   * in the same order; when `memo` holds a part of the same name stored as the same bytes (the
   * same method, CRC-32, sizes and compressed bytes, so the same content), its value is returned
   * without inflating or parsing again. A part that `parse` refuses (throws), or whose value
   * `keep` refuses, is never kept.
   */
  readParsed<T>(
    name: string,
    memo: PartMemo<T>,
    parse: (data: Buffer) => T,
    keep: (value: T) => boolean = () => true,
  ): T {
    const e = this.byName.get(name);
    if (!e) throw new ZipError('damaged', name, 'missing part');
    this.checkLimits(e);
    const raw = this.rawOf(e);
    const known = memo.find(name, e, raw);
    if (known) {
      this.totalRead += e.size;
      return known.value;
    }
    const out = this.inflate(e, raw);
    this.totalRead += e.size;
    const value = parse(out);
    if (keep(value)) memo.add(name, e, raw, value);
    return value;
  }

  /** The limits `read` enforces before spending any memory on a part. */
  private checkLimits(e: ZipEntry): void {
    const { limits } = this;
    const name = e.name;
    if (e.size > limits.maxEntrySize) throw new ZipError('too large', name);
    if (e.size > limits.ratioFloor && e.size > e.compressedSize * limits.maxRatio)
      throw new ZipError('too large', name, 'inflate ratio');
    if (this.totalRead + e.size > limits.maxTotalRead) throw new ZipError('too large', name);
  }

  /** A part's stored bytes, inflated and verified against its declared size and CRC-32. */
  private inflate(e: ZipEntry, raw: Buffer): Buffer {
    const name = e.name;
    let out: Buffer;
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw new ZipError('damaged', name, 'stored size');
      out = raw;
    } else if (e.method === 8) {
      try {
        // Never more than the declared size (already within the limits): a part that inflates
        // to more is damaged, and zlib stops at that size rather than spending the memory.
        out = inflateRawSync(raw, {
          maxOutputLength: Math.max(1, e.size),
          // output buffers of about the part's size: fewer, and none much larger than needed
          chunkSize: Math.min(Math.max(e.size + 1, 64), 4 * 1024 * 1024),
        });
      } catch (err) {
        throw new ZipError('damaged', name, String((err as Error).message ?? err));
      }
    } else {
      throw new ZipError('unsupported', `compression method ${e.method} in ${name}`);
    }
    if (out.length !== e.size) throw new ZipError('damaged', name, 'size');
    if (crc32(out) >>> 0 !== e.crc32) throw new ZipError('damaged', name, 'CRC-32');
    return out;
  }

  /**
   * An entry as this archive stores it (its compressed bytes, CRC and sizes; not inflated, not
   * checked), for `writeZip` to copy into a new archive byte for byte.
   */
  stored(e: ZipEntry): StoredPart {
    return { method: e.method, crc32: e.crc32, size: e.size, raw: this.rawOf(e) };
  }

  /** The bytes of an entry as stored, after its local header. */
  private rawOf(e: ZipEntry): Buffer {
    const { buf } = this;
    const p = e.offset;
    if (p + 30 > buf.length || u32(buf, p) !== SIG_LOCAL)
      throw new ZipError('damaged', e.name, 'local header');
    const start = p + 30 + u16(buf, p + 26) + u16(buf, p + 28);
    const end = start + e.compressedSize;
    if (end > buf.length) throw new ZipError('damaged', e.name, 'truncated');
    return buf.subarray(start, end);
  }

  /** A part as UTF-8 text (a leading byte-order mark is dropped). */
  readText(name: string): string {
    return textOf(this.read(name), name);
  }
}

/** A part's bytes as UTF-8 text (a leading byte-order mark is dropped), as `readText` gives them. */
export function textOf(b: Buffer, name: string): string {
  const bom = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  try {
    return b.toString('utf8', bom ? 3 : 0);
  } catch {
    // longer than the longest string V8 makes
    throw new ZipError('too large', name, 'text');
  }
}

/**
 * What was made of a few small parts, by their name and stored bytes (`ZipArchive.readParsed`):
 * a folder of workbooks made from one template holds the same styles, workbook and relationship
 * parts in every file. Bounded: parts of at most `maxSize` compressed bytes, the last `maxParts`.
 * Keeps a copy of each part's stored bytes (never the archive they came from).
 */
export class PartMemo<T> {
  private readonly parts: Array<{
    name: string;
    method: number;
    crc32: number;
    size: number;
    raw: Buffer;
    value: T;
  }> = [];

  constructor(
    private readonly maxParts = 8,
    private readonly maxSize = 64 * 1024,
  ) {}

  find(name: string, e: ZipEntry, raw: Buffer): { value: T } | undefined {
    const { parts } = this;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (
        p.crc32 === e.crc32 &&
        p.size === e.size &&
        p.method === e.method &&
        p.name === name &&
        p.raw.length === raw.length &&
        p.raw.equals(raw)
      )
        return p;
    }
    return undefined;
  }

  add(name: string, e: ZipEntry, raw: Buffer, value: T): void {
    if (raw.length > this.maxSize) return;
    if (this.parts.length >= this.maxParts) this.parts.shift();
    this.parts.push({ name, method: e.method, crc32: e.crc32, size: e.size, raw: Buffer.from(raw), value });
  }
}

/** Where a zip's central directory is, as its end record (or ZIP64 end record) tells. */
interface Directory {
  /** Entries in it. */
  readonly count: number;
  /** Its offset in the archive. */
  readonly offset: number;
  /** Where it must end: the ZIP64 end record, else the end record. */
  readonly end: number;
}

/**
 * The central directory's place and count, from the end record (and the ZIP64 end record when
 * the locator is there), within the limits. Run once per archive: kept apart from the loop over
 * the entries (`readEntries`) so that V8 compiles that loop alone.
 */
function directoryOf(buf: Buffer, limits: ZipLimits): Directory {
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw new ZipError('damaged', 'zip directory', 'no end of central directory');
  // the end record's 22 bytes are within the buffer (findEndOfCentralDirectory): read as entries are
  const disk = u16(buf, eocd + 4);
  const count = u16(buf, eocd + 10);
  const cdSize = u32(buf, eocd + 12);
  const cdOffset = u32(buf, eocd + 16);
  if (eocd >= 20 && u32(buf, eocd - 20) === SIG_ZIP64_LOCATOR) return zip64Directory(buf, eocd, limits);
  if (cdSize === 0xffffffff || cdOffset === 0xffffffff)
    throw new ZipError('damaged', 'zip directory', 'ZIP64 values without a ZIP64 end record');
  return checkedDirectory(disk, count, cdSize, cdOffset, eocd, limits);
}

/**
 * More than 65,535 entries (a workbook of 100,000 sheets) or offsets past 4 GiB: the counts and
 * offsets are in the ZIP64 end record the locator (20 bytes before the end record) points to.
 */
function zip64Directory(buf: Buffer, eocd: number, limits: ZipLimits): Directory {
  const at = safeU64(buf, eocd - 20 + 8);
  if (at === undefined || at + 56 > eocd - 20 || buf.readUInt32LE(at) !== SIG_ZIP64_EOCD)
    throw new ZipError('damaged', 'zip directory', 'ZIP64 end record');
  const total = safeU64(buf, at + 32);
  const size = safeU64(buf, at + 40);
  const offset = safeU64(buf, at + 48);
  if (total === undefined || size === undefined || offset === undefined)
    throw new ZipError('damaged', 'zip directory', 'ZIP64 end record');
  return checkedDirectory(buf.readUInt32LE(at + 16), total, size, offset, at, limits);
}

/** The directory read from an end record, refused when on another disk, too large or out of bounds. */
function checkedDirectory(
  disk: number,
  count: number,
  size: number,
  offset: number,
  end: number,
  limits: ZipLimits,
): Directory {
  if (disk !== 0) throw new ZipError('unsupported', 'multi-part archive');
  if (count > limits.maxEntries) throw new ZipError('too large', `${count} entries`);
  if (offset + size > end) throw new ZipError('damaged', 'zip directory', 'out of bounds');
  return { count, offset, end };
}

/** The entries of the central directory, in order; `byName` gets the first of each name. */
function readEntries(buf: Buffer, dir: Directory, byName: Map<string, ZipEntry>): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const dirEnd = dir.end;
  let p = dir.offset;
  for (let i = 0; i < dir.count; i++) {
    if (p + 46 > dirEnd || u32(buf, p) !== SIG_CENTRAL)
      throw new ZipError('damaged', 'zip directory', `entry ${i}`);
    const end = p + 46 + u16(buf, p + 28) + u16(buf, p + 30) + u16(buf, p + 32);
    if (end > dirEnd) throw new ZipError('damaged', 'zip directory', `entry ${i}`);
    const entry = entryAt(buf, p);
    entries.push(entry);
    if (!byName.has(entry.name)) byName.set(entry.name, entry);
    p = end;
  }
  return entries;
}

/** The central directory entry at `p` (its 46 bytes, name and extra field within the directory). */
function entryAt(buf: Buffer, p: number): ZipEntry {
  // read without Buffer's bounds-checking readers
  const flags = u16(buf, p + 8);
  const nameLen = u16(buf, p + 28);
  // Buffer's own decoders, without toString's encoding dispatch
  const name =
    (flags & 0x800) !== 0
      ? (buf as DecodingBuffer).utf8Slice(p + 46, p + 46 + nameLen)
      : (buf as DecodingBuffer).latin1Slice(p + 46, p + 46 + nameLen);
  if ((flags & 1) !== 0) throw new ZipError('unsupported', `encrypted part ${name}`);
  const size = u32(buf, p + 24);
  const compressedSize = u32(buf, p + 20);
  const offset = u32(buf, p + 42);
  const entry = { name, method: u16(buf, p + 10), crc32: u32(buf, p + 16), size, compressedSize, offset };
  if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff)
    zip64Extra(buf, p + 46 + nameLen, u16(buf, p + 30), entry, name);
  return entry;
}

/** Buffer's own decoders (Node's, under toString), called without its encoding dispatch. */
interface DecodingBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** A little-endian 16-bit value at `at` (within the buffer). */
function u16(buf: Buffer, at: number): number {
  return buf[at] | (buf[at + 1] << 8);
}

/** A little-endian 32-bit unsigned value at `at` (within the buffer). */
function u32(buf: Buffer, at: number): number {
  return (buf[at] | (buf[at + 1] << 8) | (buf[at + 2] << 16) | (buf[at + 3] << 24)) >>> 0;
}

/** A little-endian 64-bit value, or undefined when it is beyond what a Number holds exactly. */
function safeU64(buf: Buffer, at: number): number | undefined {
  if (at < 0 || at + 8 > buf.length) return undefined;
  const n = buf.readBigUInt64LE(at);
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : undefined;
}

/**
 * The 64-bit sizes and offset of a central directory entry whose 32-bit fields are 0xFFFFFFFF,
 * from its ZIP64 extra field (id 1: the values present in this order, only those that are
 * 0xFFFFFFFF). An entry without them is damaged.
 */
function zip64Extra(
  buf: Buffer,
  start: number,
  length: number,
  wide: { size: number; compressedSize: number; offset: number },
  name: string,
): void {
  for (let q = start; q + 4 <= start + length;) {
    const id = buf.readUInt16LE(q);
    const len = buf.readUInt16LE(q + 2);
    if (q + 4 + len > start + length) break;
    if (id === 1) {
      let r = q + 4;
      for (const key of ['size', 'compressedSize', 'offset'] as const) {
        if (wide[key] !== 0xffffffff) continue;
        const v = r + 8 <= q + 4 + len ? safeU64(buf, r) : undefined;
        if (v === undefined) throw new ZipError('damaged', 'zip directory', `ZIP64 field of ${name}`);
        wide[key] = v;
        r += 8;
      }
      return;
    }
    q += 4 + len;
  }
  throw new ZipError('damaged', 'zip directory', `ZIP64 field of ${name}`);
}

/** Opens a zip held in memory. Throws `ZipError` when its directory is missing or damaged. */
export function openZip(buf: Buffer, limits?: Partial<ZipLimits>): ZipArchive {
  // the default limits as they are: no copy of them per archive
  return new ZipArchive(buf, limits ? { ...DEFAULT_ZIP_LIMITS, ...limits } : DEFAULT_ZIP_LIMITS);
}

/** A part as an archive stores it (ZipArchive.stored): copied as it is, never inflated or deflated. */
export interface StoredPart {
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc32: number;
  /** Uncompressed size. */
  readonly size: number;
  /** The data as stored (compressed when method is 8). */
  readonly raw: Buffer;
}

/** An entry to write: its content (deflated unless `compress` is false), or a part copied as stored. */
export type ZipWriteEntry =
  | {
      readonly name: string;
      readonly data: Buffer | string;
      /** Deflate this entry (the default) or store it as it is. */
      readonly compress?: boolean;
    }
  | { readonly name: string; readonly stored: StoredPart };

/** DOS time and date of 1980-01-01 00:00, so that the same input gives the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function partOf(e: ZipWriteEntry): StoredPart {
  if ('stored' in e) return e.stored;
  const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
  const deflate = e.compress !== false;
  return {
    method: deflate ? 8 : 0,
    crc32: crc32(data) >>> 0,
    size: data.length,
    raw: deflate ? deflateRawSync(data) : data,
  };
}

/** The fields a local header (at 4) and a central directory entry (at 6) share. */
function writeCommon(h: Buffer, at: number, part: StoredPart, nameLength: number): void {
  h.writeUInt16LE(20, at); // version needed
  h.writeUInt16LE(0x800, at + 2); // UTF-8 names
  h.writeUInt16LE(part.method, at + 4);
  h.writeUInt16LE(DOS_TIME, at + 6);
  h.writeUInt16LE(DOS_DATE, at + 8);
  h.writeUInt32LE(part.crc32 >>> 0, at + 10);
  h.writeUInt32LE(part.raw.length, at + 14);
  h.writeUInt32LE(part.size, at + 18);
  h.writeUInt16LE(nameLength, at + 22);
}

/**
 * A zip of the given entries, in order. Names are written as UTF-8; a part copied from another
 * archive (`stored`) keeps its bytes, CRC and sizes.
 */
export function writeZip(entries: readonly ZipWriteEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  if (entries.length > 0xfffe) throw new ZipError('too large', `${entries.length} entries`);
  for (const e of entries) {
    const part = partOf(e);
    const name = Buffer.from(e.name, 'utf8');
    if (part.size >= 0xffffffff || part.raw.length >= 0xffffffff || offset >= 0xffffffff)
      throw new ZipError('too large', e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    writeCommon(local, 4, part, name.length);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(SIG_CENTRAL, 0);
    cd.writeUInt16LE(20, 4); // version made by
    writeCommon(cd, 6, part, name.length);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, part.raw);
    central.push(cd, name);
    offset += 30 + name.length + part.raw.length;
  }
  const cdBuf = Buffer.concat(central);
  if (offset + cdBuf.length >= 0xffffffff) throw new ZipError('too large', 'zip archive');
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(SIG_EOCD, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cdBuf, eocd]);
}
