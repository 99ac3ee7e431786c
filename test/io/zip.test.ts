import JSZip from 'jszip';
import { openZip, writeZip, ZipError } from '../../src/io/zip';

const SAMPLE = [
  { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types/>' },
  { name: 'xl/worksheets/sheet1.xml', data: '<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(500) },
  { name: 'xl/中文.txt', data: '自评表 self-evaluation', compress: false },
  { name: 'empty', data: '' },
];

/**
 * The same archive written as ZIP64 (writeZip writes none): each central entry's sizes and offset
 * moved to a ZIP64 extra field, the counts to a ZIP64 end record found through its locator.
 */
function toZip64(buf: Buffer): Buffer {
  const eocd = buf.length - 22;
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  const central: Buffer[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(p + 28);
    const head = Buffer.from(buf.subarray(p, p + 46 + nameLen));
    const extra = Buffer.alloc(28);
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(24)), 4); // size
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(20)), 12); // compressed size
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(42)), 20); // offset
    for (const at of [20, 24, 42]) head.writeUInt32LE(0xffffffff, at);
    head.writeUInt16LE(28, 30);
    central.push(head, extra);
    p += 46 + nameLen;
  }
  const dir = Buffer.concat(central);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(count), 24);
  end64.writeBigUInt64LE(BigInt(count), 32);
  end64.writeBigUInt64LE(BigInt(dir.length), 40);
  end64.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(cdOffset + dir.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([buf.subarray(0, cdOffset), dir, end64, locator, end]);
}

