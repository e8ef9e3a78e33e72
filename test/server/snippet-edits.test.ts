// Fixes with values to tune (limits) reach the editor as snippet edits only when the client
// announces snippetEditSupport; everything else gets the plain values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextDocumentEdit } from 'vscode-languageserver';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { lintText } from '../../shared/src/lint';
import { withSnippets } from '../../shared/src/snippet';
import type { Result } from '../../shared/src/types';
import { codeActions } from '../../server/src/code-actions';
import { groupedDiagnostics } from '../../server/src/diagnostic-groups';
import { applyAction } from './fixtures';

const URI = 'file:///snippets/pod.yaml';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n';
const lint = (text: string): readonly Result[] => lintText(URI, text, { config: { ...DEFAULT_CONFIG, level: 'L3' } }).results;

function resourcesAction(snippetEdits: boolean, documentChanges: boolean): CodeAction {
  const document = TextDocument.create(URI, 'yaml', 1, POD);
  const results = lint(POD);
  const diagnostics = groupedDiagnostics(results, 1, 'en');
  const actions = codeActions({ document, kind: 'kubernetes', results, diagnostics, only: undefined, lang: 'en', documentChanges, snippetEdits, lazyFixAll: false, lintText: lint });
  const action = actions.find((a) => a.title.startsWith('Add requests and limits'));
  assert.ok(action, 'the resources quick-fix is offered');
  return action;
}

describe('snippet edits', () => {
  it('a client with snippetEditSupport gets placeholders to tab through', () => {
    const change = resourcesAction(true, true).edit?.documentChanges?.[0] as TextDocumentEdit;
    const edit = change.edits[0] as { snippet?: { kind: string; value: string } };
    assert.equal(edit.snippet?.kind, 'snippet');
    assert.equal(edit.snippet?.value, '\n    resources:\n      requests:\n        cpu: ${1:100m}\n        memory: ${2:128Mi}\n      limits:\n        cpu: ${3:500m}\n        memory: ${4:256Mi}');
  });
  it('other clients, and versionless edits, get the plain values', () => {
    for (const documentChanges of [true, false]) {
      const action = resourcesAction(false, documentChanges);
      const fixed = applyAction(POD, URI, action);
      assert.match(fixed, /limits:\n {8}cpu: 500m\n {8}memory: 256Mi\n$/);
      assert.ok(!lint(fixed).some((r) => r.ruleId === 'k8s/resources'));
    }
    const noVersions = resourcesAction(true, false);
    assert.ok(noVersions.edit?.changes, 'snippet edits need versioned document changes');
  });
  it('escapes snippet syntax outside the placeholders', () => {
    const made = withSnippets((value) => [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `a: \${X} \\ ${value(1, '5$}')}` }]);
    assert.equal(made?.edits[0]?.newText, 'a: ${X} \\ 5$}');
    assert.equal(made?.snippets[0]?.newText, 'a: \\${X\\} \\\\ ${1:5\\$\\}}');
  });
});
