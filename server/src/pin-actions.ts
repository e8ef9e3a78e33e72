import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CONFIG, type PinningConfig } from '../../shared/src/config';
import { cachedClient, memoryCache } from '../../host/src/registry/cache';
import { createRegistryClient, type RegistryClient } from '../../host/src/registry/client';
import { dockerCredentials } from '../../host/src/registry/credentials';
import { pinTitle, reason } from '../../host/src/registry/messages';
import { pinReference, type ReferencePin } from '../../host/src/registry/pin';
import { chartPinEdit, type ChartPinSite } from '../../shared/src/helm/lint-chart';
import type { Lang, Localized } from '../../shared/src/types';

/** What the pin actions need from the server. */
export interface PinActionDeps {
  /** False in untrusted workspaces and when the user turned registry lookups off. */
  isAllowed(uri: string): Promise<boolean>;
  log(message: string): void;
  /** Display language and pinning settings of a document (defaults: English, the default pinning settings). */
  settingsFor?(uri: string): Promise<{ readonly lang: Lang; readonly pinning: PinningConfig }>;
  /** The open document, to check an action still matches its text when it is resolved. */
  document?(uri: string): TextDocument | undefined;
  /** Shows why a pin failed (window/showWarningMessage). */
  notify?(message: string): void;
  /** Reports work-done progress while the registry is asked (window/workDoneProgress). */
  progress?(title: string): Promise<{ done(): void }>;
  /** Environment for proxies and credentials (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A registry client to use instead of one built from the settings (tests). */
  readonly client?: RegistryClient;
}

/**
 * Digest-pinning quick-fixes ("Pin image digest from the registry") for diagnostics whose data
 * carries `pin.reference`. Actions are returned unresolved (no network while listing);
 * `resolve` asks the registry and fills in the edit.
 */
