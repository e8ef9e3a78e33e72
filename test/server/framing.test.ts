// The language server over stdio with malformed message headers: it says so in its log and
// exits with 1 (so that the client restarts it) instead of reading on without ever answering;
// well-formed traffic, split anywhere, passes the framing check unchanged.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { before, describe, it } from 'node:test';
import { FramingGuard, parseHeader } from '../../server/src/framing';
import { buildServer, ROOT } from './lsp-client';

const frame = (o: unknown): string => {
  const body = JSON.stringify(o);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};
const INITIALIZE = frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
const RULE_DOCS = frame({ jsonrpc: '2.0', id: 2, method: 'bollwerk/ruleDocs', params: { ruleId: 'dockerfile/prefer-copy' } });

/** Runs dist/server.js --stdio, writes `chunks` a little apart, and collects what comes back until it exits or 5 s pass. */
function converse(chunks: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/server.js'), '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.on('error', () => undefined);
  chunks.forEach((c, i) => setTimeout(() => child.stdin.write(c), 150 * i));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill(), 5000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('language server: malformed message headers (stdio, dist/server.js)', () => {
  before(buildServer);
  const cases: { name: string; header: string; problem: RegExp }[] = [
    { name: 'a line without a colon', header: 'Garbage header line\r\n\r\n', problem: /header line "Garbage header line" is not 'Name: value'/ },
    { name: 'a negative Content-Length', header: 'Content-Length: -5\r\n\r\n', problem: /Content-Length "-5" is not a byte count/ },
    { name: 'a Content-Length that is no number', header: 'Content-Length: abc\r\n\r\n', problem: /Content-Length "abc" is not a byte count/ },
    { name: 'no Content-Length', header: 'Content-Type: application/vscode-jsonrpc\r\n\r\n{}', problem: /no Content-Length field/ },
    { name: 'bare LF line ends', header: 'Content-Length: 2\n\n{}', problem: /header lines must end with CRLF/ },
    { name: 'a header without end', header: `X-Pad: ${'a'.repeat(9000)}`, problem: /no end of the header within 8192 bytes/ },
  ];
  for (const c of cases) {
    it(`${c.name}: logged, then exit 1 for the client to restart it`, async () => {
      const r = await converse([INITIALIZE, c.header, RULE_DOCS]);
      assert.equal(r.code, 1, `exit code; stderr: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`malformed message header \\(${c.problem.source}\\); exiting so that the client restarts the server`));
      assert.match(r.stdout, /"id":1,"result":\{"capabilities"/, 'the message before was answered');
      assert.match(r.stdout, /window\/logMessage.*malformed message header/, 'the client log says it too');
    });
  }
  it('a body that is not JSON leaves the framing intact: the next request is answered', async () => {
    const r = await converse([INITIALIZE, 'Content-Length: 2\r\n\r\nxx', RULE_DOCS, frame({ jsonrpc: '2.0', id: 3, method: 'shutdown' }), frame({ jsonrpc: '2.0', method: 'exit' })]);
    assert.match(r.stdout, /"id":2,"result":\{"ruleId":"dockerfile\/prefer-copy"/);
    assert.equal(r.code, 0);
  });
});

describe('FramingGuard', () => {
  const run = async (chunks: readonly Buffer[]): Promise<{ out: Buffer; problems: string[] }> => {
    const problems: string[] = [];
    const guard = new FramingGuard((p) => problems.push(p));
    const source = new PassThrough();
    const parts: Buffer[] = [];
    source.pipe(guard).on('data', (c: Buffer) => parts.push(c));
    for (const c of chunks) source.write(c);
    source.end();
    await new Promise((r) => guard.on('end', r));
    return { out: Buffer.concat(parts), problems };
  };
  const stream = Buffer.from(INITIALIZE + frame({ jsonrpc: '2.0', method: 'x', params: { text: 'Content-Length: 5\r\n\r\n ümlaut \n\n' } }) + RULE_DOCS);
  it('passes well-formed messages unchanged however they are split', async () => {
    for (const size of [1, 2, 3, 7, 64, stream.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.subarray(i, i + size));
      const { out, problems } = await run(chunks);
      assert.deepEqual(problems, [], `chunks of ${size}`);
      assert.ok(out.equals(stream), `chunks of ${size}`);
    }
  });
  it('passes nothing after the first malformed header and reports it once', async () => {
    const { out, problems } = await run([Buffer.from(`${INITIALIZE}Content-Length: x\r\n\r\n${RULE_DOCS}Bad\r\n\r\n`)]);
    assert.equal(out.toString(), INITIALIZE);
    assert.deepEqual(problems, ['Content-Length "x" is not a byte count']);
  });
  it('parseHeader', () => {
    assert.deepEqual(parseHeader('Content-Length: 12'), { length: 12 });
    assert.deepEqual(parseHeader('content-length:12\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8'), { length: 12 });
    assert.deepEqual(parseHeader('Content-Length: 12\r\nContent-Length: 12'), { length: 12 });
    assert.ok('problem' in parseHeader('Content-Length: 12\r\nContent-Length: 13'));
    assert.ok('problem' in parseHeader('Content-Length: 1e3'));
    assert.ok('problem' in parseHeader('Content-Length: 99999999999999'));
    assert.ok('problem' in parseHeader(''));
  });
});
