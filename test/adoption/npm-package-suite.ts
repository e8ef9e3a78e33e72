// The npm package as a user meets it: `npm pack`, installed from the tarball into an empty folder
// and globally (offline: the bundles carry every dependency), then `bollwerk` and
// `bollwerk-language-server --stdio` run from the install.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT, tempDir } from '../cli/helpers';
import { npm, packOnce } from './pack';

/** Sends LSP messages to a server process and collects what it sends back. */
function lspClient(bin: string) {
  const child = spawn(bin, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = Buffer.alloc(0);
  const messages: Record<string, any>[] = [];
  const waiters: { test: (m: Record<string, any>) => boolean; resolve: (m: Record<string, any>) => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const head = buffer.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, head).toString())?.[1]);
      if (buffer.length < head + 4 + length) return;
      const msg = JSON.parse(buffer.subarray(head + 4, head + 4 + length).toString()) as Record<string, any>;
      buffer = buffer.subarray(head + 4 + length);
      messages.push(msg);
      for (const w of [...waiters]) if (w.test(msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    }
  });
  const send = (msg: Record<string, unknown>): void => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const wait = (test: (m: Record<string, any>) => boolean, ms = 15000): Promise<Record<string, any>> =>
    new Promise((resolve, reject) => {
      const found = messages.find(test);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`no such message within ${ms} ms; got ${messages.map((m) => m.method ?? m.id).join(', ')}`)), ms);
      waiters.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  return { child, send, wait };
}

describe('npm package', { timeout: 180_000 }, () => {
  let tgz = '';
  before(() => {
    tgz = packOnce();
  });

  it('holds the bundles, schema, docs and notices, nothing of test/, and no dependencies to install', () => {
    const list = spawnSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const f of ['dist/cli.js', 'dist/cli-main.js', 'dist/scan-worker.js', 'dist/server.js', 'shared/schema/bollwerk.schema.json', 'docs/rules.md', 'README.md', 'LICENSE', 'CHANGELOG.md', 'THIRD-PARTY-NOTICES.md', 'package.json']) assert.ok(list.includes(`package/${f}`), f);
    assert.deepEqual(list.filter((f) => /^package\/(test|client\/src|server|shared\/src|scripts)\//.test(f) || f.endsWith('.ts')), []);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(pkg.private, undefined);
    assert.equal(pkg.dependencies, undefined, 'everything the bins need is bundled');
    assert.match(readFileSync(join(ROOT, 'THIRD-PARTY-NOTICES.md'), 'utf8'), /## yaml .*\(ISC\)/);
  });

  it('installs into an empty folder offline and runs bollwerk from there', () => {
    const dir = tempDir('bollwerk-install-');
    writeFileSync(join(dir, 'package.json'), '{"name":"user-project","version":"1.0.0","private":true}\n');
    npm(['install', tgz], dir);
    assert.deepEqual(readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.')), ['bollwerk']);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN curl https://x | sh\n');
    const v = spawnSync(join(dir, 'node_modules/.bin/bollwerk'), ['--version'], { cwd: dir, encoding: 'utf8' });
    assert.equal(v.stdout.trim(), (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    const scan = spawnSync(join(dir, 'node_modules/.bin/bollwerk'), ['Dockerfile', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(scan.status, 1, scan.stderr);
    assert.ok((JSON.parse(scan.stdout) as { results: { ruleId: string }[] }).results.some((r) => r.ruleId === 'dockerfile/no-pipe-to-shell'));
    assert.ok(existsSync(join(dir, 'node_modules/bollwerk/shared/schema/bollwerk.schema.json')));
  });

  it('installs globally and serves diagnostics over bollwerk-language-server --stdio', async () => {
    const prefix = tempDir('bollwerk-global-');
    npm(['install', '-g', '--prefix', prefix, tgz], prefix);
    const bin = join(prefix, 'bin');
    const version = spawnSync(join(bin, 'bollwerk'), ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    const work = tempDir('bollwerk-lsp-');
    const uri = pathToFileURL(join(work, 'Dockerfile')).href;
    const lsp = lspClient(join(bin, 'bollwerk-language-server'));
    try {
      lsp.send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: pathToFileURL(work).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(work).href, name: 'w' }] } });
      const init = await lsp.wait((m) => m.id === 1);
      assert.ok(init.result?.capabilities, JSON.stringify(init));
      lsp.send({ method: 'initialized', params: {} });
      lsp.send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nRUN curl https://x | sh\n' } } });
      const diag = await lsp.wait((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0);
      const pipe = (diag.params.diagnostics as { code?: string; range: { start: { line: number } } }[]).find((d) => JSON.stringify(d).includes('no-pipe-to-shell'));
      assert.equal(pipe?.range.start.line, 1);
      lsp.send({ id: 2, method: 'shutdown' });
      await lsp.wait((m) => m.id === 2);
      lsp.send({ method: 'exit' });
    } finally {
      lsp.child.kill();
    }
  });
});
