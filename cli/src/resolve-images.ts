/**
 * `bollwerk scan --resolve-images`: no-root-user findings decided by the base image's configured
 * user as the registry reports it (registry/image-users.ts), with the pinning settings' timeout,
 * insecure registries and cache (the digest cache file, as `bollwerk pin` uses it).
 */
import { join } from 'node:path';
import type { Config } from '../../shared/src/config';
import { cachedClient, cacheDir, fileCache } from '../../host/src/registry/cache';
import { createRegistryClient } from '../../host/src/registry/client';
import { dockerCredentials } from '../../host/src/registry/credentials';
import { refineByImageUser } from '../../host/src/registry/image-users';
import { escapeControls } from '../../shared/src/report/escape';
import type { ScanResult } from '../../host/src/workspace/index';

/** Refines a scan's reports by the registry; the answers go into the digest cache. */
export type ScanRefiner = (scan: ScanResult, config: Config) => Promise<ScanResult>;

/** Where a refiner tells of images it could not ask about. */
export interface RefinerIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stderr: { write(s: string): unknown };
}

/** A refiner that asks the registries the scan's base images come from. */
export function imageUserRefiner(io: RefinerIo): ScanRefiner {
  const env = io.env;
  return async (scan, config) => {
    const told = new Set<string>();
    // each image once: its finding stays as the offline table decided it
    const failed = (image: string, detail: string): void => {
      if (told.has(image)) return;
      told.add(image);
      io.stderr.write(`bollwerk: ${escapeControls(image)}: the image's user could not be read from the registry (${escapeControls(detail)}); its no-root-user finding stays\n`);
    };
    const cache = fileCache(join(cacheDir(env), 'digests.json'), config.pinning.cacheSeconds);
    const base = createRegistryClient({ timeoutMs: config.pinning.timeoutMs, insecureRegistries: config.pinning.insecureRegistries, env, credentials: dockerCredentials(env) });
    const client = cachedClient(base, cache);
    const reports = await Promise.all(scan.reports.map(async (r) => (r.kind === 'dockerfile' ? { ...r, results: await refineByImageUser(r.results, client, failed) } : r)));
    cache.save();
    return { ...scan, reports };
  };
}
