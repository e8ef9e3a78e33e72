/**
 * `dockerfile/no-root-user` findings refined by the registry: a final stage without USER runs as
 * the user its base image's configuration names. With registry lookups allowed (pinning enabled,
 * trusted workspace), a finding whose base image is configured with a non-root user is dropped,
 * and one whose image runs as root says so with the registry as its source. An image the registry
 * cannot be asked about keeps its finding as the table decided it.
 */

import { userVerdict } from '../../../shared/src/facts/root-user';
import type { Result } from '../../../shared/src/types';
import type { RegistryClient } from './client';
import { parseReference } from './reference';

const RULE = 'dockerfile/no-root-user';

/** The base image a finding names in its data (set by the rule for a final stage without USER). */
function baseImageOf(result: Result): string | undefined {
  if (result.ruleId !== RULE || result.messageId !== 'missing') return undefined;
  const image = result.data?.baseImage;
  return typeof image === 'string' ? image : undefined;
}

/** The message of a finding whose base image runs as root by its registry configuration. */
export function registryRootMessage(image: string, user: string): Result['message'] {
  const configured = user === '' ? 'sets no user' : `sets User ${user}`;
  const konfiguriert = user === '' ? 'setzt keinen Benutzer' : `setzt User ${user}`;
  return {
    en: `The final stage sets no USER and the configuration of ${image} in the registry ${configured}, so the container runs as root; create a user and switch to it with USER.`,
    de: `Die letzte Stage setzt kein USER und die Konfiguration von ${image} in der Registry ${konfiguriert}, der Container läuft also als root; einen Benutzer anlegen und mit USER zu ihm wechseln.`,
  };
}

/** The base images the results' no-root-user findings ask about, each once. */
export function baseImagesOf(results: readonly Result[]): string[] {
  return [...new Set(results.map(baseImageOf).filter((i): i is string => i !== undefined))];
}

/** The results with each no-root-user finding decided by the known users of its base image (undefined: unknown, kept). */
export function applyImageUsers(results: readonly Result[], users: ReadonlyMap<string, string | undefined>): Result[] {
  const out: Result[] = [];
  for (const result of results) {
    const image = baseImageOf(result);
    const user = image === undefined ? undefined : users.get(image);
    if (image === undefined || user === undefined) out.push(result);
    else if (userVerdict(user) === 'not-root') continue;
    else out.push({ ...result, message: registryRootMessage(image, user) });
  }
  return out;
}

/** The user a reference's image is configured with, or undefined when the registry cannot tell. */
export async function configuredUser(client: RegistryClient, image: string, failed?: (image: string, detail: string) => void): Promise<string | undefined> {
  const parsed = parseReference(image);
  if (!parsed.ok) {
    failed?.(image, `not a valid image reference (${parsed.error})`);
    return undefined;
  }
  if (!client.imageUser) return undefined;
  const answer = await client.imageUser(parsed.ref);
  if (!answer.ok) failed?.(image, answer.detail);
  return answer.ok ? answer.user : undefined;
}

/** The results with each no-root-user finding decided by its base image's configured user (one lookup per image); `failed` hears of each image the registry could not tell about. */
export async function refineByImageUser(results: readonly Result[], client: RegistryClient, failed?: (image: string, detail: string) => void): Promise<Result[]> {
  const images = baseImagesOf(results);
  if (images.length === 0) return [...results];
  const users = new Map<string, string | undefined>();
  await Promise.all(images.map(async (image) => users.set(image, await configuredUser(client, image, failed))));
  return applyImageUsers(results, users);
}
