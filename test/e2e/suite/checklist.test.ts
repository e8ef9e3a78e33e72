// The checklist after the fixes, attestations and the commands.
import * as vscode from 'vscode';
import { findItem, type ItemNode } from '../../../client/src/checklist-model';
import { api, file, findingsOf, rulesOf } from './context';
import { check, equal, test, waitFor } from './harness';

/** Refreshes the tree until the item satisfies `accept`. */
async function itemWhere(id: string, what: string, accept: (i: ItemNode) => boolean | Promise<boolean>): Promise<ItemNode> {
  const tree = (await api()).checklist;
  return waitFor(`${id} ${what}`, async () => {
    const item = findItem(tree.documents, id);
    if (item && (await accept(item))) return item;
    await tree.refresh();
    return undefined;
  }, { events: [tree.onDidRefresh as vscode.Event<unknown>] });
}

const readText = async (uri: vscode.Uri): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

test('after the fix CL-2.1.1 no longer lists the Dockerfile finding', async () => {
  const dockerfile = file('Dockerfile').toString();
  const tree = (await api()).checklist;
  const item = await itemWhere('CL-2.1.1', 'without the Dockerfile finding', async (i) => !(await findingsOf(tree, i)).some((f) => f.ruleId === 'dockerfile/no-root-user' && f.uri === dockerfile));
  if (item.status.findingCount === 0) equal(item.status.state, 'passed', 'state of CL-2.1.1 without findings');
});

test('attestation round-trip: attest → .bollwerk.yaml → attested → un-attest', async () => {
  const tree = (await api()).checklist;
  await tree.refresh();
  const manual = tree.documents.find((d) => d.id === 'CL')?.sections.flatMap((s) => s.items).find((i) => i.status.state === 'manual');
  check(manual, 'no manual item in the checklist');
  const id = manual.id;
  const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('bollwerk.attest', id, 'Drill held on 2026-11-20, minutes in the wiki');
  check(outcome?.ok, `attest failed: ${JSON.stringify(outcome)}`);
  const config = await readText(file('.bollwerk.yaml'));
  check(config.includes(`- item: ${id}\n`), `.bollwerk.yaml lacks the item:\n${config}`);
  check(/\n {4}by: \S/.test(config) && /\n {4}date: \d{4}-\d\d-\d\d\n/.test(config), `.bollwerk.yaml lacks who or when:\n${config}`);
  check(config.includes('note: Drill held on 2026-11-20, minutes in the wiki'), `.bollwerk.yaml lacks the note:\n${config}`);
  const attested = await itemWhere(id, 'attested', (i) => i.status.state === 'attested');
  equal(tree.getTreeItem(attested).contextValue, 'item.attested', 'context value (offers un-attest)');
  check(attested.status.attestation?.note?.startsWith('Drill held'), 'the server did not read the note');
  const undone = await vscode.commands.executeCommand<{ ok: boolean }>('bollwerk.unattest', id);
  check(undone?.ok, 'un-attest failed');
  check(!(await readText(file('.bollwerk.yaml'))).includes(id), '.bollwerk.yaml still names the item');
  const manualAgain = await itemWhere(id, 'manual again', (i) => i.status.state === 'manual');
  equal(tree.getTreeItem(manualAgain).contextValue, 'item.manual', 'context value (offers attest)');
});

test('level filter L1 shows only L1 requirements of CSVS', async () => {
  const tree = (await api()).checklist;
  const all = tree.documents.find((d) => d.id === 'CSVS')!.sections.flatMap((s) => s.items).length;
  equal(await vscode.commands.executeCommand('bollwerk.filterLevel', 'L1'), 'L1', 'filter');
  const csvs = tree.documents.find((d) => d.id === 'CSVS')!.sections.flatMap((s) => s.items);
  check(csvs.length > 0 && csvs.length < all, `L1 shows ${csvs.length} of ${all} CSVS items`);
  check(csvs.every((i) => i.status.item.levels?.includes('L1')), 'an item without L1 is shown');
  await vscode.commands.executeCommand('bollwerk.filterLevel', 'all');
  equal(tree.documents.find((d) => d.id === 'CSVS')!.sections.flatMap((s) => s.items).length, all, 'all items again');
});

