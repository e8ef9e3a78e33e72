import { defineDockerfileRule } from '../../define';
import type { ResolvedCommand, ShellWord } from '../../parse/shell';
import type { RawFinding } from '../../types';
import { hasOption, isSub, packageCommand } from './support/packages';
import { runs } from './support/stages';

/** An unpinned package of one install, with the manager's name and how a pin is written. */
interface Unpinned {
  readonly word: ShellWord;
  readonly manager: string;
  readonly example: string;
}

const PIP_VERSION = /==|>=|<=|~=|!=|[<>]/;
const VCS = /^(?:git|hg|svn|bzr)(?:\+[a-z]+)?:/;
const NPM_VALUE_FLAGS = new Set(['--prefix', '--registry', '--cache', '--userconfig', '-w', '--workspace', '--omit', '--include', '--tag', '--loglevel', '--install-strategy']);
const GEM_VALUE_FLAGS = new Set(['-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-P', '--trust-policy', '--platform', '-N']);

/** Operands after the subcommand, leaving out flags and the values of `valueFlags`. */
function operandsAfter(args: readonly ShellWord[], sub: ShellWord, valueFlags: ReadonlySet<string>): ShellWord[] {
  const out: ShellWord[] = [];
  for (let k = args.indexOf(sub) + 1; k < args.length; k++) {
    const v = args[k]!.value;
    if (v === '--') continue;
    if (v.startsWith('-')) {
      if (valueFlags.has(v)) k++;
      continue;
    }
    out.push(args[k]!);
  }
  return out;
}

/** apt, apk and pip installs (hadolint DL3008, DL3018, DL3013). */
function systemAndPip(c: ResolvedCommand): Unpinned[] {
  const p = packageCommand(c);
  if (!p) return [];
  if (p.manager === 'apt' && isSub(p, 'install')) {
    // `pkg=1.2`, `pkg/bookworm-backports` and local .deb files are pinned
    return p.operands.filter((w) => !/[=/]/.test(w.value) && !w.value.endsWith('.deb')).map((word) => ({ word, manager: 'apt', example: `${word.value}=<version>` }));
  }
  if (p.manager === 'apk' && isSub(p, 'add')) {
    return p.operands.filter((w) => !/[=~<>]/.test(w.value) && !w.value.endsWith('.apk')).map((word) => ({ word, manager: 'apk', example: `${word.value}=<version>` }));
  }
  if (p.manager === 'pip' && isSub(p, 'install')) {
    if (hasOption(p, '-r', '--requirement', '-c', '--constraint') || p.operands.some((w) => w.value === '.')) return [];
    const pinned = (v: string): boolean =>
      PIP_VERSION.test(v) || (VCS.test(v) && v.includes('@')) || /\.(?:whl|tar\.gz|zip)$/.test(v) || (!VCS.test(v) && (v.includes('/') || v.startsWith('.')));
    return p.operands.filter((w) => !pinned(w.value)).map((word) => ({ word, manager: 'pip', example: `${word.value}==<version>` }));
  }
  return [];
}

/** The characters of an rpm version or release (hadolint DL3041). */
const RPM_VERSION_PART = /^[A-Za-z0-9.~^_:+]*$/;

/**
 * An rpm package name is pinned by `-<version>[-<release>]` (`tomcat-9.2`, `httpd-2.4.57-5.el9`): every part after
 * the first `-` is made of version characters and one starts with a digit, so `python3-pip` is a name, not a pin
 * (hadolint DL3041; its yum twin DL3033 takes any `-`). Local and remote `.rpm` files carry their version.
 */
function rpmPinned(v: string): boolean {
  if (v.endsWith('.rpm')) return true;
  const parts = v.split('-').slice(1);
  return parts.length > 0 && parts.every((p) => RPM_VERSION_PART.test(p)) && parts.some((p) => /^\d/.test(p));
}

/** yum, dnf, microdnf and tdnf installs (hadolint DL3033, DL3041), module streams (`dnf module install nodejs:20`), zypper installs (DL3037). */
function rpm(c: ResolvedCommand): Unpinned[] {
  const p = packageCommand(c);
  if (!p) return [];
  if (p.manager === 'yum' && isSub(p, 'install')) {
    // `@group` and `@module:stream` name no package version
    return p.operands.filter((w) => !w.value.startsWith('@') && !rpmPinned(w.value)).map((word) => ({ word, manager: c.name, example: `${word.value}-<version>` }));
  }
  if (p.manager === 'yum' && isSub(p, 'module') && p.operands[0]?.value === 'install') {
    // a module is pinned by its stream: `nodejs:20`, `nodejs:20/minimal`
    return p.operands.slice(1).filter((w) => !w.value.includes(':')).map((word) => ({ word, manager: c.name, example: `${word.value}:<stream>` }));
  }
  if (p.manager === 'zypper' && isSub(p, 'install', 'in')) {
    return p.operands.filter((w) => !/[=<>]/.test(w.value) && !w.value.endsWith('.rpm')).map((word) => ({ word, manager: 'zypper', example: `${word.value}=<version>` }));
  }
  return [];
}

