import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compileIgnoreLine, isIgnored, parseIgnoreFile } from '../../host/src/workspace/gitignore';
import { findFiles, findFilesStepwise, resolvePath } from '../../host/src/workspace/walk';
import { hasDockerignore, readSource } from '../../host/src/workspace/source';
import { loadConfig } from '../../host/src/workspace/config-file';
import { scanWorkspace } from '../../host/src/workspace/scan';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { tempDir, workspace } from './helpers';

/** [pattern lines, path, isDir, expected ignored] */
const CASES: readonly (readonly [string, string, boolean, boolean])[] = [
  ['foo', 'foo', false, true],
  ['foo', 'a/b/foo', false, true],
  ['foo', 'a/foo/b', false, false], // the walker never asks for children of an ignored dir
  ['foo', 'foobar', false, false],
  ['/foo', 'foo', false, true],
  ['/foo', 'a/foo', false, false],
  ['a/foo', 'a/foo', false, true],
  ['a/foo', 'b/a/foo', false, false],
  ['build/', 'build', true, true],
  ['build/', 'build', false, false],
  ['build/', 'x/build', true, true],
  ['*.yaml', 'deep/dir/x.yaml', false, true],
  ['*.yaml', 'x.yml', false, false],
  ['docs/*.md', 'docs/a.md', false, true],
  ['docs/*.md', 'docs/sub/a.md', false, false],
  ['**/charts', 'x/y/charts', true, true],
  ['**/charts', 'charts', true, true],
  ['charts/**', 'charts/a/b.yaml', false, true],
  ['charts/**', 'charts', true, false],
  ['a/**/b', 'a/b', false, true],
  ['a/**/b', 'a/x/y/b', false, true],
  ['a/**/b', 'a/xb', false, false],
  ['file?.txt', 'file1.txt', false, true],
  ['file?.txt', 'file10.txt', false, false],
  ['file[0-9].txt', 'file7.txt', false, true],
  ['file[!0-9].txt', 'file7.txt', false, false],
  ['file[!0-9].txt', 'fileA.txt', false, true],
  ['*.yaml\n!keep.yaml', 'keep.yaml', false, false],
  ['*.yaml\n!keep.yaml', 'drop.yaml', false, true],
  ['!keep.yaml\n*.yaml', 'keep.yaml', false, true], // last match wins
  ['# comment\n\n  \nx', 'x', false, true],
  ['\\#hash', '#hash', false, true],
  ['\\!bang', '!bang', false, true],
  ['trailing   ', 'trailing', false, true],
  ['space\\ ', 'space ', false, true],
  ['*.Yaml', 'a.yaml', false, false], // case-sensitive like git on Linux
];

describe('gitignore matcher', () => {
  for (const [patterns, path, isDir, expected] of CASES) {
    it(`${JSON.stringify(patterns)} ${expected ? 'ignores' : 'keeps'} ${path}${isDir ? '/' : ''}`, () => {
      assert.equal(isIgnored([parseIgnoreFile(patterns, '')], path, isDir), expected);
    });
  }
  it('applies a nested file relative to its directory and lets it override the parent', () => {
    const files = [parseIgnoreFile('*.yaml', ''), parseIgnoreFile('!local.yaml\n/only-here.yaml', 'sub')];
    assert.equal(isIgnored(files, 'sub/local.yaml', false), false);
    assert.equal(isIgnored(files, 'local.yaml', false), true);
    assert.equal(isIgnored([parseIgnoreFile('/only-here.yaml', 'sub')], 'sub/only-here.yaml', false), true);
    assert.equal(isIgnored([parseIgnoreFile('/only-here.yaml', 'sub')], 'sub/x/only-here.yaml', false), false);
  });
  it('skips blank lines, comments and a lone negation', () => {
    assert.equal(compileIgnoreLine(''), undefined);
    assert.equal(compileIgnoreLine('# x'), undefined);
    assert.equal(compileIgnoreLine('!'), undefined);
    assert.equal(compileIgnoreLine('/'), undefined);
  });
});

