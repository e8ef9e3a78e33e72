// The npm tarball of the current build, packed once per test process (without prepack's production build).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildOnce, ROOT, tempDir } from '../cli/helpers';

/** An npm cache of the test process: installs run offline against it, never against the user's. */
export const NPM_CACHE = tempDir('bollwerk-npm-cache-');

/** The environment of npm runs in tests: the private cache, no audit, fund or update notices. */
export const npmEnv = (): NodeJS.ProcessEnv => ({ ...process.env, npm_config_cache: NPM_CACHE, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_offline: 'true' });

/** Runs npm; fails the test on a non-zero exit. */
export function npm(args: string[], cwd: string): string {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: npmEnv() });
  assert.equal(r.status, 0, `npm ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

let tgz: string | undefined;
/** Builds dist/ and packs it; returns the tarball's path. */
export function packOnce(): string {
  if (tgz) return tgz;
  buildOnce();
  const out = tempDir('bollwerk-pack-');
  npm(['pack', '--ignore-scripts', '--pack-destination', out], ROOT);
  tgz = join(out, readdirSync(out).find((f) => f.endsWith('.tgz'))!);
  return tgz;
}
