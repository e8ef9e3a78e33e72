// SARIF 2.1.0 output: one run, the whole catalogue in tool.driver.rules, results with 1-based
// regions relative to %SRCROOT%, fixes as replacements, notes as tool execution notifications.
import { itemById } from '../checklist/index';
import type { Lang, Range, RelatedPlace, Result, RuleMeta, Severity } from '../types';
import { collect, flatten, plural, relativeUri, reportInput, writeJsonWithArray, type ReportInput, type ReportWrite, type ScanData, type ToolInfo } from './common';

/** Options of the SARIF report. */
export interface SarifOptions {
  readonly lang: Lang;
  /** The scan root as a directory URI; artifact URIs are relative to it (uriBaseId SRCROOT). */
  readonly rootUri: string;
  readonly tool: ToolInfo;
  /** The rules listed in tool.driver.rules (the catalogue plus the engine's own). */
  readonly rules: readonly RuleMeta[];
}

type Json = Record<string, unknown>;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning's security-severity scale. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

const region = (r: Range): Json => ({
  startLine: r.start.line + 1,
  startColumn: r.start.character + 1,
  endLine: r.end.line + 1,
  endColumn: r.end.character + 1,
});

function artifactLocation(uri: string, rootUri: string): Json {
  const rel = relativeUri(uri, rootUri);
  return rel !== undefined ? { uri: rel, uriBaseId: 'SRCROOT' } : { uri };
}

/** The Markdown help of a rule: rationale, fix, examples, checklist items and equivalents. */
export function ruleHelpMarkdown(rule: RuleMeta, lang: Lang): string {
  const de = lang === 'de';
  const parts = [rule.docs.rationale[lang], '', `**${de ? 'Behebung' : 'Fix'}:** ${rule.docs.fix[lang]}`];
  if (rule.docs.bad) parts.push('', de ? 'Falsch:' : 'Bad:', '', '```', rule.docs.bad, '```');
  if (rule.docs.good) parts.push('', de ? 'Richtig:' : 'Good:', '', '```', rule.docs.good, '```');
  if (rule.references.length) {
    parts.push('', de ? '**Checklistenpunkte:**' : '**Checklist items:**', '');
    for (const id of rule.references) parts.push(`- ${id}: ${itemById(id)?.text[lang] ?? ''}`.trimEnd());
  }
  if (rule.equivalents?.length) parts.push('', `${de ? '**Entsprechungen:**' : '**Equivalents:**'} ${rule.equivalents.join(', ')}`);
  return parts.join('\n');
}

/** The plain-text help of a rule. */
export function ruleHelpText(rule: RuleMeta, lang: Lang): string {
  return `${rule.docs.rationale[lang]} ${lang === 'de' ? 'Behebung' : 'Fix'}: ${rule.docs.fix[lang]}`;
}

function sarifRule(rule: RuleMeta, lang: Lang): Json {
  const tags = ['security', rule.kind, ...rule.levels.map((l) => `CSVS-${l}`)];
  return {
    id: rule.id,
    name: rule.id.replace(/^[^/]*\//, '').replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title[lang] },
    fullDescription: { text: rule.docs.rationale[lang] || rule.title[lang] },
    help: { text: ruleHelpText(rule, lang), markdown: ruleHelpMarkdown(rule, lang) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags,
      'security-severity': SECURITY_SEVERITY[rule.severity],
      references: rule.references.map((id) => {
        const item = itemById(id);
        return { id, document: item?.document ?? id.replace(/-.*$/, ''), text: item?.text[lang] ?? '' };
      }),
      ...(rule.external?.length ? { externalReferences: rule.external.map((e) => `${e.source} ${e.id}`) } : {}),
      equivalents: rule.equivalents ?? [],
      levels: rule.levels,
      fixable: rule.fixable,
    },
  };
}

/** A finding's related locations (a chart's values key that feeds the block, the kustomize units that deploy or fix it). */
function relatedOf(r: Result): readonly RelatedPlace[] {
  return r.related ?? [];
}

function sarifResult(r: Result, index: Map<string, number>, options: SarifOptions): Json {
  const location = artifactLocation(r.uri, options.rootUri);
  const ruleIndex = index.get(r.ruleId);
  const out: Json = {
    ruleId: r.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVEL[r.severity],
    message: { text: r.message[options.lang] },
    locations: [{ physicalLocation: { artifactLocation: location, region: region(r.range) } }],
  };
  const related = relatedOf(r);
  if (related.length > 0) {
    out.relatedLocations = related.map((x, id) => ({ id, physicalLocation: { artifactLocation: artifactLocation(x.uri, options.rootUri), region: region(x.range) }, message: { text: x.message[options.lang] } }));
  }
  if (r.fix && r.fix.edits.length > 0) {
    out.fixes = [
      {
        description: { text: r.fix.title[options.lang] },
        artifactChanges: [
          {
            artifactLocation: r.fix.uri === undefined ? location : artifactLocation(r.fix.uri, options.rootUri),
            replacements: r.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
          },
        ],
      },
    ];
  }
  return out;
}

/** The SARIF log with an empty `results` list, and how to make each result of it. */
function sarifHead(input: ReportInput, options: SarifOptions): { head: Json; result: (r: Result) => Json } {
  const index = new Map(options.rules.map((r, i) => [r.id, i]));
  const rootUri = options.rootUri.endsWith('/') ? options.rootUri : `${options.rootUri}/`;
  const notifications: Json[] = input.notes.map((n) => ({
    level: 'warning',
    message: { text: n.note.message[options.lang] },
    descriptor: { id: n.note.code },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(n.uri, rootUri) } }],
  }));
  if (input.testData > 0) notifications.push({ level: 'note', message: { text: plural('testData', input.testData, options.lang) }, descriptor: { id: 'test-data' }, locations: [] });
  const head = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.tool.name,
            version: options.tool.version,
            semanticVersion: options.tool.version,
            ...(options.tool.informationUri ? { informationUri: options.tool.informationUri } : {}),
            rules: options.rules.map((r) => sarifRule(r, options.lang)),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { SRCROOT: { uri: rootUri } },
        language: options.lang === 'de' ? 'de-DE' : 'en-US',
        columnKind: 'utf16CodeUnits',
        results: [] as Json[],
      },
    ],
  };
  const withRoot = { ...options, rootUri };
  return { head, result: (r) => sarifResult(r, index, withRoot) };
}

/** Builds the SARIF log object. */
export function sarifLog(scan: ScanData, options: SarifOptions): Json {
  const input = reportInput(flatten(scan));
  const { head, result } = sarifHead(input, options);
  const run = head['runs'] as Json[];
  return { ...head, runs: [{ ...run[0], results: [...input.results].map(result) }] };
}

/** Writes the SARIF log piece by piece, one result at a time: the text of {@link sarifReport}. */
export function writeSarifReport(input: ReportInput, options: SarifOptions, write: ReportWrite): void {
  const { head, result } = sarifHead(input, options);
  // the results are the last key of the run, at depth 3 (log → runs → run)
  writeJsonWithArray(head, 'results', 3, input.results, result, write);
}

/** The SARIF log as text. */
export function sarifReport(scan: ScanData, options: SarifOptions): string {
  const input = reportInput(flatten(scan));
  return collect((write) => writeSarifReport(input, options, write));
}
