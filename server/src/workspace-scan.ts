import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import type { Config } from '../../shared/src/config';
import { lintText, type FileReport } from '../../shared/src/lint';
import { hasDockerignore } from './document-linter';
import { isComposeName, isDockerfileName, isYamlName } from '../../shared/src/parse/kind';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'vendor']);
/** More files than this are not scanned (a safety bound for huge monorepos). */
export const MAX_FILES = 20000;

/** True when a workspace-relative path falls under one of the config's ignore paths (prefix or `*`/`**` glob). */
export function isIgnored(rel: string, ignorePaths: readonly string[]): boolean {
  const path = rel.split(sep).join('/');
  return ignorePaths.some((p) => {
    const pattern = p.replace(/^\.\//, '').replace(/\/$/, '');
    if (!/[*?]/.test(pattern)) return path === pattern || path.startsWith(`${pattern}/`);
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '(?:.*/)?')}(?:/.*)?$`);
    return re.test(path);
  });
}

const candidate = (name: string): boolean => isDockerfileName(name) || isComposeName(name) || isYamlName(name);

/** Paths of the files below `root` Bollwerk may check (hidden and dependency folders skipped). */
export async function listFiles(root: string, config: Config): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= MAX_FILES) return;
      const p = join(dir, e.name);
      if (isIgnored(relative(root, p), config.ignorePaths)) continue;
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) await walk(p);
      } else if (e.isFile() && candidate(e.name)) out.push(p);
    }
  };
  await walk(root);
  return out;
}

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Lints every file of a folder from disk, yielding between files so the server keeps answering. */
export async function scanFolder(folderUri: string, config: Config, log: (m: string) => void): Promise<FileReport[]> {
  const root = URI.parse(folderUri);
  if (root.scheme !== 'file') return [];
  const reports: FileReport[] = [];
  for (const path of await listFiles(root.fsPath, config)) {
    const uri = URI.file(path).toString();
    try {
      const size = (await stat(path)).size;
      if (size > config.maxFileBytes) continue;
      const dockerignore = isDockerfileName(path) ? hasDockerignore(uri) : undefined;
      const report = lintText(uri, await readFile(path, 'utf8'), { config, log, ...(dockerignore === undefined ? {} : { hasDockerignore: dockerignore }) });
      if (report.kind) reports.push(report);
    } catch (e) {
      log(`scan ${path}: ${String(e)}`);
    }
    await yieldToEvents();
  }
  return reports;
}
