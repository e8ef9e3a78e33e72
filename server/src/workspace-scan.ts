import { URI } from 'vscode-uri';
import type { Config } from '../../shared/src/config';
import type { FileReport } from '../../shared/src/lint';
import { findFiles, lintFile } from '../../shared/src/workspace/index';

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Lints every file of a folder from disk with the CLI's walk (`.gitignore` and `ignorePaths`
 * honoured) and file reader, yielding between files so that the server keeps answering while it
 * scans. The workspace rules run afterwards over the server's index (open documents included);
 * reports keep what those rules read of each file (FileReport.workspace), not its parse.
 */
export async function scanFolder(folderUri: string, config: Config, log: (m: string) => void): Promise<FileReport[]> {
  const root = URI.parse(folderUri);
  if (root.scheme !== 'file') return [];
  const found = findFiles([root.fsPath], { ignorePaths: config.ignorePaths, ignoreBase: root.fsPath });
  for (const p of found.problems) log(`scan: ${p.path}: ${p.message}`);
  const reports: FileReport[] = [];
  for (const path of found.files) {
    const { parsed: _parsed, ...report } = lintFile(path, config, log);
    if (report.kind) reports.push(report);
    await yieldToEvents();
  }
  return reports;
}
