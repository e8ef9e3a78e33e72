import type { Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { sortResults, withoutParsed, type FileReport } from '../../shared/src/lint';
import { lintFile } from '../../host/src/workspace/index';
import type { ChecklistFindingsParams, ChecklistFindingsResult, ChecklistResponse, ScanWorkspaceResult } from '../../shared/src/protocol';
import type { FileKind, Lang, Result } from '../../shared/src/types';
import { buildChecklist, findingsPage, packedSource, refsOf, resultSource, type ChecklistSnapshot, type FindingRef } from './checklist';
import type { Evidence } from '../../shared/src/checklist/evidence';
import { evidenceOffThread } from './evidence-worker';
import { createDocumentLinter } from './document-linter';
import { createGitlabInclusion } from './gitlab-includes';
import { isGitlabRootName } from '../../shared/src/parse/gitlab-include';
import { baseName, isYamlName } from '../../shared/src/parse/kind';
import { baselinedResults, diskText } from './baseline';
import { groupedDiagnostics } from './diagnostic-groups';
import { noteDiagnostics, resultDiagnostics } from './diagnostics';
import type { ResolvedSettings, SettingsCache } from './settings';
import { createWorkspaceIndex, resultsDigest } from './workspace-index';
import { runYielding, ScanCache, scanFolder, yieldToEvents, type ScanControl } from './workspace-scan';
import { append } from '../../shared/src/append';
import type { RegistryClient } from '../../host/src/registry/client';
import { createImageUserLookup } from './image-users';
import { createLiveUnits } from './live-units';

/** The diagnostics of an open document's version, with everything code actions and hovers need. */
export interface DocumentState {
  readonly document: TextDocument;
  readonly settings: ResolvedSettings;
  readonly kind: FileKind | undefined;
  /** File and workspace results of this version. */
  readonly results: readonly Result[];
  readonly diagnostics: Diagnostic[];
  /** Changes whenever the diagnostics may have changed (pull `resultId`). */
  readonly resultId: string;
}

/** What the service needs from the connection. */
export interface ServiceDeps {
  readonly documents: TextDocuments<TextDocument>;
  readonly settings: SettingsCache;
  folders(): readonly string[];
  log(message: string): void;
  /** Other files' diagnostics changed (workspace rules, scan, settings): push or ask the client to pull. */
  filesChanged(uris: readonly string[]): void;
  checklistChanged(): void;
  /** Diagnostics of other checkers for an open document (dockerfile-utils' validation), given Bollwerk's results. */
  moreDiagnostics?(document: TextDocument, results: readonly Result[]): Diagnostic[];
  /** True when the client shows a diagnostic's related information (default false: none is sent). */
  relatedInformation?(): boolean;
  /** The registry client for base images' users (tests); by default one per pinning settings. */
  readonly registryClient?: RegistryClient;
}

/** Quiet after an edit before the workspace rules run again (see scheduleWorkspaceRules). */
export const WORKSPACE_RULES_DELAY_MS = 150;

/** Distinguishes the checklist result ids of this server process from those of an earlier one. */
const INSTANCE = Date.now().toString(36);

/**
 * The editor's diagnostics of a file's results: findings of one object at one place grouped into
 * one diagnostic, and the findings the baseline lists shown apart as hints (or not at all).
 */
function editorDiagnostics(results: readonly Result[], version: number, lang: Lang, baselined: ReadonlySet<Result>, display: 'hide' | 'hint', related: boolean): Diagnostic[] {
  if (baselined.size === 0) return groupedDiagnostics(results, version, lang, related);
  const fresh = results.filter((r) => !baselined.has(r));
  const known = results.filter((r) => baselined.has(r));
  const all = [...groupedDiagnostics(fresh, version, lang, related), ...resultDiagnostics(known, version, lang, baselined, display, related)];
  return all.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

export function createService(deps: ServiceDeps) {
  // a document's text by file system path, for the GitLab pipeline files that are open
  const openText = (path: string): string | undefined => deps.documents.all().find((d) => d.uri.startsWith('file:') && URI.parse(d.uri).fsPath === path)?.getText();
  const linter = createDocumentLinter(deps.log, createGitlabInclusion(openText));
  // charts rendered and kustomizations built from the open documents, as their files are edited
  const live = createLiveUnits(() => deps.documents.all(), deps.log);
  const index = createWorkspaceIndex();
  const scanCache = new ScanCache();
  const stamps = new Map<string, number>();
  /** The digest of each file's results as last linted or pulled (resultsDigest): a change refreshes the checklist. */
  const lastResults = new Map<string, string>();
  const wsRunFor = new Map<string, string>();
  let generation = 0;
  let scanning: Promise<ScanWorkspaceResult> | undefined;
  // a base image's user from the registry, where pinning is allowed: the document is linted again when it arrives
  const imageUsers = createImageUserLookup((uri) => {
    bump([uri]);
    deps.filesChanged([uri]);
  }, deps.log, deps.registryClient);

  /** Counts every change of any file's diagnostics (code actions reuse fixes computed at the same count). */
  let changes = 0;
  const bump = (uris: Iterable<string>): void => {
    changes++;
    for (const uri of uris) stamps.set(uri, (stamps.get(uri) ?? 0) + 1);
  };
  /**
   * The checklist answers computed since the results last changed, per folder ('' for all folders),
   * with the open documents' versions they were computed for (an edit not linted yet counts too).
   */
  const snapshots = new Map<string, { readonly open: string; readonly snapshot: Promise<ChecklistSnapshot> }>();
  let resultsVersion = 0;
  const resultsChanged = (): void => {
    resultsVersion++;
    snapshots.clear();
    deps.checklistChanged();
  };
  const noteResults = (uri: string, results: readonly Result[]): void => {
    const before = lastResults.get(uri);
    const now = resultsDigest(results);
    lastResults.set(uri, now);
    if (before !== now) resultsChanged();
  };

  /** The run of each folder's workspace rules under way: a run waits for the one before it. */
  const wsRuns = new Map<string, Promise<void>>();
  /**
   * Runs the workspace rules again when a scanned folder's file changed, a rule at a time with the
   * editor's requests answered in between; tells about the files whose workspace results changed.
   */
  const refreshWorkspaceRules = (folderUri: string, settings: ResolvedSettings): Promise<void> => {
    const pending = wsTimers.get(folderUri);
    if (pending) clearTimeout(pending);
    wsTimers.delete(folderUri);
    const run = (wsRuns.get(folderUri) ?? Promise.resolve()).then(async () => {
      const changed = await runYielding(index.workspaceRuleSteps(folderUri, settings.config, deps.log));
      if (!changed?.size) return;
      bump(changed);
      resultsChanged();
      deps.filesChanged([...changed]);
    });
    const settled = run.catch((e: unknown) => deps.log(`workspace rules failed: ${(e as Error).stack ?? String(e)}`));
    wsRuns.set(folderUri, settled);
    void settled.then(() => wsRuns.get(folderUri) === settled && wsRuns.delete(folderUri));
    return settled;
  };

  /**
   * The workspace rules after an edit changed what they read of an open document: they read every
   * file of the folder (tens of thousands in a large repository), so they run once the typing pauses
   * for {@link WORKSPACE_RULES_DELAY_MS}, not on every keystroke; the files whose results change,
   * the edited one included, are linted again then.
   */
  const wsTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const scheduleWorkspaceRules = (folderUri: string, settings: ResolvedSettings): void => {
    const pending = wsTimers.get(folderUri);
    if (pending) clearTimeout(pending);
    wsTimers.set(folderUri, setTimeout(() => {
      wsTimers.delete(folderUri);
      void refreshWorkspaceRules(folderUri, settings);
    }, WORKSPACE_RULES_DELAY_MS));
  };

  /** An open document's report: its own lint, with the findings of the chart or kustomizations it takes part in (rendered or built again if one of their files changed). */
  const openReport = (document: TextDocument, settings: ResolvedSettings): { report: FileReport; touched: readonly string[] } => {
    const own = linter.lint(document, settings, generation).report;
    const touched = live.refresh(document.uri, settings, generation) ?? [];
    return { report: live.openReport(own), touched };
  };

  /**
   * Files whose chart or kustomize findings changed with a render or build (other than
   * `exceptUri`, whose state is being built): their reports go into the scan's index, and their
   * diagnostics out.
   */
  const liveChanged = (touched: readonly string[], settings: ResolvedSettings, exceptUri: string): void => {
    const others = touched.filter((u) => u !== exceptUri);
    if (others.length === 0) return;
    const folder = settings.folderUri;
    let indexed = false;
    for (const u of others) {
      const open = deps.documents.get(u);
      const report = open ? live.openReport(linter.lint(open, settings, generation).report) : live.closedReport(u, settings);
      if (report && folder && index.scanned && index.updateFile(folder, report) === 'facts') indexed = true;
    }
    bump(others);
    resultsChanged();
    if (indexed && folder) scheduleWorkspaceRules(folder, settings);
    deps.filesChanged(others);
  };

  /** The last text linted of each open GitLab root file (`.gitlab-ci.yml`), by URI. */
  const gitlabRoots = new Map<string, string>();
  /**
   * When an open `.gitlab-ci.yml` changed, the other open YAML documents are linted again: what it
   * includes is linted as a pipeline (see gitlab-includes.ts).
   */
  const gitlabRootLinted = (document: TextDocument): void => {
    const uri = document.uri;
    if (!isGitlabRootName(baseName(uri))) return;
    const text = document.getText();
    const before = gitlabRoots.get(uri);
    gitlabRoots.set(uri, text);
    if (before === undefined || before === text) return;
    const others = deps.documents.all().filter((d) => d.uri !== uri && isYamlName(d.uri)).map((d) => d.uri);
    if (others.length === 0) return;
    bump(others);
    deps.filesChanged(others);
  };

  const stateOf = (document: TextDocument, settings: ResolvedSettings): DocumentState => {
    const { report, touched } = openReport(document, settings);
    gitlabRootLinted(document);
    const uri = document.uri;
    const folder = settings.folderUri;
    const runKey = `${document.version}:${generation}`;
    if (folder && index.scanned && (wsRunFor.get(uri) !== runKey || touched.includes(uri))) {
      wsRunFor.set(uri, runKey);
      // the workspace rules run again only when what they read of this file changed
      if (index.updateFile(folder, report) === 'facts') scheduleWorkspaceRules(folder, settings);
    }
    if (touched.includes(uri)) bump([uri]);
    liveChanged(touched, settings, uri);
    const ws = index.workspaceResults(uri);
    const own = settings.pinningAllowed && report.kind === 'dockerfile' ? imageUsers.refine(uri, report.results, settings.config.pinning) : report.results;
    const results = ws.length ? sortResults([...own, ...ws]) : own;
    noteResults(uri, results);
    return {
      document,
      settings,
      kind: report.kind,
      results,
      diagnostics: [
        ...noteDiagnostics(report.notes, settings.lang, results),
        ...editorDiagnostics(results, document.version, settings.lang, baselinedResults(settings.baseline, uri, document.getText(), results), settings.baselineDisplay ?? 'hint', deps.relatedInformation?.() === true),
        ...(report.kind === 'dockerfile' && deps.moreDiagnostics ? deps.moreDiagnostics(document, results) : []),
      ],
      resultId: `${document.version}:${generation}:${stamps.get(uri) ?? 0}`,
    };
  };

  /** The pull result id of a scanned file (or a file of a chart or kustomization the editor renders or builds) that is not open (cheap: no diagnostics built). */
  const closedResultId = (uri: string): string | undefined => (live.has(uri) || index.has(uri) ? `disk:${generation}:${stamps.get(uri) ?? 0}` : undefined);

  /** Diagnostics of a scanned file, or a file of a chart or kustomization the editor renders or builds, that is not open. */
  const closedState = async (uri: string): Promise<{ diagnostics: Diagnostic[]; resultId: string } | undefined> => {
    const settings = await deps.settings.forUri(uri);
    const file = live.closedReport(uri, settings)?.results ?? index.fileResults(uri);
    if (!file) return undefined;
    const results = sortResults([...file, ...index.workspaceResults(uri)]);
    noteResults(uri, results);
    const baselined = settings.baseline ? baselinedResults(settings.baseline, uri, await diskText(uri), results) : new Set<Result>();
    return { diagnostics: editorDiagnostics(results, 0, settings.lang, baselined, settings.baselineDisplay ?? 'hint', deps.relatedInformation?.() === true), resultId: closedResultId(uri)! };
  };

  /**
   * What a folder's files on disk prove (CI configuration, policies, Falco rules): read on a worker
   * thread when first asked and again by each scan of the folder (beside its linting), not for every
   * answer of the checklist (it reads up to 20,000 entries of the tree).
   */
  const evidence = new Map<string, Promise<Evidence | undefined>>();
  /** Files created, changed or deleted on disk: what the folders holding them prove is read again when next asked. */
  const evidenceFilesChanged = (uris: readonly string[]): void => {
    let changed = false;
    for (const folder of [...evidence.keys()]) {
      const prefix = folder.endsWith('/') ? folder : `${folder}/`;
      if (!uris.some((u) => u.startsWith(prefix))) continue;
      evidence.delete(folder);
      changed = true;
    }
    if (changed) resultsChanged();
  };
  const evidenceOf = (folder: string): Promise<Evidence | undefined> => {
    let found = evidence.get(folder);
    if (!found) evidence.set(folder, (found = folder.startsWith('file:') ? evidenceOffThread(URI.parse(folder).fsPath, deps.log) : Promise.resolve(undefined)));
    return found;
  };

  const scanAll = async (control: ScanControl): Promise<ScanWorkspaceResult> => {
    let files = 0;
    let findings = 0;
    let testDataSkipped = 0;
    const touched: string[] = [];
    for (const gone of index.folders().filter((f) => !deps.folders().includes(f))) {
      append(touched, index.reports(gone).map((r) => r.uri));
      index.removeFolder(gone);
      evidence.delete(gone);
    }
    let cancelled = false;
    for (const folder of deps.folders()) {
      const settings = await deps.settings.forUri(folder);
      evidence.delete(folder);
      void evidenceOf(folder);
      const reports = control.cancelled() ? undefined : await scanFolder(folder, settings.config, deps.log, scanCache, control);
      if (!reports) {
        // cancelled: this folder and the rest keep the results of their last complete scan
        cancelled = true;
        break;
      }
      testDataSkipped += scanCache.testDataSkipped;
      const before = new Set(index.reports(folder).map((r) => r.uri));
      index.setFolder(folder, reports);
      for (const doc of deps.documents.all()) {
        if (deps.settings.folderOf(doc.uri) !== folder) continue;
        index.updateFile(folder, openReport(doc, await deps.settings.forUri(doc.uri)).report);
      }
      // files of charts rendered and kustomizations built in the editor: their findings with the open documents' unsaved text
      for (const uri of live.uris()) {
        if (deps.documents.get(uri) || deps.settings.folderOf(uri) !== folder) continue;
        const report = live.closedReport(uri, settings);
        if (report) index.updateFile(folder, report);
      }
      await refreshWorkspaceRules(folder, settings);
      const now = index.reports(folder);
      bump(now.map((r) => r.uri));
      append(append(touched, [...before]), now.map((r) => r.uri));
      files += now.length;
      findings += now.reduce((n, r) => n + r.ruleIds.length + index.workspaceResults(r.uri).length, 0);
    }
    if (touched.length) deps.filesChanged([...new Set(touched)]);
    resultsChanged();
    return { files, findings, ...(testDataSkipped > 0 ? { testDataSkipped } : {}), ...(cancelled ? { cancelled } : {}) };
  };

  /** The checklist snapshot of a folder (or of all folders), computed once per change of the results. */
  const checklistSnapshot = async (folderUri: string | undefined): Promise<ChecklistSnapshot> => {
    const key = folderUri ?? '';
    const open = deps.documents.all().map((d) => `${d.uri}@${d.version}`).join('\n');
    const hit = snapshots.get(key);
    if (hit && hit.open === open) return hit.snapshot;
    const snapshot = computeSnapshot(folderUri);
    const entry = { open, snapshot };
    snapshots.set(key, entry);
    // a failed computation is not kept
    snapshot.catch(() => snapshots.get(key) === entry && snapshots.delete(key));
    return snapshot;
  };

  const computeSnapshot = async (folderUri: string | undefined): Promise<ChecklistSnapshot> => {
    const reports = index.reports(folderUri);
    const findings: FindingRef[] = [];
    const baselined = new Set<FindingRef>();
    const kinds = new Set<FileKind>();
    for (const r of reports) {
      if (r.kind) kinds.add(r.kind);
      const open = deps.documents.get(r.uri);
      // a closed file's results stay packed: the checklist places them by their rule ids
      const source = open ? resultSource(r.uri, (await service.documentState(open)).results) : packedSource(r, index.workspaceResults(r.uri));
      const refs = refsOf(source);
      append(findings, refs);
      const { baseline } = await deps.settings.forUri(r.uri);
      if (!baseline || refs.length === 0) continue;
      const results = source.results();
      const matched = baselinedResults(baseline, r.uri, open ? open.getText() : await diskText(r.uri), results);
      results.forEach((x, i) => matched.has(x) && baselined.add(refs[i]!));
    }
    const folder = folderUri ?? deps.folders()[0];
    const config = folder ? (await deps.settings.forUri(folder)).config : DEFAULT_CONFIG;
    const proofs = folder ? await evidenceOf(folder) : undefined;
    // the id is taken last: linting an open document above may have changed the results
    return buildChecklist(findings, kinds, config, reports.length, `${INSTANCE}:${generation}:${resultsVersion}`, baselined, proofs);
  };

  const service = {
    /** The current state of an open document (cached per version and settings generation). */
    async documentState(document: TextDocument): Promise<DocumentState> {
      const settings = await deps.settings.forUri(document.uri);
      const current = deps.documents.get(document.uri) ?? document;
      return stateOf(current, settings);
    },
    closedState,
    closedResultId,
    /**
     * Lints every file of the workspace folders in the background (one scan at a time: a second call
     * joins the running scan). `control` reports progress and stops the scan when cancelled.
     */
    scanWorkspace(control: ScanControl = { cancelled: () => false }): Promise<ScanWorkspaceResult> {
      scanning ??= scanAll(control).finally(() => (scanning = undefined));
      return scanning;
    },
    /** True while a workspace scan runs. */
    get scanRunning(): boolean {
      return scanning !== undefined;
    },
    get scanned() {
      return index.scanned;
    },
    /** The workspace folders. */
    folders: (): readonly string[] => deps.folders(),
    /** Uris of every scanned file and of every file with findings of a chart or kustomization the editor renders or builds. */
    scannedUris: (): string[] => [...new Set([...index.reports().map((r) => r.uri), ...live.uris()])],
    /** Settings or configuration files changed: everything is linted again. */
    invalidate(): void {
      generation++;
      live.clear();
      snapshots.clear();
      deps.settings.clear();
    },
    /**
     * A file changed on disk, or its editor closed: re-lint it from disk if it is part of a scan and
     * not open (its diagnostics are then republished). False when the file is not part of a scan.
     */
    async fileChangedOnDisk(uri: string): Promise<boolean> {
      return (await service.filesChangedOnDisk([uri])).includes(uri);
    },
    /**
     * Files changed on disk (the client's file watcher): each that is part of a scan and not open is
     * linted again alone, as the scan lints it; the workspace rules run once per folder afterwards, and
     * only when what they read of a file changed. With `knownOnly`, a file the last scan did not
     * report (a new file, which may be ignored) waits for the next scan. Returns the uris re-linted.
     */
    evidenceFilesChanged,
    async filesChangedOnDisk(uris: readonly string[], knownOnly = false): Promise<string[]> {
      const done: string[] = [];
      const rerun = new Map<string, ResolvedSettings>();
      for (const uri of uris) {
        if (deps.documents.get(uri)) continue;
        const settings = await deps.settings.forUri(uri);
        // a chart's file or a kustomization's input: rendered or built again with the file's text from disk
        const touched = live.refresh(uri, settings, generation) ?? [];
        if (live.has(uri)) {
          liveChanged([...new Set([uri, ...touched])], settings, '');
          done.push(uri);
          continue;
        }
        // a first build of the folder's kustomizations that this file takes no part in
        if (touched.length) liveChanged(touched, settings, uri);
        if (knownOnly && !index.has(uri)) continue;
        const folder = settings.folderUri;
        const parsed = URI.parse(uri);
        if (!folder || parsed.scheme !== 'file' || !index.scanned || !index.folders().includes(folder)) continue;
        const report = withoutParsed(lintFile(parsed.fsPath, settings.config, deps.log));
        if (index.updateFile(folder, report) === 'facts') rerun.set(folder, settings);
        done.push(uri);
        if (uris.length > 1) await yieldToEvents();
      }
      bump(done);
      for (const [folder, settings] of rerun) await refreshWorkspaceRules(folder, settings);
      if (done.length) deps.filesChanged(done);
      return done;
    },
    /** The checklist over the scanned files with counts (scanning first if needed), open documents taking their live results. */
    async checklist(folderUri: string | undefined): Promise<ChecklistResponse> {
      if (!index.scanned) await service.scanWorkspace();
      return (await checklistSnapshot(folderUri)).response;
    },
    /** The checklist with each item's findings, for the compliance report. */
    async checklistStatuses(folderUri: string | undefined): Promise<ChecklistSnapshot> {
      if (!index.scanned) await service.scanWorkspace();
      return checklistSnapshot(folderUri);
    },
    /** One page of an item's findings (see findingsPage). */
    async checklistFindings(params: ChecklistFindingsParams): Promise<ChecklistFindingsResult> {
      if (!index.scanned) await service.scanWorkspace();
      return findingsPage(await checklistSnapshot(params.folderUri), params);
    },
    /**
     * What the live fixes of `uri` were computed from: the settings generation, every open
     * document's version and the count of changes of any file's diagnostics (a closed file changed on disk).
     */
    liveKey: (): string => `${generation}:${changes}:${deps.documents.all().map((d) => `${d.uri}@${d.version}`).sort().join('|')}`,
    /** True for a file of a chart or a kustomization the editor renders or builds. */
    isLive: (uri: string): boolean => live.has(uri),
    /**
     * The findings of the chart or kustomizations `uri` takes part in, rendered or built again from
     * the open documents (with `texts` by URI over them), with the verified fixes of those `wanted` picks.
     */
    liveFixes: (uri: string, settings: ResolvedSettings, wanted: (finding: Result) => boolean, texts?: ReadonlyMap<string, string>): readonly Result[] | undefined => {
      try {
        return live.fixes(uri, settings, wanted, texts);
      } catch (e) {
        // the passes do not throw on file content; this guards the disk (a folder removed meanwhile)
        deps.log(`fixes for ${uri} failed: ${(e as Error).stack ?? String(e)}`);
        return undefined;
      }
    },
    forget(uri: string): void {
      linter.forget(uri);
      wsRunFor.delete(uri);
    },
  };
  return service;
}

/** The lint service of one server. */
export type Service = ReturnType<typeof createService>;
