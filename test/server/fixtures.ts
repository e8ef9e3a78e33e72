// Texts and helpers shared by the protocol tests.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { lintText } from '../../shared/src/lint';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import type { Level } from '../../shared/src/types';
import { groupedDiagnostics, rulesOf } from '../../server/src/diagnostic-groups';

export const DOCKERFILE_URI = 'file:///w/app/Dockerfile';
export const DOCKERFILE = 'FROM alpine:3.20\nADD app.txt /app/\nCOPY b /b\nADD c.txt /c\n';

export const COMPOSE_URI = 'file:///w/app/compose.yaml';
export const COMPOSE = 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n';

export const POD_URI = 'file:///w/app/pod.yaml';
export const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: p',
  'spec:',
  '  containers:',
  '    - name: a',
  '      image: nginx:1.25',
  '      securityContext:',
  '        privileged: true',
  '    - name: b',
  '      image: nginx:1.25',
  '',
].join('\n');

/** What the core reports for a text, grouped per object and place as the editor shows it, as comparable tuples. */
export function coreFindings(uri: string, text: string, level: Level = DEFAULT_CONFIG.level): string[] {
  return diagnosticFindings(groupedDiagnostics(lintText(uri, text, { config: { ...DEFAULT_CONFIG, level } }).results, 0, 'en'));
}

/** The same tuples for diagnostics received over the protocol. */
export function diagnosticFindings(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);
}

/** Applies a code action's edit (documentChanges or changes) to a text. */
export function applyAction(text: string, uri: string, action: CodeAction): string {
  const edits: TextEdit[] = [];
  const edit = action.edit;
  if (!edit) throw new Error(`action "${action.title}" has no edit`);
  for (const c of edit.documentChanges ?? []) if ('textDocument' in c && c.textDocument.uri === uri) edits.push(...(c.edits as TextEdit[]));
  edits.push(...(edit.changes?.[uri] ?? []));
  return TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, text), edits);
}

/** `[line, character, endLine, endCharacter]` tuples of the diagnostics of one rule (alone or in a group). */
export function rangesOf(diagnostics: readonly Diagnostic[], ruleId: string): number[][] {
  return diagnostics.filter((d) => rulesOf(d).includes(ruleId)).map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
}