export interface PinActions {
  codeActions(document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[];
  /** True for actions this module created. */
  owns(action: CodeAction): boolean;
  resolve(action: CodeAction): Promise<CodeAction>;
}

/** The data a pin action carries between listing and resolving. */
interface PinData {
  /** `insert`: the digest goes in at the empty `range` of `uri` (a chart's values tag, lintChart's data.pin.insert), not over the reference. */
  readonly bollwerkPin: { readonly uri: string; readonly version: number; readonly range: Range; readonly reference: string; readonly insert?: boolean };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const pinDataOf = (data: unknown): PinData['bollwerkPin'] | undefined => {
  if (!isRecord(data) || !isRecord(data.bollwerkPin)) return undefined;
  const p = data.bollwerkPin;
  return typeof p.uri === 'string' && typeof p.reference === 'string' && typeof p.version === 'number' && isRecord(p.range) ? (p as unknown as PinData['bollwerkPin']) : undefined;
};

/** Where a chart finding's digest goes (lintChart's `data.pin.insert`): another file of the chart, at a position. */
const insertOf = (d: Diagnostic): ChartPinSite | undefined => {
  const pin = isRecord(d.data) ? d.data.pin : undefined;
  const insert = isRecord(pin) ? pin.insert : undefined;
  return isRecord(insert) && typeof insert.uri === 'string' && isRecord(insert.position) ? (insert as unknown as ChartPinSite) : undefined;
};

const referenceOf = (d: Diagnostic): string | undefined => {
  const pin = isRecord(d.data) ? d.data.pin : undefined;
  return isRecord(pin) && typeof pin.reference === 'string' && pin.reference !== '' ? pin.reference : undefined;
};

/**
 * The range of exactly the reference text: the diagnostic's range, or its inside when the range
 * covers a quoted YAML scalar, so that the edit keeps the quotes. Undefined when the text differs.
 */
function referenceRange(document: TextDocument, range: Range, reference: string): Range | undefined {
  const text = document.getText(range);
  if (text === reference) return range;
  const quote = text[0];
  if ((quote === '"' || quote === "'") && text === `${quote}${reference}${quote}`) {
    const start = document.offsetAt(range.start) + 1;
    return { start: document.positionAt(start), end: document.positionAt(start + reference.length) };
  }
  return undefined;
}

/** What is known about a document's settings, refreshed in the background. */
interface Known {
  allowed: boolean | undefined;
  lang: Lang;
  pinning: PinningConfig;
}

const FAILURE_MEMORY_MS = 60_000;

/** Creates the pin actions provider. */
export function createPinActions(deps: PinActionDeps): PinActions {
  const known = new Map<string, Known>();
  const clients = new Map<string, RegistryClient>();
  const failures = new Map<string, { reason: Localized; until: number }>();
  const env = deps.env ?? process.env;

  const refresh = async (uri: string): Promise<Known> => {
    const [allowed, s] = await Promise.all([deps.isAllowed(uri), deps.settingsFor?.(uri)]);
    const k: Known = { allowed, lang: s?.lang ?? 'en', pinning: s?.pinning ?? DEFAULT_CONFIG.pinning };
    known.set(uri, k);
    return k;
  };

  const clientFor = (pinning: PinningConfig): RegistryClient => {
    const key = JSON.stringify([pinning.timeoutMs, pinning.insecureRegistries, pinning.cacheSeconds]);
    let c = clients.get(key);
    if (!c) {
      const base = deps.client ?? createRegistryClient({ timeoutMs: pinning.timeoutMs, insecureRegistries: pinning.insecureRegistries, env, credentials: dockerCredentials(env) });
      c = cachedClient(base, memoryCache(pinning.cacheSeconds));
      clients.set(key, c);
    }
    return c;
  };

  const pin = async (reference: string, k: Known): Promise<ReferencePin> => {
    const result = await pinReference(reference, clientFor(k.pinning), { timeoutMs: k.pinning.timeoutMs });
    if (result.status === 'failed') failures.set(reference, { reason: result.reason, until: Date.now() + FAILURE_MEMORY_MS });
    else failures.delete(reference);
    return result;
  };

  return {
    codeActions(document, diagnostics) {
      const k = known.get(document.uri);
      // Settings and trust are asked in the background; a lookup never holds up the listing.
      void refresh(document.uri)
        .then((now) => {
          if (!now.allowed) return;
          for (const d of diagnostics) {
            const reference = referenceOf(d);
            if (reference) void pin(reference, now).catch((e: unknown) => deps.log(`pin prefetch failed: ${String(e)}`));
          }
        })
        .catch((e: unknown) => deps.log(`pin settings failed: ${String(e)}`));
      const lang = k?.lang ?? 'en';
      const seen = new Set<string>();
      const actions: CodeAction[] = [];
      for (const d of diagnostics) {
        const reference = referenceOf(d);
        const insert = insertOf(d);
        const range = insert ? { start: insert.position, end: insert.position } : reference ? referenceRange(document, d.range, reference) : undefined;
        if (!reference || !range) continue;
        const key = `${d.range.start.line}:${d.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const failure = failures.get(reference);
        const disabled = k?.allowed === false ? reason('disabled', {}) : failure && failure.until > Date.now() ? failure.reason : undefined;
        const data: PinData = { bollwerkPin: insert ? { uri: insert.uri, version: document.version, range, reference, insert: true } : { uri: document.uri, version: document.version, range, reference } };
        actions.push({ title: pinTitle(reference)[lang], kind: CodeActionKind.QuickFix, diagnostics: [d], data, ...(disabled ? { disabled: { reason: disabled[lang] } } : {}) });
      }
      return actions;
    },

    owns: (action) => pinDataOf(action.data) !== undefined,

    async resolve(action) {
      const data = pinDataOf(action.data);
      if (!data) return action;
      const k = await refresh(data.uri);
      if (!k.allowed) {
        deps.notify?.(reason('disabled', {})[k.lang]);
        return action;
      }
      const doc = deps.document?.(data.uri);
      if (doc && !data.insert && doc.getText(data.range) !== data.reference) return action; // the text moved on
      const progress = await deps.progress?.(pinTitle(data.reference)[k.lang]).catch(() => undefined);
      try {
        const result = await pin(data.reference, k);
        if (result.status === 'pinned' || result.status === 'updated') {
          const edit = data.insert ? chartPinEdit({ uri: data.uri, position: data.range.start }, result.newText)?.edit : { range: data.range, newText: result.newText };
          return edit ? { ...action, edit: { changes: { [data.uri]: [edit] } } } : action;
        }
        if (result.status === 'failed') {
          deps.log(`pin ${data.reference}: ${result.reason.en}`);
          deps.notify?.(result.reason[k.lang]);
        }
        return action;
      } finally {
        progress?.done();
      }
    },
  };
}
