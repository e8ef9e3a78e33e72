import { defineDockerfileRule } from '../../define';
import { cisDocker } from '../../checklist/external';
import type { ResolvedCommand, ShellWord } from '../../parse/shell';
import type { RawFinding } from '../../types';
import { packageCommand } from './support/packages';
import { forEachRunCommand, forEachVariable } from './support/stages';
import { append } from '../../append';
import { removeWord } from '../../shell-edit';

/** Curl short options that take a value: the rest of a combined group is that value. */
const CURL_VALUE_FLAGS = new Set('oOHdDuXAewTFbcxmrCyYzEKPQtU'.split(''));
/**
 * Variables that switch verification off. git only asks whether GIT_SSL_NO_VERIFY is set, so any
 * value counts (`0`, `false` and empty too); the others are read as whole values (`0"` is not `0`).
 */
const INSECURE_VARIABLE = /^(GIT_SSL_NO_VERIFY=|NODE_TLS_REJECT_UNAUTHORIZED=0$|PYTHONHTTPSVERIFY=0$|NPM_CONFIG_STRICT_SSL=false$|PIP_TRUSTED_HOST=)/i;
/** A yum/dnf option turning off TLS or package signature verification (`--setopt=epel.sslverify=0`, `--setopt=gpgcheck=False`). */
const YUM_SSLVERIFY_OFF = /(?:sslverify|gpgcheck)\s*=\s*(0|false|no)$/i;
const APT_FLAGS = new Set(['--allow-unauthenticated', '--force-yes', '--allow-insecure-repositories', '--allow-releaseinfo-change']);
const APT_OPTION = /AllowUnauthenticated\s*=\s*"?(true|1|yes)|Verify-(Peer|Host)\s*=\s*"?(false|0)|AllowInsecureRepositories\s*=\s*"?(true|1)/i;

/**
 * Flags that only switch a check off: removing the word restores the check. Options with values
 * (`-c http.sslVerify=false`, `-o Acquire::…`), combined short flags (`-fsSLk`) and apt's `--force-yes`
 * (which also answers the confirmation prompt) are left to the user.
 */
const REMOVABLE: ReadonlySet<string> = new Set([
  '-k', '--insecure', '--no-check-certificate', '--nosignature', '--nodigest', '--allow-untrusted', '--nogpgcheck',
  '--allow-unauthenticated', '--allow-insecure-repositories', '--allow-releaseinfo-change',
]);

function curlInsecure(w: ShellWord): boolean {
  if (w.value === '--insecure' || w.value === '-k') return true;
  if (!/^-[A-Za-z]+$/.test(w.value)) return false;
  for (const ch of w.value.slice(1)) {
    if (ch === 'k') return true;
    if (CURL_VALUE_FLAGS.has(ch)) return false;
  }
  return false;
}

// the loops over a command's words are indexed: these arrays are of two kinds (the shared frozen
// empty one and packed ones), and over both V8 kept the iterator protocol, an object per word
const variableHits = (words: readonly ShellWord[], hits: ShellWord[]): void => {
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (w.value.includes('=') && INSECURE_VARIABLE.test(w.value)) hits.push(w);
  }
};

/** True for `npm config set …`, `npm set …` (and yarn's and pnpm's `config set`). */
function setsConfig(args: readonly ShellWord[]): boolean {
  const words = args.filter((w) => !w.value.startsWith('-')).map((w) => w.value);
  return words[0] === 'set' || (words[0] === 'config' && words[1] === 'set') || (words[0] === 'c' && words[1] === 'set');
}

