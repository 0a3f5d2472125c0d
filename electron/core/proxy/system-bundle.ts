import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

type Env = Readonly<Record<string, string | undefined>>;

// Where the operating system keeps its CA bundle, in the order Go's crypto/x509 looks on Linux
// (Debian and Ubuntu, Fedora and RHEL, openSUSE, OpenELEC, CentOS 7, Alpine), and macOS's copy.
const SYSTEM_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

/**
 * The certificates a child trusted before it was put behind the proxy: the system bundle (or
 * Node's own copy of Mozilla's roots where there is none, as on Windows), and any bundle the
 * person already pointed these variables at (a company CA), so hosts that are only tunnelled keep
 * working when the variables are pointed at the proxy's bundle instead.
 */
export function trustedBefore(env: Env, read: (path: string) => string | null = readOrNull): string {
  const system = SYSTEM_BUNDLES.map(read).find((text) => text !== null && text.includes('BEGIN CERTIFICATE')) ?? `${rootCertificates.join('\n')}\n`;
  const own = new Set([env.SSL_CERT_FILE, env.REQUESTS_CA_BUNDLE, env.CURL_CA_BUNDLE].filter((p): p is string => p !== undefined && p !== '' && !SYSTEM_BUNDLES.includes(p)));
  const extra = [...own].map(read).filter((text): text is string => text !== null);
  return [system, ...extra].map(endWithNewline).join('');
}

/** What NODE_EXTRA_CA_CERTS already added, kept beside the proxy's CA (Node trusts its bundled roots anyway). */
export function extraBefore(env: Env, read: (path: string) => string | null = readOrNull): string {
  const file = env.NODE_EXTRA_CA_CERTS;
  const text = file ? read(file) : null;
  return text === null ? '' : endWithNewline(text);
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

const endWithNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);
