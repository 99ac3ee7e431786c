/**
 * How the command line's workers start (src/cli/boot.ts, scripts/bundle-workers.js): each built
 * worker as one bundle with V8's code cache, used only while it is current, and answering
 * exactly as the worker loaded module by module. Needs the built CLI (`npm run build:cli`).
 */
import { execFileSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MessageChannel, Worker } from 'worker_threads';
import { bundleFiles, loadBundle } from '../../src/cli/boot';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const WORKER = join(DIST, 'cli', 'worker.js');
const REVIEW_WORKER = join(DIST, 'cli', 'review', 'worker.js');
const BOOT = join(DIST, 'cli', 'boot.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ziping-boot-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of dist/ with its files' times, so that one module can be changed. */
function copyOfDist(): { dist: string; worker: string } {
  const dist = join(dir, 'dist');
  cpSync(DIST, dist, { recursive: true, preserveTimestamps: true });
  // the bundled package (decimal.js) is looked at where dist/ sees it: ../node_modules
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return { dist, worker: join(dist, 'cli', 'worker.js') };
}

/** Runs `script` as pool.ts would (through `file`), on `paths`; the JSON text of each answer. */
function answers(file: string, entry: string | undefined, paths: readonly string[]): Promise<string[]> {
  return new Promise((done, fail) => {
    const { port1, port2 } = new MessageChannel();
    const state = new Int32Array(new SharedArrayBuffer(3 * 4));
    const worker = new Worker(file, {
      workerData: { port: port2, state, epoch: Date.now(), entry },
      transferList: [port2],
    });
    const out: string[] = [];
    port1.on('message', (replies: Array<{ id: number; result: { json: Uint8Array } }>) => {
      for (const r of replies) out[r.id] = Buffer.from(r.result.json).toString('utf8');
      if (out.filter((x) => x !== undefined).length === paths.length) {
        port1.close();
        void worker.terminate().then(() => done(out));
      }
    });
    worker.on('error', fail);
    paths.forEach((path, id) => worker.postMessage({ id, lang: 'zh', task: { path } }));
  });
}

describe('the built workers', () => {
  test.each([WORKER, REVIEW_WORKER])(
    '%s has a current bundle whose code cache V8 takes under the CLI flags',
    (script) => {
      // the workers' flags (flags.ts) are not jest's: asked of a node process that sets them
      const code =
        "require('./dist/cli/flags.js').useV8Flags();" +
        `const l=require('./dist/cli/boot.js').loadBundle(${JSON.stringify(script)});` +
        "process.stdout.write(l?(l.cached?'cached':'compiled'):'none')";
      expect(execFileSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' })).toBe('cached');
    },
  );

  test("without the workers' flags the cache is refused and the bundle is compiled from its text", () => {
    // a process of its own: a worker started through boot.js in this one sets the flags for it
    const code =
      `const l=require('./dist/cli/boot.js').loadBundle(${JSON.stringify(WORKER)});` +
      "process.stdout.write(l?(l.cached?'cached':'compiled'):'none')";
    expect(execFileSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' })).toBe('compiled');
  });

  test('a worker started through boot.js sets the flags as its own start-up ends, and takes the cache', () => {
    // the flags are the process's: a worker that set them leaves them set for the main thread
    const code =
      "const {Worker}=require('worker_threads');" +
      `const w=new Worker('./dist/cli/boot.js',{workerData:{entry:${JSON.stringify(WORKER)}}});` +
      "w.once('message',()=>{" +
      `const l=require('./dist/cli/boot.js').loadBundle(${JSON.stringify(WORKER)});` +
      "process.stdout.write(l?(l.cached?'cached':'compiled'):'none');w.terminate()});" +
      "w.postMessage({id:0,lang:'zh',task:{path:'examples/putuo-2021.xlsx'}})";
    expect(execFileSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' })).toBe('cached');
  });

  test('a worker started through boot.js answers byte for byte as the worker loaded module by module', async () => {
    const paths = [
      join(ROOT, 'examples', 'putuo-2021.xlsx'),
      join(ROOT, 'examples', 'national-example.xlsx'),
      join(dir, 'missing.xlsx'),
    ];
    writeFileSync(join(dir, 'not-a-workbook.xlsx'), 'hello');
    paths.push(join(dir, 'not-a-workbook.xlsx'));
    const viaBoot = await answers(BOOT, WORKER, paths);
    const plain = await answers(WORKER, undefined, paths);
    expect(viaBoot).toEqual(plain);
    expect(viaBoot[0]).toContain('"title":"2021年度财政项目绩效自我评价"');
  });
});

describe('a bundle is used only while it is current', () => {
  test('a copy of dist/ with its times keeps its bundle', () => {
    const { dist, worker } = copyOfDist();
    expect(loadBundle(worker, dist)).toBeDefined();
  });

  test('a module rebuilt since (tsc alone) makes the worker load its modules', () => {
    const { dist, worker } = copyOfDist();
    const report = join(dist, 'engine', 'report.js');
    const later = new Date(Date.now() + 5000);
    utimesSync(report, later, later);
    expect(loadBundle(worker, dist)).toBeUndefined();
  });

  test('a module of another size makes the worker load its modules', () => {
    const { dist, worker } = copyOfDist();
    const grid = join(dist, 'engine', 'grid.js');
    const before = readFileSync(grid);
    const stat = { atime: new Date(), mtime: new Date() };
    writeFileSync(grid, Buffer.concat([before, Buffer.from('\n')]));
    utimesSync(grid, stat.atime, stat.mtime);
    expect(loadBundle(worker, dist)).toBeUndefined();
  });

  test('a cache made from another bundle is not given to V8', () => {
    const { dist, worker } = copyOfDist();
    const { cache } = bundleFiles(worker);
    const data = readFileSync(cache);
    data[0] ^= 0xff; // the header's CRC-32 of the bundle
    writeFileSync(cache, data);
    const loaded = loadBundle(worker, dist);
    expect(loaded).toBeDefined();
    expect(loaded?.cached).toBe(false);
  });

  test('a bundle without its manifest line, or none at all, is not used', () => {
    const { dist, worker } = copyOfDist();
    const { bundle } = bundleFiles(worker);
    const text = readFileSync(bundle, 'utf8');
    writeFileSync(bundle, text.slice(text.indexOf('\n') + 1));
    expect(loadBundle(worker, dist)).toBeUndefined();
    rmSync(bundle);
    expect(loadBundle(worker, dist)).toBeUndefined();
  });
});
