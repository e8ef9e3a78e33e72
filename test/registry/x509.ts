// A minimal self-signed X.509 certificate writer (DER by hand, RSA/SHA-256) so the tests need no
// openssl: node:crypto makes keys and signatures but not certificates.
import { generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto';

const len = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const oid = (dotted: string): Buffer => {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
};
const int = (buf: Buffer): Buffer => tlv(0x02, buf[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), buf]) : buf);
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
const time = (d: Date): Buffer => tlv(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
const bits = (buf: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), buf]));
const explicit = (n: number, body: Buffer): Buffer => tlv(0xa0 + n, body);

/** A self-signed certificate and its key, PEM and DER. */
export interface SelfSigned {
  readonly certPem: string;
  readonly keyPem: string;
  readonly certDer: Buffer;
  readonly privateKey: KeyObject;
}

/** Creates a self-signed RSA certificate valid for a day, with the given DNS and IP names. */
export function selfSigned(commonName: string, dnsNames: readonly string[] = [], ips: readonly string[] = []): SelfSigned {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const algorithm = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const name = seq(set(seq(oid('2.5.4.3'), utf8(commonName))));
  const now = Date.now();
  const altNames = [
    ...dnsNames.map((d) => tlv(0x82, Buffer.from(d, 'ascii'))),
    ...ips.map((ip) => tlv(0x87, Buffer.from(ip.split('.').map(Number)))),
  ];
  const extensions = [
    seq(oid('2.5.29.19'), tlv(0x04, seq(tlv(0x01, Buffer.from([0xff]))))), // basicConstraints CA:TRUE
    ...(altNames.length ? [seq(oid('2.5.29.17'), tlv(0x04, seq(...altNames)))] : []),
  ];
  const tbs = seq(
    explicit(0, int(Buffer.from([2]))),
    int(Buffer.from(String(now).slice(-8), 'hex')),
    algorithm,
    name,
    seq(time(new Date(now - 3600_000)), time(new Date(now + 86400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(...extensions)),
  );
  const certDer = seq(tbs, algorithm, bits(sign('sha256', tbs, privateKey)));
  const certPem = `-----BEGIN CERTIFICATE-----\n${certDer.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  new X509Certificate(certPem); // throws if the encoding is wrong
  return { certPem, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, certDer, privateKey };
}
