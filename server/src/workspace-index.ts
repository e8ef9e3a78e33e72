import { createHash } from 'node:crypto';
import type { Config } from '../../shared/src/config';
import { enabledWorkspaceRules, sortResults, suppressionLookup, withoutParsed, workspaceRuleResults, type FileReport, type WorkspaceFacts } from '../../shared/src/lint';
import { append } from '../../shared/src/append';
import { runSteps } from '../../shared/src/steps';
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
  /**
   * {@link runWorkspaceRules} a rule at a time: the caller answers the editor between the steps
   * (the rules take a third of a second on 50,000 files). Changes meanwhile are run by the next
   * run; a run that a new scan of the folder (or its removal) overtook changes nothing and
   * returns an empty set.
   */
  workspaceRuleSteps(folderUri: string, config: Config, log: (m: string) => void): Generator<void, Set<string>>;
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

const json = (x: unknown): string | undefined => JSON.stringify(x);

/**
 * The workspace rules that read something else of a file after a change (facts are plain data:
 * compared as JSON); undefined when nothing changed. A rule's findings land only in files it read
 * facts of, so a change of the file's suppressions or kind concerns the rules with facts in it
 * before or after. An empty set: only the file's collect errors changed.
 */
function factsChange(a: WorkspaceFacts | undefined, b: WorkspaceFacts | undefined): ReadonlySet<string> | undefined {
  if (a === b) return undefined;
  const ids = new Set([...Object.keys(a?.facts ?? {}), ...Object.keys(b?.facts ?? {})]);
  const whole = a?.kind !== b?.kind || json(a?.suppressions) !== json(b?.suppressions);
  const changed = new Set([...ids].filter((id) => whole || json(a?.facts[id]) !== json(b?.facts[id])));
  return changed.size > 0 || json(a?.errors) !== json(b?.errors) ? changed : undefined;
}

/** The last run of a folder's workspace rules: each rule's results, and the rules to run again. */
interface RuleRuns {
  readonly configKey: string;
  readonly byRule: Map<string, readonly Result[]>;
  readonly dirty: Set<string>;
}

/** Creates an empty workspace index. */
export function createWorkspaceIndex(): WorkspaceIndex {
  const folders = new Map<string, Map<string, PackedReport>>();
  const wsResults = new Map<string, Map<string, Result[]>>();
  const ruleRuns = new Map<string, RuleRuns>();
  const folderFiles = (f: string): Map<string, PackedReport> => folders.get(f) ?? new Map();
  const find = (uri: string): PackedReport | undefined => {
    for (const files of folders.values()) {
      const r = files.get(uri);
      if (r) return r;
    }
    return undefined;
  };
  /** Notes what changed of a file's facts for the folder's next run of the workspace rules. */
  const factsChanged = (folderUri: string, change: ReadonlySet<string> | undefined): 'same' | 'facts' => {
    if (!change) return 'same';
    for (const id of change) ruleRuns.get(folderUri)?.dirty.add(id);
    return 'facts';
  };
  /** The run of the workspace rules of a folder, a rule at a time (see WorkspaceIndex.workspaceRuleSteps). */
  function* ruleSteps(folderUri: string, config: Config, log: (m: string) => void): Generator<void, Set<string>> {
    const facts = [...folderFiles(folderUri).values()].flatMap((r) => r.workspace ?? []);
    // only the rules whose facts changed since the last run run again (all of them after a scan or a change of configuration)
    const configKey = JSON.stringify(config);
    let runs = ruleRuns.get(folderUri);
    if (!runs || runs.configKey !== configKey) ruleRuns.set(folderUri, (runs = { configKey, byRule: new Map(), dirty: new Set() }));
    const dirty = new Set(runs.dirty);
    runs.dirty.clear();
    const rules = enabledWorkspaceRules({ config });
    const suppressions = suppressionLookup(facts);
    for (const rule of rules) {
      if (!dirty.has(rule.id) && runs.byRule.has(rule.id)) continue;
      yield;
      if (ruleRuns.get(folderUri) !== runs) return new Set<string>();
      runs.byRule.set(rule.id, workspaceRuleResults(rule, facts, { config, log }, suppressions));
    }
    yield;
    if (ruleRuns.get(folderUri) !== runs) return new Set<string>();
    // as lintWorkspaceFacts gives them: the files' collect errors, then each rule's findings, sorted
    const all: Result[] = facts.flatMap((f) => f.errors ?? []);
    for (const rule of rules) append(all, runs.byRule.get(rule.id)!);
    const next = new Map<string, Result[]>();
    for (const r of sortResults(all)) {
      const list = next.get(r.uri);
      if (list) list.push(r);
      else next.set(r.uri, [r]);
    }
    const previous = wsResults.get(folderUri) ?? new Map<string, Result[]>();
    const changed = new Set<string>();
    for (const uri of new Set([...previous.keys(), ...next.keys()])) if (!sameResults(previous.get(uri) ?? [], next.get(uri) ?? [])) changed.add(uri);
    wsResults.set(folderUri, next);
    return changed;
  }

  return {
    get scanned() {
      return folders.size > 0;
    },
    setFolder(folderUri, reports) {
      folders.set(folderUri, new Map(reports.map((r) => [r.uri, r])));
      ruleRuns.delete(folderUri);
    },
    removeFolder(folderUri) {
      folders.delete(folderUri);
      wsResults.delete(folderUri);
      ruleRuns.delete(folderUri);
    },
    updateFile(folderUri, report) {
      if (!folderUri) return 'absent';
      const files = folders.get(folderUri);
      if (!files) return 'absent';
      const before = files.get(report.uri);
      if (!report.kind) {
        if (!files.delete(report.uri)) return 'absent';
        return factsChanged(folderUri, factsChange(before?.workspace, undefined));
      }
      files.set(report.uri, packReport(withoutParsed(report)));
      return factsChanged(folderUri, factsChange(before?.workspace, report.workspace));
    },
    runWorkspaceRules(folderUri, config, log) {
      return runSteps(ruleSteps(folderUri, config, log));
    },
    workspaceRuleSteps: ruleSteps,
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
