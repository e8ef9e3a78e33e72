import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parseArgs, UsageError } from '../../cli/src/args';
import { langFromEnv } from '../../cli/src/help';
import { allRules } from '../../shared/src/lint';
import { buildOnce, ROOT, runMain, SAMPLE, spawnCli, tempDir, workspace } from './helpers';

const ROOT_PKG = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };

describe('argument parsing', () => {
  it('defaults to scanning the current directory as text, failing on errors', () => {
    assert.deepEqual(parseArgs([]), { command: 'scan', paths: ['.'], format: 'text', fix: false, failOn: 'error', output: undefined, lang: undefined, level: undefined, config: undefined, includeTestData: false, resolveImages: false, baseline: undefined });
  });
  it('accepts the scan word, paths, every flag, and --flag=value', () => {
    const c = parseArgs(['scan', 'a', 'b', '--format=sarif', '--output', 'o.sarif', '--fix', '--level', 'L2', '--fail-on=warning', '--config', 'c.yaml', '--lang', 'de', '--include-test-data', '--resolve-images', '--baseline', 'b.json']);
    assert.deepEqual(c, { command: 'scan', paths: ['a', 'b'], format: 'sarif', fix: true, failOn: 'warning', output: 'o.sarif', lang: 'de', level: 'L2', config: 'c.yaml', includeTestData: true, resolveImages: true, baseline: 'b.json' });
  });
  it('treats everything after -- as paths', () => {
    assert.deepEqual((parseArgs(['--', '--fix']) as { paths: string[] }).paths, ['--fix']);
  });
  it('parses rules, checklist and pin', () => {
    assert.deepEqual(parseArgs(['rules', '--format', 'json']), { command: 'rules', format: 'json', output: undefined, lang: undefined, level: undefined, config: undefined });
    assert.equal((parseArgs(['checklist', 'x', '--format', 'html']) as { format: string }).format, 'html');
    assert.deepEqual(parseArgs(['pin', '--dry-run', 'x']), { command: 'pin', args: ['--dry-run', 'x'] });
    assert.deepEqual(parseArgs(['baseline', 'x', '--check', '--baseline=b.json']), { command: 'baseline', paths: ['x'], check: true, baseline: 'b.json', output: undefined, lang: undefined, level: undefined, config: undefined, includeTestData: false });
    assert.equal((parseArgs(['x', '--format', 'gitlab']) as { format: string }).format, 'gitlab');
  });
  const bad: readonly (readonly [string[], RegExp])[] = [
    [['--bogus'], /unknown option --bogus/],
    [['--format', 'xml'], /invalid value 'xml' for --format \(expected text\|json\|sarif\|gitlab\)/],
    [['--fail-on', 'fatal'], /invalid value 'fatal' for --fail-on/],
    [['--level', 'L4'], /invalid value 'L4' for --level/],
    [['--lang', 'fr'], /invalid value 'fr' for --lang/],
    [['--output'], /option --output needs a value/],
    [['--config', '--fix'], /option --config needs a value/],
    [['--fix=yes'], /--fix takes no value/],
    [['rules', '--fix'], /does not apply to 'bollwerk rules'/],
    [['rules', 'some/path'], /takes no paths/],
    [['checklist', '--format', 'sarif'], /invalid value 'sarif' for --format \(expected text\|json\|markdown\|html\)/],
    [['checklist', '--fail-on', 'error'], /does not apply to 'bollwerk checklist'/],
  ];
  for (const [args, message] of bad) {
    it(`rejects ${args.join(' ')}`, () => {
      assert.throws(() => parseArgs(args), (e: unknown) => e instanceof UsageError && message.test(e.message));
    });
  }
});

describe('language from the environment', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG', () => {
    assert.equal(langFromEnv({}), 'en');
    assert.equal(langFromEnv({ LANG: 'de_DE.UTF-8' }), 'de');
    assert.equal(langFromEnv({ LANG: 'de_DE.UTF-8', LC_MESSAGES: 'en_US.UTF-8' }), 'en');
    assert.equal(langFromEnv({ LANG: 'en_US.UTF-8', LC_ALL: 'de_AT' }), 'de');
    assert.equal(langFromEnv({ LC_ALL: '', LANG: 'de' }), 'de');
    assert.equal(langFromEnv({ LANG: 'C' }), 'en');
    assert.equal(langFromEnv({ LANG: 'dev' }), 'en');
  });
});

