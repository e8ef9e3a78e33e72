/**
 * Reading an image's configured user from registry documents: the platform manifest an index
 * points at, the config blob a manifest names, and `config.User` in that blob (OCI image spec,
 * `application/vnd.oci.image.config.v1+json`; Docker's `container.image.v1+json` has the same field).
 */

/** The media types of image configuration blobs. */
export const CONFIG_TYPES = ['application/vnd.oci.image.config.v1+json', 'application/vnd.docker.container.image.v1+json'] as const;

const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** A document's problem or the digest it points at. */
export type Pointer = { readonly ok: true; readonly digest: string } | { readonly ok: false; readonly detail: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parse(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** True when a manifest document is an index (it lists manifests rather than naming a config). */
export function isIndex(body: string): boolean {
  const doc = parse(body);
  return isRecord(doc) && Array.isArray(doc.manifests);
}

/** The manifest of an index to read: the linux/amd64 entry, else the first linux one. */
export function platformManifest(body: string): Pointer {
  const doc = parse(body);
  if (!isRecord(doc) || !Array.isArray(doc.manifests)) return { ok: false, detail: 'the index is not valid JSON with a manifests list' };
  const entries = doc.manifests.filter(isRecord);
  const platform = (e: Record<string, unknown>): Record<string, unknown> => (isRecord(e.platform) ? e.platform : {});
  const linux = entries.filter((e) => platform(e).os === 'linux');
  const chosen = linux.find((e) => platform(e).architecture === 'amd64') ?? linux[0];
  if (!chosen) return { ok: false, detail: 'the index has no linux image' };
  return typeof chosen.digest === 'string' && DIGEST.test(chosen.digest) ? { ok: true, digest: chosen.digest } : { ok: false, detail: 'the index entry has no valid digest' };
}

/** The config blob an image manifest names. */
export function configDigest(body: string): Pointer {
  const doc = parse(body);
  if (!isRecord(doc) || !isRecord(doc.config)) return { ok: false, detail: 'the manifest names no config blob' };
  const digest = doc.config.digest;
  return typeof digest === 'string' && DIGEST.test(digest) ? { ok: true, digest } : { ok: false, detail: 'the manifest’s config digest is not valid' };
}

/** `config.User` of an image configuration (`''` when it sets none: the image runs as root), or why it cannot be read. */
export function configUser(body: string): { readonly ok: true; readonly user: string } | { readonly ok: false; readonly detail: string } {
  const doc = parse(body);
  if (!isRecord(doc)) return { ok: false, detail: 'the image configuration is not a JSON object' };
  if (doc.config === undefined || doc.config === null) return { ok: true, user: '' };
  if (!isRecord(doc.config)) return { ok: false, detail: 'the image configuration’s config is not an object' };
  const user = doc.config.User;
  if (user === undefined || user === null) return { ok: true, user: '' };
  // a user is a name or a number, with an optional group: nothing a USER line could not hold
  if (typeof user !== 'string' || user.length > 256 || /[\s\u0000-\u001f]/.test(user)) return { ok: false, detail: 'the image configuration’s User is not a valid user' };
  return { ok: true, user };
}