/** The words of a command that switch off TLS or signature verification (asked of every command: the program decides which test applies). */
function insecureWords(c: ResolvedCommand): ShellWord[] {
  const a = c.args;
  const hits: ShellWord[] = [];
  variableHits(c.prefix, hits);
  variableHits(a, hits);
  switch (c.name) {
    case 'curl':
      for (let k = 0; k < a.length; k++) if (curlInsecure(a[k]!)) hits.push(a[k]!);
      break;
    case 'wget':
      for (let k = 0; k < a.length; k++) if (a[k]!.value.startsWith('--no-check-certificate')) hits.push(a[k]!);
      break;
    case 'rpm':
      for (let k = 0; k < a.length; k++) if (a[k]!.value === '--nosignature' || a[k]!.value === '--nodigest') hits.push(a[k]!);
      break;
    case 'git':
      append(hits, a.filter((w, k) => /^http\.sslverify=(false|0)$/i.test(w.value) || (/^http\.sslverify$/i.test(w.value) && /^(false|0)$/i.test(a[k + 1]?.value ?? ''))));
      break;
    case 'npm':
    case 'yarn':
    case 'pnpm':
      append(hits, a.filter((w, k) => /^--?strict-ssl=false$/i.test(w.value) || (/^--strict-ssl$/i.test(w.value) && /^false$/i.test(a[k + 1]?.value ?? ''))));
      // `strict-ssl false` as two words is a setting only after `config set` or `set`; elsewhere (`npm install strict-ssl false`) they are package names
      if (setsConfig(a)) append(hits, a.filter((w, k) => /^strict-ssl=false$/i.test(w.value) || (/^strict-ssl$/i.test(w.value) && /^false$/i.test(a[k + 1]?.value ?? ''))));
      break;
    case 'yum-config-manager':
    case 'dnf-config-manager':
      append(hits, a.filter((w) => YUM_SSLVERIFY_OFF.test(w.value)));
      break;
  }
  const p = packageCommand(c);
  if (!p) return hits;
  if (p.manager === 'pip') append(hits, a.filter((w) => /^(--trusted-host|global\.trusted-host|install\.trusted-host)(=|$)/.test(w.value)));
  if (p.manager === 'apt') append(hits, a.filter((w) => APT_FLAGS.has(w.value) || APT_OPTION.test(w.value)));
  if (p.manager === 'apk') append(hits, a.filter((w) => w.value === '--allow-untrusted'));
  if (p.manager === 'yum') append(hits, a.filter((w) => w.value === '--nogpgcheck' || YUM_SSLVERIFY_OFF.test(w.value)));
  return hits;
}

const isUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
const DOWNLOADERS = new Set(['curl', 'wget', 'git', 'aria2c']);

/** True when the command checks a signature or checksum (`gpg --verify`, `sha256sum -c` …). */
function verifies(c: ResolvedCommand): boolean {
  if (c.name === 'gpgv' || c.name === 'cosign' || c.name === 'minisign') return true;
  if (c.name === 'gpg' || c.name === 'gpg2') return c.args.some((w) => w.value === '--verify' || w.value === '--verify-files');
  if (/^(sha(1|224|256|384|512)|md5|b2)sum$/.test(c.name)) return c.args.some((w) => w.value === '-c' || w.value === '--check');
  return c.name === 'apk' && c.args[0]?.value === 'verify';
}

/**
 * True when `apk add --allow-untrusted` installs only package files already in the image and
 * nothing in the RUN downloads them unverified: no repository is read, so there is no download to
 * substitute (packages built in an earlier stage, or fetched and checked with gpg).
 */
