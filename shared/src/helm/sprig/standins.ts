// Stand-ins for Sprig's random and cryptographic functions (Masterminds/sprig v3 crypto.go,
// strings.go rand*, uuid). A rendered chart must not change between two runs, or every edit would
// make findings flicker; so these return deterministic values derived from their arguments (a
// SHA-256 stream), and report each use so that the renderer can say that the output holds
// stand-ins. None of them is secret or random: they are placeholders of the right shape.
// Sprig: MIT licence, Copyright (C) 2013-2020 Masterminds.
import { sha256 } from '@noble/hashes/sha2.js';
import { fail } from '../template/exec';
import { type FuncMap, goFunc } from '../template/func';
import { goStruct } from '../template/values';
import { base64 } from './encoding';

const encoder = new TextEncoder();

/** A deterministic byte stream for a seed text. */
export function standInBytes(seed: string, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let block = sha256(encoder.encode(seed));
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 32 === 0) block = sha256(block);
    out[i] = block[i % 32]!;
  }
  return out;
}

function fromAlphabet(seed: string, n: bigint, alphabet: string): string {
  if (n < 0n) fail(`negative count ${n}`);
  if (n > 1_000_000n) fail(`count ${n} too large`);
  return Array.from(standInBytes(seed, Number(n)), (b) => alphabet[b % alphabet.length]!).join('');
}

const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digits = '0123456789';
const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

function pem(kind: string, seed: string, size: number): string {
  const body = base64(standInBytes(`${kind}:${seed}`, size)).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`;
}

/** A certificate with its key, as genCA and genSelfSignedCert return (fields Cert and Key). */
function certificate(seed: string): unknown {
  return goStruct('sprig.certificate', { Cert: pem('CERTIFICATE', seed, 780), Key: pem('RSA PRIVATE KEY', seed, 1190) });
}

/** Sprig's random and crypto functions as stand-ins; `used` is told the name of each one called. */
export function standInFuncs(used: (name: string) => void): FuncMap {
  const S = 'string' as const;
  const I = 'int' as const;
  const A = 'any' as const;
  const note = <T>(name: string, value: T): T => {
    used(name);
    return value;
  };
  return {
    randAlphaNum: goFunc([I], undefined, (n: bigint) => note('randAlphaNum', fromAlphabet(`randAlphaNum:${n}`, n, letters + digits))),
    randAlpha: goFunc([I], undefined, (n: bigint) => note('randAlpha', fromAlphabet(`randAlpha:${n}`, n, letters))),
    randNumeric: goFunc([I], undefined, (n: bigint) => note('randNumeric', fromAlphabet(`randNumeric:${n}`, n, digits))),
    randAscii: goFunc([I], undefined, (n: bigint) => note('randAscii', fromAlphabet(`randAscii:${n}`, n, ascii))),
    randBytes: goFunc([I], undefined, (n: bigint) => {
      if (n < 0n || n > 1_000_000n) fail(`invalid count ${n}`);
      return note('randBytes', base64(standInBytes(`randBytes:${n}`, Number(n))));
    }),
    randInt: goFunc([I, I], undefined, (min: bigint, max: bigint) => {
      if (max <= min) fail('invalid argument to Intn');
      return note('randInt', min);
    }),
    shuffle: goFunc([S], undefined, (s: string) => {
      const runes = Array.from(s);
      const bytes = standInBytes(`shuffle:${s}`, runes.length);
      for (let i = runes.length - 1; i > 0; i--) {
        const j = bytes[i]! % (i + 1);
        [runes[i], runes[j]] = [runes[j]!, runes[i]!];
      }
      return note('shuffle', runes.join(''));
    }),
    uuidv4: goFunc([], undefined, () => {
      const b = standInBytes('uuidv4', 16);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      return note('uuidv4', `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);
    }),
    genPrivateKey: goFunc([S], undefined, (typ: string) => {
      const kinds: Record<string, string> = { rsa: 'RSA PRIVATE KEY', dsa: 'DSA PRIVATE KEY', ecdsa: 'EC PRIVATE KEY', ed25519: 'PRIVATE KEY', '': 'RSA PRIVATE KEY' };
      const kind = Object.prototype.hasOwnProperty.call(kinds, typ) ? kinds[typ] : undefined;
      if (kind === undefined) return note('genPrivateKey', 'Unknown type ' + typ);
      return note('genPrivateKey', pem(kind, typ, typ === 'ed25519' ? 48 : 1190));
    }),
    genCA: goFunc([S, I], undefined, (cn: string, days: bigint) => note('genCA', certificate(`ca:${cn}:${days}`))),
    genCAWithKey: goFunc([S, I, S], undefined, (cn: string, days: bigint) => note('genCAWithKey', certificate(`ca:${cn}:${days}`))),
    genSelfSignedCert: goFunc([S, 'list', 'list', I], undefined, (cn: string) => note('genSelfSignedCert', certificate(`self:${cn}`))),
    genSelfSignedCertWithKey: goFunc([S, 'list', 'list', I, S], undefined, (cn: string) => note('genSelfSignedCertWithKey', certificate(`self:${cn}`))),
    genSignedCert: goFunc([S, 'list', 'list', I, A], undefined, (cn: string) => note('genSignedCert', certificate(`signed:${cn}`))),
    genSignedCertWithKey: goFunc([S, 'list', 'list', I, A, S], undefined, (cn: string) => note('genSignedCertWithKey', certificate(`signed:${cn}`))),
    buildCustomCert: goFunc([S, S], undefined, (cert: string, key: string) => note('buildCustomCert', goStruct('sprig.certificate', { Cert: cert, Key: key }))),
    derivePassword: goFunc(['int', S, S, S, S], undefined, (counter: bigint, typ: string, password: string, user: string, site: string) =>
      note('derivePassword', fromAlphabet(`derivePassword:${counter}:${typ}:${password}:${user}:${site}`, 20n, letters + digits))),
    encryptAES: goFunc([S, S], undefined, (password: string, text: string) => note('encryptAES', base64(encoder.encode(`${password.length}:${text}`)))),
    decryptAES: goFunc([S, S], undefined, (password: string, crypt: string) => {
      used('decryptAES');
      try {
        const text = new TextDecoder().decode(Uint8Array.from(atob(crypt), (c) => c.charCodeAt(0)));
        const prefix = `${password.length}:`;
        return text.startsWith(prefix) ? text.slice(prefix.length) : '';
      } catch {
        fail('illegal base64 data at input byte 0');
      }
    }),
    htpasswd: goFunc([S, S], undefined, (user: string, password: string) => {
      if (user.includes(':')) return note('htpasswd', `invalid username: ${user}`);
      return note('htpasswd', `${user}:$2a$10$${fromAlphabet(`htpasswd:${user}:${password}`, 53n, letters + digits + './')}`);
    }),
    bcrypt: goFunc([S], undefined, (input: string) => note('bcrypt', `$2a$10$${fromAlphabet(`bcrypt:${input}`, 53n, letters + digits + './')}`)),
    getHostByName: goFunc([S], undefined, () => note('getHostByName', '')),
  };
}
