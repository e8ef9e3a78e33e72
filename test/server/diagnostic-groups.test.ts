// One diagnostic per object and place: grouping, the message listing each rule, the "harden"
// action applying every fix of the group (checked by linting its result), hover per rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { lintText } from '../../shared/src/lint';
import type { FileKind, Result } from '../../shared/src/types';
import { codeActions } from '../../server/src/code-actions';
import { groupedDiagnostics, rulesOf } from '../../server/src/diagnostic-groups';
import { hoverAt } from '../../server/src/hover';
import { applyAction } from './fixtures';

const DEPLOY = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: shop}',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '      - name: api',
  '        image: registry.example.com/api:1.4',
  '      - name: web',
  '        image: registry.example.com/web:2.0',
  '',
].join('\n');
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n';

const lint = (uri: string, text: string): readonly Result[] => lintText(uri, text, { config: DEFAULT_CONFIG }).results;

function actionsFor(uri: string, text: string, kind: FileKind, line: number): CodeAction[] {
  const document = TextDocument.create(uri, 'yaml', 1, text);
  const results = lint(uri, text);
  const diagnostics = groupedDiagnostics(results, 1, 'en').filter((d) => d.range.start.line === line);
  return codeActions({ document, kind, results, diagnostics, only: undefined, lang: 'en', documentChanges: false, lazyFixAll: false, lintText: (t) => lint(uri, t) });
}

describe('one diagnostic per object and place', () => {
  const uri = 'file:///w/deploy.yaml';
  const results = lint(uri, DEPLOY);
  const diagnostics = groupedDiagnostics(results, 1, 'en');

  it('shows the findings of one container at its name as one diagnostic that lists each rule with its checklist items', () => {
    const api = diagnostics.filter((d) => d.range.start.line === 7);
    assert.equal(api.length, 1);
    const atName = results.filter((r) => r.range.start.line === 7);
    assert.ok(atName.length >= 5, `several container findings at the name (${atName.length})`);
    assert.deepEqual([...rulesOf(api[0]!)].sort(), atName.map((r) => r.ruleId).sort());
    const lines = String(api[0]!.message).split('\n');
    assert.equal(lines[0], `${atName.length} findings here:`);
    assert.ok(lines.includes('• Container "api" may run as root: neither it nor the pod sets runAsNonRoot: true. (k8s/run-as-non-root; CSVS-3.1, CL-2.1.1, CSC-2.1.1, ART-3.2, POL-2.2.1)'), lines.join('\n'));
    assert.equal(api[0]!.severity, 2, 'the most severe finding decides');
    assert.ok(diagnostics.length < results.length, `${diagnostics.length} diagnostics for ${results.length} findings`);
  });

  it('keeps a single finding as it is, and shows a group of information findings as a hint', () => {
    const single = groupedDiagnostics([results.find((r) => r.severity === 'warning')!], 1, 'en')[0]!;
    assert.equal(single.data && 'rules' in single.data, false);
    const infos = results.filter((r) => r.severity === 'info');
    for (const d of groupedDiagnostics(infos, 1, 'en')) assert.equal(d.severity, 4);
  });

  it('offers "harden container" applying every fix of the group, leaving the other container alone', () => {
    const actions = actionsFor(uri, DEPLOY, 'kubernetes', 7);
    const harden = actions.find((a) => a.title.startsWith('Harden container "api"'));
    assert.ok(harden, actions.map((a) => a.title).join('\n'));
    assert.equal(harden.isPreferred, true);
    assert.ok(actions.some((a) => a.title === 'Set allowPrivilegeEscalation: false' && a.isPreferred !== true), 'each rule keeps its own fix');
    const fixed = applyAction(DEPLOY, uri, harden);
    const after = lint(uri, fixed);
    const fixable = new Set(results.filter((r) => r.range.start.line === 7 && r.fix).map((r) => r.ruleId));
    assert.deepEqual(after.filter((r) => fixable.has(r.ruleId) && /"api"/.test(r.message.en)), [], fixed);
    assert.ok(after.some((r) => r.ruleId === 'k8s/run-as-non-root' && /"web"/.test(r.message.en)), 'the web container is not touched');
    assert.match(harden.title, /\(apply all \d+ fixes\)$/);
  });

  it('offers "harden service" for a Compose service, and "harden this pod" for pod-level findings', () => {
    const compose = actionsFor('file:///w/compose.yaml', COMPOSE, 'compose', 1);
    const harden = compose.find((a) => a.title.startsWith('Harden service "web"'));
    assert.ok(harden, compose.map((a) => a.title).join('\n'));
    const fixed = applyAction(COMPOSE, 'file:///w/compose.yaml', harden);
    assert.ok(lint('file:///w/compose.yaml', fixed).length < lint('file:///w/compose.yaml', COMPOSE).length, fixed);
    const pod = actionsFor(uri, DEPLOY, 'kubernetes', 5);
    assert.ok(pod.some((a) => /^Harden this pod \(apply all \d+ fixes\)$/.test(a.title)), pod.map((a) => a.title).join('\n'));
  });

  it('hover on the grouped diagnostic shows each rule', () => {
    const hover = hoverAt(results, { line: 7, character: 15 }, 'en');
    const text = (hover?.contents as { value: string }).value;
    for (const r of results.filter((x) => x.range.start.line === 7)) assert.ok(text.includes(`\`${r.ruleId}\``), r.ruleId);
  });
});
