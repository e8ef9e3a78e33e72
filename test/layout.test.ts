import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { it } from 'node:test';

// The folders are the architecture: the rule core (`shared`) is pure and host-neutral; the Node host (`host`: files,
// workspace walk, worker threads, registry client) serves the fronts; the fronts (`cli`, `server`, `client`) sit
// beside each other and never reach into one another. Each folder may import from these folders only.
const ROOT = resolve(__dirname, '..');
const MAY_IMPORT: Record<string, readonly string[]> = {
  shared: ['shared'],
  host: ['shared', 'host'],
  cli: ['shared', 'host', 'cli'],
  server: ['shared', 'host', 'server'],
  client: ['shared', 'client'],
};
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+|\brequire\s*\(\s*)'([^']+)'/gm;

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.ts$/.test(name) ? [path] : [];
  });

const folderOf = (path: string): string => relative(ROOT, path).split(sep)[0]!;

function violations(): string[] {
  const found: string[] = [];
  for (const [folder, allowed] of Object.entries(MAY_IMPORT)) {
    for (const file of walk(join(ROOT, folder, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(SPECIFIER)) {
        const spec = m[1]!;
        const where = relative(ROOT, file);
        if (spec.startsWith('.')) {
          const target = folderOf(resolve(dirname(file), spec));
          if (!allowed.includes(target)) found.push(`${where} imports ${spec} (${target}/)`);
        } else if (folder === 'shared' && NODE_BUILTINS.has(spec.split('/')[0]!)) {
          found.push(`${where} imports the Node built-in ${spec}`);
        }
      }
    }
  }
  return found;
}

it('each folder imports only the folders beneath it in the architecture', () => {
  assert.deepEqual(violations(), []);
});

it('the check sees every folder it guards', () => {
  for (const folder of Object.keys(MAY_IMPORT)) {
    assert.ok(walk(join(ROOT, folder, 'src')).length > 5, `${folder}/src has almost no sources`);
  }
});
