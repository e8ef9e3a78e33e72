// `bollwerk pin` end to end against a real docker-registry on temp copies of a Dockerfile, a
// compose.yaml and a Deployment.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runPin } from '../../cli/src/pin';
import {
  makeHtpasswd, pushImage, pushIndex, removeTempDirs, requireRegistryBinary, startRegistry, startSilentServer, tempDir, type RunningRegistry,
} from './harness';

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('bollwerk pin (CLI) against docker-registry', () => {
  const stops: (() => Promise<void>)[] = [];
  let reg: RunningRegistry;
  let locked: RunningRegistry;
  let silentPort: number;
  let home: string;
  const digests: Record<string, string> = {};

  const run = async (cwd: string, ...args: string[]): Promise<Run> => {
    let out = '';
    let err = '';
    const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), DOCKER_CONFIG: join(home, 'docker'), PATH: process.env.PATH, LANG: 'C' };
    const code = await runPin(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, env });
    return { code, out, err };
  };
  const write = (dir: string, files: Record<string, string>): void => {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  };
  const snapshot = (dir: string, names: string[]): Record<string, { text: string; mtime: number }> =>
    Object.fromEntries(names.map((n) => [n, { text: readFileSync(join(dir, n), 'utf8'), mtime: statSync(join(dir, n)).mtimeMs }]));

  before(async () => {
    requireRegistryBinary();
    home = tempDir('home');
    const storage = tempDir('storage');
    reg = await startRegistry(storage, { kind: 'none' });
    stops.push(reg.stop);
    const base = `http://${reg.host}`;
    digests.multi = (await pushIndex(base, 'multi', '2', 'oci')).digest;
    digests.app = (await pushImage(base, 'team/app', '1.0', 'docker')).digest;
    digests.tool = (await pushImage(base, 'tools/sidecar', '3.1', 'oci')).digest;
    locked = await startRegistry(storage, { kind: 'htpasswd', path: makeHtpasswd(tempDir('htpasswd'), { alice: 'wonderland' }) });
    stops.push(locked.stop);
    const silent = await startSilentServer();
    silentPort = silent.port;
    stops.push(silent.stop);
  });
  after(async () => {
    for (const stop of stops.reverse()) await stop();
    removeTempDirs();
  });

  const project = (): { dir: string; files: { Dockerfile: string; 'compose.yaml': string; 'deployment.yaml': string } } => {
    const r = reg.host;
    const dir = join(tempDir('project'), 'repo');
    const files = {
      Dockerfile: `# syntax=docker/dockerfile:1\nFROM ${r}/multi:2 AS build\nCOPY --from=${r}/tools/sidecar:3.1 /bin/tool /usr/local/bin/tool\nFROM build\nUSER 10001\n`,
      'compose.yaml': `services:\n  app:\n    image: "${r}/team/app:1.0"   # the ERP app\n  worker:\n    image: ${r}/multi:2\n`,
      'deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: erp',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        `        - name: migrate`,
        `          image: '${r}/tools/sidecar:3.1'`,
        '      containers:',
        '        - name: app',
        `          image: ${r}/team/app:1.0`,
        '',
      ].join('\n'),
    };
    write(dir, files);
    write(dir, { '.bollwerk.yaml': 'pinning:\n  timeoutMs: 2000\n' });
    return { dir, files };
  };

  it('--dry-run prints a unified diff and writes nothing', async () => {
    const { dir, files } = project();
    const before = snapshot(dir, Object.keys(files));
    const r = await run(dir, '--dry-run');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Dockerfile:2:6: /);
    assert.match(r.out, new RegExp(`^--- a/Dockerfile\\n\\+\\+\\+ b/Dockerfile\\n@@ -1,5 \\+1,5 @@\\n # syntax=docker/dockerfile:1\\n-FROM ${reg.host}/multi:2 AS build\\n\\+FROM ${reg.host}/multi:2@${digests.multi} AS build\\n`, 'm'));
    assert.match(r.out, /6 pinned, 0 updated, 0 unchanged, 0 not pinnable; dry run, nothing written/);
    assert.deepEqual(snapshot(dir, Object.keys(files)), before);
  });

  it('pins every reference in place, keeping tags, quotes and comments, and then finds nothing to do', async () => {
    const { dir, files } = project();
    const r = await run(dir);
    assert.equal(r.code, 0, r.err);
    const h = reg.host;
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), files.Dockerfile.replace(`${h}/multi:2 `, `${h}/multi:2@${digests.multi} `).replace(`${h}/tools/sidecar:3.1 `, `${h}/tools/sidecar:3.1@${digests.tool} `));
    assert.equal(readFileSync(join(dir, 'compose.yaml'), 'utf8'), files['compose.yaml'].replace(`app:1.0"`, `app:1.0@${digests.app}"`).replace(`${h}/multi:2\n`, `${h}/multi:2@${digests.multi}\n`));
    assert.equal(readFileSync(join(dir, 'deployment.yaml'), 'utf8'), files['deployment.yaml'].replace(`sidecar:3.1'`, `sidecar:3.1@${digests.tool}'`).replace(`app:1.0\n`, `app:1.0@${digests.app}\n`));
    assert.match(r.out, /Dockerfile:2:6: .*multi:2 -> .*multi:2@sha256:[a-f0-9]{64} \(multi-platform index\)/);
    assert.match(r.out, /6 pinned, 0 updated, 0 unchanged, 0 not pinnable; 3 files written/);

    const pinned = snapshot(dir, Object.keys(files));
    const again = await run(dir);
    assert.equal(again.code, 0);
    assert.match(again.out, /0 pinned, 0 updated, 6 unchanged, 0 not pinnable; 0 files written/);
    assert.deepEqual(snapshot(dir, Object.keys(files)), pinned, 'unchanged files are not rewritten');
  });

  it('--update re-pins a tag that moved and reports it; other files stay as they are', async () => {
    const { dir, files } = project();
    assert.equal((await run(dir)).code, 0);
    const pinned = snapshot(dir, Object.keys(files));
    const moved = await pushImage(`http://${reg.host}`, 'team/app', '1.0', 'docker', 'amd64', 'v1.0-rebuilt');
    const plain = await run(dir);
    assert.match(plain.out, /0 files written/);
    const r = await run(dir, '--update');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`compose.yaml:3:13: .*app:1.0@${digests.app} -> .*app:1.0@${moved.digest} \\(tag moved\\)`));
    assert.match(r.out, /0 pinned, 2 updated, 4 unchanged, 0 not pinnable; 2 files written/);
    assert.equal(readFileSync(join(dir, 'compose.yaml'), 'utf8'), pinned['compose.yaml']!.text.replace(digests.app!, moved.digest));
    assert.deepEqual(snapshot(dir, ['Dockerfile']), { Dockerfile: pinned.Dockerfile });
    digests.app = moved.digest;
  });

  it('exits 1, leaves each file untouched and says why: unknown tag, refusing registry, timeout, malformed, variable', async () => {
    const dir = join(tempDir('bad'), 'repo');
    const files = {
      'Dockerfile.unknown': `FROM ${reg.host}/team/app:9.9\n`,
      'Dockerfile.locked': `FROM ${locked.host}/team/app:1.0\n`,
      'Dockerfile.slow': `FROM 127.0.0.1:${silentPort}/team/app:1.0\n`,
      'Dockerfile.malformed': `FROM ${reg.host}/Team/App:1.0\n`,
      'Dockerfile.variable': 'ARG BASE\nFROM ${BASE}\n',
    };
    write(dir, { ...files, '.bollwerk.yaml': 'pinning:\n  timeoutMs: 1000\n' });
    const before = snapshot(dir, Object.keys(files));
    const r = await run(dir);
    assert.equal(r.code, 1);
    assert.deepEqual(snapshot(dir, Object.keys(files)), before);
    const lines = r.err.trim().split('\n').sort();
    assert.equal(lines.length, 5, r.err);
    assert.match(lines[0]!, /^Dockerfile\.locked:1:6: not pinned: .*requires credentials; run `docker login 127\.0\.0\.1:\d+`/);
    assert.match(lines[1]!, /^Dockerfile\.malformed:1:6: not pinned: .*not a valid image reference \(repository names must be lower-case\)/);
    assert.match(lines[2]!, /^Dockerfile\.slow:1:6: not pinned: .*did not answer within 1000 ms/);
    assert.match(lines[3]!, /^Dockerfile\.unknown:1:6: not pinned: .*has no tag 9\.9 in 127\.0\.0\.1:\d+\/team\/app \(MANIFEST_UNKNOWN\)/);
    assert.match(lines[4]!, /^Dockerfile\.variable:2:6: not pinned: \$\{BASE\} contains a variable/);
    assert.match(r.out, /0 pinned, 0 updated, 0 unchanged, 5 not pinnable; 0 files written/);
    const de = await run(dir, '--lang', 'de', 'Dockerfile.unknown');
    assert.match(de.err, /nicht gepinnt: .*hat kein Tag 9\.9/);
    assert.match(de.out, /^0 gepinnt, 0 aktualisiert, 0 unverändert, 1 nicht pinnbar; 0 Dateien geschrieben$/m);
  });

  it('exits 2 on usage errors and honours pinning.enabled: false', async () => {
    const { dir } = project();
    assert.equal((await run(dir, '--bogus')).code, 2);
    assert.equal((await run(dir, '--lang', 'fr')).code, 2);
    assert.equal((await run(dir, '--config')).code, 2);
    assert.equal((await run(dir, 'no/such/path')).code, 2);
    const help = await run(dir, '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: bollwerk pin/);
    write(dir, { '.bollwerk.yaml': 'pinning:\n  enabled: false\n' });
    const off = await run(dir);
    assert.equal(off.code, 1);
    assert.match(off.err, /registry lookups are off/);
  });

  it('keeps a digest cache in the OS cache folder, without credentials', async () => {
    const file = join(home, 'cache', 'bollwerk', 'digests.json');
    assert.ok(existsSync(file));
    const cache = readFileSync(file, 'utf8');
    assert.match(cache, new RegExp(`${reg.host}/multi:2`));
    assert.match(cache, new RegExp(digests.multi!));
    assert.doesNotMatch(cache, /wonderland|Authorization|Basic /);
  });
});
