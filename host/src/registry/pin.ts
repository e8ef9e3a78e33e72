import { parseDockerfile } from '../../../shared/src/parse/dockerfile';
import { parseYaml } from '../../../shared/src/parse/yaml';
import { detectKind } from '../../../shared/src/parse/kind';
import { applyEdits } from '../../../shared/src/text';
import type { FileKind, Localized, Range, TextEdit } from '../../../shared/src/types';
import type { RegistryClient } from './client';
import { findImageSites, type ImageSite } from './locate';
import { reason, referenceErrorText, type PinProblem } from './messages';
import { familiarName, hasVariable, parseReference, registryHost } from './reference';

/** What happened to one reference. */
export type PinStatus = 'pinned' | 'updated' | 'up-to-date' | 'already-pinned' | 'failed';

/** The result of pinning one reference text. */
export type ReferencePin =
  | { readonly status: 'pinned' | 'updated' | 'up-to-date'; readonly newText: string; readonly digest: string; readonly multiPlatform: boolean; readonly previous?: string }
  | { readonly status: 'already-pinned' }
  | { readonly status: 'failed'; readonly problem: PinProblem; readonly reason: Localized };

/** Options of a pin run. */
export interface PinOptions {
  /** Re-resolve references that already carry a digest and replace it when the tag moved. */
  readonly update?: boolean;
  /** For messages: the timeout in use. */
  readonly timeoutMs?: number;
}

/** The digest forms written into a file; anything else a client or cache returns is refused. */
const WRITABLE_DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

const failed = (problem: PinProblem, args: Record<string, string | number>): ReferencePin => ({ status: 'failed', problem, reason: reason(problem, args) });

/**
 * Pins one reference as written: `name:tag` becomes `name:tag@sha256:…` (a missing tag becomes
 * `:latest`, the tag Docker would pull), keeping the text otherwise unchanged.
 */
export async function pinReference(text: string, client: RegistryClient, options: PinOptions = {}): Promise<ReferencePin> {
  if (hasVariable(text)) return failed('variable', { ref: text });
  const parsed = parseReference(text);
  if (!parsed.ok) return failed('invalid-reference', { ref: text, detail: referenceErrorText(parsed.error) });
  const ref = parsed.ref;
  if (ref.digest !== undefined) {
    if (!options.update) return { status: 'already-pinned' };
    if (ref.tag === undefined) return failed('no-tag', { ref: text });
  }
  const resolved = await client.resolve(ref);
  const args = { ref: text, registry: registryHost(ref.domain), repository: familiarName(ref), tag: ref.tag ?? 'latest', timeoutMs: options.timeoutMs ?? 0 };
  if (!resolved.ok) return failed(resolved.failure, { ...args, detail: resolved.detail });
  if (!WRITABLE_DIGEST.test(resolved.digest)) return failed('registry-error', { ...args, detail: 'the digest is not sha256: or sha512: followed by hex digits' });
  const base = ref.digest !== undefined ? text.slice(0, text.lastIndexOf('@')) : `${text}${ref.tag === undefined ? ':latest' : ''}`;
  const newText = `${base}@${resolved.digest}`;
  const common = { newText, digest: resolved.digest, multiPlatform: resolved.multiPlatform };
  if (ref.digest === undefined) return { status: 'pinned', ...common };
  return ref.digest === resolved.digest ? { status: 'up-to-date', ...common } : { status: 'updated', ...common, previous: ref.digest };
}

/** One reference of a file and what happened to it. */
export interface SiteOutcome {
  readonly site: ImageSite;
  readonly pin: ReferencePin;
}

/** The outcome of pinning a whole file. */
export interface FilePin {
  readonly kind: FileKind | undefined;
  readonly text: string;
  readonly changed: boolean;
  readonly outcomes: readonly SiteOutcome[];
}

/** Pins every image reference of a Dockerfile, Compose file or Kubernetes manifest. */
export async function pinText(uri: string, text: string, client: RegistryClient, options: PinOptions = {}, kind: FileKind | undefined = detectKind(uri, text)): Promise<FilePin> {
  if (!kind) return { kind, text, changed: false, outcomes: [] };
  const sites = findImageSites(kind === 'dockerfile' ? parseDockerfile(uri, text) : parseYaml(uri, text, kind));
  const outcomes = await Promise.all(
    sites.map(async (site): Promise<SiteOutcome> => ({
      site,
      pin: site.unsafe ? failed('scalar-style', { ref: site.text }) : await pinReference(site.text, client, options),
    })),
  );
  const edits: TextEdit[] = outcomes.flatMap(({ site, pin }) =>
    (pin.status === 'pinned' || pin.status === 'updated') && pin.newText !== site.text ? [{ range: site.range, newText: pin.newText }] : [],
  );
  const out = edits.length ? applyEdits(text, edits) : text;
  return { kind, text: out, changed: out !== text, outcomes };
}

/** `line:col` (1-based) of a range start, for reports. */
export function where(range: Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}`;
}
