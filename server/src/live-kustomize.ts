/**
 * Kustomizations in the editor: the deployable units of a workspace folder are built and linted
 * as in a scan (host/src/workspace/kustomize-pass.ts), from the open documents' text over the
 * disk. When a kustomization file or a file the last builds read (a base resource, a patch, a
 * component, a generator source) is open and changed since the last build, the units are built
 * again, and every file whose findings changed gets them: the base under a patch that was edited,
 * the overlays' patches under a base, whether open or not.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { overlayTree } from '../../shared/src/file-tree';
import { KUSTOMIZATION_FILES } from '../../shared/src/kustomize/kustomization';
import { lintKustomizations, type KustomizeFinding, type UnitBuild } from '../../shared/src/kustomize/lint';
import type { FileReport } from '../../shared/src/lint';
import { PrunedCache } from '../../shared/src/pruned-cache';
import type { Result } from '../../shared/src/types';
import { diskTree } from '../../host/src/workspace/file-tree';
import { toResult, withKustomizeResults } from '../../host/src/workspace/kustomize-pass';
import { fileUri, lintFile } from '../../host/src/workspace/scan';
import { findFiles } from '../../host/src/workspace/walk';
import type { LivePass } from './live-units';
import type { ResolvedSettings } from './settings';
import { sameResults } from './workspace-index';

/** The last builds of one workspace folder. */
interface LiveFolder {
  readonly root: string;
  /** Folders (relative to the root, `/`-separated) that hold a kustomization file, as the scan's walk finds them. */
  dirs: string[] | undefined;
  generation: number;
  key: string;
  /** The open documents' versions the builds were made from, by URI. */
  versions: Map<string, number>;
  /** URIs of the files the builds read. */
  inputs: Set<string>;
  /** The inputs that are no objects of their own (patches, kustomization files). */
  notObjects: Set<string>;
  /** The units' findings by file URI. */
  results: Map<string, readonly Result[]>;
  readonly diskReports: Map<string, FileReport>;
  /** Rule results of built resources by their text, as far as the last build used them. */
  readonly lintCache: PrunedCache<readonly Result[]>;
  /** Each unit's last build, reused while what it read is unchanged. */
  readonly unitCache: Map<string, UnitBuild>;
}

const isKustomization = (path: string): boolean => KUSTOMIZATION_FILES.includes(basename(path));
const isYaml = (path: string): boolean => /\.ya?ml$/i.test(path);

/** True when a folder from `dir` up to `root` holds a kustomization file. */
function kustomizationAbove(dir: string, root: string): boolean {
  for (let d = dir, i = 0; i < 64; i++) {
    if (KUSTOMIZATION_FILES.some((n) => existsSync(join(d, n)))) return true;
    const parent = dirname(d);
    if (d === root || parent === d || !d.startsWith(root)) return false;
    d = parent;
  }
  return false;
}

/** The kustomizations of the workspace folders, built again as their files are edited (a {@link LivePass}). */
export type LiveKustomize = LivePass;

