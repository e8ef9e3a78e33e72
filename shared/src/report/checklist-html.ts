// A self-contained HTML compliance report (no scripts, no external resources) for auditors.
import type { ItemState, ItemStatus } from '../checklist/status';
import { evidenceLines } from './checklist-evidence';
import { displayPath } from './common';
import { STATE_LABEL, countsText, sections, type ChecklistOptions } from './checklist';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STATE_CLASS: Record<ItemState, string> = { passed: 'ok', failed: 'bad', 'not-applicable': 'na', manual: 'man', attested: 'att' };
const ORDER: readonly ItemState[] = ['failed', 'passed', 'attested', 'manual', 'not-applicable'];

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.meta{color:#57606a}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f6f8fa}
td.n{text-align:right}.state{font-weight:600;white-space:nowrap}
.ok{color:#1a7f37}.bad{color:#cf222e}.na{color:#6e7781}.man{color:#9a6700}.att{color:#0969da}
ul{margin:.2rem 0;padding-left:1.2rem}code{font:12px ui-monospace,monospace;background:#f6f8fa;padding:0 .2rem}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}tr{page-break-inside:avoid}}`;

function itemDetails(status: ItemStatus, options: ChecklistOptions): string {
  const { lang } = options;
  const parts: string[] = [];
  if (status.findings.length) {
    parts.push(
      `<ul>${status.findings
        .map((f) => `<li><code>${esc(displayPath(f.uri, options.baseUri))}:${f.range.start.line + 1}:${f.range.start.character + 1}</code> <code>${esc(f.ruleId)}</code> ${esc(f.message[lang])}</li>`)
        .join('')}</ul>`,
    );
  }
  const evidence = evidenceLines(status, lang);
  if (evidence.length) parts.push(`<ul>${evidence.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>`);
  if (status.attestation) {
    const a = status.attestation;
    parts.push(`<div>${lang === 'de' ? 'Bestätigt von' : 'Attested by'} <b>${esc(a.by)}</b>, ${esc(a.date)}${a.note ? ` — ${esc(a.note)}` : ''}</div>`);
  }
  if (status.rules.length) parts.push(`<div class="meta">${lang === 'de' ? 'Regeln' : 'Rules'}: ${status.rules.map((r) => `<code>${esc(r)}</code>`).join(' ')}</div>`);
  return parts.join('');
}

/** The checklist as one self-contained HTML page: summary per document, each item with status, findings and attestation. */
export function checklistHtml(statuses: readonly ItemStatus[], options: ChecklistOptions): string {
  return [...checklistHtmlParts(statuses, options)].join('');
}

/** {@link checklistHtml} in pieces (the head, then one table row at a time), for writing a large report as it is built. */
export function* checklistHtmlParts(statuses: readonly ItemStatus[], options: ChecklistOptions): Generator<string> {
  const { lang } = options;
  const de = lang === 'de';
  const all = sections(statuses);
  const title = de ? 'Compliance-Bericht' : 'Compliance report';
  const head = `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} — ${esc(options.tool.name)}</title><style>${STYLE}</style></head><body>`;
  const meta = `<p class="meta">${esc(options.tool.name)} ${esc(options.tool.version)} · ${de ? 'Stufe' : 'Level'} ${options.level} · ${options.filesChecked} ${de ? 'Dateien geprüft' : 'files checked'}${options.generated ? ` · ${esc(options.generated)}` : ''}</p>`;
  const summary = `<table><thead><tr><th>${de ? 'Dokument' : 'Document'}</th>${ORDER.map((s) => `<th class="${STATE_CLASS[s]}">${esc(STATE_LABEL[s][lang])}</th>`).join('')}</tr></thead><tbody>${all
    .map((s) => `<tr><td><a href="#${esc(s.document.id)}">${esc(s.document.title[lang])}</a></td>${ORDER.map((st) => `<td class="n">${s.counts[st]}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
  yield `${head}\n<h1>${esc(title)}</h1>\n${meta}\n${summary}\n`;
  let first = true;
  for (const s of all) {
    yield `${first ? '' : '\n'}<h2 id="${esc(s.document.id)}">${esc(s.document.title[lang])}</h2><p class="meta">${esc(countsText(s.counts, lang))}</p><table><thead><tr><th>${de ? 'Punkt' : 'Item'}</th><th>Status</th><th>${de ? 'Anforderung' : 'Requirement'}</th><th>${de ? 'Befunde, Bestätigung' : 'Findings, attestation'}</th></tr></thead><tbody>`;
    first = false;
    for (const { item, status } of s.items)
      yield `<tr><td><code>${esc(item.id)}</code></td><td class="state ${STATE_CLASS[status.state]}">${esc(STATE_LABEL[status.state][lang])}</td><td>${esc(item.text[lang])}${item.levels ? ` <span class="meta">(${item.levels.join(', ')})</span>` : ''}</td><td>${itemDetails(status, options)}</td></tr>`;
    yield '</tbody></table>';
  }
  yield '\n</body></html>\n';
}
