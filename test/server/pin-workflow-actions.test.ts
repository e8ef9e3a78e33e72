// Pinning a workflow's action to its commit: listed without the network, resolved only where
// lookups are allowed, the tag kept as a comment; the GitHub lookup against a local server.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText } from '../../shared/src/lint';
import { applyEdits } from '../../shared/src/text';
import { createWorkflowPinActions, githubCommit, pinEdits, type CommitLookup } from '../../server/src/pin-workflow-actions';

const URI = 'file:///w/.github/workflows/ci.yml';
const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';
const TEXT = 'on: push\npermissions: {contents: read}\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n      - uses: "github/codeql-action/init@v3" # CodeQL\n      - uses: ./local\n      - uses: docker://alpine:3\n';

const diagnosticsOf = (text: string): Diagnostic[] =>
  lintText(URI, text).results.filter((r) => r.ruleId === 'ci/unpinned-action').map((r) => ({ range: r.range, message: r.message.en, source: 'bollwerk', code: r.ruleId, ...(r.data ? { data: r.data } : {}) }));

const apply = (doc: TextDocument, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string =>
  applyEdits(doc.getText(), edits.map((e) => ({ range: e.range, newText: e.newText })));

describe('pin workflow actions', () => {
  it('replaces the ref by the commit and keeps the tag as a comment, unless the line has one', () => {
    const doc = TextDocument.create(URI, 'yaml', 1, TEXT);
    const [checkout, codeql] = diagnosticsOf(TEXT);
    assert.ok(checkout && codeql);
    const plain = pinEdits(doc, checkout.range, 'actions/checkout@v4', 'v4', SHA);
    assert.match(apply(doc, plain), new RegExp(`- uses: actions/checkout@${SHA} # v4\n`));
    const inner = { start: { line: 6, character: 15 }, end: { line: 6, character: 43 } };
    assert.equal(doc.getText(inner), 'github/codeql-action/init@v3');
    assert.match(apply(doc, pinEdits(doc, inner, 'github/codeql-action/init@v3', 'v3', SHA)), new RegExp(`- uses: "github/codeql-action/init@${SHA}" # CodeQL\n`));
  });

  it('lists an action per pinnable finding without asking anyone; resolving asks for the repository and ref and edits', async () => {
    const asked: string[] = [];
    const doc = TextDocument.create(URI, 'yaml', 1, TEXT);
    const pins = createWorkflowPinActions({
      isAllowed: async () => true,
      log: () => undefined,
      document: () => doc,
      commitOf: async (repo, ref): Promise<CommitLookup> => (asked.push(`${repo}@${ref}`), { ok: true, sha: SHA }),
    });
    const diagnostics = diagnosticsOf(TEXT);
    assert.equal(diagnostics.length, 3, 'checkout, codeql and the docker image are unpinned');
    const actions = pins.codeActions(doc, diagnostics, 'de');
    assert.deepEqual(actions.map((a) => a.title), ['actions/checkout@v4 auf seinen Commit festlegen (fragt GitHub)', 'github/codeql-action/init@v3 auf seinen Commit festlegen (fragt GitHub)']);
    assert.deepEqual(asked, []);
    const resolved = await pins.resolve(actions[1]!);
    assert.deepEqual(asked, ['github/codeql-action@v3']);
    const edits = resolved.edit!.changes![URI]!;
    assert.match(apply(doc, edits), new RegExp(`- uses: "github/codeql-action/init@${SHA}" # CodeQL\n`));
    assert.ok(pins.owns(actions[0]!) && !pins.owns({ title: 'x' }));
  });

  it('does nothing but say why when lookups are off, the text moved on or the lookup failed', async () => {
    const doc = TextDocument.create(URI, 'yaml', 1, TEXT);
    const notes: string[] = [];
    let allowed = false;
    let answer: CommitLookup = { ok: false, reason: { en: 'no such ref', de: 'keine solche Referenz' } };
    const pins = createWorkflowPinActions({ isAllowed: async () => allowed, log: () => undefined, document: () => doc, notify: (m) => notes.push(m), commitOf: async () => answer });
    const [action] = pins.codeActions(doc, diagnosticsOf(TEXT), 'en');
    assert.equal((await pins.resolve(action!)).edit, undefined);
    assert.match(notes.pop()!, /Looking up commits is off/);
    allowed = true;
    assert.equal((await pins.resolve(action!)).edit, undefined);
    assert.equal(notes.pop(), 'no such ref');
    answer = { ok: true, sha: SHA };
    const moved = createWorkflowPinActions({ isAllowed: async () => true, log: () => undefined, document: () => TextDocument.create(URI, 'yaml', 2, 'on: push\n'), commitOf: async () => answer });
    assert.equal((await moved.resolve(action!)).edit, undefined);
  });
});

describe('GitHub commit lookup', () => {
  let port = 0;
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    if (req.url === '/repos/actions/checkout/commits/v4' && req.headers.accept === 'application/vnd.github.sha') res.end(`${SHA}\n`);
    else if (req.url?.startsWith('/repos/acme/limited/')) res.writeHead(403).end('{"message":"API rate limit exceeded"}');
    else res.writeHead(404).end('{"message":"Not Found"}');
  });
  before(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => ((port = (server.address() as AddressInfo).port), resolve()))));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const env = (extra: Record<string, string> = {}) => ({ GITHUB_API_URL: `http://127.0.0.1:${port}/`, ...extra });

  it('reads the bare SHA and sends a token only when one is set', async () => {
    assert.deepEqual(await githubCommit('actions/checkout', 'v4', { env: env(), timeoutMs: 5000 }), { ok: true, sha: SHA });
    assert.equal(seen.at(-1)!.authorization, undefined);
    await githubCommit('actions/checkout', 'v4', { env: env({ GITHUB_TOKEN: 'ghp_secret' }), timeoutMs: 5000 });
    assert.equal(seen.at(-1)!.authorization, 'Bearer ghp_secret');
  });

  it('explains a missing ref, a refusal and an unreachable API without showing the token', async () => {
    const missing = await githubCommit('actions/checkout', 'v999', { env: env(), timeoutMs: 5000 });
    assert.ok(!missing.ok && /knows no such repository or ref/.test(missing.reason.en));
    const limited = await githubCommit('acme/limited', 'v1', { env: env({ GITHUB_TOKEN: 'ghp_secret' }), timeoutMs: 5000 });
    assert.ok(!limited.ok && /rate limit\? set GITHUB_TOKEN/.test(limited.reason.en) && !limited.reason.en.includes('ghp_secret'));
    const closed = await githubCommit('actions/checkout', 'v4', { env: { GITHUB_API_URL: 'http://127.0.0.1:1' }, timeoutMs: 2000 });
    assert.ok(!closed.ok && /cannot reach 127\.0\.0\.1:1/.test(closed.reason.en), JSON.stringify(closed));
  });

  it('never sends the token over plain HTTP beyond this machine', async () => {
    const before = seen.length;
    const plain = await githubCommit('actions/checkout', 'v4', { env: { GITHUB_API_URL: 'http://github.example', GITHUB_TOKEN: 'ghp_secret' }, timeoutMs: 2000 });
    assert.ok(!plain.ok && /refusing to send GITHUB_TOKEN over plain HTTP to github\.example/.test(plain.reason.en) && !plain.reason.en.includes('ghp_secret'), JSON.stringify(plain));
    assert.equal(seen.length, before, 'no request went out');
  });
});
