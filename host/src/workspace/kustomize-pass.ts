import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import type { Config } from '../../../shared/src/config';
import { KUSTOMIZATION_FILES } from '../../../shared/src/kustomize/kustomization';
import { lintKustomizations, type KustomizeFinding } from '../../../shared/src/kustomize/lint';
import type { FileReport } from '../../../shared/src/lint';
import { sortResults } from '../../../shared/src/lint';
import type { Result } from '../../../shared/src/types';
import { diskTree } from './file-tree';

/** The deepest folder that holds every path (folders as they are, files by their folder). */
function commonFolder(paths: readonly string[]): string {
  const dirs = paths.map((p) => {
    const abs = resolve(p);
    try {
      return statSync(abs).isDirectory() ? abs : dirname(abs);
    } catch {
      return dirname(abs);
    }
  });
  let common = dirs[0] ?? process.cwd();
  for (const d of dirs) while (common !== dirname(common) && d !== common && !d.startsWith(common.endsWith(sep) ? common : common + sep)) common = dirname(common);
  return common;
}

/** A finding of the built units as a result of its file; `data.units` names the units it occurs in, `related` their kustomizations. */
export function toResult(root: string, f: KustomizeFinding, uriOf: (path: string) => string): Result {
  return {
    ruleId: f.ruleId,
    uri: uriOf(join(root, f.file)),
    severity: f.severity,
    range: f.range,
    message: f.message,
    data: { units: f.units, cause: f.cause },
    ...(f.related.length > 0 ? { related: f.related.map((r) => ({ uri: uriOf(join(root, r.file)), range: r.range, message: r.message })) } : {}),
    ...(f.fix ? { fix: f.fix } : {}),
  };
}

/** The folders a kustomization file names with a path that leaves its folder (`resources: [../../base]`), absolute. */
function outsideFolders(file: string): string[] {
  let k: unknown;
  try {
    k = parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  if (typeof k !== 'object' || k === null) return [];
  const refs = ['resources', 'bases', 'components'].flatMap((key) => {
    const v = (k as Record<string, unknown>)[key];
    return Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : [];
  });
  return refs.filter((r) => /^\.\.(?:[/\\]|$)/.test(r)).map((r) => resolve(dirname(file), r));
}

/**
 * The folder the builds read in: the roots' common folder, widened to hold the folders that its
 * kustomizations (and those folders' own, in turn) name with `../`. kustomize reads a base wherever
 * it lies, so an overlay scanned alone builds with its `../../base`.
 */
function buildRoot(roots: readonly string[], kustomizations: readonly string[]): string {
  let root = commonFolder(roots);
  const seen = new Set<string>();
  const queue = kustomizations.map((f) => resolve(f));
  for (let file = queue.pop(); file !== undefined && seen.size < 10_000; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const dir of outsideFolders(file)) {
      if (!existsSync(dir)) continue;
      root = commonFolder([root, dir]);
      for (const name of KUSTOMIZATION_FILES) if (existsSync(join(dir, name))) queue.push(join(dir, name));
    }
  }
  return root;
}

/** The kustomization folders among `files`, relative to the folder the builds read in (buildRoot), and that folder. */
function kustomizationDirs(roots: readonly string[], files: readonly string[]): { root: string; dirs: string[] } | undefined {
  const kustomizations = files.filter((f) => KUSTOMIZATION_FILES.includes(basename(f)));
  if (kustomizations.length === 0) return undefined;
  const root = buildRoot(roots, kustomizations);
  const dirs = [...new Set(kustomizations.map((f) => relative(root, dirname(resolve(f))).split(sep).join('/')))].filter((d) => !d.startsWith('..'));
  return { root, dirs };
}

/**
 * For `--fix`: the findings of the deployable units below the roots that have a fix (written into
 * base or patch files, verified by building again), and the input files of the builds (absolute
 * paths), which are not fixed alone as whole objects.
 */
