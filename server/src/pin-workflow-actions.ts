import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { send, type HttpResult } from '../../host/src/registry/http';
import { mayCarryCredentials } from '../../host/src/registry/redirect';
import type { Lang, Localized } from '../../shared/src/types';

/**
 * "Pin to its commit" quick-fixes for `ci/unpinned-action` findings (data `pinAction`): the tag or
 * branch of a workflow's `uses:` is replaced by the commit GitHub resolves it to, and the tag is
 * kept in a comment (`actions/checkout@<sha> # v4`). Like digest pinning the lookup needs the
 * network, so it runs only where the user allows lookups, and only when the action is resolved.
 */
export interface WorkflowPinActions {
  codeActions(document: TextDocument, diagnostics: readonly Diagnostic[], lang: Lang): CodeAction[];
  /** True for actions this module created. */
  owns(action: CodeAction): boolean;
  resolve(action: CodeAction): Promise<CodeAction>;
}

/** A commit a tag or branch points to, or why it is not known. */
export type CommitLookup = { readonly ok: true; readonly sha: string } | { readonly ok: false; readonly reason: Localized };

/** What the actions need from the server. */
export interface WorkflowPinDeps {
  /** False in untrusted workspaces and when the user turned lookups off (the digest-pinning switch). */
  isAllowed(uri: string): Promise<boolean>;
  log(message: string): void;
  /** Display language and lookup timeout of a document. */
  settingsFor?(uri: string): Promise<{ readonly lang: Lang; readonly timeoutMs: number }>;
  /** The open document, to check the text is still what was listed when the action is resolved. */
  document?(uri: string): TextDocument | undefined;
  /** Shows why a pin failed. */
  notify?(message: string): void;
  /** Asks for the commit of `ref` in `owner/repo` (default: the GitHub API, {@link githubCommit}). */
  commitOf?(repo: string, ref: string, timeoutMs: number): Promise<CommitLookup>;
  /** Environment for the API address, token and proxies (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface PinActionData {
  readonly bollwerkPinAction: { readonly uri: string; readonly range: Range; readonly uses: string; readonly ref: string };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const SHA = /^[0-9a-f]{40}$/;

const dataOf = (data: unknown): PinActionData['bollwerkPinAction'] | undefined => {
  if (!isRecord(data) || !isRecord(data.bollwerkPinAction)) return undefined;
  const p = data.bollwerkPinAction;
  return typeof p.uri === 'string' && typeof p.uses === 'string' && typeof p.ref === 'string' && isRecord(p.range) ? (p as unknown as PinActionData['bollwerkPinAction']) : undefined;
};

const pinOf = (d: Diagnostic): { uses: string; ref: string } | undefined => {
  const p = isRecord(d.data) ? d.data.pinAction : undefined;
  return isRecord(p) && typeof p.uses === 'string' && typeof p.ref === 'string' && p.uses.endsWith(`@${p.ref}`) ? { uses: p.uses, ref: p.ref } : undefined;
};

/** The range of exactly the `uses:` text inside the diagnostic's range (without the quotes of a quoted scalar). */
function usesRange(document: TextDocument, range: Range, uses: string): Range | undefined {
  const text = document.getText(range);
  if (text === uses) return range;
  const quote = text[0];
  if ((quote === '"' || quote === "'") && text === `${quote}${uses}${quote}`) {
    const start = document.offsetAt(range.start) + 1;
    return { start: document.positionAt(start), end: document.positionAt(start + uses.length) };
  }
  return undefined;
}

const TITLE: Localized = { en: 'Pin {uses} to its commit (asks GitHub)', de: '{uses} auf seinen Commit festlegen (fragt GitHub)' };
const DISABLED: Localized = {
  en: 'Looking up commits is off: it needs the network and a trusted workspace (the digest-pinning setting allows it).',
  de: 'Das Nachschlagen von Commits ist aus: es braucht das Netzwerk und einen vertrauenswürdigen Arbeitsbereich (die Einstellung zum Digest-Pinnen erlaubt es).',
};
const fill = (text: Localized, lang: Lang, args: Record<string, string>): string => text[lang].replace(/\{(\w+)\}/g, (m, k: string) => args[k] ?? m);

/**
 * The edits pinning `uses` at `range` to `sha`: the ref after `@` replaced, and the old ref kept as
 * a comment at the end of the line when the line has no comment yet.
 */
export function pinEdits(document: TextDocument, range: Range, uses: string, ref: string, sha: string): TextEdit[] {
  const at = document.offsetAt(range.start) + uses.length - ref.length;
  const edits: TextEdit[] = [{ range: { start: document.positionAt(at), end: range.end }, newText: sha }];
  const line = document.getText({ start: range.end, end: { line: range.end.line + 1, character: 0 } }).replace(/\r?\n$/, '');
  if (/^["']?\s*$/.test(line)) {
    const end = { line: range.end.line, character: range.end.character + line.length };
    edits.push({ range: { start: end, end }, newText: ` # ${ref}` });
  }
  return edits;
}

/** Creates the provider. */
export function createWorkflowPinActions(deps: WorkflowPinDeps): WorkflowPinActions {
  const env = deps.env ?? process.env;
  const commitOf = deps.commitOf ?? ((repo: string, ref: string, timeoutMs: number) => githubCommit(repo, ref, { env, timeoutMs }));
  return {
    codeActions(document, diagnostics, lang) {
      const actions: CodeAction[] = [];
      for (const d of diagnostics) {
        const pin = pinOf(d);
        const range = pin ? usesRange(document, d.range, pin.uses) : undefined;
        if (!pin || !range) continue;
        const data: PinActionData = { bollwerkPinAction: { uri: document.uri, range, uses: pin.uses, ref: pin.ref } };
        actions.push({ title: fill(TITLE, lang, { uses: pin.uses }), kind: CodeActionKind.QuickFix, diagnostics: [d], data });
      }
      return actions;
    },

    owns: (action) => dataOf(action.data) !== undefined,

    async resolve(action) {
      const data = dataOf(action.data);
      if (!data) return action;
      const settings = (await deps.settingsFor?.(data.uri)) ?? { lang: 'en' as const, timeoutMs: 10_000 };
      if (!(await deps.isAllowed(data.uri))) {
        deps.notify?.(DISABLED[settings.lang]);
        return action;
      }
      const doc = deps.document?.(data.uri);
      if (!doc || doc.getText(data.range) !== data.uses) return action; // the text moved on
      const repo = data.uses.slice(0, data.uses.lastIndexOf('@')).split('/').slice(0, 2).join('/');
      const found = await commitOf(repo, data.ref, settings.timeoutMs);
      if (!found.ok) {
        deps.log(`pin ${data.uses}: ${found.reason.en}`);
        deps.notify?.(found.reason[settings.lang]);
        return action;
      }
      return { ...action, edit: { changes: { [data.uri]: pinEdits(doc, data.range, data.uses, data.ref, found.sha) } } };
    },
  };
}

const why = (en: string, de: string): CommitLookup => ({ ok: false, reason: { en, de } });

/**
 * The commit `ref` (a tag or branch) of the GitHub repository `owner/repo` points to, from the
 * REST API (`GET /repos/{repo}/commits/{ref}` with the `application/vnd.github.sha` media type, which
 * answers with the bare SHA). `GITHUB_API_URL` names another API (GitHub Enterprise);
 * `GITHUB_TOKEN`, when set, is sent for the higher rate limit (over HTTPS, or plain HTTP to loopback
 * only) and is never shown.
 */
export async function githubCommit(repo: string, ref: string, options: { readonly env: Readonly<Record<string, string | undefined>>; readonly timeoutMs: number }): Promise<CommitLookup> {
  const base = (options.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(`${base}/repos/${repo.split('/').map(encodeURIComponent).join('/')}/commits/${encodeURIComponent(ref)}`);
  } catch {
    return why(`${base} is not a URL`, `${base} ist keine URL`);
  }
  const token = options.env.GITHUB_TOKEN;
  // a token travels over TLS, or over plain HTTP to this machine only (as registry credentials do)
  if (token && !mayCarryCredentials(url)) return why(`refusing to send GITHUB_TOKEN over plain HTTP to ${url.host}`, `GITHUB_TOKEN wird nicht unverschlüsselt über HTTP an ${url.host} gesendet`);
  const result: HttpResult = await send({
    method: 'GET',
    url,
    headers: { accept: 'application/vnd.github.sha', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    deadline: Date.now() + options.timeoutMs,
    env: options.env,
    maxBytes: 4096,
  });
  const where = `${repo}@${ref}`;
  if (!result.ok) return why(`${where}: cannot reach ${url.host} (${result.failure}: ${result.detail})`, `${where}: ${url.host} ist nicht erreichbar (${result.failure}: ${result.detail})`);
  const { status, body } = result.response;
  const text = body.toString('utf8').trim();
  if (status === 200 && SHA.test(text)) return { ok: true, sha: text };
  if (status === 404 || status === 422) return why(`${where}: GitHub knows no such repository or ref`, `${where}: GitHub kennt dieses Repository oder diese Referenz nicht`);
  if (status === 403 || status === 429) return why(`${where}: GitHub refused the lookup (rate limit? set GITHUB_TOKEN)`, `${where}: GitHub hat die Abfrage abgelehnt (Rate-Limit? GITHUB_TOKEN setzen)`);
  return why(`${where}: GitHub answered ${status}`, `${where}: GitHub antwortete mit ${status}`);
}