describe('findFiles', () => {
  const rel = (dir: string, files: string[]): string[] => files.map((f) => relative(dir, f));
  it('picks Dockerfiles, Compose and YAML/JSON candidates and skips node_modules and .git', () => {
    const dir = workspace({
      'Dockerfile': 'FROM a',
      'api/Containerfile': 'FROM a',
      'api/app.Dockerfile': 'FROM a',
      'api/Dockerfile.prod': 'FROM a',
      'compose.yaml': 'services: {}',
      'k8s/deploy.yml': 'kind: Pod',
      'k8s/list.json': '{}',
      'README.md': '#',
      'main.go': 'package main',
      'Dockerfile.dockerignore': 'x',
      'node_modules/pkg/compose.yaml': 'services: {}',
      '.git/config.yaml': 'x: 1',
    });
    assert.deepEqual(rel(dir, findFiles([dir]).files), ['Dockerfile', 'api/Containerfile', 'api/Dockerfile.prod', 'api/app.Dockerfile', 'compose.yaml', 'k8s/deploy.yml', 'k8s/list.json']);
  });
  it('honours nested .gitignore files with negation and directory patterns', () => {
    const dir = workspace({
      '.gitignore': 'generated/\n*.json\n',
      'generated/x.yaml': 'a: 1',
      'keep/.gitignore': '!important.json\nlocal-*.yaml\n',
      'keep/important.json': '{}',
      'keep/other.json': '{}',
      'keep/local-dev.yaml': 'a: 1',
      'keep/prod.yaml': 'a: 1',
      'top.json': '{}',
    });
    assert.deepEqual(rel(dir, findFiles([dir]).files), ['keep/important.json', 'keep/prod.yaml']);
  });
  it('walks step by step, a folder at a time, to what findFiles finds', () => {
    const dir = workspace({
      '.gitignore': 'generated/\n',
      'generated/x.yaml': 'a: 1',
      'a/Dockerfile': 'FROM x',
      'a/b/compose.yaml': 'services: {}',
      'c/d/e/k.yaml': 'a: 1',
      'tests/fixtures/t.yaml': 'a: 1',
    });
    const options = { testDataPaths: ['tests/'] };
    const steps = findFilesStepwise([dir], options);
    let folders = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) folders++;
    // the root, a, a/b, c, c/d, c/d/e, tests and tests/fixtures are read; generated/ is ignored
    assert.equal(folders, 8);
    assert.deepEqual(step.value, findFiles([dir], options));
    assert.deepEqual(rel(dir, step.value.files), ['a/Dockerfile', 'a/b/compose.yaml', 'c/d/e/k.yaml']);
    assert.deepEqual(rel(dir, step.value.testData), ['tests/fixtures/t.yaml']);
  });
  it('honours the .gitignore files of the repository above the scan root', () => {
    const dir = workspace({ '.gitignore': 'skip.yaml\n', 'sub/skip.yaml': 'a: 1', 'sub/ok.yaml': 'a: 1' });
    mkdirSync(join(dir, '.git'));
    assert.deepEqual(rel(dir, findFiles([join(dir, 'sub')]).files), ['sub/ok.yaml']);
  });
  it('honours ignorePaths relative to the configuration directory', () => {
    const dir = workspace({ 'vendor/a.yaml': 'a: 1', 'src/testdata/b.yaml': 'a: 1', 'src/c.yaml': 'a: 1' });
    const found = findFiles([dir], { ignorePaths: ['vendor/', '**/testdata/**'], ignoreBase: dir });
    assert.deepEqual(rel(dir, found.files), ['src/c.yaml']);
  });
  it('returns an explicitly named file whatever its name, once', () => {
    const dir = workspace({ 'notes.txt': 'x', 'compose.yaml': 'services: {}' });
    assert.deepEqual(rel(dir, findFiles([join(dir, 'notes.txt'), dir, join(dir, 'compose.yaml')]).files), ['compose.yaml', 'notes.txt']);
  });
  it('does not follow directory symlinks (no loops) but follows file links', () => {
    const dir = workspace({ 'real/compose.yaml': 'services: {}' });
    symlinkSync(join(dir, 'real'), join(dir, 'real/loop'));
    symlinkSync(join(dir, 'real/compose.yaml'), join(dir, 'linked-compose.yaml'));
    assert.deepEqual(rel(dir, findFiles([dir]).files), ['linked-compose.yaml', 'real/compose.yaml']);
  });
  it('reports a missing root as a problem', () => {
    const found = findFiles(['/nonexistent/bollwerk-test']);
    assert.equal(found.files.length, 0);
    assert.equal(found.problems.length, 1);
  });
});

