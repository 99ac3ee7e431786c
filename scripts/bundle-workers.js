#!/usr/bin/env node
/**
 * After `tsc` (npm run build:cli, and npm ci's prepare): each worker script of the command line
 * (dist/cli/worker.js, dist/cli/review/worker.js) as one file, `worker.bundle.js`, with V8's
 * code cache for it, `worker.bundle.cache`, made by running the worker on the examples. A worker
 * started through dist/cli/boot.js then loads one file and compiles almost nothing; boot.js
 * uses them only while they match the modules in dist/ and V8 takes the cache (see boot.ts).
 *
 * The bundle holds the worker's own modules (relative `require`s of dist/) and decimal.js; Node's
 * built-ins and the other packages (SheetJS, exceljs, loaded only when needed) are required as
 * usual. Each module runs as under Node: its own `exports`, `module`, `__filename`, `__dirname`,
 * loaded when first required, once.
 */
'use strict';
const { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('fs');
const { tmpdir } = require('os');
const { dirname, join, relative, resolve, sep } = require('path');
const { MessageChannel, Worker } = require('worker_threads');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const ENTRIES = ['cli/worker.js', 'cli/review/worker.js'];
/** Packages bundled with the worker (small, plain CommonJS, needed by every check). */
const BUNDLED_PACKAGES = new Set(['decimal.js']);

const REQUIRE = /\brequire\(\s*(["'])([^"'\n]+)\1\s*\)/g;
const ANY_REQUIRE = /\brequire\(/g;

/** The module graph of `entry` (an absolute path), entry first. */
function collect(entry) {
  const modules = new Map(); // absolute path -> { source, deps: { spec: absolute path } }
  const visit = (file) => {
    if (modules.has(file)) return;
    const source = readFileSync(file, 'utf8')
      .replace(/^#!.*\n/, '')
      .replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
    const mod = { source, deps: {} };
    modules.set(file, mod);
    const literal = [...source.matchAll(REQUIRE)];
    const all = source.match(ANY_REQUIRE) ?? [];
    if (all.length !== literal.length && !file.includes(`${sep}node_modules${sep}`))
      throw new Error(`${relative(ROOT, file)}: a require() of something other than a string literal`);
    for (const [, , spec] of literal) {
      let target;
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec);
        target = [base, `${base}.js`, join(base, 'index.js')].find((f) => {
          try {
            return statSync(f).isFile();
          } catch {
            return false;
          }
        });
        if (!target) throw new Error(`${relative(ROOT, file)}: cannot find ${spec}`);
      } else if (BUNDLED_PACKAGES.has(spec)) {
        // as dist/ sees it (../node_modules), not where a linked node_modules really is
        const real = require.resolve(spec, { paths: [dirname(file)] });
        const at = real.lastIndexOf(`${sep}node_modules${sep}`);
        target = join(ROOT, 'node_modules', real.slice(at + '/node_modules/'.length));
      } else continue; // a built-in or another package: Node's own require
      mod.deps[spec] = target;
      visit(target);
    }
  };
  visit(entry);
  return modules;
}

/** dist/cli/boot.js: where a bundle is looked for and how it is read (its files, manifest, cache header). */
const boot = () => require(join(DIST, 'cli', 'boot.js'));

/** The bundle's text: a manifest line, then one function that loads the entry. */
function bundle(entry) {
  const modules = collect(entry);
  const rel = (f) => relative(DIST, f).split(sep).join('/');
  const manifest = {
    modules: [...modules.keys()].map((f) => {
      const s = statSync(f);
      return [rel(f), s.size, s.mtimeMs];
    }),
  };
  let out = `${boot().MANIFEST_PREFIX}${JSON.stringify(manifest)}\n`;
  out += '(function (__bundleRequire, __bundleDist) {\n';
  out += "const __bundlePath = __bundleRequire('path');\nconst __bundleDefs = {\n";
  for (const [file, { source, deps }] of modules) {
    const depsRel = Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, rel(v)]));
    out += `${JSON.stringify(rel(file))}: [${JSON.stringify(depsRel)}, function (exports, require, module, __filename, __dirname) {\n${source}\n}],\n`;
  }
  out += `};
const __bundleLoaded = new Map();
function __bundleLoad(id) {
  const known = __bundleLoaded.get(id);
  if (known) return known.exports;
  const [deps, body] = __bundleDefs[id];
  const filename = __bundlePath.join(__bundleDist, id);
  const module = { exports: {}, filename, id: filename, loaded: false };
  __bundleLoaded.set(id, module);
  const req = (spec) =>
    Object.prototype.hasOwnProperty.call(deps, spec) ? __bundleLoad(deps[spec]) : __bundleRequire(spec);
  req.resolve = (spec) => __bundleRequire.resolve(spec);
  body.call(module.exports, module.exports, req, module, filename, __bundlePath.dirname(filename));
  module.loaded = true;
  return module.exports;
}
__bundleLoad(${JSON.stringify(rel(entry))});
})\n`;
  return out;
}

/** Writes a file whole or not at all. */
function writeAtomic(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** The examples' workbooks: what the worker runs before its code cache is taken. */
function examples() {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.xlsx$/.test(e.name) && !e.name.startsWith('~$')) out.push(p);
    }
  };
  walk(join(ROOT, 'examples'));
  return out.sort();
}

/** Runs the worker (through boot.js, as pool.ts starts it) on the examples, then takes its code cache. */
function makeCache(entry, tasks) {
  return new Promise((done, fail) => {
    const answers = new MessageChannel();
    const cache = new MessageChannel();
    const state = new Int32Array(new SharedArrayBuffer(3 * 4));
    const worker = new Worker(join(DIST, 'cli', 'boot.js'), {
      workerData: { entry, port: answers.port2, state, epoch: Date.now(), cacheTo: cache.port2 },
      transferList: [answers.port2, cache.port2],
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let left = tasks.length;
    const take = () => cache.port1.postMessage('cache');
    answers.port1.on('message', (replies) => {
      left -= replies.length;
      if (left === 0) take();
    });
    cache.port1.once('message', (data) => {
      answers.port1.close();
      cache.port1.close();
      void worker.terminate();
      done(Buffer.from(data));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the worker ended (${code}) before its cache was taken`)));
    tasks.forEach((task, id) => worker.postMessage({ id, lang: id % 2 ? 'en' : 'zh', task }));
    if (tasks.length === 0) take();
  });
}

async function main() {
  // the workers' V8 flags (dist/cli/flags.js): each worker sets them before it compiles its
  // bundle, so the cache is made under them; set here too, for the check that V8 takes it
  require(join(DIST, 'cli', 'flags.js')).useV8Flags();
  const { bundleFiles, cacheHeader, loadBundle } = boot();
  const files = examples();
  const out = mkdtempSync(join(tmpdir(), 'ziping-bundle-'));
  try {
    for (const entry of ENTRIES) {
      const script = join(DIST, entry);
      const written = bundleFiles(script);
      const text = bundle(script);
      writeAtomic(written.bundle, text);
      rmSync(written.cache, { force: true });
      const tasks = entry.includes('review')
        ? files.map((path, i) => ({ path, rel: `${i}.xlsx`, target: join(out, `${i}.xlsx`) }))
        : files.map((path) => ({ path }));
      const data = await makeCache(script, tasks);
      writeAtomic(written.cache, Buffer.concat([cacheHeader(Buffer.from(text, 'utf8')), data]));
      const loaded = loadBundle(script);
      if (!loaded || !loaded.cached) throw new Error(`${entry}: the bundle or its code cache is not taken`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bundle-workers: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
