// Diagnostics, hover and quick-fixes in real editors.
import * as vscode from 'vscode';
import { api, bollwerkDiagnostics, file, findingsOf, hoverText, open, rulesOf, waitForRule } from './context';
import { findItem } from '../../../client/src/checklist-model';
import { DOCUMENTS } from '../../../shared/src/checklist/index';
import { check, equal, test, waitFor } from './harness';

test('activates and starts the language server', async () => {
  const bollwerk = await api();
  check(bollwerk.client.isRunning(), 'the language client is not running');
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['bollwerk.scanWorkspace', 'bollwerk.exportReport', 'bollwerk.showRuleDocs', 'bollwerk.openChecklistItem', 'bollwerk.filterLevel', 'bollwerk.attest', 'bollwerk.unattest']) {
    check(commands.includes(id), `command ${id} is not registered`);
  }
});

test('maps Containerfile and *.Dockerfile to the Dockerfile language', async () => {
  for (const name of ['Containerfile', 'api.Dockerfile', 'Dockerfile.prod']) {
    const document = await vscode.workspace.openTextDocument(file(name));
    equal(document.languageId, 'dockerfile', `language of ${name}`);
  }
});

test('reports dockerfile/no-root-user on FROM of the final stage', async () => {
  const editor = await open('Dockerfile');
  const d = (await waitForRule(editor.document.uri, 'dockerfile/no-root-user')) as vscode.Diagnostic;
  equal([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [1, 0, 1, 21], 'range of the FROM instruction');
  equal(d.severity, vscode.DiagnosticSeverity.Error, 'severity');
});

test('hover on the finding explains it and cites checklist items', async () => {
  const uri = file('Dockerfile');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 2));
  const text = hoverText(hovers);
  check(/non-root/i.test(text), `hover does not explain the finding:\n${text}`);
  check(text.includes('CSVS-3.1') && text.includes('CL-2.1.1'), `hover does not cite CSVS-3.1 and CL-2.1.1:\n${text}`);
});

test('hover leads with the checklist items, renders code as code and links the rule docs by command', async () => {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', file('Dockerfile'), new vscode.Position(1, 2));
  const text = hoverText(hovers);
  const item = text.indexOf('`CSVS-3.1');
  const why = text.search(/\*\*(Why|Warum):\*\*/);
  check(item > 0 && why > item, `the checklist items do not come before why:\n${text}`);
  check(text.includes('`USER 10001:10001`') && !text.includes('\\`'), `code is escaped:\n${text}`);
  check(text.includes('](command:bollwerk.showRuleDocs?'), `no command link to the rule docs:\n${text}`);
  check(!text.includes('github.com/bollwerk'), `a placeholder address:\n${text}`);
});

test('completion in a Dockerfile lists each instruction exactly once', async () => {
  const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM alpine:3.20\n\n' });
  await vscode.window.showTextDocument(document);
  const list = await waitFor('completion items', async () => {
    const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(1, 0));
    return l.items.length > 0 ? l : undefined;
  });
  const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  for (const label of ['RUN command', 'USER daemon', 'HEALTHCHECK NONE', 'COPY source dest']) {
    equal(labels.filter((l) => l === label).length, 1, `${label} among ${labels.join(', ')}`);
  }
  equal(new Set(labels).size, labels.length, `a label twice: ${labels.join(', ')}`);
});

test('reports k8s/read-only-root-filesystem on the container of a Deployment', async () => {
  const editor = await open('deployment.yaml');
  const d = (await waitForRule(editor.document.uri, 'k8s/read-only-root-filesystem')) as vscode.Diagnostic;
  check(d.range.start.line >= 15 && d.range.start.line <= 19, `range ${JSON.stringify(d.range)} is not on the container`);
});

