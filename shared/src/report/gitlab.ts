// The GitLab Code Quality report (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
// a JSON array of issues, each with description, check_name, fingerprint, severity and location
// (path relative to the project, 1-based begin line). GitLab shows it in merge requests on every tier.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Lang, Result, Severity } from '../types';
import { collect, displayPath, flatten, reportInput, writeJsonItems, type ReportInput, type ReportWrite, type ScanData } from './common';

/** A Code Quality severity. */
export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** Bollwerk's severities in GitLab's scale: errors critical, warnings major, infos info. */
export const GITLAB_SEVERITY: Record<Severity, GitlabSeverity> = { error: 'critical', warning: 'major', info: 'info' };

/** One Code Quality issue. */
export interface GitlabIssue {
  readonly type: 'issue';
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: GitlabSeverity;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

/** Options of the GitLab report. */
export interface GitlabOptions {
  readonly lang: Lang;
  /** The project directory: paths are relative to it. */
  readonly baseUri: string;
  /** A finding's fingerprint (the baseline's, which survives line moves); by default a hash of rule, path and position. */
  readonly fingerprint?: (r: Result) => string | undefined;
}

/** Turns findings into Code Quality issues, in report order: each fingerprint once per report. */
function gitlabIssueMaker(options: GitlabOptions): (r: Result) => GitlabIssue {
  const used = new Set<string>();
  return (r) => {
    const path = displayPath(r.uri, options.baseUri);
    let fingerprint = options.fingerprint?.(r) ?? bytesToHex(sha256(utf8ToBytes(`${r.ruleId}\u0000${path}\u0000${r.range.start.line}:${r.range.start.character}`))).slice(0, 32);
    // GitLab needs each fingerprint once per report
    while (used.has(fingerprint)) fingerprint = bytesToHex(sha256(utf8ToBytes(`${fingerprint}+`))).slice(0, 32);
    used.add(fingerprint);
    return {
      type: 'issue',
      description: `${r.message[options.lang]} (${r.ruleId})`,
      check_name: r.ruleId,
      fingerprint,
      severity: GITLAB_SEVERITY[r.severity],
      location: { path, lines: { begin: r.range.start.line + 1, end: r.range.end.line + 1 } },
    };
  };
}

/** The Code Quality issues of a scan, in report order. */
export function gitlabIssues(scan: ScanData, options: GitlabOptions): GitlabIssue[] {
  return flatten(scan).results.map(gitlabIssueMaker(options));
}

/** Writes the GitLab Code Quality report piece by piece, one finding at a time: the text of {@link gitlabReport}. */
export function writeGitlabReport(input: ReportInput, options: GitlabOptions, write: ReportWrite): void {
  write('[');
  writeJsonItems(input.results, gitlabIssueMaker(options), 1, write);
  write('\n');
}

/** The GitLab Code Quality report as text. */
export function gitlabReport(scan: ScanData, options: GitlabOptions): string {
  const input = reportInput(flatten(scan));
  return collect((write) => writeGitlabReport(input, options, write));
}
