// The checklist (compliance) report as text, JSON and Markdown; HTML is in checklist-html.ts.
import { escapeControls } from './escape';
import { evidenceJson, evidenceLines } from './checklist-evidence';
import { DOCUMENTS, ITEMS, type ChecklistDocument, type ChecklistItem } from '../checklist/index';
import type { ItemState, ItemStatus } from '../checklist/status';
import type { Lang, Level, Localized } from '../types';
import { displayPath, type ToolInfo } from './common';

/** Options of every checklist report. */
export interface ChecklistOptions {
  readonly lang: Lang;
  /** Finding paths are shown relative to this directory URI. */
  readonly baseUri: string;
  readonly level: Level;
  readonly tool: ToolInfo;
  /** Files checked, for the header. */
  readonly filesChecked: number;
  /** ISO date-time of the report (passed in to keep the builders pure). */
  readonly generated?: string;
}

/** One document's items with their status. */
export interface DocumentSection {
  readonly document: ChecklistDocument;
  readonly items: readonly { readonly item: ChecklistItem; readonly status: ItemStatus }[];
  readonly counts: Readonly<Record<ItemState, number>>;
}

/** Labels of the states. */
export const STATE_LABEL: Record<ItemState, Localized> = {
  passed: { en: 'passed', de: 'erfüllt' },
  failed: { en: 'failed', de: 'verletzt' },
  'not-applicable': { en: 'not applicable', de: 'nicht anwendbar' },
  manual: { en: 'manual', de: 'manuell' },
  attested: { en: 'attested', de: 'bestätigt' },
};

const STATE_MARK: Record<ItemState, string> = { passed: '✔', failed: '✖', 'not-applicable': '–', manual: '?', attested: '☑' };
const STATES: readonly ItemState[] = ['failed', 'passed', 'attested', 'manual', 'not-applicable'];

/** Groups statuses by checklist document, in document and item order. */
export function sections(statuses: readonly ItemStatus[]): DocumentSection[] {
  const byId = new Map(statuses.map((s) => [s.id, s]));
  return DOCUMENTS.map((document) => {
    const items = ITEMS.filter((i) => i.document === document.id).flatMap((item) => {
      const status = byId.get(item.id);
      return status ? [{ item, status }] : [];
    });
    const counts: Record<ItemState, number> = { passed: 0, failed: 0, 'not-applicable': 0, manual: 0, attested: 0 };
    for (const { status } of items) counts[status.state]++;
    return { document, items, counts };
  });
}

