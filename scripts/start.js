#!/usr/bin/env node
/*
 * npm start
 * - Windows and macOS: trusts Office's localhost certificate, serves the add-in over https and
 *   sideloads manifest.xml into desktop Excel (Microsoft's office-addin-* tools, fetched by npx).
 * - Anywhere else (Linux, CI): serves the add-in and the playground on http://localhost:3000.
 */
const { spawn, spawnSync } = require('child_process');

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
  console.log(
    `\nZiping: no desktop Excel on this system.\n  playground: http://localhost:${port}/playground.html\n  task pane:  http://localhost:${port}/taskpane.html (inside Excel only)\n`,
  );
  const server = spawn(npx, ['webpack', 'serve', '--mode', 'development'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: port },
  });
  server.on('exit', (code) => process.exit(code ?? 0));
}
