/**
 * How a worker thread starts (pool.ts starts every built worker through this file): it loads
 * its script (`workerData.entry`, e.g. `worker.js`) from the one-file bundle that the build
 * writes beside it (`worker.bundle.js`, scripts/bundle-workers.js), with V8's code cache
 * (`worker.bundle.cache`), so that a new worker neither looks up ~60 modules nor compiles the
 * functions a check runs. When the bundle or its cache is missing, not from these very modules
 * (a module rebuilt since, by `tsc` alone), or refused by V8 (another Node version or other
 * flags), the worker loads its script as separate modules, as it would without this file: the
 * bundle only ever saves time.
 */
import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import { Script } from 'vm';
import { MessagePort, workerData } from 'worker_threads';
import { crc32 } from 'zlib';
import { detachOnce, useV8Flags } from './flags';

/** The first line of a bundle: `//bundle ` and this, as JSON. */
export interface BundleManifest {
  /** The modules bundled: each one's path (relative to dist/), size and modification time (ms). */
  readonly modules: ReadonlyArray<readonly [string, number, number]>;
}

export const MANIFEST_PREFIX = '//bundle ';

/** dist/ (this file is dist/cli/boot.js). */
const DIST = join(__dirname, '..');

/** The bundle and code cache files of a built script (`cli/worker.js` → `cli/worker.bundle.js`, `.bundle.cache`). */
export function bundleFiles(script: string): { bundle: string; cache: string } {
  const base = script.replace(/\.js$/, '');
  return { bundle: `${base}.bundle.js`, cache: `${base}.bundle.cache` };
}

/**
 * The code cache's header: the CRC-32 and length of the bundle it was made from (V8 itself only
 * compares the source's length). Then V8's data.
 */
export function cacheHeader(source: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32LE(crc32(source) >>> 0, 0);
  h.writeUInt32LE(source.length, 4);
  return h;
}

/** The bundled modules are the ones in dist/ now: same sizes, same times. */
function current(manifest: BundleManifest, dist: string): boolean {
  for (const [path, size, mtime] of manifest.modules) {
    const s = statSync(join(dist, path), { throwIfNoEntry: false });
    // a copy keeps times to the millisecond at best
    if (!s || s.size !== size || Math.abs(s.mtimeMs - mtime) >= 1) return false;
  }
  return true;
}

/** A bundle, compiled: `run()` loads its entry (as `require(script)` would). */
export interface Loaded {
  readonly script: Script;
  /** V8 took the code cache. */
  readonly cached: boolean;
  run(): void;
}

/**
 * The bundle of `script` (an absolute path of a built module), compiled with its code cache;
 * undefined when there is none that is current.
 */
export function loadBundle(script: string, dist = DIST): Loaded | undefined {
  const { bundle, cache } = bundleFiles(script);
  let source: Buffer;
  try {
    source = readFileSync(bundle);
  } catch {
    return undefined;
  }
  const eol = source.indexOf(0x0a);
  const first = source.toString('utf8', 0, eol < 0 ? 0 : eol);
  if (!first.startsWith(MANIFEST_PREFIX)) return undefined;
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(first.slice(MANIFEST_PREFIX.length)) as BundleManifest;
  } catch {
    return undefined;
  }
  if (!Array.isArray(manifest.modules) || !current(manifest, dist)) return undefined;
  let cachedData: Buffer | undefined;
  try {
    const data = readFileSync(cache);
    if (data.subarray(0, 8).equals(cacheHeader(source))) cachedData = data.subarray(8);
  } catch {
    /* no cache: compiled from the source */
  }
  const compiled = new Script(source.toString('utf8'), { filename: bundle, cachedData });
  return {
    script: compiled,
    cached: cachedData !== undefined && !compiled.cachedDataRejected,
    run: () => {
      const start = compiled.runInThisContext() as (req: NodeRequire, dist: string) => void;
      start(require, dist);
    },
  };
}

/** What pool.ts (and the build's cache maker) give a worker started through this file. */
interface BootData {
  readonly entry?: string;
  /** The build only: asked on this port, the worker answers with its code cache. */
  readonly cacheTo?: MessagePort;
}

const data = (workerData ?? {}) as BootData;
if (typeof data.entry === 'string') {
  const entry = data.entry;
  // this worker's own start-up is over: the flags now (flags.ts), before the bundle is compiled,
  // and the one detached ArrayBuffer that V8 would otherwise meet with compiled code
  useV8Flags();
  detachOnce();
  const loaded = loadBundle(entry);
  if (loaded) loaded.run();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  else require(entry);
  const port = data.cacheTo;
  if (port && loaded)
    port.once('message', () => {
      port.postMessage(loaded.script.createCachedData());
      port.close();
    });
}
