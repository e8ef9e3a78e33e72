#!/usr/bin/env node
// Installs the system packages the tests need, from Debian's archive, when they are missing:
// Chromium drives the real VS Code of the end-to-end tests, libkrb5-dev lets code-server's native
// modules build, docker-registry is the real OCI registry of the digest-pinning tests and
// apache2-utils gives it htpasswd users, pre-commit runs the hooks of .pre-commit-hooks.yaml. `npm test` runs this first (pretest), so the README's test
// command works on a fresh machine. As root it runs apt-get itself; otherwise it prints the command
// to run and fails, instead of letting a hundred tests fail one by one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each package with a file that shows it is installed. */
const PACKAGES = [
  ['chromium', ['/usr/bin/chromium', '/usr/bin/chromium-browser']],
  ['libkrb5-dev', ['/usr/include/krb5.h', '/usr/include/krb5/krb5.h']],
  ['docker-registry', ['/usr/bin/docker-registry']],
  ['apache2-utils', ['/usr/bin/htpasswd']],
  ['pre-commit', ['/usr/bin/pre-commit']],
];

const missing = PACKAGES.filter(([, files]) => !files.some((f) => existsSync(f))).map(([name]) => name);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!hasApt || process.getuid?.() !== 0) {
  console.error(`The tests need these system packages: ${missing.join(', ')}.\nInstall them as root (Debian/Ubuntu): ${command}`);
  process.exit(1);
}
console.log(`Installing ${missing.join(', ')} (apt-get) …`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (r.status !== 0) {
    console.error(`apt-get ${args[0]} failed (exit ${r.status}); run by hand: ${command}`);
    process.exit(1);
  }
}
