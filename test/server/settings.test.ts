import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Registration } from 'vscode-languageserver-protocol';
import { DOCKERFILE, rangesOf } from './fixtures';
import { startServer } from './lsp-client';
import { rulesOf } from '../../server/src/diagnostic-groups';

describe('settings per workspace folder', () => {
  it('each folder gets its own workspace/configuration section, asked with its scope', async () => {
    const c = startServer();
    try {
      c.settings['file:///ws/a'] = { rules: { 'dockerfile/prefer-copy': 'off' } };
      c.settings['file:///ws/b'] = { level: 'L1', rules: { 'dockerfile/prefer-copy': 'error' } };
      await c.initialize({ pull: false, folders: ['file:///ws/a', 'file:///ws/b'] });
      c.open('file:///ws/a/Dockerfile', DOCKERFILE);
      c.open('file:///ws/b/Dockerfile', DOCKERFILE);
      c.open('file:///ws/a/sub/Dockerfile', DOCKERFILE);
      const a = await c.waitForPublish('file:///ws/a/Dockerfile');
      const b = await c.waitForPublish('file:///ws/b/Dockerfile');
      const sub = await c.waitForPublish('file:///ws/a/sub/Dockerfile');
      assert.deepEqual(rangesOf(a.diagnostics, 'dockerfile/prefer-copy'), []);
      assert.deepEqual(rangesOf(sub.diagnostics, 'dockerfile/prefer-copy'), []);
      assert.deepEqual(b.diagnostics.filter((d) => rulesOf(d).includes('dockerfile/prefer-copy')).map((d) => d.severity), [1, 1]);
      assert.deepEqual([...c.configRequests].sort(), ['file:///ws/a#bollwerk', 'file:///ws/b#bollwerk'], 'asked once per folder (cached), with the folder as scope');
    } finally {
      await c.stop();
    }
  });

  it('registers for configuration changes and .bollwerk.yaml events when the client allows dynamic registration', async () => {
    const c = startServer();
    try {
      const registrations = new Promise<Registration[]>((resolve) => {
        const all: Registration[] = [];
        c.connection.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
          all.push(...p.registrations);
          if (all.length >= 2) resolve(all);
          return null;
        });
      });
      const caps = (await import('./lsp-client')).capabilities(false);
      c.connection.listen();
      await c.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: { ...caps, workspace: { ...caps.workspace, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } } },
      });
      await c.connection.sendNotification('initialized', {});
      const regs = await registrations;
      assert.deepEqual(regs.map((r) => r.method).sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
      const watch = regs.find((r) => r.method === 'workspace/didChangeWatchedFiles')!;
      assert.deepEqual(watch.registerOptions, {
        watchers: [
          { globPattern: '**/.bollwerk.yaml' },
          { globPattern: '**/*baseline*.json' },
          // the files a scan lints: a change on disk re-lints that file
          { globPattern: '**/*.{yml,yaml,json}' },
          { globPattern: '**/{Dockerfile,Containerfile,dockerfile,containerfile}*' },
          { globPattern: '**/*.{Dockerfile,Containerfile,dockerfile,containerfile}' },
        ],
      });
    } finally {
      await c.stop();
    }
  });
});