/** npm installs (hadolint DL3016): a name needs `@<version>`, a git URL a `#<commit>`; folders and tarballs are pinned. */
function npm(c: ResolvedCommand): Unpinned[] {
  if (c.name !== 'npm') return [];
  const sub = c.args.find((w) => !w.value.startsWith('-'));
  if (!sub || !['install', 'i', 'add'].includes(sub.value)) return [];
  // git URLs and the hosted shorthands (github:user/repo, user/repo) are pinned by a commit-ish after #
  const git = (v: string): boolean => /^git(?:\+(?:ssh|https?))?:\/\//.test(v) || /^(?:github|gitlab|bitbucket|gist):/.test(v) || /^[\w.-]+\/[\w.-]+(?:#|$)/.test(v);
  const pinned = (v: string): boolean => {
    if (/\.(?:tar|tar\.gz|tgz)$/.test(v) || /^(?:\/|\.\/|\.\.\/|~\/)/.test(v)) return true;
    if (git(v)) return v.includes('#');
    return (v.startsWith('@') ? v.slice(v.indexOf('/') + 1) : v).includes('@');
  };
  return operandsAfter(c.args, sub, NPM_VALUE_FLAGS)
    .filter((w) => !pinned(w.value))
    .map((word) => ({ word, manager: 'npm', example: git(word.value) ? `${word.value}#<commit>` : `${word.value}@<version>` }));
}

/** gem installs (hadolint DL3028): `gem install name:version`, or one `-v`/`--version` for them all. */
function gem(c: ResolvedCommand): Unpinned[] {
  if (c.name !== 'gem') return [];
  const sub = c.args.find((w) => !w.value.startsWith('-'));
  if (!sub || (sub.value !== 'install' && sub.value !== 'i')) return [];
  if (c.args.some((w) => w.value === '-v' || w.value === '--version' || w.value.startsWith('--version='))) return [];
  return operandsAfter(c.args, sub, GEM_VALUE_FLAGS).filter((w) => !w.value.includes(':')).map((word) => ({ word, manager: 'gem', example: `${word.value}:<version>` }));
}

/** Packages installed without a version: each build may get another one (CL-1.2.2). */
export const pinPackageVersions = defineDockerfileRule({
  id: 'dockerfile/pin-package-versions',
  kind: 'dockerfile',
  title: { en: 'Pin the versions of installed packages', de: 'Versionen installierter Pakete festlegen' },
  severity: 'info',
  levels: ['L3'],
  references: ['CL-1.2.2', 'ART-1.1'],
  equivalents: ['hadolint:DL3008', 'hadolint:DL3013', 'hadolint:DL3016', 'hadolint:DL3018', 'hadolint:DL3028', 'hadolint:DL3033', 'hadolint:DL3037', 'hadolint:DL3041'],
  messages: {
    default: {
      en: 'The {manager} package {package} has no pinned version, so each build may install another one; write {example}.',
      de: 'Das {manager}-Paket {package} hat keine feste Version, daher kann jeder Build eine andere installieren; {example} schreiben.',
    },
  },
  docs: {
    rationale: {
      en: 'An unpinned install takes whatever the repository offers on the day of the build: two builds of one Dockerfile differ, a compromised or broken release enters unnoticed, and a scan of yesterday\'s image says nothing about today\'s. Pinned versions make the build reproducible and each upgrade a reviewed change.',
      de: 'Eine Installation ohne feste Version nimmt, was das Repository am Tag des Builds anbietet: zwei Builds eines Dockerfiles unterscheiden sich, eine kompromittierte oder fehlerhafte Version kommt unbemerkt hinein, und ein Scan des gestrigen Images sagt nichts über das heutige. Feste Versionen machen den Build reproduzierbar und jedes Upgrade zu einer geprüften Änderung.',
    },
    fix: {
      en: 'Pin each package: `apt-get install curl=7.88.1-10+deb12u8`, `apk add curl=8.9.1-r0`, `dnf install -y httpd-2.4.62` (`yum`, `microdnf` alike; a module by its stream, `dnf module install nodejs:20`), `zypper install -y curl=8.6.0`, `pip install flask==3.0.3` (or a requirements file with hashes), `npm install express@4.19.2` (or `npm ci` with a lock file), `gem install rails:7.1.3`.',
      de: 'Jedes Paket festlegen: `apt-get install curl=7.88.1-10+deb12u8`, `apk add curl=8.9.1-r0`, `dnf install -y httpd-2.4.62` (`yum`, `microdnf` alike; a module by its stream, `dnf module install nodejs:20`), `zypper install -y curl=8.6.0`, `pip install flask==3.0.3` (oder eine requirements-Datei mit Hashes), `npm install express@4.19.2` (oder `npm ci` mit Lock-Datei), `gem install rails:7.1.3`.',
    },
    bad: 'RUN pip install flask',
    good: 'RUN pip install flask==3.0.3',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    const list = runs(file);
    for (let r = 0; r < list.length; r++) {
      const commands = list[r]!.commands;
      for (let k = 0; k < commands.length; k++) {
        const c = commands[k]!;
        for (const u of [...systemAndPip(c), ...rpm(c), ...npm(c), ...gem(c)]) {
          // a variable may carry the version (`curl=$CURL_VERSION`, `$PACKAGES`)
          if (u.word.dynamic) continue;
          findings.push({ range: file.lines.rangeOf(u.word.start, u.word.end), args: { manager: u.manager, package: u.word.value, example: u.example } });
        }
      }
    }
    return findings;
  },
});
