import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { treeEvidence } from '../../shared/src/checklist/evidence';
import { checklistStatus } from '../../shared/src/checklist/status';
import { diskTree } from '../../host/src/workspace/file-tree';
import type { Config } from '../../shared/src/config';
import { fingerprintFile } from '../../shared/src/baseline/fingerprint';
import { documentedRules } from '../../shared/src/lint';
import { escapeControls } from '../../shared/src/report/escape';
import { checklistHtml, checklistJson, checklistMarkdown, checklistText, displayPath, flatten, gitlabReport, jsonReport, sarifReport, textReport, writeGitlabReport, writeJsonReport, writeSarifReport, writeTextReport, type ReportInput, type ReportWrite, type ScanData, type ToolInfo } from '../../shared/src/report/index';
import type { Lang, Result, RuleMeta, Severity } from '../../shared/src/types';
import { fileUri, loadConfig, resolvePath, scanWorkspace, uriPath, type ScanResult } from '../../host/src/workspace/index';
import type { Command, FailOn } from './args';
import { UsageError } from './args';
import { baselinePath, baselineText, defaultBaselineFile, fingerprintScan, readBaseline, staleEntries, withoutBaselined } from './baseline';
import { fixWorkspace, type FixOutcome } from './fix';
import { langFromEnv } from './help';
import { blockWriter, prepareOutput, type OpenFile } from './output';
import { streamScan } from './stream-scan';

/** Where a command reads and writes (process streams in the bin, buffers in tests). */
export interface CliIo {
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(s: string): unknown };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Writes `--output` files. */
  writeFile(path: string, text: string): void;
  /** Opens an `--output` file to be written piece by piece; without it a streamed report is gathered and given to writeFile. */
  openFile?(path: string): OpenFile;
}

type ScanLike = Extract<Command, { command: 'scan' | 'checklist' | 'baseline' }>;

/** The directory all paths have in common (a file counts by its directory); `stats` holds the paths' stats where the caller took them. */
export function commonRoot(paths: readonly string[], stats?: ReadonlyMap<string, Stats>): string {
  const dirs = paths.map((p) => ((stats?.get(p) ?? statOf(p))?.isDirectory() ? p : dirname(p)));
  let root = dirs[0] ?? sep;
  for (const d of dirs.slice(1)) while (!(d === root || d.startsWith(root.endsWith(sep) ? root : root + sep))) root = dirname(root);
  return root;
}

