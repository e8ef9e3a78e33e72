/**
 * Whether a container user, as a Dockerfile `USER`, a Compose `user:` or `docker run --user` writes
 * it (`user[:group]`), is root (UID 0) or a Windows container's administrator.
 *
 * How the runtime reads the user part (runc, moby/sys/user `GetExecUser`): a name found in the
 * image's /etc/passwd is that entry; otherwise a decimal number (Go's `strconv.Atoi`, so `00`,
 * `0000`, `+0` and `-0` are all 0) is taken as the UID; anything else stops the container. An empty
 * user part (`:1000`) keeps the default, UID 0.
 *
 * Case: Linux user names are case-sensitive, so on Linux `ROOT` is not the `root` entry; it is
 * either a passwd entry someone named `ROOT` (a second name for UID 0 is the only reason to add
 * one) or no entry, and the container does not start. Windows account names are case-insensitive
 * (`USER containeradministrator` is `ContainerAdministrator`), and a value cannot always tell which
 * platform runs it. A security check that reads `ROOT` as root misses nothing and, at worst, asks
 * for a fix of a value that could not run as anyone else: so every root and administrator name
 * counts in any case.
 *
 * Windows: `ContainerAdministrator` is the administrator account of Windows container images
 * (`ContainerUser` is the unprivileged one); the built-in `Administrator` and `NT AUTHORITY\SYSTEM`
 * (also written `SYSTEM`, `LocalSystem`) hold administrator rights as well.
 */

/** Root and administrator account names, lower-cased. */
const ROOT_NAMES = new Set(['root', 'containeradministrator', 'administrator', 'system', 'localsystem']);

/** A decimal number as Go's strconv.Atoi reads it: an optional sign and digits. */
const DECIMAL = /^[+-]?[0-9]+$/;

/** What a user spec says about root: `unknown` when it is empty. */
export type UserVerdict = 'root' | 'not-root' | 'unknown';

/** The value without one pair of enclosing quotes (`"root"`, `'0'`), as the Dockerfile word rules remove them. */
const unquoted = (text: string): string => {
  const t = text.trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0] ? t.slice(1, -1).trim() : t;
};

/** True when a UID as written is 0 (`0`, `00`, `+0`, `-0`). */
export function isRootUid(uid: string): boolean {
  const t = unquoted(uid);
  return DECIMAL.test(t) && /^[+-]?0+$/.test(t);
}

/** The user part of a user spec `user[:group]`, without quotes. */
export function userPart(spec: string): string {
  const text = unquoted(spec);
  const colon = text.indexOf(':');
  return (colon < 0 ? text : text.slice(0, colon)).trim();
}

/** The verdict for a user spec `user[:group]` whose variables are already expanded. */
export function userVerdict(spec: string): UserVerdict {
  const text = unquoted(spec);
  if (text === '') return 'unknown';
  const user = userPart(text);
  // `:1000` sets the group only: the user stays the default, UID 0
  if (user === '') return 'root';
  if (DECIMAL.test(user)) return isRootUid(user) ? 'root' : 'not-root';
  // a Windows account may carry its domain or machine (`.\\ContainerAdministrator`, `NT AUTHORITY\\SYSTEM`)
  const name = user.toLowerCase();
  return ROOT_NAMES.has(name) || ROOT_NAMES.has(name.slice(name.lastIndexOf('\\') + 1)) ? 'root' : 'not-root';
}

/** True when a user spec (variables expanded) is root or a Windows administrator. */
export const isRootUser = (spec: string): boolean => userVerdict(spec) === 'root';