function installsTrustedLocalApks(c: ResolvedCommand, commands: readonly ResolvedCommand[]): boolean {
  const p = packageCommand(c);
  if (p?.manager !== 'apk' || p.sub?.value !== 'add') return false;
  if (p.options.some((o) => /^(-X|--repository)(=|$)/.test(o.value))) return false;
  // a variable may hide a URL unless the path around it is local (`/tmp/packages/nginx-${v}.apk`)
  const local = (w: ShellWord): boolean => w.value.endsWith('.apk') && !isUrl(w.value) && (!w.dynamic || /^\.{0,2}\//.test(w.value));
  if (p.operands.length === 0 || !p.operands.every(local)) return false;
  return !commands.some((d) => DOWNLOADERS.has(d.name)) || commands.some(verifies);
}

/** Downloads and package installs with TLS or signature verification switched off. */
export const noInsecureDownload = defineDockerfileRule({
  id: 'dockerfile/no-insecure-download',
  kind: 'dockerfile',
  title: { en: 'Do not disable TLS or signature verification', de: 'TLS- oder Signaturprüfung nicht abschalten' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['OTC-C1'],
  external: [cisDocker('4.11')],
  equivalents: [
    'checkov:CKV2_DOCKER_2', 'checkov:CKV2_DOCKER_3', 'checkov:CKV2_DOCKER_4', 'checkov:CKV2_DOCKER_5', 'checkov:CKV2_DOCKER_6',
    'checkov:CKV2_DOCKER_7', 'checkov:CKV2_DOCKER_8', 'checkov:CKV2_DOCKER_9', 'checkov:CKV2_DOCKER_10', 'checkov:CKV2_DOCKER_11',
    'checkov:CKV2_DOCKER_12', 'checkov:CKV2_DOCKER_13', 'checkov:CKV2_DOCKER_14', 'checkov:CKV2_DOCKER_15', 'checkov:CKV2_DOCKER_16',
  ],
  messages: {
    default: {
      en: '{what} switches off certificate or signature verification, so anyone in the network path can substitute the download; remove it and install the needed CA certificate instead.',
      de: '{what} schaltet die Zertifikats- oder Signaturprüfung ab, sodass jeder auf dem Netzweg den Download austauschen kann; entfernen und stattdessen das nötige CA-Zertifikat installieren.',
    },
  },
  docs: {
    rationale: {
      en: 'TLS certificates and package signatures are what ties a download to its publisher. Switching them off (curl -k, wget --no-check-certificate, apt --allow-unauthenticated, apk --allow-untrusted, pip --trusted-host, strict-ssl false, GIT_SSL_NO_VERIFY …) lets a proxy, a compromised mirror or a DNS spoof put their code into the image. `apk add --allow-untrusted` of local .apk files is accepted when the RUN downloads nothing or verifies what it downloads (gpg, sha256sum -c): no download is exposed.',
      de: 'TLS-Zertifikate und Paketsignaturen binden einen Download an seinen Herausgeber. Sie abzuschalten (curl -k, wget --no-check-certificate, apt --allow-unauthenticated, apk --allow-untrusted, pip --trusted-host, strict-ssl false, GIT_SSL_NO_VERIFY …) lässt einen Proxy, einen kompromittierten Mirror oder gefälschtes DNS eigenen Code ins Image bringen. `apk add --allow-untrusted` lokaler .apk-Dateien wird akzeptiert, wenn das RUN nichts herunterlädt oder das Heruntergeladene prüft (gpg, sha256sum -c): dann ist kein Download angreifbar.',
    },
    fix: {
      en: 'Remove the option; for an internal CA copy its certificate into the image (`update-ca-certificates`) or point the tool at it (`curl --cacert`, `PIP_CERT`, `NODE_EXTRA_CA_CERTS`).',
      de: 'Die Option entfernen; bei einer internen CA deren Zertifikat ins Image kopieren (`update-ca-certificates`) oder das Werkzeug darauf verweisen (`curl --cacert`, `PIP_CERT`, `NODE_EXTRA_CA_CERTS`).',
    },
    bad: 'RUN curl -kfsSLo tool.tgz https://example.com/tool.tgz',
    good: 'RUN curl -fsSLo tool.tgz https://example.com/tool.tgz',
  },
  fixable: true,
  check(file) {
    const findings: RawFinding[] = [];
    forEachRunCommand(file, (c, _k, commands) => {
      const hits = insecureWords(c);
      if (hits.length > 0 && installsTrustedLocalApks(c, commands)) hits.splice(0, hits.length, ...hits.filter((h) => h.value !== '--allow-untrusted'));
      for (let h = 0; h < hits.length; h++) {
        const w = hits[h]!;
        const edits = REMOVABLE.has(w.value) ? removeWord(file.lines, w) : undefined;
        const finding: RawFinding = { range: file.lines.rangeOf(w.start, w.end), args: { what: w.value.split('=')[0]! } };
        findings.push(edits ? { ...finding, fix: { title: { en: `Remove ${w.value}`, de: `${w.value} entfernen` }, edits } } : finding);
      }
    });
    forEachVariable(file, (p) => {
      const value = p.getValue();
      if (value !== null && INSECURE_VARIABLE.test(`${p.getName()}=${value}`)) findings.push({ range: p.getNameRange(), args: { what: p.getName() } });
    });
    return findings;
  },
});
