import { statSync } from 'node:fs';
import { sep } from 'node:path';
import { URI } from 'vscode-uri';
import type { Config } from '../../shared/src/config';
import { withoutParsed, type FileReport } from '../../shared/src/lint';
import { isDockerfileName } from '../../shared/src/parse/kind';
import { fileUri, findFiles, lintFile, uriPath } from '../../host/src/workspace/index';
import { deployPasses } from '../../host/src/workspace/deployables';
import { hasDockerignore } from '../../host/src/workspace/source';

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The reports of the last scan, reused for a file while its identity on disk (inode, size,
 * modification and change time; for a Dockerfile also whether a `.dockerignore` sits beside it)
 * and the configuration stay the same: a second scan of an unchanged folder reads no file.
 */
export class ScanCache {
  private entries = new Map<string, { readonly key: string; readonly report: FileReport }>();
  /** Files whose report the last scan reused. */
  reused = 0;
  /** Files the last scan skipped as test data (Config.testDataPaths). */
  testDataSkipped = 0;

  /** The cache key of a file under a configuration, or undefined when it cannot be read. */
  static key(path: string, configKey: string): string | undefined {
    try {
      const st = statSync(path);
      const dockerignore = isDockerfileName(path) ? `:${hasDockerignore(path)}` : '';
      return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}${dockerignore}\n${configKey}`;
    } catch {
      return undefined;
    }
  }

  get(path: string, key: string | undefined): FileReport | undefined {
    const hit = key === undefined ? undefined : this.entries.get(path);
    return hit && hit.key === key ? hit.report : undefined;
  }

  set(path: string, key: string | undefined, report: FileReport): void {
    if (key === undefined) this.entries.delete(path);
    else this.entries.set(path, { key, report });
  }

  /** Forgets every file of `folder` that the last scan of it did not find. */
  prune(folder: string, found: ReadonlySet<string>): void {
    const prefix = folder.endsWith(sep) ? folder : folder + sep;
    for (const path of this.entries.keys()) if (path.startsWith(prefix) && !found.has(path)) this.entries.delete(path);
  }
}

/**
 * Lints every file of a folder from disk with the CLI's walk (`.gitignore` and `ignorePaths`
 * honoured, test data skipped) and file reader, yielding between files so that the server keeps answering while it
 * scans; files unchanged since the last scan (see {@link ScanCache}) keep their report. Then
 * kustomizations are built and charts rendered (host/src/workspace/deployables.ts), as `bollwerk scan`
 * does. The workspace rules run afterwards over the server's index (open documents included); reports keep
 * what those rules read of each file (FileReport.workspace), not its parse.
 */
export async function scanFolder(folderUri: string, config: Config, log: (m: string) => void, cache: ScanCache = new ScanCache()): Promise<FileReport[]> {
  const root = URI.parse(folderUri);
  cache.reused = 0;
  if (root.scheme !== 'file') return [];
  const found = findFiles([root.fsPath], { ignorePaths: config.ignorePaths, testDataPaths: config.testDataPaths, ignoreBase: root.fsPath });
  cache.testDataSkipped = found.testData.length;
  for (const p of found.problems) log(`scan: ${p.path}: ${p.message}`);
  const configKey = JSON.stringify(config);
  const perFile: FileReport[] = [];
  for (const path of found.files) {
    const key = ScanCache.key(path, configKey);
    let report = cache.get(path, key);
    if (report) cache.reused++;
    else {
      report = withoutParsed(lintFile(path, config, log));
      cache.set(path, key, report);
      await yieldToEvents();
    }
    perFile.push(report);
  }
  cache.prune(root.fsPath, new Set(found.files));
  // kustomizations built and charts rendered as `bollwerk scan` does, with the folder as the configuration's base
  const reports = deployPasses([root.fsPath], found.files, perFile, config, fileUri, uriPath, { ignoreBase: root.fsPath, log });
  return reports.filter((r) => r.kind);
}
