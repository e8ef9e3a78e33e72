import { isRootUser } from '../../../facts/root-user';
import type { DockerfileFile, Stage } from '../../../parse/dockerfile';
import type { DistroFamily } from '../../../parse/images';
import { forEachRunCommand } from './stages';

const USERADD_VALUES = new Set([
  '-b', '-c', '-d', '-e', '-f', '-g', '-G', '-k', '-K', '-p', '-s', '-u', '-R', '-P', '-Z', '-h',
  '--base-dir', '--comment', '--home-dir', '--home', '--expiredate', '--inactive', '--gid', '--groups', '--skel', '--key',
  '--password', '--shell', '--uid', '--root', '--prefix', '--selinux-user', '--gecos', '--ingroup', '--firstuid', '--lastuid', '--conf',
]);

/** The name of a user created by `useradd`/`adduser` in the given stages (the last one), when it is a plain literal. */
export function createdUser(file: DockerfileFile, stages: readonly Stage[]): string | undefined {
  let found: string | undefined;
  forEachRunCommand(
    file,
    (c) => {
      if (c.name !== 'useradd' && c.name !== 'adduser') return;
      const positional: string[] = [];
      let dynamic = false;
      for (let k = 0; k < c.args.length; k++) {
        const w = c.args[k]!;
        if (w.value.startsWith('-')) {
          if (USERADD_VALUES.has(w.value)) k++;
        } else {
          positional.push(w.value);
          dynamic ||= w.dynamic;
        }
      }
      const name = positional[0];
      if (positional.length === 1 && name && !dynamic && /^[a-z_][a-z0-9_.-]*$/i.test(name) && !isRootUser(name)) found = name;
    },
    stages,
  );
  return found;
}

/** The instructions that create and switch to a non-root user on a base of the given family. */
export function userLines(family: DistroFamily | 'unknown'): string[] {
  switch (family) {
    case 'debian':
    case 'ubuntu':
      return ['RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app', 'USER 10001:10001'];
    case 'alpine':
      return ['RUN addgroup -S -g 10001 app && adduser -S -u 10001 -G app -H app', 'USER 10001:10001'];
    case 'distroless':
      return ['USER 65532:65532'];
    default:
      return ['USER 10001:10001'];
  }
}
