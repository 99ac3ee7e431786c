/**
 * Where a zip's end-of-central-directory record is: pure (no Node API), so that the playground in
 * the browser and the command line's reader (zip.ts) tell a cut or damaged zip apart alike.
 */
const SIG_EOCD = 0x06054b50;

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

/** The offset of the end record, or -1: a zip cut short or damaged at its end has none. */
export function findEndOfCentralDirectory(buf: Uint8Array): number {
  // the end record is 22 bytes plus a comment of at most 65535 bytes
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf[i] === 0x50 && u32(buf, i) === SIG_EOCD) {
      // the comment must end exactly at the end of the file
      if (i + 22 + u16(buf, i + 20) === buf.length) return i;
    }
  }
  return -1;
}

/** The reason the command line gives for a zip without its end record (zip.ts's ZipError). */
export const NO_ZIP_END = 'damaged: zip directory (no end of central directory)';