export function kustomizeFixes(roots: readonly string[], files: readonly string[], config: Config, uriOf: (path: string) => string, log?: (m: string) => void): { results: Result[]; inputs: ReadonlySet<string> } {
  const found = kustomizationDirs(roots, files);
  if (!found) return { results: [], inputs: new Set() };
  const result = lintKustomizations(diskTree(found.root), { dirs: found.dirs, config, fixes: true, ...(log ? { log } : {}) });
  return { results: result.findings.filter((f) => f.fix).map((f) => toResult(found.root, f, uriOf)), inputs: new Set([...result.inputs].map((p) => join(found.root, p))) };
}

/**
 * A file's report after the units were built: an input of a build (`input`) loses its own findings,
 * one that is no object of its own (a patch, a kustomization: `notObject`) also its workspace facts;
 * the units' findings located in it (`extra`) are added.
 */
export function withKustomizeResults(report: FileReport, input: boolean, notObject: boolean, extra: readonly Result[]): FileReport {
  // an untouched report's results are not read: the language server's are packed (packed-report.ts)
  if (!input && extra.length === 0) return report;
  const own = input ? [] : report.results;
  const next: FileReport = { ...report, kind: report.kind ?? 'kubernetes', results: sortResults([...own, ...extra]) };
  if (!notObject) return next;
  const { workspace: _facts, ...rest } = next;
  return rest;
}

/** The deployable-unit pass, report by report: `apply` gives a file's report as the pass leaves it; `rest` the reports of unit findings in files that had none. */
export interface UnitPass {
  apply(report: FileReport): FileReport;
  /** Reports for the files unit findings are located in that no applied report stood for (call once, after every apply). */
  rest(): FileReport[];
}

/** What {@link unitFindings} finds, as plain data (a worker thread can send it): absolute paths, findings by URI. */
export interface UnitFindings {
  /** The files the builds read. */
  readonly inputs: readonly string[];
  /** Inputs that are no objects of their own: patches and kustomization files. */
  readonly notObjects: readonly string[];
  /** The findings of the built units, by the URI of the file they are located in. */
  readonly added: readonly (readonly [string, Result[]])[];
}

/**
 * The deployable-unit pass of a scan over kustomization trees: every kustomization found below the
 * scanned roots is a candidate unit; the units are built and linted (kustomize/lint.ts) within the
 * roots' common folder. Files the builds read lose their per-file findings (a patch is no whole
 * object; a base resource is reported through what deploys it); the units' findings are added to
 * the reports of the files they are located in ({@link unitPassOf}). The units are built from the
 * disk, before or while the files are linted, so that each file's report can pass through as soon
 * as it is in. Without kustomization files it is undefined: the reports stay as they are.
 */
export function unitFindings(roots: readonly string[], files: readonly string[], config: Config, uriOf: (path: string) => string, log?: (m: string) => void): UnitFindings | undefined {
  const found = kustomizationDirs(roots, files);
  if (!found) return undefined;
  const { root, dirs } = found;
  const result = lintKustomizations(diskTree(root), { dirs, config, ...(log ? { log } : {}) });
  const added = new Map<string, Result[]>();
  for (const f of result.findings) {
    const r = toResult(root, f, uriOf);
    added.set(r.uri, [...(added.get(r.uri) ?? []), r]);
  }
  return {
    inputs: [...result.inputs].map((p) => join(root, p)),
    // patches and kustomization files are no objects of their own: the workspace rules skip them too
    notObjects: [...result.inputs].filter((p) => !result.resourceFiles.has(p)).map((p) => join(root, p)),
    added: [...added],
  };
}

/** The pass over the per-file reports that applies what {@link unitFindings} found. */
export function unitPassOf(found: UnitFindings, uriPath: (uri: string) => string): UnitPass {
  const inputs = new Set(found.inputs);
  const notObjects = new Set(found.notObjects);
  const added = new Map(found.added);
  return {
    apply(report) {
      const extra = added.get(report.uri) ?? [];
      added.delete(report.uri);
      const path = uriPath(report.uri);
      return withKustomizeResults(report, inputs.has(path), notObjects.has(path), extra);
    },
    rest: () => [...added].map(([uri, results]) => ({ uri, kind: 'kubernetes', results: sortResults(results), notes: [] })),
  };
}

