import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { lintText, type FileReport } from '../../shared/src/lint';
import { DocumentLintCache, lintDocuments } from '../../shared/src/lint-documents';
import { detectKind } from '../../shared/src/parse/kind';
import type { ParsedChunk } from '../../shared/src/parse/yaml';
import { PrunedCache } from '../../shared/src/pruned-cache';
import type { FileKind } from '../../shared/src/types';
import { hasDockerignore as hasDockerignoreBeside, inChartTree } from '../../host/src/workspace/source';
import type { GitlabInclusion } from './gitlab-includes';
import type { ResolvedSettings } from './settings';

/** A lint report of one document version under one settings generation. */
export interface DocumentReport {
  readonly version: number;
  readonly generation: number;
  /** The document was linted as a pipeline because its folder's GitLab pipeline includes it. */
  readonly included: boolean;
  readonly report: FileReport;
}

/**
 * Lints open documents, caching per (uri, version, settings generation) and keeping per-document caches:
 * parsed YAML chunks, and the results of each Kubernetes document (see lintDocuments).
 */
export interface DocumentLinter {
  lint(document: TextDocument, settings: ResolvedSettings, generation: number): DocumentReport;
  /** The last report of a document, whatever its version. */
  last(uri: string): DocumentReport | undefined;
  forget(uri: string): void;
}

/** The kind of an open document: by name and content, else by the editor's language id. */
export function documentKind(uri: string, languageId: string, text: string): FileKind | undefined {
  const detected = detectKind(uri, text);
  if (detected) return detected;
  if (languageId === 'dockerfile') return 'dockerfile';
  if (languageId === 'dockercompose') return 'compose';
  return undefined;
}

/**
 * The lookup of a `.dockerignore` (or `<name>.dockerignore`) beside a Dockerfile on disk, made only
 * if a rule asks (DockerfileContext); undefined when the document is not a file (unknown).
 */
export function dockerignoreLookup(uri: string): (() => boolean) | undefined {
  const u = URI.parse(uri);
  if (u.scheme !== 'file') return undefined;
  const path = u.fsPath;
  return () => hasDockerignoreBeside(path);
}

/** True when an open YAML document with template actions is a file in a Helm chart's folder tree (skipped as a template). */
export function inChart(uri: string, text: string): boolean {
  if (!text.includes('{{')) return false;
  const u = URI.parse(uri);
  return u.scheme === 'file' && inChartTree(u.fsPath);
}

/** The parsed YAML chunks of one open document; prune() after a lint drops the chunks it did not use, without splitting the text again. */
export class ChunkCache extends PrunedCache<ParsedChunk> {}

/**
 * Creates the document linter of one server. `included` tells whether a document is a file its
 * folder's GitLab pipeline includes (linted as a pipeline whatever its name); asked at every lint,
 * so that a changed include list takes effect at the next one.
 */
export function createDocumentLinter(log: (message: string) => void, included?: GitlabInclusion): DocumentLinter {
  const reports = new Map<string, DocumentReport>();
  const chunkCaches = new Map<string, ChunkCache>();
  const resultCaches = new Map<string, DocumentLintCache>();
  return {
    lint(document, settings, generation) {
      const uri = document.uri;
      const hit = reports.get(uri);
      const text = document.getText();
      const named = documentKind(uri, document.languageId, text);
      const isIncluded = named !== 'pipeline' && named !== 'dockerfile' && (included?.(uri, settings.folderUri, settings.config.maxFileBytes) ?? false);
      if (hit && hit.version === document.version && hit.generation === generation && hit.included === isIncluded) return hit;
      const kind = isIncluded ? 'pipeline' : named;
      let yamlCache = chunkCaches.get(uri);
      if (!yamlCache) chunkCaches.set(uri, (yamlCache = new ChunkCache()));
      let report: FileReport;
      if (!kind) report = { uri, kind, results: [], notes: [] };
      else if (kind === 'kubernetes') {
        let cache = resultCaches.get(uri);
        if (!cache) resultCaches.set(uri, (cache = new DocumentLintCache()));
        report = lintDocuments(uri, text, { config: settings.config, kind, yamlCache, log, cache, inChart: inChart(uri, text) });
      } else {
        const dockerignore = kind === 'dockerfile' ? dockerignoreLookup(uri) : undefined;
        const chart = kind === 'compose' && inChart(uri, text);
        report = lintText(uri, text, { config: settings.config, kind, yamlCache, log, inChart: chart, ...(dockerignore === undefined ? {} : { hasDockerignore: dockerignore }) });
      }
      if (kind !== 'kubernetes') resultCaches.delete(uri);
      // Not report.parsed: a manifest's report parses the whole file only when asked.
      if (kind === 'kubernetes' || kind === 'compose') yamlCache.prune();
      else yamlCache.clear();
      const entry = { version: document.version, generation, included: isIncluded, report };
      reports.set(uri, entry);
      return entry;
    },
    last: (uri) => reports.get(uri),
    forget(uri) {
      reports.delete(uri);
      chunkCaches.delete(uri);
      resultCaches.delete(uri);
    },
  };
}