describe('bollwerk scan (in-process)', () => {
  it('reports the sample as text grouped by file with a summary, exit 1', async () => {
    const r = await runMain(['test/fixtures/sample']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^test\/fixtures\/sample\/Dockerfile\n/);
    assert.match(r.stdout, /\n {2}test\/fixtures\/sample\/Dockerfile:4:1 {2}warning {2}dockerfile\/prefer-copy {2}ADD copies local files/);
    assert.match(r.stdout, /\n✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ info\) · 3 files checked, 0 skipped · \d+ fixable with --fix\n$/);
    assert.equal(r.stdout.includes('\u001b['), false, 'no colours without a TTY');
    assert.equal(r.stderr, '');
  });
  it('colours only on a TTY without NO_COLOR', async () => {
    assert.ok((await runMain(['test/fixtures/sample'], { tty: true })).stdout.includes('\u001b[31m'));
    assert.equal((await runMain(['test/fixtures/sample'], { tty: true, env: { NO_COLOR: '1' } })).stdout.includes('\u001b['), false);
  });
  it('speaks German with --lang de and with LANG=de_DE', async () => {
    const a = await runMain(['test/fixtures/sample', '--lang', 'de']);
    assert.match(a.stdout, /Fehler/);
    assert.match(a.stdout, /Dateien geprüft/);
    assert.match(a.stdout, /COPY verwenden/);
    const b = await runMain(['test/fixtures/sample'], { env: { LANG: 'de_DE.UTF-8' } });
    assert.equal(b.stdout, a.stdout);
    const c = await runMain(['test/fixtures/sample', '--lang', 'en'], { env: { LANG: 'de_DE.UTF-8' } });
    assert.match(c.stdout, /files checked/);
  });
  it('--fail-on decides the exit code', async () => {
    const dir = workspace({ 'Dockerfile': 'FROM alpine:3.20@sha256:' + 'a'.repeat(64) + '\nUSER 10001\nADD app /app\nHEALTHCHECK NONE\nCMD ["/app"]\n', '.dockerignore': '.git\n' });
    const json = JSON.parse((await runMain([dir, '--format', 'json', '--fail-on', 'never'])).stdout) as { results: { severity: string }[] };
    const severities = new Set(json.results.map((r) => r.severity));
    assert.ok(severities.has('warning'), 'the fixture has a warning');
    assert.equal(severities.has('error'), false, 'and no error');
    assert.equal((await runMain([dir])).code, 0);
    assert.equal((await runMain([dir, '--fail-on', 'error'])).code, 0);
    assert.equal((await runMain([dir, '--fail-on', 'warning'])).code, 1);
    assert.equal((await runMain([dir, '--fail-on', 'info'])).code, 1);
    assert.equal((await runMain([dir, '--fail-on', 'never'])).code, 0);
    assert.equal((await runMain(['test/fixtures/sample', '--fail-on', 'never'])).code, 0);
  });
  it('writes JSON with the stable schema', async () => {
    const r = await runMain(['test/fixtures/sample', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { version: number; tool: { name: string; version: string }; summary: { errors: number; warnings: number; infos: number; filesChecked: number }; results: Record<string, unknown>[]; notes: unknown[] };
    assert.equal(report.version, 1);
    assert.deepEqual(report.tool, { name: 'bollwerk', version: ROOT_PKG.version });
    const copy = report.results.find((x) => x.ruleId === 'dockerfile/prefer-copy');
    assert.deepEqual(copy, {
      ruleId: 'dockerfile/prefer-copy',
      severity: 'warning',
      file: 'test/fixtures/sample/Dockerfile',
      line: 4,
      column: 1,
      endLine: 4,
      endColumn: 4,
      message: 'ADD copies local files here; use COPY, which never fetches URLs or unpacks archives.',
      fixAvailable: true,
    });
    assert.equal(report.summary.filesChecked, 3);
    assert.equal(report.summary.errors + report.summary.warnings + report.summary.infos, report.results.length);
    for (const x of report.results) for (const k of ['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'fixAvailable']) assert.ok(k in x, k);
  });
  it('--output writes the report to a file and nothing to stdout', async () => {
    const dir = tempDir();
    const r = await runMain(['test/fixtures/sample', '--format', 'json', '--output', join(dir, 'sub/report.json')]);
    assert.equal(r.stdout, '');
    assert.equal(r.code, 1);
    assert.equal((JSON.parse(readFileSync(join(dir, 'sub/report.json'), 'utf8')) as { version: number }).version, 1);
  });
  it('--level L1 runs fewer rules than L3', async () => {
    const count = async (level: string): Promise<number> => (JSON.parse((await runMain(['test/fixtures/sample', '--format', 'json', '--level', level])).stdout) as { results: unknown[] }).results.length;
    const l1 = await count('L1');
    const l3 = await count('L3');
    assert.ok(l1 > 0 && l1 < l3, `L1 ${l1} < L3 ${l3}`);
  });
  it('--config applies a configuration file, and .bollwerk.yaml is found at the root', async () => {
    const dir = workspace({ 'Dockerfile': 'FROM alpine:3.20\nADD app /app\n', 'off.yaml': 'rules:\n  dockerfile/prefer-copy: off\n' });
    const ids = async (args: string[], cwd?: string): Promise<string[]> =>
      (JSON.parse((await runMain([...args, '--format', 'json'], cwd ? { cwd } : {})).stdout) as { results: { ruleId: string }[] }).results.map((x) => x.ruleId);
    assert.ok((await ids([dir])).includes('dockerfile/prefer-copy'));
    assert.equal((await ids([dir, '--config', join(dir, 'off.yaml')])).includes('dockerfile/prefer-copy'), false);
    assert.equal((await ids(['.', '--config', 'off.yaml'], dir)).includes('dockerfile/prefer-copy'), false);
    const withRoot = workspace({ 'Dockerfile': 'FROM alpine:3.20\nADD app /app\n', '.bollwerk.yaml': 'rules:\n  dockerfile/prefer-copy: error\n' });
    const r = JSON.parse((await runMain([withRoot, '--format', 'json'])).stdout) as { results: { ruleId: string; severity: string }[] };
    assert.equal(r.results.find((x) => x.ruleId === 'dockerfile/prefer-copy')?.severity, 'error');
  });
  it('exit 2 with one line for a missing path, a malformed config and an unknown flag', async () => {
    const dir = workspace({ 'bad.yaml': 'level: [\n', 'wrong.yaml': 'level: L7\n', '.bollwerk.yaml': 'rules: 5\n' });
    const cases: [string[], RegExp][] = [
      [['does-not-exist'], /^bollwerk: path not found: does-not-exist \(see bollwerk --help\)\n$/],
      [['.', '--config', join(dir, 'bad.yaml')], /^bollwerk: invalid configuration: .*bad\.yaml: not valid YAML/],
      [['.', '--config', join(dir, 'wrong.yaml')], /^bollwerk: invalid configuration: .*wrong\.yaml: level: must be L1, L2 or L3/],
      [['.', '--config', join(dir, 'missing.yaml')], /^bollwerk: invalid configuration: .*missing\.yaml: no such file/],
      [[dir], /^bollwerk: invalid configuration: .*\.bollwerk\.yaml: rules: must map rule ids/],
      [['--wat'], /^bollwerk: unknown option --wat/],
    ];
    for (const [args, message] of cases) {
      const r = await runMain(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
      assert.equal(r.stdout, '');
    }
  });
  it('prints help and version', async () => {
    const help = await runMain(['--help']);
    assert.equal(help.code, 0);
    for (const flag of ['--format', '--output', '--fix', '--level', '--fail-on', '--config', '--lang', '--version', 'rules', 'checklist']) assert.ok(help.stdout.includes(flag), flag);
    assert.match((await runMain(['-h'], { env: { LANG: 'de_DE.UTF-8' } })).stdout, /^Aufruf: bollwerk/);
    const v = await runMain(['--version']);
    assert.deepEqual([v.code, v.stdout], [0, `${ROOT_PKG.version}\n`]);
  });
});

describe('bad input files never crash a scan', () => {
  it('binary, invalid UTF-8 and oversized files are skipped with notes; broken YAML is a parse-error finding', async () => {
    const dir = workspace({
      'Dockerfile': Buffer.concat([Buffer.from('FROM alpine\n'), Buffer.from([0, 1, 2, 0xff])]),
      'compose.yaml': Buffer.from([0x73, 0x65, 0x72, 0x76, 0x69, 0x63, 0x65, 0x73, 0x3a, 0x0a, 0x20, 0x20, 0x61, 0x3a, 0xc3, 0x28, 0x0a]),
      'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: [\n    {name: a, image: b\n',
    });
    // a 50 MB manifest: written in chunks, never held as one string
    const big = join(dir, 'k8s/huge.yaml');
    const fd = openSync(big, 'w');
    const chunk = Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n' + '  k: v\n'.repeat(1024 * 16));
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    const r = await runMain([dir, '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.code, 0);
    const report = JSON.parse(r.stdout) as { summary: { filesChecked: number; filesSkipped: number }; notes: { file: string; code: string }[]; results: { ruleId: string; file: string; line: number; message: string; severity: string }[] };
    const notes = Object.fromEntries(report.notes.map((n) => [n.file.slice(n.file.lastIndexOf('/') + 1), n.code]));
    assert.deepEqual(notes, { Dockerfile: 'binary', 'compose.yaml': 'invalid-utf8', 'huge.yaml': 'too-large' });
    assert.equal(report.summary.filesSkipped, 3);
    assert.equal(report.summary.filesChecked, 1);
    const parse = report.results.filter((x) => x.ruleId === 'bollwerk/parse-error');
    assert.ok(parse.length >= 1);
    assert.ok(parse.every((x) => x.file.endsWith('pod.yaml') && /^YAML syntax error: /.test(x.message)));
    // the parse error is a warning: --fail-on warning fails, the default does not
    assert.equal((await runMain([join(dir, 'k8s/pod.yaml')])).code, report.results.some((x) => x.severity === 'error') ? 1 : 0);
    assert.equal((await runMain([join(dir, 'k8s/pod.yaml'), '--fail-on', 'warning'])).code, 1);
    ftruncateSync(openSync(big, 'r+'), 0);
  });
  it('a named file of no checked kind is noted, not silently passed over', async () => {
    const r = await runMain(['README.md']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /README\.md: not checked: not a Dockerfile, Compose file or Kubernetes manifest/);
    assert.match(r.stdout, /0 files checked, 1 skipped/);
  });
  it('the text report lists skipped files with the reason', async () => {
    const dir = workspace({ 'Dockerfile': Buffer.from([0x46, 0, 0x41]) });
    const r = await runMain([dir]);
    assert.match(r.stdout, /Skipped\n {2}.*Dockerfile: skipped: binary content \(NUL bytes\)/);
    assert.match(r.stdout, /0 files checked, 1 skipped/);
  });
});

describe('bollwerk rules', () => {
  it('lists every rule of the catalogue as text and JSON', async () => {
    const text = await runMain(['rules']);
    assert.equal(text.code, 0);
    for (const rule of allRules()) assert.ok(text.stdout.includes(rule.id), rule.id);
    const json = JSON.parse((await runMain(['rules', '--format', 'json'])).stdout) as Record<string, unknown>[];
    const copy = json.find((r) => r.id === 'dockerfile/prefer-copy')!;
    assert.deepEqual(Object.keys(copy).sort(), ['equivalents', 'external', 'fixable', 'id', 'kind', 'levels', 'references', 'severity', 'title'].sort());
    assert.deepEqual(copy.title, { en: 'Use COPY instead of ADD for local files', de: 'COPY statt ADD für lokale Dateien verwenden' });
    assert.equal(copy.fixable, true);
    assert.equal(copy.kind, 'dockerfile');
    assert.ok(json.length >= allRules().length);
  });
  it('--level filters by level', async () => {
    const all = JSON.parse((await runMain(['rules', '--format', 'json'])).stdout) as { levels: string[] }[];
    const l1 = JSON.parse((await runMain(['rules', '--format', 'json', '--level', 'L1'])).stdout) as { levels: string[] }[];
    assert.ok(l1.every((r) => r.levels.includes('L1')));
    assert.equal(l1.length, all.filter((r) => r.levels.includes('L1')).length);
  });
});

describe('bollwerk checklist', () => {
  it('prints each item with its status over the scanned paths', async () => {
    const r = await runMain(['checklist', 'test/fixtures/sample', '--format', 'json']);
    assert.equal(r.code, 0);
    const report = JSON.parse(r.stdout) as { items: { id: string; document: string; text: string; rules: string[]; state: string; findings: unknown[] }[] };
    assert.ok(report.items.length > 100);
    for (const item of report.items) for (const k of ['id', 'document', 'text', 'rules', 'state']) assert.ok(k in item, k);
    const csvs311 = report.items.find((i) => i.id === 'CSVS-3.11')!;
    assert.equal(csvs311.state, 'failed');
    assert.ok(csvs311.rules.includes('dockerfile/prefer-copy'));
    assert.ok(report.items.some((i) => i.state === 'manual'));
  });
  it('renders text, markdown and html', async () => {
    const text = await runMain(['checklist', SAMPLE]);
    assert.match(text.stdout, /✖ CSVS-3\.11 +failed/);
    const md = await runMain(['checklist', SAMPLE, '--format', 'markdown']);
    assert.match(md.stdout, /^# Compliance report\n/);
    assert.match(md.stdout, /\| CSVS-3\.11 \| ✖ failed \|/);
    const html = await runMain(['checklist', SAMPLE, '--format', 'html', '--lang', 'de']);
    assert.match(html.stdout, /^<!DOCTYPE html>\n<html lang="de">/);
    assert.match(html.stdout, /Compliance-Bericht/);
    assert.equal(/<script|<link|src="http/.test(html.stdout), false, 'self-contained');
  });
  it('shows attestations from the configuration', async () => {
    const dir = workspace({ 'Dockerfile': 'FROM alpine:3.20\n', '.bollwerk.yaml': 'attestations:\n  - item: CL-6.1.1\n    by: Dana\n    date: "2026-11-01"\n    note: ticket SEC-1\n' });
    const r = JSON.parse((await runMain(['checklist', dir, '--format', 'json'])).stdout) as { items: { id: string; state: string; attestation?: { by: string } }[] };
    const item = r.items.find((i) => i.id === 'CL-6.1.1');
    assert.ok(item, 'CL-6.1.1 exists');
    assert.equal(item.attestation?.by, 'Dana');
  });
});

describe('the built bin (node dist/cli.js)', () => {
  before(() => buildOnce());
  it('scans the sample: exit 1, text report', () => {
    const r = spawnCli(['test/fixtures/sample']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /test\/fixtures\/sample\/compose\.yaml:\d+:\d+/);
  });
  it('exit 0 with --fail-on never, 2 without a stack trace on usage errors', () => {
    assert.equal(spawnCli(['test/fixtures/sample', '--fail-on', 'never']).code, 0);
    for (const args of [['--nope'], ['missing-dir'], ['--format', 'yaml']]) {
      const r = spawnCli(args);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.equal(/\bat .*\.js:\d+/.test(r.stderr), false, 'no stack trace');
    }
  });
  it('prints the version and the German help from the locale', () => {
    assert.equal(spawnCli(['--version']).stdout, `${ROOT_PKG.version}\n`);
    assert.match(spawnCli(['--help'], { env: { LC_ALL: 'de_DE.UTF-8' } }).stdout, /^Aufruf/);
  });
  it('dispatches bollwerk pin', () => {
    const r = spawnCli(['pin', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /bollwerk pin/);
  });
  it('ends quietly when the reader closes the pipe', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" dist/cli.js test/fixtures/sample --format sarif | head -1`], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.stdout, '{\n');
    assert.equal(r.stderr, '', 'no EPIPE error');
  });
});