/** Creates the live kustomizations of one server; `documents` lists the open documents. */
export function createLiveKustomize(documents: () => readonly TextDocument[], log: (message: string) => void): LiveKustomize {
  const folders = new Map<string, LiveFolder>();

  const folderOf = (uri: string): LiveFolder | undefined => {
    for (const f of folders.values()) if (f.results.has(uri) || f.inputs.has(uri) || f.versions.has(uri)) return f;
    return undefined;
  };

  const kustomizationDirs = (live: LiveFolder, settings: ResolvedSettings): string[] => {
    if (!live.dirs) {
      const config = settings.config;
      const found = findFiles([live.root], { ignorePaths: config.ignorePaths, testDataPaths: config.testDataPaths, ignoreBase: live.root });
      live.dirs = [...new Set(found.files.filter(isKustomization).map((f) => relative(live.root, dirname(f)).split(sep).join('/')))].filter((d) => !d.startsWith('..'));
    }
    return live.dirs;
  };

  const build = (live: LiveFolder, settings: ResolvedSettings, open: ReadonlyMap<string, TextDocument>): string[] => {
    const dirs = new Set(kustomizationDirs(live, settings));
    // every open document below the root reads as the editor has it: a file that an edited
    // kustomization starts to use is read with its unsaved text too
    const texts = new Map<string, string>();
    const prefix = live.root.endsWith(sep) ? live.root : live.root + sep;
    for (const d of documents()) {
      const path = d.uri.startsWith('file:') ? URI.parse(d.uri).fsPath : '';
      if (path.startsWith(prefix)) texts.set(relative(live.root, path).split(sep).join('/'), d.getText());
    }
    // a kustomization written in the editor and not saved yet is one too
    for (const uri of open.keys()) {
      const rel = relative(live.root, URI.parse(uri).fsPath).split(sep).join('/');
      if (isKustomization(rel)) dirs.add(rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
    }
    const result = lintKustomizations(overlayTree(diskTree(live.root), texts), { dirs: [...dirs], config: settings.config, log, lintCache: live.lintCache, unitCache: live.unitCache });
    live.lintCache.prune();
    const inputs = new Set([...result.inputs].map((p) => fileUri(join(live.root, p))));
    const notObjects = new Set([...result.inputs].filter((p) => !result.resourceFiles.has(p)).map((p) => fileUri(join(live.root, p))));
    const next = new Map<string, Result[]>();
    for (const f of result.findings) {
      const r = toResult(live.root, f, fileUri);
      next.set(r.uri, [...(next.get(r.uri) ?? []), r]);
    }
    const touched = new Set<string>();
    for (const u of new Set([...live.results.keys(), ...next.keys()])) if (!sameResults(live.results.get(u) ?? [], next.get(u) ?? [])) touched.add(u);
    // a file that became or stopped being an input loses or gets back its own findings
    for (const u of new Set([...live.inputs, ...inputs])) if (live.inputs.has(u) !== inputs.has(u) || live.notObjects.has(u) !== notObjects.has(u)) touched.add(u);
    live.results = next;
    live.inputs = inputs;
    live.notObjects = notObjects;
    return [...touched];
  };

  /** The open documents the builds depend on: kustomization files and inputs of the last builds, by URI. */
  const relevant = (live: LiveFolder): Map<string, TextDocument> => {
    const prefix = live.root.endsWith(sep) ? live.root : live.root + sep;
    const open = new Map<string, TextDocument>();
    for (const d of documents()) {
      if (!d.uri.startsWith('file:')) continue;
      const p = URI.parse(d.uri).fsPath;
      if (p.startsWith(prefix) && (isKustomization(p) || live.inputs.has(d.uri))) open.set(d.uri, d);
    }
    return open;
  };
  const keyOf = (open: ReadonlyMap<string, TextDocument>): string => [...open].map(([u, d]) => `${u}@${d.version}`).sort().join('|');

  const diskReport = (live: LiveFolder, uri: string, settings: ResolvedSettings): FileReport => {
    let report = live.diskReports.get(uri);
    if (!report) {
      const path = URI.parse(uri).fsPath;
      report = existsSync(path) && statSync(path).isFile() ? lintFile(path, settings.config, log) : { uri, kind: undefined, results: [], notes: [] };
      live.diskReports.set(uri, report);
    }
    return report;
  };

  return {
    refresh(uri, settings, generation) {
      const folderUri = settings.folderUri;
      if (!folderUri?.startsWith('file:') || !uri.startsWith('file:')) return undefined;
      const path = URI.parse(uri).fsPath;
      if (!isYaml(path)) return undefined;
      const root = URI.parse(folderUri).fsPath;
      let live = folders.get(root);
      if (!live) {
        live = { root, dirs: undefined, generation: -1, key: '', versions: new Map(), inputs: new Set(), notObjects: new Set(), results: new Map(), diskReports: new Map(), lintCache: new PrunedCache(), unitCache: new Map() };
        folders.set(root, live);
      }
      if (live.generation !== generation) {
        live.dirs = undefined;
        live.key = '';
        live.diskReports.clear();
        live.lintCache.clear();
        live.unitCache.clear();
      }
      const first = live.generation !== generation;
      // the folder's first build (which walks it for kustomizations) waits for a file that looks
      // like a part of one: a kustomization, or a file with one in its folder or above
      if (first && !isKustomization(path) && !kustomizationAbove(dirname(path), root)) return undefined;
      // no kustomization in the folder, none being written: nothing is built
      if (kustomizationDirs(live, settings).length === 0 && !isKustomization(path) && live.versions.size === 0) return undefined;
      if (!first && !isKustomization(path) && !live.inputs.has(uri) && !live.versions.has(uri)) return undefined;
      const open = relevant(live);
      const key = keyOf(open);
      if (!first && live.key === key) return [];
      const changed = new Set<string>();
      for (const [u, d] of open) if (live.versions.get(u) !== d.version) changed.add(u);
      for (const u of live.versions.keys()) if (!open.has(u)) changed.add(u);
      for (const u of changed) live.diskReports.delete(u);
      const touched = new Set([...changed, ...build(live, settings, open)]);
      // the builds read every open document: those that are inputs now count from here on
      const now = relevant(live);
      live.generation = generation;
      live.key = keyOf(now);
      live.versions = new Map([...now].map(([u, d]) => [u, d.version]));
      return [...touched];
    },
    openReport(report) {
      const live = folderOf(report.uri);
      return live ? withKustomizeResults(report, live.inputs.has(report.uri), live.notObjects.has(report.uri), live.results.get(report.uri) ?? []) : report;
    },
    closedReport(uri, settings) {
      const live = folderOf(uri);
      if (!live) return undefined;
      return withKustomizeResults(diskReport(live, uri, settings), live.inputs.has(uri), live.notObjects.has(uri), live.results.get(uri) ?? []);
    },
    has: (uri) => folderOf(uri) !== undefined,
    fixes(uri, settings, wanted, overrides) {
      const live = folderOf(uri);
      if (!live) return undefined;
      const prefix = live.root.endsWith(sep) ? live.root : live.root + sep;
      const texts = new Map<string, string>();
      const add = (u: string, text: string): void => {
        const path = u.startsWith('file:') ? URI.parse(u).fsPath : '';
        if (path.startsWith(prefix)) texts.set(relative(live.root, path).split(sep).join('/'), text);
      };
      for (const d of documents()) add(d.uri, d.getText());
      for (const [u, text] of overrides ?? []) add(u, text);
      const dirs = new Set(kustomizationDirs(live, settings));
      for (const p of texts.keys()) if (isKustomization(p)) dirs.add(p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
      const asResult = (f: KustomizeFinding): Result => toResult(live.root, f, fileUri);
      // a copy of the unit cache: builds of edited texts do not replace the editor's
      const result = lintKustomizations(overlayTree(diskTree(live.root), texts), { dirs: [...dirs], config: settings.config, log, unitCache: new Map(live.unitCache), fixes: (f) => wanted(asResult(f)) });
      return result.findings.map(asResult);
    },
    uris: () => [...folders.values()].flatMap((f) => [...f.results.keys()]),
    clear: () => folders.clear(),
  };
}
