// The kustomize lint takes the YAML tree writeYamlDocument builds while writing a resource instead
// of parsing the written text: that tree must be the one the linter's parse (parse/yaml.ts
// parseChunk) reads from the text, node for node (class, value, scalar style, flow, offsets), or a
// finding would move. Checked over every resource the kustomize corpus and the real-world corpus build.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { buildKustomization } from '../../shared/src/kustomize/build';
import { findKustomizationDirs } from '../../shared/src/kustomize/lint';
import { writeYaml, writeYamlDocument } from '../../shared/src/kustomize/yaml-write';
import type { Json } from '../../shared/src/kustomize/json';
import { parseChunk } from '../../shared/src/parse/yaml';
import { diskTree } from '../../host/src/workspace/file-tree';

const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus'));

const kindOf = (n: unknown): string => (isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : String(n));

/** The first difference between two trees, as a path and what differs; undefined when they agree. */
function difference(a: unknown, b: unknown, path: string): string | undefined {
  if (kindOf(a) !== kindOf(b)) return `${path}: ${kindOf(a)} vs ${kindOf(b)}`;
  if (!isMap(a) && !isSeq(a) && !isScalar(a)) return undefined;
  const x = a as { range?: unknown; flow?: boolean; items?: unknown[]; value?: unknown; type?: string };
  const y = b as typeof x;
  if (JSON.stringify(x.range) !== JSON.stringify(y.range)) return `${path}: range ${JSON.stringify(x.range)} vs ${JSON.stringify(y.range)}`;
  if (isScalar(a)) {
    if (!Object.is(x.value, y.value) && x.value !== y.value) return `${path}: value ${String(x.value)} vs ${String(y.value)}`;
    return x.type === y.type ? undefined : `${path}: style ${x.type} vs ${y.type}`;
  }
  if (Boolean(x.flow) !== Boolean(y.flow)) return `${path}: flow`;
  if (x.items!.length !== y.items!.length) return `${path}: ${x.items!.length} vs ${y.items!.length} items`;
  for (let i = 0; i < x.items!.length; i++) {
    const p = x.items![i];
    const q = y.items![i];
    const d = isPair(p) && isPair(q) ? (difference(p.key, q.key, `${path}/${i}:key`) ?? difference(p.value, q.value, `${path}/${String((p.key as { value?: unknown }).value)}`)) : difference(p, q, `${path}/${i}`);
    if (d) return d;
  }
  return undefined;
}

/** Every resource the kustomizations of a folder build. */
function builtObjects(root: string, dirs: readonly string[]): { where: string; obj: Json }[] {
  const tree = diskTree(root);
  return dirs.flatMap((dir) => {
    const built = buildKustomization(tree, dir);
    return built.ok ? built.resources.map((r) => ({ where: `${dir}: ${String((r.obj as { kind?: unknown }).kind)}`, obj: r.obj as Json })) : [];
  });
}

describe('the YAML tree written with a resource', () => {
  it('is what the linter parses from the written text, for every resource the corpora build', () => {
    const kustomize = join(corpus, 'kustomize');
    const realworld = join(corpus, 'realworld', 'files');
    assert.ok(existsSync(kustomize) && existsSync(realworld), `corpus not found at ${corpus}: set BOLLWERK_CORPUS`);
    const cases = (JSON.parse(readFileSync(join(kustomize, 'index.json'), 'utf8')) as { cases: { expectError?: boolean; kustomizationDir?: string }[] }).cases;
    const objects = [
      ...builtObjects(kustomize, cases.filter((c) => !c.expectError && c.kustomizationDir).map((c) => c.kustomizationDir!)),
      ...builtObjects(realworld, findKustomizationDirs(diskTree(realworld))),
    ];
    assert.ok(objects.length > 1000, `${objects.length} resources`);
    const problems: string[] = [];
    for (const { where, obj } of objects) {
      const written = writeYamlDocument(obj);
      if (!written) continue;
      if (written.text !== writeYaml(obj)) problems.push(`${where}: text differs from writeYaml`);
      const parsed = parseChunk(written.text).docs;
      const d = parsed.length === 1 ? difference(written.doc.contents, parsed[0]!.contents, '') : `${parsed.length} documents parsed`;
      if (d) problems.push(`${where} ${d}`);
    }
    assert.deepEqual(problems.slice(0, 20), []);
  });

  it('agrees on the scalar styles and the shapes go-yaml writes', () => {
    const obj: Json = {
      a: 'plain', b: 'yes', c: '123', d: '', e: ' lead', f: 'multi\nline\n', g: 'keep\n\n', h: 'strip\nend', i: 'emoji \u{1F600}',
      j: `${'x'.repeat(50)} ${'y'.repeat(40)} z`, k: 3, l: 1.5, m: true, n: null, o: {}, p: [], q: [[1, [2]], { r: [{}] }], "s'": { t: ['u', { v: 'w' }] },
    };
    const written = writeYamlDocument(obj)!;
    assert.equal(written.text, writeYaml(obj));
    assert.equal(difference(written.doc.contents, parseChunk(written.text).docs[0]!.contents, ''), undefined);
  });
});
