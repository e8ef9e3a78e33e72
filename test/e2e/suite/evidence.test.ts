// Evidence in the checklist view: a workflow of the repository proves checklist items, which the
// view shows as passed with the file and line, and the workflow line's hover names them.
import * as vscode from 'vscode';
import { findItem, type ItemNode } from '../../../client/src/checklist-model';
import { api, file, root } from './context';
import { check, equal, test, waitFor } from './harness';

const WORKFLOW = [
  'on: push',
  'permissions:',
  '  contents: read',
  'jobs:',
  '  scan:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: aquasecurity/trivy-action@0.28.0',
  '        with:',
  '          image-ref: ghcr.io/acme/app:1.0',
  '          exit-code: "1"',
  '          severity: CRITICAL,HIGH',
  '',
].join('\n');

/** Refreshes the tree until the item satisfies `accept`. */
async function itemWhere(id: string, what: string, accept: (i: ItemNode) => boolean): Promise<ItemNode> {
  const tree = (await api()).checklist;
  return waitFor(`${id} ${what}`, async () => {
    const item = findItem(tree.documents, id);
    if (item && accept(item)) return item;
    await tree.refresh();
    return undefined;
  }, { events: [tree.onDidRefresh as vscode.Event<unknown>] });
}

test('a workflow step proves CL-1.3.1: the checklist view shows it passed with the file and line, the hover on the line names the item', async () => {
  const github = vscode.Uri.joinPath(root(), '.github');
  const workflow = file('.github/workflows/release.yml');
  await vscode.workspace.fs.writeFile(workflow, new TextEncoder().encode(WORKFLOW));
  try {
    const tree = (await api()).checklist;
    const item = await itemWhere('CL-1.3.1', 'passed by the workflow', (i) => i.status.state === 'passed' && (i.status.evidence?.length ?? 0) > 0);
    const evidence = item.status.evidence![0]!;
    equal(`${evidence.path}:${evidence.line}`, '.github/workflows/release.yml:8', 'location of the evidence');
    const treeItem = tree.getTreeItem(item);
    const description = String(treeItem.description ?? '');
    check(description.includes('— .github/workflows/release.yml:8 image scan'), `the view does not show where: "${description}"`);
    const threshold = await itemWhere('CL-1.3.2', 'passed by the exit code', (i) => i.status.state === 'passed' && (i.status.evidence?.length ?? 0) > 0);
    equal(`${threshold.status.evidence![0]!.path}:${threshold.status.evidence![0]!.line}`, '.github/workflows/release.yml:11', 'location of the threshold');

    const document = await vscode.workspace.openTextDocument(workflow);
    await vscode.window.showTextDocument(document, { preview: false });
    const hoverText = await waitFor('a hover on the Trivy step naming CL-1.3.1', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', workflow, new vscode.Position(7, 14));
      const text = (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return text.includes('`CL-1.3.1`') ? text : undefined;
    });
    check(hoverText.includes('image scan'), `hover lacks what the line shows:\n${hoverText}`);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(github, { recursive: true });
  }
}, 60_000);
