import { randomBytes } from '../lazy-crypto';

/** What the proxy needs to terminate TLS for one host: its leaf (key in memory), and the CA to trust. */
export interface RunCertificates {
  /** The CA certificate (PEM, ending in a newline, so files can be concatenated): what the child is told to trust. Its private key is never exported. */
  caPem: string;
  leafCertPem: string;
  /** The leaf's private key, for the proxy's TLS context only: never written anywhere. */
  leafKeyPem: string;
}

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const HOUR = 3_600_000;
// A run may last long (a server behind the proxy); the CA dies with the run whatever this says.
const VALID_FOR = 365 * 24 * HOUR;

/**
 * A CA made for this run alone and a leaf for `host` signed by it. The CA's key is a
 * non-extractable WebCrypto key: it can sign the leaf and nothing can read it out, so it cannot
 * reach a file. The CA is name-constrained to `host`, so even while the run lasts it can vouch
 * for no other name.
 */
export async function makeRunCertificates(host: string, now: Date = new Date()): Promise<RunCertificates> {
  // @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect metadata API.
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  const { subtle } = globalThis.crypto;
  x509.cryptoProvider.set(globalThis.crypto);

  const notBefore = new Date(now.getTime() - HOUR); // the child's clock may be a little behind
  const notAfter = new Date(now.getTime() + VALID_FOR);
  const caKeys = await subtle.generateKey(EC, false, ['sign', 'verify']);
  const leafKeys = await subtle.generateKey(EC, true, ['sign', 'verify']);

  const caName = `CN=notion-vault run --proxy CA ${now.toISOString()}, O=notion-vault (this run only)`;
  const ca = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: caName,
    issuer: caName,
    notBefore,
    notAfter,
    publicKey: caKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
      new x509.Extension('2.5.29.30', true, permittedDnsName(host)),
    ],
  });
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${host}`,
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: host }]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
    ],
  });
  const leafKey = Buffer.from(await subtle.exportKey('pkcs8', leafKeys.privateKey)).toString('base64');
  return {
    caPem: `${ca.toString('pem')}\n`,
    leafCertPem: `${leaf.toString('pem')}\n`,
    leafKeyPem: `-----BEGIN PRIVATE KEY-----\n${leafKey.replace(/.{1,64}/g, '$&\n')}-----END PRIVATE KEY-----\n`,
  };
}

/** A positive 128-bit serial (the top bit cleared so DER needs no sign byte). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

/**
 * DER of NameConstraints { permittedSubtrees [0] { GeneralSubtree { dNSName [2] host } } }
 * (RFC 5280 4.2.1.10). The library has no helper for it; one short name fits short-form lengths.
 */
export function permittedDnsName(host: string): ArrayBuffer {
  const name = Buffer.from(host, 'ascii');
  if (name.length > 100) throw new Error('host name too long for a name constraint');
  const tlv = (tag: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([tag, body.length]), body]);
  return new Uint8Array(tlv(0x30, tlv(0xa0, tlv(0x30, tlv(0x82, name))))).buffer;
}
