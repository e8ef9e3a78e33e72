import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join } from 'node:path';
import type { RegistryClient, Resolution, UserResolution } from './client';
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

/** The only digest form a cached answer may hold: what the registry said, checked again on every read. */
const CACHED_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** True for a resolution that can be written into a file as it is: `sha256:` and 64 hex digits. */
export function isValidResolution(v: unknown): v is Resolved {
  const r = v as Resolved;
  return typeof r === 'object' && r !== null && r.ok === true && typeof r.digest === 'string' && CACHED_DIGEST.test(r.digest) && typeof r.mediaType === 'string' && typeof r.multiPlatform === 'boolean';
}

const isEntry = (v: unknown): v is Entry => {
  const e = v as Entry;
  return typeof e === 'object' && e !== null && typeof e.expires === 'number' && Number.isFinite(e.expires) && isValidResolution(e.value);
};

/** Reads the cache file without following a symbolic link; undefined when there is none or it cannot be read. */
function readCacheFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    return st.isFile() && st.size <= MAX_CACHE_BYTES ? readFileSync(fd, 'utf8') : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

const MAX_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Makes the cache folder private: created 0700, or made 0700 when it exists and is ours. A folder
 * that is a symbolic link or belongs to someone else is not used.
 */
function privateDir(dir: string): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || (typeof process.getuid === 'function' && st.uid !== process.getuid())) return false;
  if ((st.mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
  return true;
}

/**
 * Writes `text` to `path` atomically: a new 0600 file beside it (created exclusively, so that no
 * link planted under the temporary name is followed), then a rename, which replaces a link at
 * `path` instead of writing through it.
 */
function writePrivate(path: string, text: string): void {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * A memory cache loaded from and saved to a JSON file (for the CLI). Unreadable files are ignored,
 * and so is every entry that is not a well-formed `sha256:` digest: the file is outside the
 * project, but what it holds is written into Dockerfiles and manifests.
 */
export function fileCache(path: string, ttlSeconds: number, now: () => number = Date.now): DigestCache & { save(): void } {
  const mem = memoryCache(ttlSeconds, now);
  try {
    const raw: unknown = JSON.parse(readCacheFile(path) ?? 'null');
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) for (const [k, v] of Object.entries(raw)) if (isEntry(v) && v.expires > now()) mem.entries.set(k, v);
  } catch {
    // no cache yet, or not JSON
  }
  return {
    get: mem.get,
    set: mem.set,
    save() {
      try {
        if (!privateDir(dirname(path))) return;
        const live = Object.fromEntries([...mem.entries].filter(([, e]) => e.expires > now() && isEntry(e)));
        writePrivate(path, JSON.stringify(live));
      } catch {
        // a cache that cannot be written only costs a lookup next time
      }
    },
  };
}

/** How many image users a cached client keeps. */
const MAX_USERS = 512;

/** The cache key of a reference's tag. */
export function cacheKey(ref: ImageReference): string {
  return `${registryHost(ref.domain)}/${ref.path}:${ref.tag ?? 'latest'}`;
}

/** Wraps a client: successful lookups are cached, concurrent lookups of one tag share a request. */
export function cachedClient(client: RegistryClient, cache: DigestCache): RegistryClient {
  const inflight = new Map<string, Promise<Resolution>>();
  // an image's configuration is addressed by its manifest digest and never changes: kept by digest
  const users = new Map<string, Promise<UserResolution>>();
  const wrapped: RegistryClient = {
    async imageUser(ref) {
      if (!client.imageUser) return { ok: false, failure: 'registry-error', detail: 'this client cannot read image configurations' };
      const resolved = ref.digest ? { ok: true as const, digest: ref.digest } : await wrapped.resolve(ref);
      if (!resolved.ok) return resolved;
      const key = `${registryHost(ref.domain)}/${ref.path}@${resolved.digest}`;
      let p = users.get(key);
      if (!p) {
        p = client.imageUser({ ...ref, digest: resolved.digest });
        users.set(key, p);
        if (users.size > MAX_USERS) users.delete(users.keys().next().value!);
        void p.then((r) => {
          if (!r.ok) users.delete(key);
        });
      }
      return p;
    },
    resolve(ref) {
      const key = cacheKey(ref);
      const hit = cache.get(key);
      if (isValidResolution(hit)) return Promise.resolve(hit);
      let p = inflight.get(key);
      if (!p) {
        p = client.resolve(ref).then((r) => {
          inflight.delete(key);
          if (isValidResolution(r)) cache.set(key, r);
          return r;
        });
        inflight.set(key, p);
      }
      return p;
    },
  };
  return wrapped;
}
