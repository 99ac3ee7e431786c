/*
 * The local development certificate that `npm start` serves https://localhost:3000 with.
 *
 * It lives where Microsoft's office-addin-dev-certs puts its own (~/.office-addin-dev-certs:
 * ca.crt, localhost.crt, localhost.key), so one webpack configuration serves both. On Windows
 * and macOS, `npm start` runs office-addin-dev-certs, which also makes the system trust it.
 * Elsewhere (Linux), when the files are not there, this makes them with `openssl`: a
 * development CA that only this machine has, and a certificate for localhost and 127.0.0.1
 * signed by it; the person then trusts ca.crt once in the browser that opens Excel on the web
 * (the README gives the commands). ZIPING_CERT_DIR puts them elsewhere (the tests do).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

function certDir() {
  return process.env.ZIPING_CERT_DIR || path.join(os.homedir(), '.office-addin-dev-certs');
}

function files(dir = certDir()) {
  return {
    dir,
    ca: path.join(dir, 'ca.crt'),
    cert: path.join(dir, 'localhost.crt'),
    key: path.join(dir, 'localhost.key'),
  };
}

/** True when the certificate is there and valid for at least another day. */
function usable(f) {
  if (![f.ca, f.cert, f.key].every((p) => fs.existsSync(p))) return false;
  try {
    const cert = new (require('crypto').X509Certificate)(fs.readFileSync(f.cert));
    return (
      Date.parse(cert.validTo) > Date.now() + 24 * 3600 * 1000 && cert.checkHost('localhost') !== undefined
    );
  } catch {
    return false;
  }
}

function openssl(args, cwd) {
  const r = spawnSync(process.env.OPENSSL_PATH || 'openssl', args, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.error) throw new Error(`openssl is needed to make the development certificate (${r.error.message})`);
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr.trim()}`);
}

/**
 * Makes the CA and the localhost certificate unless usable ones are there; returns the paths.
 * The private keys are readable by their owner only.
 */
function ensureDevCerts(dir = certDir()) {
  const f = files(dir);
  if (usable(f)) return { ...f, created: false };
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = fs.mkdtempSync(path.join(dir, '.new-'));
  try {
    const ext = path.join(tmp, 'localhost.ext');
    fs.writeFileSync(
      ext,
      [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
        '',
      ].join('\n'),
    );
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        '825',
        '-subj',
        '/CN=Ziping local development CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE,pathlen:0',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
      ],
      tmp,
    );
    openssl(
      [
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-subj',
        '/CN=localhost',
        '-keyout',
        'localhost.key',
        '-out',
        'localhost.csr',
      ],
      tmp,
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'localhost.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        '397',
        '-sha256',
        '-extfile',
        'localhost.ext',
        '-out',
        'localhost.crt',
      ],
      tmp,
    );
    // the CA's key is not needed again: without it, nothing else can ever be signed by this CA
    for (const name of ['localhost.key', 'localhost.crt', 'ca.crt']) {
      fs.chmodSync(path.join(tmp, name), name.endsWith('.key') ? 0o600 : 0o644);
      fs.renameSync(path.join(tmp, name), path.join(dir, name));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { ...f, created: true };
}

module.exports = { certDir, ensureDevCerts, files };
