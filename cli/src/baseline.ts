// The baseline on the command line: `bollwerk baseline` writes or checks `.bollwerk-baseline.json`,
// and `scan --baseline FILE` (or `baseline:` in the configuration) drops the findings it lists.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { applyBaseline, BASELINE_FILE, baselineOf, parseBaseline, serialiseBaseline, type Baseline } from '../../shared/src/baseline/file';
import { fingerprintFile, type Fingerprinted } from '../../shared/src/baseline/fingerprint';
import type { Config } from '../../shared/src/config';
import type { ScanData } from '../../shared/src/report/index';
import type { Result } from '../../shared/src/types';
import { uriPath } from '../../host/src/workspace/index';
import { UsageError } from './args';

/** Fingerprints every finding of a scan; file paths are relative to `baseDir`. */
export function fingerprintScan(scan: ScanData, baseDir: string): Fingerprinted[] {
  const byUri = new Map<string, Result[]>();
  const add = (r: Result): void => {
    const list = byUri.get(r.uri);
    if (list) list.push(r);
    else byUri.set(r.uri, [r]);
  };
  for (const report of scan.reports) for (const r of report.results) add(r);
  for (const r of scan.workspaceResults) add(r);
  const out: Fingerprinted[] = [];
  for (const [uri, results] of [...byUri].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const path = uriPath(uri);
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = undefined;
    }
    out.push(...fingerprintFile(relative(baseDir, path).split(sep).join('/'), text, results));
  }
  return out;
}

/** Where the baseline file is: the option, else the configuration's `baseline:` (relative to its directory). */
export function baselinePath(option: string | undefined, config: Config, configRoot: string, cwd: string): string | undefined {
  if (option !== undefined) return resolve(cwd, option);
  return config.baseline !== undefined ? resolve(configRoot, config.baseline) : undefined;
}

/** Reads and parses a baseline file; a missing or broken file is a usage error. */
export function readBaseline(file: string, shown: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the baseline ${shown}: ${code === 'ENOENT' ? 'no such file (write it with bollwerk baseline)' : (code ?? 'error')}`);
  }
  const parsed = parseBaseline(text);
  if ('problem' in parsed) throw new UsageError(`invalid baseline ${shown}: ${parsed.problem}`);
  return parsed.baseline;
}

/** The scan without the findings the baseline lists, and how many were dropped. */
export function withoutBaselined(scan: ScanData, baseline: Baseline, baseDir: string): { scan: ScanData; baselined: number } {
  const { baselined } = applyBaseline(fingerprintScan(scan, baseDir), baseline);
  const drop = new Set<Result>(baselined.map((f) => f.result));
  if (drop.size === 0) return { scan, baselined: 0 };
  return {
    scan: {
      reports: scan.reports.map((r) => (r.results.some((x) => drop.has(x)) ? { ...r, results: r.results.filter((x) => !drop.has(x)) } : r)),
      workspaceResults: scan.workspaceResults.filter((x) => !drop.has(x)),
      notes: scan.notes,
    },
    baselined: drop.size,
  };
}

/** The default baseline file of a command: the option, the configuration's, else `.bollwerk-baseline.json` in the working directory. */
export function defaultBaselineFile(option: string | undefined, config: Config, configRoot: string, cwd: string): string {
  return baselinePath(option, config, configRoot, cwd) ?? resolve(cwd, BASELINE_FILE);
}

/** The files a scan looked at, relative to `baseDir` (a baseline speaks only for these). */
function scannedFiles(scan: ScanData, baseDir: string): Set<string> {
  return new Set(scan.reports.map((r) => relative(baseDir, uriPath(r.uri)).split(sep).join('/')));
}

/**
 * The new baseline text of a scan, with file paths relative to the baseline file's directory. Entries
 * of a previous baseline for files the scan did not look at are kept; those of scanned files are
 * replaced, so that fixed findings drop out.
 */
export function baselineText(scan: ScanData, file: string, previous?: Baseline): { text: string; count: number } {
  const dir = dirname(file);
  const scanned = scannedFiles(scan, dir);
  const fresh = baselineOf(fingerprintScan(scan, dir)).entries;
  const kept = (previous?.entries ?? []).filter((e) => !scanned.has(e.file));
  const entries = [...fresh, ...kept];
  return { text: serialiseBaseline({ entries }), count: entries.length };
}

/** The entries of a baseline for scanned files that no finding of the scan matches any more. */
export function staleEntries(scan: ScanData, baseline: Baseline, file: string): Baseline['entries'] {
  const dir = dirname(file);
  const scanned = scannedFiles(scan, dir);
  return applyBaseline(fingerprintScan(scan, dir), baseline).stale.filter((e) => scanned.has(e.file));
}
