import type { ResolvedCommand, ShellWord } from '../../../parse/shell';

/** A package manager the rules understand. */
export type PackageManager = 'apt' | 'apk' | 'yum' | 'zypper' | 'pip';

/** One package-manager invocation: `apt-get install -y curl`. */
export interface PackageCommand {
  readonly manager: PackageManager;
  readonly command: ResolvedCommand;
  /** The subcommand word (`install`, `add`, `upgrade` …), or undefined when none was found. */
  readonly sub: ShellWord | undefined;
  /** Option words (`-y`, `--no-cache` …) anywhere in the command. */
  readonly options: readonly ShellWord[];
  /** Operands after the subcommand that are not option values (package names). */
  readonly operands: readonly ShellWord[];
}

const WITH_VALUE: Readonly<Record<PackageManager, ReadonlySet<string>>> = {
  apt: new Set(['-o', '-t', '-c', '--option', '--target-release', '--config-file', '-a', '--host-architecture']),
  apk: new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--keys-dir', '--cache-dir', '--repositories-file']),
  yum: new Set(['-c', '--config', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '--setopt', '-x', '--exclude', '--repo', '--repoid', '--nodocs-placeholder']),
  zypper: new Set(['-r', '--repo', '--from', '-t', '--type', '-R', '--root']),
  pip: new Set([
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
    '-t', '--target', '--prefix', '--root', '--trusted-host', '--src', '--upgrade-strategy', '--platform', '--python-version',
    '--implementation', '--abi', '--progress-bar', '--cache-dir', '--log', '--proxy', '--retries', '--timeout', '--exists-action',
    '--cert', '--client-cert', '--no-binary', '--only-binary', '--config-settings', '-C', '--python',
  ]),
};

function managerOf(command: ResolvedCommand): { manager: PackageManager; words: readonly ShellWord[] } | undefined {
  const { name, args } = command;
  if (name === 'apt-get' || name === 'apt' || name === 'aptitude') return { manager: 'apt', words: args };
  if (name === 'apk') return { manager: 'apk', words: args };
  if (name === 'yum' || name === 'dnf' || name === 'microdnf' || name === 'tdnf') return { manager: 'yum', words: args };
  if (name === 'zypper') return { manager: 'zypper', words: args };
  if (/^pip(\d+(\.\d+)?)?$/.test(name)) return { manager: 'pip', words: args };
  if (/^python(\d+(\.\d+)?)?$/.test(name)) {
    const m = args.findIndex((w) => w.value === '-m');
    if (m >= 0 && /^pip\d*$/.test(args[m + 1]?.value ?? '')) return { manager: 'pip', words: args.slice(m + 2) };
  }
  return undefined;
}

/** Reads a package-manager command; undefined for any other program. Cached on the command (most Dockerfile rules ask). */
export function packageCommand(command: ResolvedCommand): PackageCommand | undefined {
  if (command.package === undefined) command.package = readPackageCommand(command) ?? null;
  return (command.package as PackageCommand | null) ?? undefined;
}

function readPackageCommand(command: ResolvedCommand): PackageCommand | undefined {
  const found = managerOf(command);
  if (!found) return undefined;
  const takes = WITH_VALUE[found.manager];
  const options: ShellWord[] = [];
  const operands: ShellWord[] = [];
  let sub: ShellWord | undefined;
  const words = found.words;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (w.value.startsWith('-') && w.value.length > 1) {
      options.push(w);
      if (takes.has(w.value)) k++;
    } else if (!sub) {
      sub = w;
    } else {
      operands.push(w);
    }
  }
  return { manager: found.manager, command, sub, options, operands };
}

/** True when the command is `<manager> <one of subs>`. */
export function isSub(p: PackageCommand | undefined, a: string, b?: string, c?: string, d?: string): p is PackageCommand & { readonly sub: ShellWord } {
  // up to four names, not a rest parameter: asked of every command by several rules, mostly of no package manager at all
  if (p === undefined || p.sub === undefined) return false;
  const v = p.sub.value;
  return v === a || v === b || v === c || v === d;
}

/** True when an option (or `--opt=value`) is present. */
export function hasOption(p: PackageCommand, ...names: string[]): boolean {
  return p.options.some((o) => names.includes(o.value) || names.some((n) => n.startsWith('--') && o.value.startsWith(`${n}=`)));
}

/** The package name of an operand without version or release suffix (`curl=7.88*` → `curl`). */
export function packageName(word: ShellWord): string {
  const v = word.value;
  // most operands are a plain lower-case name already: one test instead of two replacements
  return PLAIN_NAME.test(v) ? v : v.replace(/[=<>~!].*$/, '').replace(/\[.*$/, '').toLowerCase();
}

const PLAIN_NAME = /^[a-z0-9._+-]*$/;