function statOf(p: string): Stats | undefined {
  try {
    return statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Resolves paths, configuration, level and language shared by scan and checklist. */
export function prepare(cmd: ScanLike, io: CliIo): { paths: string[]; root: string; config: Config; configRoot: string; lang: Lang; stats: ReadonlyMap<string, Stats> } {
  const paths = cmd.paths.map((p) => resolvePath(p, io.cwd));
  // one stat per path: whether it exists, whether it is a directory, and (for the scan) its size
  const stats = new Map<string, Stats>();
  for (const [i, p] of paths.entries()) {
    const st = statOf(p);
    if (!st) throw new UsageError(`path not found: ${cmd.paths[i]}`);
    stats.set(p, st);
  }
  const root = commonRoot(paths, stats);
  const loaded = loadConfig(cmd.config, cmd.config !== undefined ? io.cwd : root);
  if (loaded.problems.length) throw new UsageError(`invalid configuration: ${loaded.problems[0]}${loaded.problems.length > 1 ? ` (and ${loaded.problems.length - 1} more)` : ''}`);
  const levelled: Config = cmd.level ? { ...loaded.config, level: cmd.level } : loaded.config;
  const config: Config = cmd.includeTestData ? { ...levelled, testDataPaths: [] } : levelled;
  const lang = cmd.lang ?? config.lang ?? langFromEnv(io.env);
  return { paths, root, config, configRoot: loaded.root, lang, stats };
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const THRESHOLD: Record<FailOn, number> = { info: 0, warning: 1, error: 2, never: 3 };

/** True when a result is at or above the --fail-on threshold. */
export function fails(results: readonly Result[], failOn: FailOn): boolean {
  return results.some((r) => RANK[r.severity] >= THRESHOLD[failOn]);
}

/** Fails at once, before any scan, when --output cannot be written (exit 2). */
function checkOutput(output: string | undefined, io: CliIo): void {
  if (output === undefined) return;
  try {
    prepareOutput(resolve(io.cwd, output));
  } catch (e) {
    throw new UsageError(`cannot write ${escapeControls(output)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Writes a report to --output or standard output. */
export function emit(text: string, output: string | undefined, io: CliIo): void {
  if (output === undefined) io.stdout.write(text);
  else {
    try {
      io.writeFile(resolve(io.cwd, output), text);
    } catch (e) {
      throw new UsageError(`cannot write ${escapeControls(output)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
}

/** `BOLLWERK_THREADS=<n>` sets the scan's worker threads (0: none); otherwise the scan decides. */
export function threadsFromEnv(env: CliIo['env']): { threads?: number } {
  const n = Number(env.BOLLWERK_THREADS ?? '');
  return env.BOLLWERK_THREADS !== undefined && env.BOLLWERK_THREADS !== '' && Number.isInteger(n) && n >= 0 ? { threads: n } : {};
}

/** Collects rule crashes; tells the user once on stderr. */
export function crashLog(io: CliIo): { log: (m: string) => void; flush: () => void } {
  const lines: string[] = [];
  return {
    log: (m) => lines.push(m),
    flush: () => {
      if (!lines.length) return;
      if (io.env.BOLLWERK_DEBUG) for (const l of lines) io.stderr.write(`${l}\n`);
      else io.stderr.write(`bollwerk: ${lines.length} internal rule error(s); findings are reported as bollwerk/internal-error (BOLLWERK_DEBUG=1 shows details)\n`);
    },
  };
}

/** `bollwerk [scan]`: lints, optionally fixes, reports; returns the exit code. */
/** `refine` (for --resolve-images) adjusts the scan's findings before they are reported. */
export async function runScan(cmd: Extract<Command, { command: 'scan' }>, io: CliIo, tool: ToolInfo, refine?: (scan: ScanResult, config: Config) => Promise<ScanResult>): Promise<number> {
  checkOutput(cmd.output, io);
  const { paths, root, config, configRoot, lang, stats } = prepare(cmd, io);
  const crashes = crashLog(io);
  const options = { ignoreBase: configRoot, log: crashes.log, rootStats: stats, ...threadsFromEnv(io.env) };
  const baselineFile = baselinePath(cmd.baseline, config, configRoot, io.cwd);
  // a plain scan is streamed to its report; fixing, resolving images and a baseline look at the whole scan first
  if (!cmd.fix && !refine && baselineFile === undefined) {
    const fingerprints = new Map<Result, string>();
    const streamed = streamScan(paths, config, {
      ...options,
      // GitLab's fingerprints are the baseline's, made per file from its text and findings (as fingerprintScan makes them)
      ...(cmd.format === 'gitlab' ? { beforeFile: (uri: string, results: readonly Result[]) => fileFingerprints(uri, results, io.cwd, fingerprints) } : {}),
    });
    try {
      writeReport(cmd.output, io, (write) => {
        const baseUri = fileUri(io.cwd);
        const color = cmd.output === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR;
        writeScanReport(cmd.format, streamed.input, { lang, baseUri, tool, color, rootUri: fileUri(root), fingerprint: (r) => fingerprints.get(r) }, write);
      });
    } finally {
      streamed.close();
    }
    crashes.flush();
    return failsCounts(streamed.input.counts, cmd.failOn) ? 1 : 0;
  }
  let all: ScanResult;
  let outcome: FixOutcome | undefined;
  if (cmd.fix) ({ scan: all, outcome } = fixWorkspace(paths, config, options));
  else all = scanWorkspace(paths, config, options);
  if (refine) all = await refine(all, config);
  let scan: ScanData = all;
  if (baselineFile !== undefined) {
    const applied = withoutBaselined(all, readBaseline(baselineFile, cmd.baseline ?? baselineFile), dirname(baselineFile));
    scan = applied.scan;
    if (applied.baselined > 0) io.stderr.write(`bollwerk: ${lang === 'de' ? `${applied.baselined} Befunde der Baseline nicht gemeldet` : `${applied.baselined} findings in the baseline not reported`}\n`);
  }
  const baseUri = fileUri(io.cwd);
  const color = cmd.output === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR;
  let text: string;
  if (cmd.format === 'json') text = jsonReport(scan, { lang, baseUri, tool, ...(outcome ? { fixed: outcome.fixed } : {}) });
  else if (cmd.format === 'gitlab') {
    const prints = new Map(fingerprintScan(scan, io.cwd).map((f) => [f.result, f.fingerprint]));
    text = gitlabReport(scan, { lang, baseUri, fingerprint: (r) => prints.get(r) });
  }
  else if (cmd.format === 'sarif') text = sarifReport(scan, { lang, rootUri: fileUri(root), tool, rules: documentedRules() });
  else text = textReport(scan, { lang, baseUri, color });
  if (outcome) {
    const de = lang === 'de';
    const line = de ? `${outcome.fixed} Probleme in ${outcome.files} Dateien behoben` : `fixed ${outcome.fixed} problems in ${outcome.files} files`;
    // keep machine-readable stdout clean: the fix count goes to stderr for json and sarif
    if (cmd.format === 'text' && cmd.output === undefined) text = `${line}\n${text}`;
    else io.stderr.write(`bollwerk: ${line}\n`);
    for (const f of outcome.failed) io.stderr.write(`bollwerk: ${de ? 'Korrekturen nicht anwendbar' : 'could not apply fixes'}: ${escapeControls(f)}\n`);
    for (const s of outcome.skipped) io.stderr.write(`bollwerk: ${escapeControls(displayPath(fileUri(s.path), baseUri))}: ${escapeControls(s.message[lang])}\n`);
  }
  emit(text, cmd.output, io);
  crashes.flush();
  return fails(flatten(scan).results, cmd.failOn) ? 1 : 0;
}

/** Options of {@link writeScanReport}, for every format. */
interface ReportOptions {
  readonly lang: Lang;
  readonly baseUri: string;
  readonly rootUri: string;
  readonly tool: ToolInfo;
  readonly color: boolean;
  readonly fingerprint: (r: Result) => string | undefined;
}

/** Writes the findings report of `format` piece by piece. */
function writeScanReport(format: Extract<Command, { command: 'scan' }>['format'], input: ReportInput, o: ReportOptions, write: ReportWrite): void {
  if (format === 'json') writeJsonReport(input, { lang: o.lang, baseUri: o.baseUri, tool: o.tool }, write);
  else if (format === 'gitlab') writeGitlabReport(input, { lang: o.lang, baseUri: o.baseUri, fingerprint: o.fingerprint }, write);
  else if (format === 'sarif') writeSarifReport(input, { lang: o.lang, rootUri: o.rootUri, tool: o.tool, rules: documentedRules() }, write);
  else writeTextReport(input, { lang: o.lang, baseUri: o.baseUri, color: o.color }, write);
}

/** Adds the fingerprints of one file's findings (its reports' findings, then the workspace's) to `into`; those of the file before are dropped. */
function fileFingerprints(uri: string, results: readonly Result[], cwd: string, into: Map<Result, string>): void {
  into.clear();
  const path = uriPath(uri);
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = undefined;
  }
  for (const f of fingerprintFile(relative(cwd, path).split(sep).join('/'), text, results)) into.set(f.result, f.fingerprint);
}

/** Writes a report given piece by piece to --output or standard output, in blocks. */
export function writeReport(output: string | undefined, io: CliIo, writeBody: (write: ReportWrite) => void): void {
  if (output === undefined) {
    const out = blockWriter((text) => io.stdout.write(text));
    writeBody(out.write);
    out.flush();
    return;
  }
  const path = resolve(io.cwd, output);
  const failed = (e: unknown): UsageError => new UsageError(`cannot write ${escapeControls(output)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  if (!io.openFile) {
    const parts: string[] = [];
    writeBody((text) => parts.push(text));
    emit(parts.join(''), output, io);
    return;
  }
  let file: OpenFile;
  try {
    file = io.openFile(path);
  } catch (e) {
    throw failed(e);
  }
  try {
    const out = blockWriter((text) => {
      try {
        file.write(text);
      } catch (e) {
        throw failed(e);
      }
    });
    writeBody(out.write);
    out.flush();
  } finally {
    file.close();
  }
}

/** True when any count is at or above the --fail-on threshold. */
function failsCounts(counts: Readonly<Record<Severity, number>>, failOn: FailOn): boolean {
  return (Object.keys(counts) as Severity[]).some((s) => counts[s] > 0 && RANK[s] >= THRESHOLD[failOn]);
}

/** `bollwerk baseline`: writes the baseline of the paths' findings, or with --check lists its stale entries. */
export function runBaselineCommand(cmd: Extract<Command, { command: 'baseline' }>, io: CliIo): number {
  const { paths, config, configRoot, lang, stats } = prepare(cmd, io);
  const crashes = crashLog(io);
  const scan = scanWorkspace(paths, config, { ignoreBase: configRoot, log: crashes.log, rootStats: stats, ...threadsFromEnv(io.env) });
  crashes.flush();
  const de = lang === 'de';
  if (cmd.check) {
    const file = defaultBaselineFile(cmd.baseline ?? cmd.output, config, configRoot, io.cwd);
    const stale = staleEntries(scan, readBaseline(file, cmd.baseline ?? cmd.output ?? file), file);
    for (const e of stale) io.stdout.write(`${e.file}: ${e.ruleId}${e.object ? ` ${e.object}` : ''}${e.path ? ` ${e.path}` : ''} (${e.fingerprint})\n`);
    io.stdout.write(de ? `${stale.length} veraltete Einträge in der Baseline\n` : `${stale.length} stale baseline entries\n`);
    return stale.length > 0 ? 1 : 0;
  }
  const file = defaultBaselineFile(cmd.output ?? cmd.baseline, config, configRoot, io.cwd);
  const previous = existsSync(file) ? readBaseline(file, cmd.output ?? cmd.baseline ?? file) : undefined;
  const { text, count } = baselineText(scan, file, previous);
  emit(text, file, io);
  io.stderr.write(`bollwerk: ${de ? `${count} Befunde in ${file} festgehalten` : `${count} findings recorded in ${file}`}\n`);
  return 0;
}

/** `bollwerk checklist`: the checklist with each item's status over the scanned paths. */
export function runChecklist(cmd: Extract<Command, { command: 'checklist' }>, io: CliIo, tool: ToolInfo): number {
  checkOutput(cmd.output, io);
  const { paths, root, config, configRoot, lang, stats } = prepare(cmd, io);
  const crashes = crashLog(io);
  const scan = scanWorkspace(paths, config, { ignoreBase: configRoot, log: crashes.log, rootStats: stats, ...threadsFromEnv(io.env) });
  const flat = flatten(scan);
  // Evidence comes from the folder the scanned paths share: scanning the repository root reads all of it.
  const evidence = treeEvidence(diskTree(root));
  const statuses = checklistStatus({ results: flat.results, kinds: flat.kinds, config, evidence });
  const options = { lang, baseUri: fileUri(io.cwd), level: config.level, tool, filesChecked: flat.checked, generated: new Date().toISOString() };
  const render = { text: checklistText, json: checklistJson, markdown: checklistMarkdown, html: checklistHtml }[cmd.format];
  emit(render(statuses, options), cmd.output, io);
  crashes.flush();
  return 0;
}

/** One rule as `bollwerk rules --format json` lists it. */
export function ruleJson(rule: RuleMeta): Record<string, unknown> {
  return {
    id: rule.id,
    kind: rule.kind,
    severity: rule.severity,
    levels: rule.levels,
    title: rule.title,
    references: rule.references,
    external: rule.external ?? [],
    equivalents: rule.equivalents ?? [],
    fixable: rule.fixable,
  };
}

/** `bollwerk rules`: the catalogue (and the engine's own checks). */
export function runRules(cmd: Extract<Command, { command: 'rules' }>, io: CliIo): number {
  checkOutput(cmd.output, io);
  const lang = cmd.lang ?? langFromEnv(io.env);
  const rules = documentedRules().filter((r) => !cmd.level || r.levels.includes(cmd.level));
  if (cmd.format === 'json') {
    emit(`${JSON.stringify(rules.map(ruleJson), null, 2)}\n`, cmd.output, io);
    return 0;
  }
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.levels.join(',').padEnd(8)}  ${r.fixable ? 'fix' : '   '}  ${r.title[lang]}`);
  const total = lang === 'de' ? `${rules.length} Regeln` : `${rules.length} rules`;
  emit(`${lines.join('\n')}\n\n${total}\n`, cmd.output, io);
  return 0;
}