function errorOf(f: () => unknown): ZipError {
  try {
    f();
  } catch (e) {
    if (e instanceof ZipError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('zip writer and reader', () => {
  it('round-trips its own archives', () => {
    const zip = openZip(writeZip(SAMPLE));
    expect(zip.entries.map((e) => e.name)).toEqual(SAMPLE.map((e) => e.name));
    for (const e of SAMPLE) expect(zip.readText(e.name)).toBe(e.data);
    expect(zip.entry('xl/中文.txt')?.method).toBe(0);
    expect(zip.entry('xl/worksheets/sheet1.xml')?.method).toBe(8);
  });

  it('writes archives jszip reads, with correct CRCs', async () => {
    const js = await JSZip.loadAsync(writeZip(SAMPLE), { checkCRC32: true });
    for (const e of SAMPLE) expect(await js.file(e.name)!.async('string')).toBe(e.data);
  });

  it('copies parts as stored: the same archive byte for byte, a changed part deflated anew', async () => {
    const original = writeZip(SAMPLE);
    const zip = openZip(original);
    const copies = zip.entries.map((e) => ({ name: e.name, stored: zip.stored(e) }));
    expect(writeZip(copies).equals(original)).toBe(true);
    // the copy is the original's compressed bytes, not inflated again
    const sheet = zip.entry('xl/worksheets/sheet1.xml')!;
    expect(zip.stored(sheet).raw.length).toBe(sheet.compressedSize);
    expect(zip.stored(sheet).raw.length).toBeLessThan(sheet.size);
    const changed = writeZip([...copies.slice(0, 3), { name: 'empty', data: '<new/>' }]);
    const js = await JSZip.loadAsync(changed, { checkCRC32: true });
    for (const e of SAMPLE.slice(0, 3)) expect(await js.file(e.name)!.async('string')).toBe(e.data);
    expect(await js.file('empty')!.async('string')).toBe('<new/>');
    expect(openZip(changed).entry('xl/中文.txt')?.method).toBe(0);
  });

  it('refuses to copy a part whose local header is damaged', () => {
    const buf = writeZip(SAMPLE);
    const zip = openZip(buf);
    const e = zip.entry('xl/中文.txt')!;
    buf.writeUInt32LE(0, e.offset);
    expect(errorOf(() => zip.stored(e)).message).toBe('damaged: xl/中文.txt');
  });

  it('reads archives jszip writes (deflated and stored, with data descriptors)', async () => {
    for (const streamFiles of [false, true]) {
      const js = new JSZip();
      for (const e of SAMPLE)
        js.file(e.name, e.data, { compression: e.compress === false ? 'STORE' : 'DEFLATE' });
      const buf = await js.generateAsync({ type: 'nodebuffer', streamFiles });
      const zip = openZip(buf);
      for (const e of SAMPLE) expect(zip.readText(e.name)).toBe(e.data);
    }
  });

  it('reports a missing part as damaged, by name', () => {
    const e = errorOf(() => openZip(writeZip(SAMPLE)).read('xl/worksheets/sheet9.xml'));
    expect(e.message).toBe('damaged: xl/worksheets/sheet9.xml');
  });

  it('reports a wrong CRC as damaged and gives no data', () => {
    const buf = writeZip([{ name: 'a.xml', data: '<v>5.1</v>', compress: false }]);
    const at = buf.indexOf('5.1');
    buf[at] = '9'.charCodeAt(0);
    const e = errorOf(() => openZip(buf).read('a.xml'));
    expect(e.kind).toBe('damaged');
    expect(e.message).toBe('damaged: a.xml');
  });

  it('reports a corrupt deflate stream as damaged', () => {
    const buf = writeZip([{ name: 'a.xml', data: 'x'.repeat(1000) + 'abc'.repeat(300) }]);
    const start = 30 + 'a.xml'.length;
    for (let i = start + 2; i < start + 12; i++) buf[i] ^= 0xff;
    expect(errorOf(() => openZip(buf).read('a.xml')).message).toBe('damaged: a.xml');
  });

  it('refuses every cut of an archive with a clear reason, never hangs', () => {
    const buf = writeZip(SAMPLE);
    for (let n = 0; n <= 200; n++) {
      const e = errorOf(() => {
        const zip = openZip(buf.subarray(0, n));
        for (const x of zip.entries) zip.read(x.name);
      });
      expect(e.message).toMatch(/^damaged: /);
    }
  });

  it('refuses a part over the size limit before inflating it', () => {
    const zip = openZip(writeZip(SAMPLE), { maxEntrySize: 1000 });
    expect(errorOf(() => zip.read('xl/worksheets/sheet1.xml')).message).toBe(
      'too large: xl/worksheets/sheet1.xml',
    );
    expect(zip.readText('[Content_Types].xml')).toBe(SAMPLE[0].data);
  });

  it('refuses a zip bomb by its ratio, and one that lies about its size while inflating', () => {
    // 64 MB of zeros deflates to about 64 KB: a ratio of about 1000.
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const bomb = writeZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros }]);
    const zip = openZip(bomb, { maxRatio: 100 });
    const before = process.memoryUsage().arrayBuffers;
    expect(errorOf(() => zip.read('xl/worksheets/sheet1.xml')).message).toBe(
      'too large: xl/worksheets/sheet1.xml',
    );
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);

    // The same stream declared as 1,000 bytes in both headers: zlib stops at 1,000 bytes.
    const small = Buffer.from(bomb);
    small.writeUInt32LE(1000, 22); // local header
    const cd = small.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    small.writeUInt32LE(1000, cd + 24);
    expect(errorOf(() => openZip(small).read('xl/worksheets/sheet1.xml')).message).toBe(
      'damaged: xl/worksheets/sheet1.xml',
    );
  });

  it('caps the total read from one archive', () => {
    const zip = openZip(writeZip(SAMPLE), { maxTotalRead: 25_000 });
    zip.read('xl/worksheets/sheet1.xml');
    expect(errorOf(() => zip.read('xl/worksheets/sheet1.xml')).kind).toBe('too large');
  });

  it('reads ZIP64 archives: the counts of the ZIP64 end record, the 64-bit fields of each entry', () => {
    const z64 = toZip64(writeZip(SAMPLE));
    const zip = openZip(z64);
    expect(zip.entries.map((e) => e.name)).toEqual(SAMPLE.map((e) => e.name));
    for (const e of SAMPLE) expect(zip.readText(e.name)).toBe(e.data);
    // and their CRCs are verified all the same
    const bad = Buffer.from(z64);
    bad.writeUInt32LE(0x12345678, bad.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 16);
    expect(errorOf(() => openZip(bad).read(SAMPLE[0].name)).message).toBe(`damaged: ${SAMPLE[0].name}`);
  });

  it('names a ZIP64 directory that is not there as damaged', () => {
    const buf = writeZip(SAMPLE);
    const eocd = buf.length - 22;
    // a locator that points at no ZIP64 end record
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    const z64 = Buffer.concat([buf.subarray(0, eocd), locator, buf.subarray(eocd)]);
    expect(errorOf(() => openZip(z64)).message).toBe('damaged: zip directory');
    // ZIP64 values in the end record without the ZIP64 end record
    const ff = Buffer.from(buf);
    ff.writeUInt32LE(0xffffffff, eocd + 16);
    expect(errorOf(() => openZip(ff)).message).toBe('damaged: zip directory');
    // an entry that says its sizes are in a ZIP64 field it does not have
    const noField = Buffer.from(buf);
    noField.writeUInt32LE(0xffffffff, noField.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    expect(errorOf(() => openZip(noField)).message).toBe('damaged: zip directory');
  });

  it('refuses other compression methods and encrypted parts', () => {
    const buf = writeZip([{ name: 'a', data: 'hello' }]);
    const cd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const m = Buffer.from(buf);
    m.writeUInt16LE(12, cd + 10);
    expect(errorOf(() => openZip(m).read('a')).kind).toBe('unsupported');
    const enc = Buffer.from(buf);
    enc.writeUInt16LE(enc.readUInt16LE(cd + 8) | 1, cd + 8);
    expect(errorOf(() => openZip(enc)).kind).toBe('unsupported');
  });
});
