import { createHash } from 'node:crypto';
import type { Config } from '../../shared/src/config';
import { lintWorkspaceFacts, withoutParsed, type FileReport, type WorkspaceFacts } from '../../shared/src/lint';
import type { Result } from '../../shared/src/types';
import { packReport, unpackResults, type PackedReport } from '../../host/src/workspace/packed-report';

/**
 * Results of the last workspace scan, per folder, with the workspace rules' results per file. The
 * files' reports are kept packed (host/src/workspace/packed-report.ts): a file's results are
 * unpacked when they are asked for, the workspace rules' facts and each result's rule id stay at hand.
 */
export interface WorkspaceIndex {
  /** True once a scan of at least one folder finished. */
  readonly scanned: boolean;
  /** Replaces a folder's files with a fresh scan. */
  setFolder(folderUri: string, reports: readonly PackedReport[]): void;
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
  /** True when a scanned folder holds the file. */
  has(uri: string): boolean;
  /** The results of a scanned file, unpacked (fresh objects on each call); undefined when no scanned folder holds it. */
  fileResults(uri: string): Result[] | undefined;
  workspaceResults(uri: string): readonly Result[];
  reports(folderUri?: string): PackedReport[];
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

/**
 * A digest of what {@link sameResults} compares: two lists of the same findings have the same
 * digest. Kept per file instead of the results themselves, which would hold every scanned file's
 * results unpacked once the editor pulled them.
 */
export function resultsDigest(results: readonly Result[]): string {
  if (results.length === 0) return '';
  const text = results.map((r) => `${r.ruleId}\0${r.severity}\0${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}\0${r.message.en}`).join('\n');
  return createHash('sha256').update(text).digest('base64');
}

/** True when a file's workspace facts are the same before and after an edit (plain data: compared as JSON). */
function sameFacts(a: WorkspaceFacts | undefined, b: WorkspaceFacts | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Creates an empty workspace index. */
export function createWorkspaceIndex(): WorkspaceIndex {
  const folders = new Map<string, Map<string, PackedReport>>();
  const wsResults = new Map<string, Map<string, Result[]>>();
  const folderFiles = (f: string): Map<string, PackedReport> => folders.get(f) ?? new Map();
  const find = (uri: string): PackedReport | undefined => {
    for (const files of folders.values()) {
      const r = files.get(uri);
      if (r) return r;
    }
    return undefined;
  };
  return {
    get scanned() {
      return folders.size > 0;
    },
    setFolder(folderUri, reports) {
      folders.set(folderUri, new Map(reports.map((r) => [r.uri, r])));
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
      files.set(report.uri, packReport(withoutParsed(report)));
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
    has: (uri) => find(uri) !== undefined,
    fileResults(uri) {
      const r = find(uri);
      return r && unpackResults(r);
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
