// The pin quick-fix through the built language server over stdio, against docker-registry.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../server/lsp-client';
import { pushIndex, removeTempDirs, requireRegistryBinary, startRegistry, tempDir, type RunningRegistry } from './harness';
import { rulesOf } from '../../server/src/diagnostic-groups';

const RULE = 'dockerfile/pin-base-image-digest';

describe('pin quick-fix over LSP', () => {
  let reg: RunningRegistry;
  let digest: string;
  const clients: TestClient[] = [];

  before(async () => {
    requireRegistryBinary();
    reg = await startRegistry(tempDir('storage'), { kind: 'none' });
    digest = (await pushIndex(`http://${reg.host}`, 'team/app', '1.0', 'oci')).digest;
  });
  after(async () => {
    for (const c of clients) await c.stop();
    await reg.stop();
    removeTempDirs();
  });

  /** Lists the pin action until `ready` holds (trust and settings arrive in the background), for at most 5 s. */
  const pinAction = async (trusted: boolean, ready: (a: CodeAction | undefined) => boolean): Promise<{ c: TestClient; uri: string; d: Diagnostic; action: CodeAction | undefined }> => {
    const c = startServer();
    clients.push(c);
    // digest pinning is an L3 rule
    c.settings['*'] = { level: 'L3' };
    await c.initialize({ pull: false, resolve: true, trusted });
    const uri = 'file:///w/pin/Dockerfile';
    c.open(uri, `FROM ${reg.host}/team/app:1.0 AS build\nUSER 10001\n`);
    const published = await c.waitForPublish(uri, (p) => p.diagnostics.some((x) => rulesOf(x).includes(RULE)));
    const d = published.diagnostics.find((x) => rulesOf(x).includes(RULE))!;
    const list = async (): Promise<CodeAction[]> =>
      c.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    let action: CodeAction | undefined;
    for (let i = 0; i < 50; i++) {
      action = (await list()).find((a) => /^Pin .* to its digest$/.test(a.title));
      if (ready(action)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return { c, uri, d, action };
  };

  it('lists the action without an edit and resolves it through the registry', async () => {
    const { c, uri, d, action } = await pinAction(true, (a) => a !== undefined);
    assert.ok(action, 'a pin action is listed');
    assert.equal(action.edit, undefined);
    assert.equal(action.disabled, undefined);
    const resolved = await c.connection.sendRequest<CodeAction>('codeAction/resolve', action);
    assert.deepEqual(resolved.edit?.changes?.[uri], [{ range: d.range, newText: `${reg.host}/team/app:1.0@${digest}` }]);
  });

  it('is off in an untrusted workspace', async () => {
    const { c, action } = await pinAction(false, (a) => a?.disabled !== undefined);
    assert.ok(action, 'the action is listed, disabled with the reason');
    assert.match(action.disabled?.reason ?? '', /registry lookups are off/);
    const resolved = await c.connection.sendRequest<CodeAction>('codeAction/resolve', action);
    assert.equal(resolved.edit, undefined);
  });
});