/** "3 failed, 10 passed, …" in the chosen language. */
export function countsText(counts: Readonly<Record<ItemState, number>>, lang: Lang): string {
  return STATES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${STATE_LABEL[s][lang]}`).join(', ');
}

/** A finding as one line: `path:line:col rule-id message`, control characters escaped. */
export function findingLine(f: ItemStatus['findings'][number], options: ChecklistOptions): string {
  return escapeControls(`${displayPath(f.uri, options.baseUri)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message[options.lang].replace(/[ \t]*\n[ \t]*/g, ' ')}`);
}

const attestationText = (s: ItemStatus, lang: Lang): string | undefined =>
  s.attestation ? `${lang === 'de' ? 'bestätigt von' : 'attested by'} ${s.attestation.by}, ${s.attestation.date}${s.attestation.note ? ` — ${s.attestation.note}` : ''}` : undefined;

/** The checklist as plain text. */
export function checklistText(statuses: readonly ItemStatus[], options: ChecklistOptions): string {
  const { lang } = options;
  const out: string[] = [];
  for (const section of sections(statuses)) {
    out.push(`${section.document.title[lang]} (${section.document.id}): ${countsText(section.counts, lang)}`);
    for (const { item, status } of section.items) {
      out.push(`  ${STATE_MARK[status.state]} ${item.id.padEnd(12)} ${STATE_LABEL[status.state][lang].padEnd(15)} ${item.text[lang]}`);
      for (const f of status.findings) out.push(`      ${findingLine(f, options)}`);
      for (const e of evidenceLines(status, lang)) out.push(`      ${e}`);
      const att = attestationText(status, lang);
      if (att) out.push(`      ${att}`);
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}

/** The checklist as a JSON object (items with id, document, text, rules, state, findings, attestation). */
export function checklistJsonObject(statuses: readonly ItemStatus[], options: ChecklistOptions): Record<string, unknown> {
  const all = sections(statuses);
  return {
    version: 1,
    tool: { name: options.tool.name, version: options.tool.version },
    level: options.level,
    filesChecked: options.filesChecked,
    ...(options.generated ? { generated: options.generated } : {}),
    documents: all.map((s) => ({ id: s.document.id, title: s.document.title[options.lang], counts: s.counts })),
    items: all.flatMap((s) =>
      s.items.map(({ item, status }) => ({
        id: item.id,
        document: item.document,
        section: item.section.id,
        text: item.text[options.lang],
        ...(item.levels ? { levels: item.levels } : {}),
        rules: status.rules,
        state: status.state,
        findings: status.findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          file: displayPath(f.uri, options.baseUri),
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          message: f.message[options.lang],
        })),
        ...evidenceJson(status),
        ...(status.attestation ? { attestation: status.attestation } : {}),
        ...(item.manual && !status.rules.length ? { manualReason: item.manual[options.lang] } : {}),
      })),
    ),
  };
}

/** The checklist as JSON text. */
export function checklistJson(statuses: readonly ItemStatus[], options: ChecklistOptions): string {
  return `${JSON.stringify(checklistJsonObject(statuses, options), null, 2)}\n`;
}

const mdEscape = (s: string): string => s.replace(/([\\`*_[\]|<>])/g, '\\$1').replace(/\n/g, ' ');

/** The checklist as Markdown: a summary table and one table per document. */
export function checklistMarkdown(statuses: readonly ItemStatus[], options: ChecklistOptions): string {
  return [...checklistMarkdownParts(statuses, options)].join('');
}

/** {@link checklistMarkdown} in pieces (the head, then one table row at a time), for writing a large report as it is built. */
export function* checklistMarkdownParts(statuses: readonly ItemStatus[], options: ChecklistOptions): Generator<string> {
  const { lang } = options;
  const de = lang === 'de';
  const all = sections(statuses);
  const out: string[] = [`# ${de ? 'Compliance-Bericht' : 'Compliance report'}`, ''];
  out.push(`${options.tool.name} ${options.tool.version} · ${de ? 'Stufe' : 'level'} ${options.level} · ${options.filesChecked} ${de ? 'Dateien geprüft' : 'files checked'}${options.generated ? ` · ${options.generated}` : ''}`, '');
  out.push(`| ${de ? 'Dokument' : 'Document'} | ${STATES.map((s) => STATE_LABEL[s][lang]).join(' | ')} |`, `|---|${STATES.map(() => '---:').join('|')}|`);
  for (const s of all) out.push(`| ${mdEscape(s.document.title[lang])} | ${STATES.map((st) => s.counts[st]).join(' | ')} |`);
  yield out.join('\n');
  for (const s of all) {
    yield `\n\n## ${mdEscape(s.document.title[lang])} (${s.document.id})\n\n| ${de ? 'Punkt' : 'Item'} | ${de ? 'Status' : 'Status'} | ${de ? 'Text' : 'Text'} | ${de ? 'Befunde / Bestätigung' : 'Findings / attestation'} |\n|---|---|---|---|`;
    for (const { item, status } of s.items) {
      const details = status.findings.map((f) => mdEscape(findingLine(f, options)));
      for (const e of evidenceLines(status, lang)) details.push(mdEscape(e));
      const att = attestationText(status, lang);
      if (att) details.push(mdEscape(att));
      yield `\n| ${item.id} | ${STATE_MARK[status.state]} ${STATE_LABEL[status.state][lang]} | ${mdEscape(item.text[lang])} | ${details.join('<br>')} |`;
    }
  }
  yield '\n';
}