test('checklist tree: one root per document, CL-2.1.1 failed with the Dockerfile finding', async () => {
  const bollwerk = await api();
  const tree = bollwerk.checklist;
  await tree.refresh();
  const roots = await tree.getChildren();
  const ids = roots.map((r) => r.id);
  for (const id of ['CL', 'CSVS', 'POL', 'CSC']) check(ids.includes(id), `no root for ${id} in ${JSON.stringify(ids)}`);
  equal(ids, DOCUMENTS.map((d) => d.id).filter((id) => ids.includes(id)), 'roots in document order');
  const dockerfile = file('Dockerfile').toString();
  const isOurs = (f: { ruleId: string; uri: string }): boolean => f.ruleId === 'dockerfile/no-root-user' && f.uri === dockerfile;
  const item = await waitFor('CL-2.1.1 failed by dockerfile/no-root-user', async () => {
    const found = findItem(tree.documents, 'CL-2.1.1');
    if (found && (await findingsOf(tree, found)).some(isOurs)) return found;
    await tree.refresh();
    return undefined;
  }, { events: [tree.onDidRefresh as vscode.Event<unknown>] });
  equal(item.status.state, 'failed', 'state of CL-2.1.1');
  const treeItem = tree.getTreeItem(item);
  equal(treeItem.contextValue, 'item.failed', 'context value');
  equal(treeItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'a failed item expands to its findings');
  check(String(treeItem.description).includes(String(item.status.findingCount)), `description ${treeItem.description} lacks the finding count`);
  const findings = await tree.getChildren(item);
  const finding = findings.find((f) => f.kind === 'finding' && isOurs(f.finding));
  check(finding, 'no finding child for dockerfile/no-root-user');
  const command = tree.getTreeItem(finding).command;
  check(command?.command === 'vscode.open', 'a finding opens its location');
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
  const editor = vscode.window.activeTextEditor;
  check(editor?.document.uri.toString() === file('Dockerfile').toString() && editor.selection.start.line === 1, 'clicking the finding did not select FROM in the Dockerfile');
  const csvs = findItem(tree.documents, 'CSVS-3.1');
  check(csvs && String(tree.getTreeItem(csvs).description).includes('L2 L3'), 'CSVS-3.1 does not show its levels L2 L3');
});

/** Applies the quick-fix of `rule` titled like `title` through the code action provider. */
async function applyFix(uri: vscode.Uri, rule: string, title: RegExp): Promise<void> {
  const d = bollwerkDiagnostics(uri).find((x) => rulesOf(x).includes(rule));
  check(d, `no ${rule} diagnostic`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => title.test(a.title));
  check(fix, `no quick-fix matching ${title} among ${JSON.stringify(actions.map((a) => a.title))}`);
  check(fix.kind?.value === vscode.CodeActionKind.QuickFix.value, `kind ${fix.kind?.value}`);
  check(fix.edit, 'the quick-fix carries no edit');
  check(await vscode.workspace.applyEdit(fix.edit), 'the editor refused the edit');
}

test('quick-fix "add USER" adds a non-root user before CMD', async () => {
  const uri = file('Dockerfile');
  await applyFix(uri, 'dockerfile/no-root-user', /USER/);
  const text = (await vscode.workspace.openTextDocument(uri)).getText();
  const lines = text.split('\n');
  const cmd = lines.findIndex((l) => l.startsWith('CMD'));
  const user = lines.findIndex((l) => /^USER\s+\S+/.test(l));
  check(user > 0 && user < cmd, `no USER line before CMD:\n${text}`);
  check(!/^USER\s+(root|0)\b/m.test(text), 'the fix set USER root');
  check(text.startsWith('# The ERP API image\nFROM python:3.12-slim\nWORKDIR /app\n'), 'the fix changed lines above it');
  await waitForRule(uri, 'dockerfile/no-root-user', false);
});

test('quick-fix "set readOnlyRootFilesystem" edits the securityContext and keeps its comment', async () => {
  const uri = file('deployment.yaml');
  await applyFix(uri, 'k8s/read-only-root-filesystem', /readOnlyRootFilesystem/);
  const text = (await vscode.workspace.openTextDocument(uri)).getText();
  check(text.includes('            allowPrivilegeEscalation: false # reviewed in ticket 4711\n'), `comment or indentation lost:\n${text}`);
  check(/\n {12}readOnlyRootFilesystem: true\n/.test(text), `readOnlyRootFilesystem: true not set in the securityContext:\n${text}`);
  await waitForRule(uri, 'k8s/read-only-root-filesystem', false);
});

test('status bar counts the open Bollwerk findings', async () => {
  const bollwerk = await api();
  const count = vscode.languages.getDiagnostics().reduce((n, [, ds]) => n + ds.filter((d) => d.source === 'bollwerk').length, 0);
  bollwerk.status.update();
  equal(bollwerk.status.count, count, 'status bar count');
  check(count > 0, 'no findings are left to count');
});
