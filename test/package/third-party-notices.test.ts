// THIRD-PARTY-NOTICES.md names every package bundled into dist/ with its licence text, and ships in
// the VSIX and the npm package; dockerfile-ast is in each bundle once.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { buildServer, ROOT } from '../server/lsp-client';

/** Bundle → its inputs, as esbuild.mjs recorded them. */
const inputsOf = (): Record<string, string[]> => JSON.parse(readFileSync(join(ROOT, 'dist/inputs.json'), 'utf8')) as Record<string, string[]>;

/** The package names a bundle's source comments name (`// ../x/node_modules/@scope/name/lib/a.js`), read from the bundle itself. */
function packagesInBundle(file: string): Set<string> {
  const names = new Set<string>();
  for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/^\/\/ \S*node_modules\/((?:@[^/\s]+\/)?[^/\s]+)\//gm)) names.add(m[1]!);
  return names;
}

describe('third-party notices', () => {
  let notices = '';
  before(() => {
    buildServer();
    notices = readFileSync(join(ROOT, 'THIRD-PARTY-NOTICES.md'), 'utf8');
  });

  it('names every package of every shipped bundle with its licence text', () => {
    for (const bundle of ['dist/server.js', 'dist/extension.js', 'dist/cli-main.js', 'dist/scan-worker.js']) {
      const names = packagesInBundle(bundle);
      assert.ok(names.size > 3, `${bundle} names its packages`);
      for (const name of names) {
        const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
        assert.match(notices, new RegExp(`^## ${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\d`, 'm'), `${bundle}: ${name} ${manifest.version}`);
      }
    }
  });

  it("carries dockerfile-ast's and dockerfile-language-service's copyright and MIT licence", () => {
    const section = (name: string): string => notices.slice(notices.indexOf(`## ${name} `)).split('\n## ')[0]!;
    for (const name of ['dockerfile-ast', 'dockerfile-language-service', 'dockerfile-utils']) {
      assert.match(section(name), /Copyright \(c\) [0-9-]+ Remy Suen/, name);
      assert.match(section(name), /Permission is hereby granted, free of charge/, name);
    }
  });

  it('bundles one copy of dockerfile-ast in each bundle that reads Dockerfiles', () => {
    for (const [bundle, inputs] of Object.entries(inputsOf())) {
      const copies = inputs.filter((i) => /node_modules\/dockerfile-ast\/lib\/parser\.js$/.test(i));
      assert.ok(copies.length <= 1, `${bundle}: ${copies.join(', ')}`);
      if (bundle === 'dist/server.js' || bundle === 'dist/cli-main.js') assert.equal(copies.length, 1, bundle);
    }
  });

  it('ships in the VSIX together with docs/rules.md', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout.split('\n').map((l) => l.trim());
    for (const f of ['THIRD-PARTY-NOTICES.md', 'docs/rules.md', 'LICENSE', 'dist/server.js']) assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
  });

  it('ships in the npm package', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const f of ['THIRD-PARTY-NOTICES.md', 'docs/rules.md', 'dist/server.js', 'dist/cli.js']) assert.ok(files.includes(f), f);
  });
});
