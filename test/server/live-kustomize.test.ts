// The editor's kustomize builds (server/src/live-kustomize.ts) in-process: after edits of a patch,
// a base, a kustomization and a file closed again, every file's findings equal those of a fresh
// build of the same texts, and a file that takes part in no build is left alone.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { overlayTree } from '../../shared/src/file-tree';
import { lintKustomizations, type UnitBuild } from '../../shared/src/kustomize/lint';
import type { Result } from '../../shared/src/types';
import { diskTree } from '../../host/src/workspace/file-tree';
import { fileUri } from '../../host/src/workspace/scan';
import { createLiveKustomize, type LiveKustomize } from '../../server/src/live-kustomize';
import type { ResolvedSettings } from '../../server/src/settings';
import { ROOT } from './lsp-client';

const FILES = ['base/deployment.yaml', 'base/kustomization.yaml', 'overlays/dev/debug.yaml', 'overlays/dev/kustomization.yaml', 'overlays/prod/secure.yaml', 'overlays/prod/kustomization.yaml', 'components/probe/probe.yaml'];

describe('live kustomize builds equal fresh builds', () => {
  let dir = '';
  let settings: ResolvedSettings;
  const docs = new Map<string, TextDocument>();
  let live: LiveKustomize;
  const uriOf = (rel: string): string => fileUri(join(dir, rel));
  const edit = (rel: string, text: string): void => {
    const uri = uriOf(rel);
    docs.set(uri, TextDocument.create(uri, 'yaml', (docs.get(uri)?.version ?? 0) + 1, text));
  };
  const place = (file: string, r: { ruleId: string; range: Result['range']; message: { en: string } }): string => `${r.ruleId} ${file} ${r.range.start.line}:${r.range.start.character} ${r.message.en}`;
  const liveFindings = (): string[] =>
    FILES.flatMap((rel) => {
      const uri = uriOf(rel);
      const report = docs.has(uri) ? live.openReport({ uri, kind: undefined, results: [], notes: [] }) : live.closedReport(uri, settings);
      return (report?.results ?? []).map((r) => place(rel, r));
    }).sort();
  const freshFindings = (): string[] => {
    const texts = new Map([...docs.values()].map((d) => [URI.parse(d.uri).fsPath.slice(dir.length + 1), d.getText()] as const));
    return lintKustomizations(overlayTree(diskTree(dir), texts), { config: DEFAULT_CONFIG }).findings.map((f) => place(f.file, f)).sort();
  };
  const check = (what: string, rel: string, touchedMust: string[] = []): void => {
    const touched = live.refresh(uriOf(rel), settings, 0) ?? [];
    for (const t of touchedMust) assert.ok(touched.includes(uriOf(t)), `${what}: ${t} is among the files whose findings may have changed (${touched.join(', ')})`);
    assert.deepEqual(liveFindings(), freshFindings(), what);
  };
  const text = (rel: string): string => readFileSync(join(dir, rel), 'utf8');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-live-kustomize-'));
    cpSync(join(ROOT, 'test/fixtures/kustomize/app'), dir, { recursive: true });
    writeFileSync(join(dir, 'alone.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    settings = { config: DEFAULT_CONFIG, lang: 'en', pinningAllowed: false, folderUri: URI.file(dir).toString() };
    live = createLiveKustomize(() => [...docs.values()], (m) => assert.fail(m));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a YAML file with no kustomization in its folder or above starts no build (and no walk of the folder)', () => {
    const only = new Map<string, TextDocument>([[uriOf('alone.yaml'), TextDocument.create(uriOf('alone.yaml'), 'yaml', 1, text('alone.yaml'))]]);
    const fresh = createLiveKustomize(() => [...only.values()], (m) => assert.fail(m));
    assert.equal(fresh.refresh(uriOf('alone.yaml'), settings, 0), undefined);
    assert.deepEqual(fresh.uris(), []);
    // a base resource has its kustomization beside it: the folder is built
    assert.ok((fresh.refresh(uriOf('base/deployment.yaml'), settings, 0) ?? []).length > 0);
  });

  it('builds on the first ask, not again while nothing changed, and leaves a file of no build alone', () => {
    edit('base/deployment.yaml', text('base/deployment.yaml'));
    check('first build', 'base/deployment.yaml');
    assert.ok(liveFindings().some((f) => f.startsWith('k8s/privileged overlays/dev/debug.yaml 10:24')), liveFindings().join('\n'));
    assert.deepEqual(live.refresh(uriOf('base/deployment.yaml'), settings, 0), [], 'nothing changed: no build');
    edit('alone.yaml', text('alone.yaml'));
    assert.equal(live.refresh(uriOf('alone.yaml'), settings, 0), undefined);
    assert.equal(live.has(uriOf('alone.yaml')), false);
  });

  it('a patch edit, a base edit and a kustomization edit', () => {
    edit('overlays/dev/debug.yaml', text('overlays/dev/debug.yaml').replace('privileged: true', 'privileged: false'));
    check('patch edited', 'overlays/dev/debug.yaml', ['overlays/dev/debug.yaml', 'base/deployment.yaml']);
    edit('base/deployment.yaml', text('base/deployment.yaml').replace('image: nginx:latest', 'image: nginx:1.27'));
    check('base edited', 'base/deployment.yaml', ['base/deployment.yaml']);
    // dev stops using its patch: the file is no input any more and is linted as a whole object
    edit('overlays/dev/kustomization.yaml', text('overlays/dev/kustomization.yaml').replace(/patches:\n  - path: debug.yaml\n/, ''));
    check('kustomization edited', 'overlays/dev/kustomization.yaml', ['overlays/dev/debug.yaml']);
  });

  it('closing every document builds from disk again', () => {
    docs.clear();
    check('closed', 'base/deployment.yaml', ['overlays/dev/debug.yaml', 'base/deployment.yaml']);
    assert.ok(liveFindings().some((f) => f.startsWith('k8s/image-latest-tag base/deployment.yaml 16:17')), liveFindings().join('\n'));
  });
});

describe('lintKustomizations with a unit cache', () => {
  it('builds again only the units that read a changed file or folder, and gives what a build without the cache gives', () => {
    const base = diskTree(join(ROOT, 'test/fixtures/kustomize/app'));
    const cache = new Map<string, UnitBuild>();
    const places = (r: ReturnType<typeof lintKustomizations>): string[] => r.findings.map((f) => `${f.ruleId} ${f.file} ${f.range.start.line} ${f.message.en}`);
    lintKustomizations(base, { unitCache: cache });
    const [dev, prod] = [cache.get('overlays/dev'), cache.get('overlays/prod')];
    assert.ok(dev && prod);
    const edited = overlayTree(base, new Map([['overlays/dev/debug.yaml', readFileSync(join(ROOT, 'test/fixtures/kustomize/app/overlays/dev/debug.yaml'), 'utf8').replace('privileged: true', 'privileged: false')]]));
    const cached = lintKustomizations(edited, { unitCache: cache });
    assert.equal(cache.get('overlays/prod'), prod, 'prod does not read debug.yaml: its build is reused');
    assert.notEqual(cache.get('overlays/dev'), dev, 'dev is built again');
    assert.deepEqual(places(cached), places(lintKustomizations(edited)));
    // a file that appears where a build looked (an unsaved new file) builds that unit again
    const added = overlayTree(edited, new Map([['overlays/prod/extra.yaml', 'x: 1\n']]));
    lintKustomizations(added, { unitCache: cache });
    assert.notEqual(cache.get('overlays/prod'), prod, 'the folder prod read has a new entry');
  });
});
