/**
 * Every file the command line writes goes through here: the bytes go to a temporary file in the
 * same folder, are flushed to disk, and only then take the final name in one rename. A failed
 * write (a full disk, no permission, a crash half way) leaves whatever had the name untouched,
 * and removes its temporary file.
 */
import * as fs from 'fs';
import { randomBytes } from 'crypto';
import { basename, dirname, join } from 'path';

/** The file-system calls a write makes; tests inject failing ones (a full disk, say). */
export interface WriteOps {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, data: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  linkSync(existing: string, path: string): void;
  unlinkSync(path: string): void;
  statSync(path: string): { mode: number };
}

export interface AtomicWriteOptions {
  /** Replace an existing file (default: refuse, and never replace one created meanwhile). */
  readonly overwrite?: boolean;
  /** The language of the error message. */
  readonly lang?: 'zh' | 'en';
  /** Replaces some file-system calls (tests). */
  readonly ops?: Partial<WriteOps>;
}

/** A write that did not happen; `message` is in the language asked for and names the file. */
export class WriteError extends Error {
  constructor(
    message: string,
    /** `exists`: the file is there and overwriting was not asked for. */
    readonly reason: 'exists' | 'failed',
    readonly code?: string,
  ) {
    super(message);
  }
}

const WHY: Record<string, { zh: string; en: string }> = {
  ENOSPC: { zh: '磁盘已满', en: 'the disk is full' },
  EDQUOT: { zh: '超出磁盘配额', en: 'the disk quota is exceeded' },
  EACCES: { zh: '没有写入权限', en: 'permission denied' },
  EPERM: { zh: '没有写入权限', en: 'permission denied' },
  EROFS: { zh: '磁盘是只读的', en: 'the disk is read-only' },
  ENOENT: { zh: '文件夹不存在', en: 'the folder does not exist' },
  ENOTDIR: { zh: '路径中有一段不是文件夹', en: 'part of the path is not a folder' },
  EISDIR: { zh: '同名的是一个文件夹', en: 'a folder has that name' },
  EIO: { zh: '磁盘读写错误', en: 'an input/output error' },
};

function failure(path: string, e: unknown, lang: 'zh' | 'en'): WriteError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why =
    (code && WHY[code]?.[lang]) ??
    (code ||
      String((e as Error)?.message ?? e).split('\n')[0] ||
      (lang === 'zh' ? '未知错误' : 'unknown error'));
  return new WriteError(
    lang === 'zh'
      ? `无法写入 ${path}：${why}；原有文件（如有）未被改动`
      : `cannot write ${path}: ${why}; any existing file was left untouched`,
    'failed',
    code,
  );
}

function exists(path: string, lang: 'zh' | 'en'): WriteError {
  return new WriteError(
    lang === 'zh'
      ? `${path} 已存在，未覆盖（加 --force 可覆盖）`
      : `${path} exists; not overwritten (use --force)`,
    'exists',
    'EEXIST',
  );
}

/** A new temporary name for a write of `path`: hidden (leading dot), beside it. */
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Removes the temporary files that writes of `paths` left behind when the thread or process
 * doing them was ended half way (a worker stopped, an interrupted run); only names this module
 * makes (`.<name>.<12 hex digits>.tmp`) beside each path, as far as it can (it never throws).
 * Call it once nothing writes them.
 */
export function removeLeftoverTemps(paths: readonly string[]): void {
  const byFolder = new Map<string, Set<string>>();
  for (const p of paths) {
    const names = byFolder.get(dirname(p)) ?? new Set<string>();
    byFolder.set(dirname(p), names.add(basename(p)));
  }
  for (const [folder, names] of byFolder) {
    let entries: string[];
    try {
      entries = fs.readdirSync(folder);
    } catch {
      continue; // never made
    }
    for (const entry of entries) {
      const m = /^\.(.+)\.[0-9a-f]{12}\.tmp$/.exec(entry);
      if (!m || !names.has(m[1])) continue;
      try {
        fs.rmSync(join(folder, entry), { force: true });
      } catch {
        /* best effort: one that cannot be removed stays (hidden), the others go */
      }
    }
  }
}

/** Writes `data` to `path` atomically; throws WriteError (the original untouched) when it cannot. */
export function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {},
): void {
  const lang = options.lang ?? 'zh';
  const ops: WriteOps = { ...(fs as unknown as WriteOps), ...options.ops };
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let mode = 0o666; // less the umask, as for any new file
  try {
    mode = ops.statSync(path).mode & 0o777; // a replaced file keeps its permissions
    if (!options.overwrite) throw exists(path, lang);
  } catch (e) {
    if (e instanceof WriteError) throw e;
  }
  // hidden (leading dot): a folder check running meanwhile never picks it up
  const temp = tempName(path);
  let fd: number | undefined;
  try {
    fd = ops.openSync(temp, 'wx', mode);
    for (let off = 0; off < bytes.length;) off += ops.writeSync(fd, bytes, off, bytes.length - off);
    ops.fsyncSync(fd);
    ops.closeSync(fd);
    fd = undefined;
    if (options.overwrite) ops.renameSync(temp, path);
    else {
      // a link never replaces a file that appeared since the check above
      try {
        ops.linkSync(temp, path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw exists(path, lang);
        // file systems without hard links (FAT, some shares): the check above has to do
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
        ops.renameSync(temp, path);
      }
    }
  } catch (e) {
    if (fd !== undefined) {
      try {
        ops.closeSync(fd);
      } catch {
        /* already failing: the write's own error is the one to report */
      }
    }
    try {
      ops.unlinkSync(temp);
    } catch {
      /* never created, or already renamed */
    }
    throw e instanceof WriteError ? e : failure(path, e, lang);
  }
  try {
    ops.unlinkSync(temp); // after a link: the temporary name goes, the file stays
  } catch {
    /* renamed: nothing left to remove */
  }
}
