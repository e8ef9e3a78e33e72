import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_HUB, DOCKER_HUB_HOST } from './reference';

/** Credentials for one registry. Never logged, never written anywhere. */
export type Credentials = { readonly username: string; readonly password: string } | { readonly identityToken: string };

/** Looks up credentials for a registry domain (`docker.io`, `ghcr.io`, `127.0.0.1:5000`). */
export type CredentialLookup = (domain: string) => Promise<Credentials | undefined>;

/** The part of `config.json` that matters here. */
interface DockerConfig {
  readonly auths: Readonly<Record<string, { auth?: unknown; username?: unknown; password?: unknown; identitytoken?: unknown }>>;
  readonly credHelpers: Readonly<Record<string, unknown>>;
  readonly credsStore: string | undefined;
}

const HUB_KEY = 'https://index.docker.io/v1/';
const HELPER_TIMEOUT_MS = 10_000;

/** Folder of the Docker client configuration: `$DOCKER_CONFIG` or `~/.docker`. */
export function dockerConfigDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readConfig(dir: string): Promise<DockerConfig | undefined> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(raw)) return undefined;
  return {
    auths: isRecord(raw.auths) ? (raw.auths as DockerConfig['auths']) : {},
    credHelpers: isRecord(raw.credHelpers) ? raw.credHelpers : {},
    credsStore: typeof raw.credsStore === 'string' && raw.credsStore !== '' ? raw.credsStore : undefined,
  };
}

/** Strips scheme and path the way the Docker CLI normalises `auths` keys. */
export function hostOfKey(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
}

const isHub = (domain: string): boolean => [DOCKER_HUB, DOCKER_HUB_HOST, 'index.docker.io'].includes(domain);

function fromAuthEntry(entry: unknown): Credentials | undefined {
  if (!isRecord(entry)) return undefined;
  if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') return { identityToken: entry.identitytoken };
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string') return { username: entry.username, password: entry.password };
  return undefined;
}

/** Runs `docker-credential-<helper> get` with the server URL on stdin. */
function runHelper(helper: string, serverUrl: string, env: Readonly<Record<string, string | undefined>>): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9._-]+$/.test(helper)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { env: env as NodeJS.ProcessEnv, timeout: HELPER_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (err, stdout) => {
      if (err) return resolve(undefined);
      try {
        const json: unknown = JSON.parse(stdout);
        if (!isRecord(json) || typeof json.Secret !== 'string' || json.Secret === '') return resolve(undefined);
        const username = typeof json.Username === 'string' ? json.Username : '';
        resolve(username === '<token>' ? { identityToken: json.Secret } : { username, password: json.Secret });
      } catch {
        resolve(undefined);
      }
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(serverUrl);
  });
}

/**
 * Credentials the Docker CLI would use: `credHelpers[host]`, else `credsStore`, else `auths`
 * from `config.json` in `$DOCKER_CONFIG` (default `~/.docker`).
 */
export function dockerCredentials(env: Readonly<Record<string, string | undefined>>): CredentialLookup {
  let config: Promise<DockerConfig | undefined> | undefined;
  return async (domain) => {
    config ??= readConfig(dockerConfigDir(env));
    const c = await config;
    if (!c) return undefined;
    const hub = isHub(domain);
    const host = domain.toLowerCase();
    const helperKey = Object.keys(c.credHelpers).find((k) => (hub ? isHub(hostOfKey(k)) : hostOfKey(k) === host));
    const helper = helperKey !== undefined ? c.credHelpers[helperKey] : undefined;
    const serverUrl = hub ? HUB_KEY : domain;
    if (typeof helper === 'string' && helper !== '') return runHelper(helper, serverUrl, env);
    if (c.credsStore) {
      const stored = await runHelper(c.credsStore, serverUrl, env);
      if (stored) return stored;
    }
    const key = Object.keys(c.auths).find((k) => (hub ? isHub(hostOfKey(k)) : hostOfKey(k) === host));
    return key !== undefined ? fromAuthEntry(c.auths[key]) : undefined;
  };
}
