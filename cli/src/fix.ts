import { resolve } from 'node:path';
import type { Config } from '../../shared/src/config';
import { lintText } from '../../shared/src/lint';
import { isDockerfileName } from '../../shared/src/parse/kind';
import { applyEdits, rangesOverlap } from '../../shared/src/text';
import type { Localized, Result, TextEdit } from '../../shared/src/types';
import { chartRoots, hasDeployables, hasDockerignore, inChartTree, readSource } from '../../host/src/workspace/source';
import { fileUri, scanWorkspace, uriPath, type ScanOptions, type ScanResult } from '../../host/src/workspace/scan';
import { findFiles } from '../../host/src/workspace/walk';
import { writeBack, writeRoots, type WriteRoots } from '../../host/src/workspace/write-back';

/** Passes over a file before giving up on reaching a stable text. */
export const MAX_FIX_PASSES = 10;

/** The outcome of `--fix`. */
export interface FixOutcome {
  /** Findings removed by a fix. */
  readonly fixed: number;
  /** Files written. */
  readonly files: number;
  /** Files whose fixes could not be applied (overlapping or failing edits). */
  readonly failed: readonly string[];
  /** Files left as they were, and why: a link outside the roots, a hard link, a change since reading. */
  readonly skipped: readonly { readonly path: string; readonly message: Localized }[];
}

/** Picks the fixes of `results` whose edits overlap no fix picked before; returns their edits and count. */
export function chooseFixes(results: readonly Result[]): { edits: TextEdit[]; count: number } {
  const edits: TextEdit[] = [];
  let count = 0;
  for (const r of results) {
    if (!r.fix || r.fix.edits.length === 0) continue;
    if (r.fix.edits.some((e) => edits.some((c) => rangesOverlap(c.range, e.range)))) continue;
    edits.push(...r.fix.edits);
    count++;
  }
  return { edits, count };
}

/** Applies the file rules' fixes to one text until nothing changes (at most MAX_FIX_PASSES). */
export function fixText(uri: string, text: string, config: Config, dockerignore?: boolean): { text: string; fixed: number; error?: string } {
  let current = text;
  let fixed = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const report = lintText(uri, current, { config, ...(dockerignore === undefined ? {} : { hasDockerignore: dockerignore }) });
    const { edits, count } = chooseFixes(report.results);
    if (count === 0) break;
    let next: string;
    try {
      next = applyEdits(current, edits);
    } catch (e) {
      return { text: current, fixed, error: (e as Error).message };
    }
    if (next === current) break;
    current = next;
    fixed += count;
  }
  return { text: current, fixed };
}

/**
 * `--fix`: fixes every file on its own until stable, then applies the workspace rules' fixes,
 * rescanning until none is left (at most MAX_FIX_PASSES). Writes only changed files and returns
 * the final scan, so that the report shows what remains.
 */
