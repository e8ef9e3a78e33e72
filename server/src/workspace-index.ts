import type { Config } from '../../shared/src/config';
import { lintWorkspaceFacts, withoutParsed, type FileReport, type WorkspaceFacts } from '../../shared/src/lint';
import type { Result } from '../../shared/src/types';

/** Results of the last workspace scan, per folder, with the workspace rules' results per file. */
export interface WorkspaceIndex {
  /** True once a scan of at least one folder finished. */
  readonly scanned: boolean;
  /** Replaces a folder's files with a fresh scan. */
  setFolder(folderUri: string, reports: readonly FileReport[]): void;
  /** Forgets a folder that left the workspace. */
  removeFolder(folderUri: string): void;
  /**
   * Replaces one file's report (an open document's live lint, or a re-read from disk): `absent` when
   * the file is not part of a scan, `facts` when what the workspace rules read of it changed (they must
   * run again), else `same`.
   */
  updateFile(folderUri: string | undefined, report: FileReport): 'absent' | 'same' | 'facts';
  /** Runs the workspace rules of a folder; returns the uris whose workspace results changed. */
  runWorkspaceRules(folderUri: string, config: Config, log: (m: string) => void): Set<string>;
  fileResults(uri: string): readonly Result[] | undefined;
  workspaceResults(uri: string): readonly Result[];
  reports(folderUri?: string): FileReport[];
  folders(): string[];
}

const sameRange = (a: Result['range'], b: Result['range']): boolean =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** True when two result lists report the same findings (rule, range, severity, message). */
export function sameResults(a: readonly Result[], b: readonly Result[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.ruleId !== y.ruleId || x.severity !== y.severity || !sameRange(x.range, y.range) || x.message.en !== y.message.en) return false;
  }
  return true;
}

/** True when a file's workspace facts are the same before and after an edit (plain data: compared as JSON). */
function sameFacts(a: WorkspaceFacts | undefined, b: WorkspaceFacts | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Creates an empty workspace index. */
export function createWorkspaceIndex(): WorkspaceIndex {
  const folders = new Map<string, Map<string, FileReport>>();
  const wsResults = new Map<string, Map<string, Result[]>>();
  const folderFiles = (f: string): Map<string, FileReport> => folders.get(f) ?? new Map();
  return {
    get scanned() {
      return folders.size > 0;
    },
    setFolder(folderUri, reports) {
      folders.set(folderUri, new Map(reports.map((r) => [r.uri, withoutParsed(r)])));
    },
    removeFolder(folderUri) {
      folders.delete(folderUri);
      wsResults.delete(folderUri);
    },
    updateFile(folderUri, report) {
      if (!folderUri) return 'absent';
      const files = folders.get(folderUri);
      if (!files) return 'absent';
      const before = files.get(report.uri);
      if (!report.kind) {
        if (!files.delete(report.uri)) return 'absent';
        return before?.workspace ? 'facts' : 'same';
      }
      files.set(report.uri, withoutParsed(report));
      return sameFacts(before?.workspace, report.workspace) ? 'same' : 'facts';
    },
    runWorkspaceRules(folderUri, config, log) {
      const facts = [...folderFiles(folderUri).values()].flatMap((r) => r.workspace ?? []);
      const next = new Map<string, Result[]>();
      for (const r of lintWorkspaceFacts(facts, { config, log })) {
        const list = next.get(r.uri) ?? [];
        list.push(r);
        next.set(r.uri, list);
      }
      const previous = wsResults.get(folderUri) ?? new Map<string, Result[]>();
      const changed = new Set<string>();
      for (const uri of new Set([...previous.keys(), ...next.keys()])) if (!sameResults(previous.get(uri) ?? [], next.get(uri) ?? [])) changed.add(uri);
      wsResults.set(folderUri, next);
      return changed;
    },
    fileResults(uri) {
      for (const files of folders.values()) {
        const r = files.get(uri);
        if (r) return r.results;
      }
      return undefined;
    },
    workspaceResults(uri) {
      for (const byUri of wsResults.values()) {
        const r = byUri.get(uri);
        if (r) return r;
      }
      return [];
    },
    reports: (folderUri) => (folderUri ? [...folderFiles(folderUri).values()] : [...folders.values()].flatMap((m) => [...m.values()])),
    folders: () => [...folders.keys()],
  };
}
