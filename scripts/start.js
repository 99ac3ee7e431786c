#!/usr/bin/env node
/*
 * npm start: serves the add-in on https://localhost:3000 (what manifest.xml points at) on every
 * platform, with a local development certificate.
 * - Windows and macOS: Microsoft's office-addin-dev-certs makes and trusts the certificate, and
 *   office-addin-debugging sideloads manifest.xml into desktop Excel (both fetched by npx).
 * - Elsewhere (Linux): ./devCerts.js makes the certificate with openssl if there is none; the
 *   server then serves the task pane for Excel on the web, and the playground.
 */
const { spawn, spawnSync } = require('child_process');
const path = require('path');
const { ensureDevCerts } = require('./devCerts');

const port = process.env.PORT || '3000';
const desktop = process.platform === 'win32' || process.platform === 'darwin';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

if (desktop) {
  const certs = spawnSync(npx, ['--yes', 'office-addin-dev-certs', 'install'], { stdio: 'inherit' });
  if (certs.status !== 0) process.exit(certs.status ?? 1);
  const r = spawnSync(
    npx,
    ['--yes', 'office-addin-debugging', 'start', 'manifest.xml', 'desktop', '--app', 'excel'],
    {
      stdio: 'inherit',
      env: { ...process.env, ZIPING_HTTPS: '1' },
    },
  );
  process.exit(r.status ?? 0);
} else {
  let certs;
  try {
    certs = ensureDevCerts();
  } catch (e) {
    console.error(`\nZiping: ${e.message}\n`);
    process.exit(1);
  }
  console.log(
    [
      '',
      `Ziping: serving https://localhost:${port} with the development certificate in ${certs.dir}` +
        (certs.created ? ' (made now)' : ''),
      `  playground: https://localhost:${port}/playground.html`,
      `  task pane:  https://localhost:${port}/taskpane.html (inside Excel only)`,
      `Excel on the web needs your browser to trust ${certs.ca} once (README: "Excel on the web").`,
      '',
    ].join('\n'),
  );
  const cli = require.resolve('webpack-cli/bin/cli.js');
  const server = spawn(process.execPath, [cli, 'serve', '--mode', 'development'], {
    stdio: 'inherit',
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, PORT: port, ZIPING_HTTPS: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}
