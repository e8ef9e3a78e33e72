import { createWriteStream } from 'node:fs';
import type { ItemStatus } from '../../shared/src/checklist/status';
import { documentedRules } from '../../shared/src/lint';
import type { ExportReportParams } from '../../shared/src/protocol';
import { checklistHtmlParts, checklistMarkdownParts, sarifLog } from '../../shared/src/report/index';
import type { Result } from '../../shared/src/types';
import type { ChecklistSnapshot } from './checklist';

/** Every distinct finding of the checklist: a finding serves several items but is reported once. */
export function distinctFindings(statuses: readonly ItemStatus[]): Result[] {
  const seen = new Map<string, Result>();
  for (const status of statuses)
    for (const f of status.findings) seen.set(`${f.uri}|${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}|${f.ruleId}`, f);
  return [...seen.values()];
}

/** Below this depth a JSON value is written as one piece (its text is small). */
const JSON_PIECE_DEPTH = 4;

/**
 * The text of `JSON.stringify(value, null, 2)` in pieces: containers near the root are opened and
 * closed piece by piece, their deeper values (a SARIF result, a rule) come as one piece each.
 */
export function* jsonParts(value: unknown, depth = 0): Generator<string> {
  const indent = '  '.repeat(depth);
  if (depth >= JSON_PIECE_DEPTH || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    yield depth ? text.replace(/\n/g, `\n${indent}`) : text;
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i ? ',' : ''}\n${inner}`;
      const v: unknown = value[i];
      yield* jsonParts(v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : v, depth + 1);
    }
    yield `\n${indent}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i]!;
    yield `${i ? ',' : ''}\n${inner}${JSON.stringify(key)}: `;
    yield* jsonParts(v, depth + 1);
  }
  yield `\n${indent}}`;
}

/**
 * The compliance report of `bollwerk/exportReport` in pieces, built here rather than in the extension
 * so that the extension carries no rule engine: HTML or Markdown of the checklist with its status (a
 * piece per item), or the findings as SARIF (a piece per result).
 */
export function* reportParts(snapshot: ChecklistSnapshot, params: ExportReportParams): Generator<string> {
  const { response } = snapshot;
  const statuses = snapshot.resolved();
  const options = { lang: params.lang, baseUri: params.rootUri, level: response.level, tool: params.tool, filesChecked: response.scannedFiles, generated: params.generated };
  switch (params.format) {
    case 'html':
      yield* checklistHtmlParts(statuses, options);
      return;
    case 'markdown':
      yield* checklistMarkdownParts(statuses, options);
      return;
    case 'sarif':
      yield* jsonParts(sarifLog({ reports: [], workspaceResults: distinctFindings(statuses), notes: [] }, { lang: params.lang, rootUri: params.rootUri, tool: params.tool, rules: documentedRules() }));
      yield '\n';
  }
}

/** The whole report as one text (small workspaces, and clients that give no target file). */
export function buildReport(snapshot: ChecklistSnapshot, params: ExportReportParams): string {
  return [...reportParts(snapshot, params)].join('');
}

/** Bytes gathered before a write: fewer, larger writes than one per piece. */
const WRITE_BYTES = 64 * 1024;

/**
 * Writes the report to `path` as it is built, waiting whenever the file's stream is full, so that
 * the report is never held as a whole; resolves with the bytes written. The file is created or replaced.
 */
export async function writeReport(snapshot: ChecklistSnapshot, params: ExportReportParams, path: string): Promise<number> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  let written = 0;
  let buffer: string[] = [];
  let buffered = 0;
  const flush = async (): Promise<void> => {
    if (!buffer.length) return;
    const chunk = Buffer.from(buffer.join(''), 'utf8');
    buffer = [];
    buffered = 0;
    written += chunk.length;
    if (!out.write(chunk)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
  };
  try {
    for (const part of reportParts(snapshot, params)) {
      buffer.push(part);
      buffered += part.length;
      if (buffered >= WRITE_BYTES) await flush();
    }
    await flush();
    await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
  } finally {
    out.destroy();
  }
  return written;
}