test('open checklist text and rule documentation as virtual documents', async () => {
  const item = await vscode.commands.executeCommand<vscode.TextDocument>('bollwerk.openChecklistItem', 'CL-2.1.1');
  check(item.getText().includes('Ausführung von Containern als nicht-Root-Benutzer'), `item text missing:\n${item.getText()}`);
  check(item.getText().includes('Container'), 'document title missing');
  equal(item.languageId, 'markdown', 'language of the item document');
  const docs = await vscode.commands.executeCommand<vscode.TextDocument>('bollwerk.showRuleDocs', 'k8s/read-only-root-filesystem');
  check(docs.getText().includes('readOnlyRootFilesystem'), `rule docs missing:\n${docs.getText()}`);
  const tabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  await waitFor(`a Markdown preview of the rule docs (tabs: ${JSON.stringify(tabs().map((t) => t.label))})`, () =>
    tabs().some((t) => t.input instanceof vscode.TabInputWebview && /markdown/i.test(t.input.viewType) && t.label.includes('read-only-root-filesystem')),
    { events: [vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>] },
  );
});

test('scan workspace and export the compliance report as HTML, Markdown and SARIF', async () => {
  const scan = await vscode.commands.executeCommand<{ files: number; findings: number }>('bollwerk.scanWorkspace');
  check(scan.files >= 5, `scanned ${scan.files} files`);
  const html = await vscode.commands.executeCommand<vscode.Uri>('bollwerk.exportReport', 'html', file('report.html'));
  const htmlText = await readText(html);
  check(/^<!doctype html>/i.test(htmlText) && htmlText.includes('CL-2.1.1') && htmlText.includes('CSVS-3.9'), 'HTML report lacks items');
  const md = await readText(await vscode.commands.executeCommand<vscode.Uri>('bollwerk.exportReport', 'markdown', file('report.md')));
  check(md.startsWith('#') && md.includes('CSVS-3.1'), 'Markdown report lacks items');
  const sarif = JSON.parse(await readText(await vscode.commands.executeCommand<vscode.Uri>('bollwerk.exportReport', 'sarif', file('report.sarif')))) as { version: string; runs: { results: { ruleId: string }[] }[] };
  equal(sarif.version, '2.1.0', 'SARIF version');
  check(sarif.runs[0]!.results.length > 0 && sarif.runs[0]!.results.every((r) => typeof r.ruleId === 'string'), 'SARIF has no results');
}, 60_000);

test('settings reach the server through workspace/configuration: bollwerk.rules enables an L3 rule with a severity', async () => {
  const uri = file('Dockerfile');
  await vscode.workspace.openTextDocument(uri);
  // an L3 rule: the default level L2 does not run it until a severity is set for it
  const rule = 'dockerfile/pin-base-image-digest';
  const has = (severity?: vscode.DiagnosticSeverity): boolean =>
    vscode.languages.getDiagnostics(uri).some((d) => d.source === 'bollwerk' && rulesOf(d).includes(rule) && (severity === undefined || d.severity === severity));
  const events = [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>];
  check(!has(), `${rule} runs at the default level`);
  const config = vscode.workspace.getConfiguration('bollwerk');
  await config.update('rules', { [rule]: 'error' }, vscode.ConfigurationTarget.Workspace);
  try {
    await waitFor(`${rule} as an error`, () => has(vscode.DiagnosticSeverity.Error), { events });
  } finally {
    await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  }
  await waitFor(`${rule} gone again`, () => !has(), { events });
});

test('the JSON Schema of .bollwerk.json is registered: a wrong level is reported', async () => {
  const uri = file('.bollwerk.json');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{\n  "level": "L9",\n  "attestations": []\n}\n'));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const problem = await waitFor('a schema diagnostic on "L9"', () => vscode.languages.getDiagnostics(uri).find((d) => d.range.start.line === 1 && /L1|L2|L3/.test(d.message)), {
    events: [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>],
  });
  check(problem.source !== 'bollwerk', 'the diagnostic should come from the JSON language service');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  await vscode.workspace.fs.delete(uri);
});
