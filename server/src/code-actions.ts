import { CodeActionKind, type CodeAction, type Diagnostic, type Position, type Range, type SnippetTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from '../../shared/src/protocol';
import { eol } from '../../shared/src/text';
import type { FileKind, Fix, Lang, Result, TextEdit } from '../../shared/src/types';
import { rulesOf } from './diagnostic-groups';
import { fixAllText, minimalEdit } from './fix-all';
import { t, tf, UI } from './i18n';
import { ruleById } from './rule-docs';

/** What the code actions of one request need. */
export interface CodeActionInput {
  readonly document: TextDocument;
  readonly kind: FileKind | undefined;
  /** Results of the document's current version. */
  readonly results: readonly Result[];
  readonly diagnostics: readonly Diagnostic[];
  readonly only: readonly string[] | undefined;
  readonly lang: Lang;
  readonly documentChanges: boolean;
  /** The client applies snippet edits in workspace edits (LSP 3.18 `workspace.workspaceEdit.snippetEditSupport`). */
  readonly snippetEdits?: boolean;
  /** Return fix-all without its edit (filled in by `codeAction/resolve`) unless explicitly asked for. */
  readonly lazyFixAll: boolean;
  /** Lints a text of this document under its settings (for fix-all passes). */
  lintText(text: string): readonly Result[];
  /**
   * For a file of a chart or a kustomization the editor renders or builds: fix-all over the chart
   * or the kustomizations (their findings' fixes, verified, in every file they edit), applying the
   * fixes of the findings `wanted` picks (all when omitted; `key` names the pick, for reuse while
   * nothing changed). Undefined for other files.
   */
  readonly live?: { fixAll(wanted?: { readonly key: string; pick(finding: Result): boolean }): WorkspaceEdit | undefined };
}

/** True when an action of `kind` is wanted by a request's `only` filter (kinds are hierarchical). */
export function wanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** A workspace edit of one document, versioned when the client supports it. */
export function documentEdit(document: TextDocument, edits: readonly TextEdit[], documentChanges: boolean): WorkspaceEdit {
  return documentChanges
    ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: [...edits] }] }
    : { changes: { [document.uri]: [...edits] } };
}

/**
 * The edit of one fix: its snippets (placeholders the user tabs through) when the fix has them and
 * the client applies snippet edits in a versioned document change, else its plain edits.
 */
export function fixEdit(input: Pick<CodeActionInput, 'document' | 'documentChanges' | 'snippetEdits'>, fix: Fix): WorkspaceEdit {
  if (!fix.snippets?.length || !input.snippetEdits || !input.documentChanges) return documentEdit(input.document, fix.edits, input.documentChanges);
  const edits: SnippetTextEdit[] = fix.snippets.map((e) => ({ range: e.range, snippet: { kind: 'snippet', value: e.newText } }));
  return { documentChanges: [{ textDocument: { uri: input.document.uri, version: input.document.version }, edits }] };
}

