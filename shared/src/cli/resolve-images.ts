/**
 * `bollwerk scan --resolve-images`: no-root-user findings decided by the base image's configured
 * user as the registry reports it (registry/image-users.ts), with the pinning settings' timeout,
 * insecure registries and cache (the digest cache file, as `bollwerk pin` uses it).
 */
import { join } from 'node:path';
import type { Config } from '../config';
import { cachedClient, cacheDir, fileCache } from '../registry/cache';
import { createRegistryClient } from '../registry/client';
import { dockerCredentials } from '../registry/credentials';
import { refineByImageUser } from '../registry/image-users';
import type { ScanResult } from '../workspace/index';

/** Refines a scan's reports by the registry; the answers go into the digest cache. */
export type ScanRefiner = (scan: ScanResult, config: Config) => Promise<ScanResult>;

/** A refiner that asks the registries the scan's base images come from. */
export function imageUserRefiner(env: Readonly<Record<string, string | undefined>>): ScanRefiner {
  return async (scan, config) => {
    const cache = fileCache(join(cacheDir(env), 'digests.json'), config.pinning.cacheSeconds);
    const base = createRegistryClient({ timeoutMs: config.pinning.timeoutMs, insecureRegistries: config.pinning.insecureRegistries, env, credentials: dockerCredentials(env) });
    const client = cachedClient(base, cache);
    const reports = await Promise.all(scan.reports.map(async (r) => (r.kind === 'dockerfile' ? { ...r, results: await refineByImageUser(r.results, client) } : r)));
    cache.save();
    return { ...scan, reports };
  };
}
