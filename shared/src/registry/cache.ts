import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join } from 'node:path';
import type { RegistryClient, Resolution } from './client';
import { registryHost, type ImageReference } from './reference';

type Resolved = Extract<Resolution, { ok: true }>;

/** Resolved digests by `host/path:tag`, with an expiry. Holds no credentials. */
export interface DigestCache {
  get(key: string): Resolved | undefined;
  set(key: string, value: Resolved): void;
}

interface Entry {
  readonly value: Resolved;
  readonly expires: number;
}

/** An in-memory cache; entries expire after `ttlSeconds`. */
export function memoryCache(ttlSeconds: number, now: () => number = Date.now): DigestCache & { entries: Map<string, Entry> } {
  const entries = new Map<string, Entry>();
  return {
    entries,
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return e.value;
    },
    set(key, value) {
      entries.set(key, { value, expires: now() + ttlSeconds * 1000 });
    },
  };
}

/** The OS cache folder for Bollwerk (`$XDG_CACHE_HOME`, `~/Library/Caches`, `%LOCALAPPDATA%`). */
export function cacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const home = env.HOME || homedir();
  if (platform() === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'bollwerk');
  if (platform() === 'darwin') return join(home, 'Library', 'Caches', 'bollwerk');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'bollwerk');
}

const isEntry = (v: unknown): v is Entry => {
  const e = v as Entry;
  return typeof e === 'object' && e !== null && typeof e.expires === 'number' && typeof e.value?.digest === 'string' && e.value.ok === true;
};

/** A memory cache loaded from and saved to a JSON file (for the CLI); unreadable files are ignored. */
export function fileCache(path: string, ttlSeconds: number, now: () => number = Date.now): DigestCache & { save(): void } {
  const mem = memoryCache(ttlSeconds, now);
  try {
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) if (isEntry(v) && v.expires > now()) mem.entries.set(k, v);
  } catch {
    // no cache yet
  }
  return {
    get: mem.get,
    set: mem.set,
    save() {
      try {
        mkdirSync(dirname(path), { recursive: true });
        const live = Object.fromEntries([...mem.entries].filter(([, e]) => e.expires > now()));
        writeFileSync(`${path}.tmp`, JSON.stringify(live));
        renameSync(`${path}.tmp`, path);
      } catch {
        // a cache that cannot be written only costs a lookup next time
      }
    },
  };
}

/** The cache key of a reference's tag. */
export function cacheKey(ref: ImageReference): string {
  return `${registryHost(ref.domain)}/${ref.path}:${ref.tag ?? 'latest'}`;
}

/** Wraps a client: successful lookups are cached, concurrent lookups of one tag share a request. */
export function cachedClient(client: RegistryClient, cache: DigestCache): RegistryClient {
  const inflight = new Map<string, Promise<Resolution>>();
  return {
    resolve(ref) {
      const key = cacheKey(ref);
      const hit = cache.get(key);
      if (hit) return Promise.resolve(hit);
      let p = inflight.get(key);
      if (!p) {
        p = client.resolve(ref).then((r) => {
          inflight.delete(key);
          if (r.ok) cache.set(key, r);
          return r;
        });
        inflight.set(key, p);
      }
      return p;
    },
  };
}
