/**
 * `npm start` on Linux serves https://localhost:<port> (what manifest.xml points at) with a local
 * development certificate that a browser trusting its CA accepts for localhost: the README's
 * path to Excel on the web. Starts the real script (webpack-dev-server compiles the add-in in
 * memory, so this takes a while on a busy machine) with its certificates in a temporary folder.
 */
import { ChildProcess, spawn } from 'child_process';
import { X509Certificate } from 'crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { get as httpGet } from 'http';
import { get as httpsGet } from 'https';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { describeWith, OPENSSL, requireProgram } from '../fixtures/programs';

const ROOT = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const devCerts = require(join(ROOT, 'scripts', 'devCerts.js')) as {
  ensureDevCerts(dir: string): { dir: string; ca: string; cert: string; key: string; created: boolean };
};

const tls = describeWith(OPENSSL, 'the https dev server');
const onLinux = process.platform === 'linux' ? tls.describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function fetchHttps(port: number, path: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsGet({ host: 'localhost', port, path, ca, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

onLinux('npm start on Linux', () => {
  let dir: string;
  let server: ChildProcess | undefined;
  let output = '';

  beforeAll(() => {
    requireProgram(OPENSSL, tls.path);
    dir = mkdtempSync(join(tmpdir(), 'ziping-certs-'));
  });

  afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      process.kill(-server.pid, 'SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the development certificate: a CA of its own, localhost signed by it, the key private', () => {
    const certs = devCerts.ensureDevCerts(join(dir, 'certs'));
    expect(certs.created).toBe(true);
    const ca = new X509Certificate(readFileSync(certs.ca));
    const leaf = new X509Certificate(readFileSync(certs.cert));
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkHost('example.com')).toBeUndefined();
    expect(statSync(certs.key).mode & 0o077).toBe(0);
    // made once: a second start keeps the certificate the browser already trusts
    expect(devCerts.ensureDevCerts(join(dir, 'certs')).created).toBe(false);
    expect(new X509Certificate(readFileSync(certs.cert)).fingerprint256).toBe(leaf.fingerprint256);
  });

  test('serves the task pane and the manifest over https, and nothing over plain http', async () => {
    const port = await freePort();
    const certDir = join(dir, 'served');
    server = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js')], {
      cwd: ROOT,
      detached: true,
      env: { ...process.env, PORT: String(port), ZIPING_CERT_DIR: certDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (c) => (output += String(c)));
    server.stderr!.on('data', (c) => (output += String(c)));
    const deadline = Date.now() + 240_000;
    let page: { status: number; body: string } | undefined;
    while (Date.now() < deadline && server.exitCode === null) {
      try {
        page = await fetchHttps(port, '/taskpane.html', readFileSync(join(certDir, 'ca.crt')));
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    if (!page) throw new Error(`the dev server did not answer https:\n${output.slice(-2000)}`);
    expect(output).toContain(`https://localhost:${port}/playground.html`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<script[^>]+taskpane\.js/);
    const manifest = await fetchHttps(port, '/manifest.xml', readFileSync(join(certDir, 'ca.crt')));
    expect(manifest.status).toBe(200);
    expect(manifest.body).toContain(`https://localhost:3000/taskpane.html`);
    // plain http on the same port gets no page
    const plain = await new Promise<number | string>((resolve) => {
      const req = httpGet({ host: 'localhost', port, path: '/taskpane.html', timeout: 5000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve(e.message));
    });
    expect(plain).not.toBe(200);
  }, 300_000);
});