const KEY_OR_ITEM = /^\s*(?:-\s+|-$|[^\s#-][^#]*:(?:\s|$)|"[^"]*"\s*:|'[^']*'\s*:)/;

/** The line above which a suppression comment can go for `line`, or undefined (e.g. inside a YAML block scalar). */
export function suppressionLine(document: TextDocument, kind: FileKind | undefined, line: number): number | undefined {
  const text = lineText(document, line);
  if (kind === 'dockerfile') return line;
  return KEY_OR_ITEM.test(text) ? line : undefined;
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

/** The edit inserting `# bollwerk-ignore <id> -- <reason>` above `line`, with that line's indentation. */
export function suppressEdit(document: TextDocument, line: number, ruleId: string, lang: Lang): TextEdit {
  const indent = /^[ \t]*/.exec(lineText(document, line))?.[0] ?? '';
  const nl = eol(document.getText());
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# bollwerk-ignore ${ruleId} -- ${t(UI.reason, lang)}${nl}` };
}

const samePosition = (a: Position, b: Position): boolean => a.line === b.line && a.character === b.character;
const sameRange = (a: Range, b: Range): boolean => samePosition(a.start, b.start) && samePosition(a.end, b.end);

/** The results a diagnostic stands for: its rules' results at its range (several for a grouped diagnostic). */
function resultsOf(d: Diagnostic, results: readonly Result[]): Result[] {
  const rules = rulesOf(d);
  return results.filter((r) => rules.includes(r.ruleId) && sameRange(d.range, r.range));
}

/** How the "apply all fixes here" action names what it hardens: the container or service whose name the findings are on. */
function hardenTitle(input: CodeActionInput, range: Range, count: number): string {
  const name = input.document.getText(range).replace(/^["']|["']$/g, '');
  const plain = /^[\w.-]+$/.test(name) && name !== 'spec';
  if (input.kind === 'compose' && plain) return tf(UI.hardenService, input.lang, { name, n: count });
  if (input.kind === 'kubernetes') return plain ? tf(UI.hardenContainer, input.lang, { name, n: count }) : tf(UI.hardenPod, input.lang, { n: count });
  return tf(UI.applyHere, input.lang, { n: count });
}

/** Data of a live "harden" action whose edit is computed on `codeAction/resolve`. */
export interface HardenData {
  readonly bollwerkHarden: { readonly uri: string; readonly version: number; readonly rules: readonly string[]; readonly position: Position };
}

/** True for the data of an unresolved live "harden" action. */
export function isHardenData(data: unknown): data is HardenData {
  const v = (data as Partial<HardenData> | null | undefined)?.bollwerkHarden;
  return typeof v === 'object' && v !== null && typeof v.uri === 'string' && typeof v.version === 'number' && Array.isArray(v.rules) && typeof v.position === 'object' && v.position !== null;
}

/**
 * The edit applying every fix of `rules` at `at` of the document, pass after pass: over the chart
 * or the kustomizations (rendered or built again after each pass; the fixes may edit values.yaml),
 * else, or when those find nothing (a file of a chart linted alone, such as a CRD), over the
 * document's own text linted again.
 */
export function hardenEdit(input: CodeActionInput, rules: ReadonlySet<string>, at: Position): WorkspaceEdit | undefined {
  if (input.live) {
    const key = `${[...rules].sort().join(',')}@${at.line}:${at.character}`;
    const edit = input.live.fixAll({ key, pick: (r) => rules.has(r.ruleId) && r.uri === input.document.uri && samePosition(r.range.start, at) });
    if (edit) return edit;
  }
  const before = input.document.getText();
  const after = fixAllText(before, (text) => input.lintText(text).filter((r) => rules.has(r.ruleId) && samePosition(r.range.start, at)));
  const edits = minimalEdit(before, after, (o) => input.document.positionAt(o));
  return edits.length ? documentEdit(input.document, edits, input.documentChanges) : undefined;
}

/**
 * One action applying every fix of a grouped diagnostic: as fix-all does, pass after pass, each
 * pass linting the text again and applying the non-overlapping fixes of the group's rules at the
 * group's place (the fixes of one container often create the same securityContext).
 */
function hardenAction(input: CodeActionInput, d: Diagnostic, members: readonly Result[]): CodeAction | undefined {
  const fixable = members.filter((r) => r.fix && r.fix.edits.length);
  if (fixable.length < 2) return undefined;
  const rules = new Set(fixable.map((r) => r.ruleId));
  const at = d.range.start;
  if (input.live && input.lazyFixAll) {
    // passes over a chart render it again and again: computed when the action is chosen (`codeAction/resolve`)
    const data: HardenData = { bollwerkHarden: { uri: input.document.uri, version: input.document.version, rules: [...rules], position: at } };
    return { title: hardenTitle(input, d.range, fixable.length), kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, data };
  }
  const edit = hardenEdit(input, rules, at);
  return edit ? { title: hardenTitle(input, d.range, fixable.length), kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit } : undefined;
}

function quickFixes(input: CodeActionInput): CodeAction[] {
  const out: CodeAction[] = [];
  const suppressed = new Set<string>();
  for (const d of input.diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') continue;
    const members = resultsOf(d, input.results);
    const harden = members.length > 1 ? hardenAction(input, d, members) : undefined;
    if (harden) out.push(harden);
    for (const result of members) out.push(...resultActions(input, d, result, suppressed, harden === undefined));
  }
  return out;
}

/** The quick-fix of one result and its suppressions ("preferred" only when no action applies the whole group). */
function resultActions(input: CodeActionInput, d: Diagnostic, result: Result, suppressed: Set<string>, preferred: boolean): CodeAction[] {
  const { document, lang } = input;
  const out: CodeAction[] = [];
  if (result.fix && result.fix.edits.length) {
    // a chart finding's fix may edit another file of the chart (the values file that feeds the block)
    const edit = result.fix.uri !== undefined && result.fix.uri !== document.uri ? { changes: { [result.fix.uri]: [...result.fix.edits] } } : fixEdit(input, result.fix);
    out.push({ title: t(result.fix.title, lang), kind: CodeActionKind.QuickFix, diagnostics: [d], ...(preferred ? { isPreferred: true } : {}), edit });
  }
  if (result.ruleId.startsWith('bollwerk/')) return out;
  const line = suppressionLine(document, input.kind, result.range.start.line);
  const add = (title: string, at: number): void => {
    const k = `${result.ruleId}@${at}`;
    if (suppressed.has(k)) return;
    suppressed.add(k);
    out.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: documentEdit(document, [suppressEdit(document, at, result.ruleId, lang)], input.documentChanges) });
  };
  if (line !== undefined) add(tf(UI.suppressLine, lang, { rule: result.ruleId }), line);
  const objectLine = result.objectRange?.start.line;
  if (objectLine !== undefined && objectLine !== line && suppressionLine(document, input.kind, objectLine) !== undefined) {
    add(tf(UI.suppressObject, lang, { rule: result.ruleId }), objectLine);
  }
  return out;
}

/** The "fix all Bollwerk problems in this file" action, or undefined when nothing is fixable. */
export function fixAllAction(input: CodeActionInput): CodeAction | undefined {
  if (!anyFixable(input)) return undefined;
  if (input.live) {
    const edit = input.live.fixAll();
    if (edit) return { title: t(UI.fixAll, input.lang), kind: FIX_ALL_KIND, edit };
    // else the file's own fixes, if any (a file of the chart linted alone, such as a CRD)
  }
  const before = input.document.getText();
  const after = fixAllText(before, input.lintText);
  const edits = minimalEdit(before, after, (o) => input.document.positionAt(o));
  if (edits.length === 0) return undefined;
  return { title: t(UI.fixAll, input.lang), kind: FIX_ALL_KIND, edit: documentEdit(input.document, edits, input.documentChanges) };
}

/**
 * True when fix-all may find something: a result with a fix, or, in a chart or a kustomization
 * (whose findings carry no fix until asked for, a render per fix), a result of a rule that has fixes.
 */
function anyFixable(input: CodeActionInput): boolean {
  return input.results.some((r) => (r.fix && r.fix.edits.length) || (input.live !== undefined && ruleById(r.ruleId)?.fixable === true));
}

/** Data of a fix-all action whose edit is computed on `codeAction/resolve`. */
export interface FixAllData {
  readonly bollwerkFixAll: { readonly uri: string; readonly version: number };
}

/** True for the data of an unresolved fix-all action. */
export function isFixAllData(data: unknown): data is FixAllData {
  const v = (data as Partial<FixAllData> | null | undefined)?.bollwerkFixAll;
  return typeof v === 'object' && v !== null && typeof v.uri === 'string' && typeof v.version === 'number';
}

function unresolvedFixAll(input: CodeActionInput): CodeAction {
  const data: FixAllData = { bollwerkFixAll: { uri: input.document.uri, version: input.document.version } };
  return { title: t(UI.fixAll, input.lang), kind: FIX_ALL_KIND, data };
}

/** Quick-fixes and suppressions for the diagnostics in range, and fix-all when asked for (or unfiltered). */
export function codeActions(input: CodeActionInput): CodeAction[] {
  const out: CodeAction[] = [];
  if (wanted(input.only, CodeActionKind.QuickFix)) out.push(...quickFixes(input));
  if (wanted(input.only, FIX_ALL_KIND)) {
    const explicit = input.only !== undefined;
    // over a chart or kustomizations fix-all costs renders or builds per fix: without
    // `codeAction/resolve` it is computed only when asked for by kind
    if (!explicit && input.live && !input.lazyFixAll) return out;
    if (!explicit && input.lazyFixAll) {
      if (anyFixable(input)) out.push(unresolvedFixAll(input));
    } else {
      const all = fixAllAction(input);
      if (all) out.push(all);
    }
  }
  return out;
}