export function fixWorkspace(roots: readonly string[], config: Config, fixOptions: ScanOptions): { outcome: FixOutcome; scan: ScanResult } {
  // the fixes change files, so the stats the caller took of them are stale for the rescans
  const { rootStats: _stale, ...options } = fixOptions;
  const changed = new Set<string>();
  const failed: string[] = [];
  const skipped: { path: string; message: Localized }[] = [];
  const sink = { roots: writeRoots(roots), failed, skipped };
  let fixed = 0;
  const found = findFiles(roots, { ignorePaths: config.ignorePaths, testDataPaths: config.testDataPaths, ...(options.ignoreBase ? { ignoreBase: options.ignoreBase } : {}) });
  const charts = chartRoots(found.files);
  // the renderer and the builder are loaded only when there is a chart or a kustomization to fix
  const deploy = hasDeployables(found.files) ? (require('./deployables') as typeof import('./deployables')) : undefined;
  // kustomize: the inputs of the builds (bases, patches) are fixed through what deploys them, below
  let kustomize = deploy ? deploy.kustomizeFixes(roots, found.files, config, fileUri, options.log) : { results: [], inputs: new Set<string>() };
  for (const path of found.files) {
    if (kustomize.inputs.has(resolve(path))) continue;
    const source = readSource(path, config.maxFileBytes);
    if ('note' in source) continue;
    // a Helm chart's templates are not linted alone (lint.ts inChart): their fixes come from the chart below
    if (!isDockerfileName(path) && source.text.includes('{{') && inChartTree(path)) continue;
    const result = fixText(fileUri(path), source.text, config, isDockerfileName(path) ? hasDockerignore(path) : undefined);
    if (result.error) failed.push(path);
    if (result.text !== source.text && write(path, source, result.text, sink)) {
      changed.add(path);
      fixed += result.fixed;
    }
  }
  // charts: the rules' fixes of the rendered manifests, translated to values and template files
  // and verified by rendering again; each pass renders the chart anew from the files written
  for (const dir of deploy ? charts : []) {
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      let lint;
      try {
        lint = deploy!.lintChartDir(dir, config, fileUri, options.ignoreBase, options.log, { fixes: true });
      } catch (e) {
        options.log?.(`fixing the chart ${dir} failed: ${(e as Error).stack ?? String(e)}`);
        break;
      }
      const count = applyByFile(lint.results, config, sink, changed);
      fixed += count;
      if (count === 0) break;
    }
  }
  // kustomize: fixes in the base resource or the overlay's patch, verified by building again
  for (let pass = 0; pass < MAX_FIX_PASSES && kustomize.results.length > 0; pass++) {
    const count = applyByFile(kustomize.results, config, sink, changed);
    fixed += count;
    if (count === 0) break;
    kustomize = deploy!.kustomizeFixes(roots, found.files, config, fileUri, options.log);
  }
  let scan = scanWorkspace(roots, config, options);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const count = applyByFile(scan.workspaceResults, config, sink, changed);
    fixed += count;
    if (count === 0) break;
    scan = scanWorkspace(roots, config, options);
  }
  return { outcome: { fixed, files: changed.size, failed, skipped }, scan };
}

/** Applies the fixes of `results` to the files they edit (a chart finding's fix may edit values.yaml); returns how many were applied. */
function applyByFile(results: readonly Result[], config: Config, sink: WriteSink, changed: Set<string>): number {
  const byUri = new Map<string, Result[]>();
  for (const r of results) {
    if (!r.fix?.edits.length) continue;
    const uri = r.fix.uri ?? r.uri;
    byUri.set(uri, [...(byUri.get(uri) ?? []), r]);
  }
  let count = 0;
  for (const [uri, list] of byUri) count += applyFixes(uriPath(uri), list, config, sink, changed);
  return count;
}

/** Applies the non-overlapping fixes of `results` to the file at `path`; returns how many were applied (0 when the file was not written). */
function applyFixes(path: string, results: readonly Result[], config: Config, sink: WriteSink, changed: Set<string>): number {
  const source = readSource(path, config.maxFileBytes);
  if ('note' in source) return 0;
  const { edits, count } = chooseFixes(results);
  let next: string;
  try {
    next = applyEdits(source.text, edits);
  } catch {
    sink.failed.push(path);
    return 0;
  }
  if (next === source.text || !write(path, source, next, sink)) return 0;
  changed.add(path);
  return count;
}

/** Where writes are checked against and their problems collected. */
interface WriteSink {
  readonly roots: WriteRoots;
  readonly failed: string[];
  readonly skipped: { path: string; message: Localized }[];
}

/** Writes a fixed text back over the source it came from (see writeBack); false when it was not written. */
function write(path: string, source: { text: string; bom: boolean }, text: string, sink: WriteSink): boolean {
  const bom = source.bom ? '\ufeff' : '';
  const outcome = writeBack(path, bom + source.text, bom + text, sink.roots);
  if (outcome.written) return true;
  if (outcome.skip === 'error') sink.failed.push(path);
  else if (!sink.skipped.some((s) => s.path === path)) sink.skipped.push({ path, message: outcome.message });
  return false;
}