describe('resolvePath', () => {
  it('returns what path.resolve returns, for normal and unnormal, absolute and relative paths', () => {
    for (const p of ['/a/b', '/a/b/', '/a//b', '/a/./b', '/a/../b', '/..', '/.', '/', '/a/.b/..c/...', '/.a', 'a/b', './a', '../a', '', '.']) {
      assert.equal(resolvePath(p, '/base/dir'), resolve('/base/dir', p), p);
      assert.equal(resolvePath(p), resolve(p), p);
    }
  });
  it('agrees with path.resolve on any path made of odd segments', () => {
    const segment = fc.constantFrom('a', 'b.c', '.', '..', '...', '.x', '', ' ', 'ä', '-');
    fc.assert(
      fc.property(fc.boolean(), fc.array(segment, { maxLength: 8 }), (absolute, segments) => {
        const p = (absolute ? '/' : '') + segments.join('/');
        return resolvePath(p, '/base/dir') === resolve('/base/dir', p);
      }),
      { seed: 20261123, numRuns: 2000 },
    );
  });
});

// readSource reads a file through a descriptor of its own, or, given the size of a regular file the
// caller has just stat'ed (a file named on the command line), in one call: both must classify alike.
for (const mode of ['through a descriptor', 'with a known size'] as const) {
  const read = (path: string, maxBytes: number): ReturnType<typeof readSource> => {
    if (mode === 'through a descriptor') return readSource(path, maxBytes);
    let size = 0;
    try {
      size = statSync(path).size;
    } catch {
      // a missing file: the caller's stat found it a moment ago
    }
    return readSource(path, maxBytes, size);
  };
describe(`readSource ${mode}`, () => {
  const dir = tempDir();
  const file = (name: string, content: string | Buffer): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  it('reads UTF-8 text and removes a BOM, remembering it', () => {
    assert.deepEqual(read(file('a', 'FROM x\n'), 100), { text: 'FROM x\n', bom: false });
    assert.deepEqual(read(file('b', '\ufeffFROM ä\n'), 100), { text: 'FROM ä\n', bom: true });
  });
  it('turns binary, invalid UTF-8, too large and unreadable files into notes', () => {
    const code = (s: ReturnType<typeof readSource>): string => ('note' in s ? s.note.code : 'text');
    assert.equal(code(read(file('bin', Buffer.from([0x46, 0x00, 0x41])), 100)), 'binary');
    assert.equal(code(read(file('latin1', Buffer.from([0x46, 0xe4, 0x0a])), 100)), 'invalid-utf8');
    assert.equal(code(read(file('big', 'x'.repeat(101)), 100)), 'too-large');
    assert.equal(code(read(join(dir, 'missing'), 100)), 'unreadable');
    assert.equal(code(read(dir, 100)), 'unreadable');
    if (process.getuid?.() !== 0) {
      const locked = file('locked', 'x');
      chmodSync(locked, 0);
      assert.equal(code(read(locked, 100)), 'unreadable');
    }
  });
  it('reads a U+FFFD that is in the file, and still finds invalid bytes beside one', () => {
    assert.deepEqual(read(file('fffd', 'FROM x # \ufffd\n'), 100), { text: 'FROM x # \ufffd\n', bom: false });
    const mixed = read(file('fffd-bad', Buffer.concat([Buffer.from('# \ufffd '), Buffer.from([0xff, 0x0a])])), 100);
    assert.ok('note' in mixed && mixed.note.code === 'invalid-utf8');
    assert.deepEqual(read(file('exact', 'x'.repeat(100)), 100), { text: 'x'.repeat(100), bom: false });
  });
  it('classifies any bytes as the byte-level checks do (NUL, then UTF-8 validity)', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.constantFrom(0, 0xef, 0xbf, 0xbd, 0xc3, 0xa4, 0x80, 0xfe), (bytes, extra) => {
        const buf = Buffer.from([...bytes, extra]);
        const got = read(file(`prop-${n++}`, buf), 1000);
        if (buf.includes(0)) return 'note' in got && got.note.code === 'binary';
        if (!isUtf8(buf)) return 'note' in got && got.note.code === 'invalid-utf8';
        const text = buf.toString('utf8');
        const bom = text.charCodeAt(0) === 0xfeff;
        return 'text' in got && got.text === (bom ? text.slice(1) : text) && got.bom === bom;
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
  it('gives notes in both languages', () => {
    const s = read(file('bin2', Buffer.from([0])), 100);
    assert.ok('note' in s && s.note.message.en.includes('binary') && s.note.message.de.includes('binär'));
  });
});
}

describe('readSource with a known size, when the file changed after its stat', () => {
  const dir = tempDir();
  const code = (s: ReturnType<typeof readSource>): string => ('note' in s ? s.note.code : 'text');
  it('finds a file that grew beyond the limit too large by its text', () => {
    const p = join(dir, 'grew');
    writeFileSync(p, 'x'.repeat(101));
    assert.equal(code(readSource(p, 100, 10)), 'too-large');
  });
  it('finds a directory unreadable', () => {
    assert.equal(code(readSource(dir, 100, 10)), 'unreadable');
  });
  it('does not wait on a named pipe put in the file\'s place', () => {
    const fifo = join(dir, 'pipe');
    const made = spawnSync('mkfifo', [fifo]);
    assert.equal(made.status, 0, `mkfifo failed: ${made.stderr}`);
    // without a writer, a non-blocking read finds the end at once: an empty text, and the scan goes on
    assert.deepEqual(readSource(fifo, 100, 10), { text: '', bom: false });
  });
});

describe('hasDockerignore', () => {
  it('finds .dockerignore and <name>.dockerignore beside the Dockerfile', () => {
    const a = workspace({ 'Dockerfile': 'FROM a', '.dockerignore': '.git' });
    const b = workspace({ 'api.Dockerfile': 'FROM a', 'api.Dockerfile.dockerignore': '.git' });
    const c = workspace({ 'Dockerfile': 'FROM a', 'sub/.dockerignore': '.git' });
    assert.equal(hasDockerignore(join(a, 'Dockerfile')), true);
    assert.equal(hasDockerignore(join(b, 'api.Dockerfile')), true);
    assert.equal(hasDockerignore(join(c, 'Dockerfile')), false);
  });
});

describe('loadConfig', () => {
  it('finds .bollwerk.yaml in the directory and reads it', () => {
    const dir = workspace({ '.bollwerk.yaml': 'level: L1\nrules:\n  dockerfile/prefer-copy: off\n' });
    const loaded = loadConfig(undefined, dir);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.config.level, 'L1');
    assert.equal(loaded.config.rules['dockerfile/prefer-copy'], 'off');
    assert.equal(loaded.root, dir);
  });
  it('looks upwards to the repository root but not beyond it', () => {
    const dir = workspace({ '.bollwerk.yaml': 'level: L2\n', 'repo/sub/x.yaml': 'a: 1' });
    assert.equal(loadConfig(undefined, join(dir, 'repo/sub')).config.level, 'L2');
    mkdirSync(join(dir, 'repo/.git'));
    assert.equal(loadConfig(undefined, join(dir, 'repo/sub')).file, undefined);
  });
  it('defaults without a file', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.git'));
    const loaded = loadConfig(undefined, dir);
    assert.equal(loaded.file, undefined);
    assert.deepEqual(loaded.config, DEFAULT_CONFIG);
  });
  it('reports a missing explicit file, broken YAML and wrong values clearly', () => {
    const dir = workspace({ 'bad.yaml': 'level: [unclosed\n', 'wrong.yaml': 'level: L9\nfoo: 1\n' });
    assert.match(loadConfig('nope.yaml', dir).problems[0]!, /nope\.yaml: no such file/);
    assert.match(loadConfig('bad.yaml', dir).problems[0]!, /bad\.yaml: not valid YAML/);
    const wrong = loadConfig('wrong.yaml', dir).problems;
    assert.ok(wrong.some((p) => /wrong\.yaml: level: must be L1, L2 or L3/.test(p)));
    assert.ok(wrong.some((p) => /foo: unknown key/.test(p)));
    assert.match(loadConfig('.', dir).problems[0]!, /is a directory/);
  });
});

describe('scanWorkspace', () => {
  it('lints every file, keeps notes for skipped ones and runs the workspace rules', () => {
    const dir = workspace({
      'Dockerfile': 'FROM alpine:3.20\nADD app /app\n',
      'binary.yaml': Buffer.from([0x61, 0x00]),
      'plain.yaml': 'just: config\n',
    });
    const scan = scanWorkspace([dir], DEFAULT_CONFIG);
    assert.equal(scan.reports.length, 3);
    const byName = new Map(scan.reports.map((r) => [r.uri.slice(r.uri.lastIndexOf('/') + 1), r]));
    assert.equal(byName.get('Dockerfile')!.kind, 'dockerfile');
    assert.ok(byName.get('Dockerfile')!.results.some((r) => r.ruleId === 'dockerfile/prefer-copy'));
    assert.equal(byName.get('binary.yaml')!.notes[0]!.code, 'binary');
    assert.equal(byName.get('plain.yaml')!.kind, undefined);
    assert.ok(Array.isArray(scan.workspaceResults));
  });
});
