import type { PinningConfig } from '../../shared/src/config';
import { cachedClient, memoryCache } from '../../host/src/registry/cache';
import { createRegistryClient, type RegistryClient } from '../../host/src/registry/client';
import { dockerCredentials } from '../../host/src/registry/credentials';
import { applyImageUsers, baseImagesOf, configuredUser } from '../../host/src/registry/image-users';
import type { Result } from '../../shared/src/types';

/** Base images' configured users for the editor: answers in memory, lookups in the background. */
export interface ImageUserLookup {
  /** The results refined by the users known now; unknown images are looked up, and `changed(uri)` is called when one arrives. */
  refine(uri: string, results: readonly Result[], pinning: PinningConfig): readonly Result[];
}

/** At most this many images are remembered (answers and failures alike). */
const MAX_IMAGES = 512;

/**
 * Creates the lookup of one server. Used only where registry lookups are allowed (pinning enabled in
 * a trusted workspace): linting stays synchronous, a document's diagnostics follow when the answer does.
 */
export function createImageUserLookup(changed: (uri: string) => void, log: (message: string) => void, client?: RegistryClient, env: NodeJS.ProcessEnv = process.env): ImageUserLookup {
  const users = new Map<string, string | undefined>();
  const pending = new Map<string, Set<string>>();
  const clients = new Map<string, RegistryClient>();
  const clientFor = (pinning: PinningConfig): RegistryClient => {
    const key = JSON.stringify([pinning.timeoutMs, pinning.insecureRegistries, pinning.cacheSeconds]);
    let c = clients.get(key);
    if (!c) {
      const base = client ?? createRegistryClient({ timeoutMs: pinning.timeoutMs, insecureRegistries: pinning.insecureRegistries, env, credentials: dockerCredentials(env) });
      clients.set(key, (c = cachedClient(base, memoryCache(pinning.cacheSeconds))));
    }
    return c;
  };
  const lookUp = (image: string, uri: string, pinning: PinningConfig): void => {
    const waiting = pending.get(image);
    if (waiting) {
      waiting.add(uri);
      return;
    }
    pending.set(image, new Set([uri]));
    configuredUser(clientFor(pinning), image)
      .catch((e: unknown) => {
        log(`image user of ${image}: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      })
      .then((user) => {
        if (users.size >= MAX_IMAGES) users.delete(users.keys().next().value!);
        users.set(image, user);
        const uris = pending.get(image) ?? new Set<string>();
        pending.delete(image);
        for (const u of uris) changed(u);
      });
  };
  return {
    refine(uri, results, pinning) {
      const images = baseImagesOf(results);
      if (images.length === 0) return results;
      for (const image of images) if (!users.has(image)) lookUp(image, uri, pinning);
      return applyImageUsers(results, users);
    },
  };
}
