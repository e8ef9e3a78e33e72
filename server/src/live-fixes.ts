/**
 * Fixes of chart and kustomize findings in the editor. The live passes (live-units.ts) report a
 * chart's or a kustomization's findings without fixes: translating a fix costs a render or build
 * per fix. A code action asks for the fixes of the findings under the cursor only; fix-all (and
 * the action applying every fix of one place) applies the verified fixes pass after pass, each
 * pass rendering or building again from the texts fixed so far, as `bollwerk scan --fix` does on
 * disk. A fix may edit another file than the finding's (`Fix.uri`: values.yaml for a template's
 * finding), so the edit is one of the workspace, not of the document.
 */
import type { WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../shared/src/text';
import type { Result } from '../../shared/src/types';
import { minimalEdit, nonOverlappingEdits } from './fix-all';

/** Passes of a fix-all over a chart or a kustomization, as `bollwerk scan --fix` makes at most. */
export const MAX_LIVE_PASSES = 10;

/** The key of a finding: rule, file and range (a chart finding's message may name its value sets). */
const keyOf = (r: Result): string => `${r.ruleId}\0${r.uri}\0${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`;

/**
 * The document's results with the fixes (and digest pin sites) that `fixed` found for the same
 * findings; results without one are kept as they are.
 */
export function withLiveFixes(results: readonly Result[], fixed: readonly Result[]): Result[] {
  const byKey = new Map<string, Result>();
  for (const r of fixed) if ((r.fix && r.fix.edits.length) || r.data?.['pin']) byKey.set(keyOf(r), r);
  if (byKey.size === 0) return [...results];
  return results.map((r) => {
    const f = byKey.get(keyOf(r));
    if (!f || (r.fix && r.fix.edits.length)) return r;
    return { ...r, ...(f.fix && f.fix.edits.length ? { fix: f.fix } : {}), ...(f.data ? { data: { ...r.data, ...f.data } } : {}) };
  });
}

/**
 * Applies the verified fixes of `run` pass after pass: `run` renders or builds with the fixed
 * texts (by URI) over the open documents and returns the findings with fixes; each pass applies
 * every file's non-overlapping fixes. Returns each changed file's text before and after;
 * `textOf` gives a file's current text (undefined when it cannot be read: its fixes are left out).
 */
export function liveFixAll(run: (texts: ReadonlyMap<string, string>) => readonly Result[], textOf: (uri: string) => string | undefined, maxPasses = MAX_LIVE_PASSES): Map<string, { before: string; after: string }> {
  const texts = new Map<string, string>();
  const before = new Map<string, string>();
  for (let pass = 0; pass < maxPasses; pass++) {
    const byUri = new Map<string, Result[]>();
    for (const r of run(texts)) {
      if (!r.fix || r.fix.edits.length === 0) continue;
      const uri = r.fix.uri ?? r.uri;
      byUri.set(uri, [...(byUri.get(uri) ?? []), r]);
    }
    let any = false;
    for (const [uri, results] of byUri) {
      const current = texts.get(uri) ?? textOf(uri);
      if (current === undefined) continue;
      let next: string;
      try {
        next = applyEdits(current, nonOverlappingEdits(results));
      } catch {
        continue;
      }
      if (next === current) continue;
      if (!before.has(uri)) before.set(uri, current);
      texts.set(uri, next);
      any = true;
    }
    if (!any) break;
  }
  const out = new Map<string, { before: string; after: string }>();
  for (const [uri, was] of before) if (texts.get(uri) !== was) out.set(uri, { before: was, after: texts.get(uri)! });
  return out;
}

/**
 * The workspace edit of fixed files: one minimal edit per file; with `documentChanges`, versioned
 * for the open documents (`version` gives their version, undefined for files not open).
 */
export function filesEdit(changes: ReadonlyMap<string, { before: string; after: string }>, documentChanges: boolean, version: (uri: string) => number | undefined): WorkspaceEdit | undefined {
  const edits = [...changes].map(([uri, { before, after }]) => {
    const doc = TextDocument.create(uri, '', 0, before);
    return { uri, edits: minimalEdit(before, after, (o) => doc.positionAt(o)) };
  }).filter((e) => e.edits.length > 0);
  if (edits.length === 0) return undefined;
  return documentChanges
    ? { documentChanges: edits.map((e) => ({ textDocument: { uri: e.uri, version: version(e.uri) ?? null }, edits: e.edits })) }
    : { changes: Object.fromEntries(edits.map((e) => [e.uri, e.edits])) };
}
