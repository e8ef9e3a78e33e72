import { isSeq, type Node, type YAMLSeq } from 'yaml';
import { expandVariables, nothingSet } from '../../facts/variables';
import { composeServices, lookup, type ComposeService, type Entry } from '../../parse/compose';
import type { ExternalReference, Fix, Localized, RawFinding, TextEdit, YamlFile } from '../../types';
import { appendIn, removeItemsIn, removePair, setIn } from '../../yaml-edit';
import { cisDocker } from '../../checklist/external';

/** CIS Docker Benchmark v1.8.0, section 5 (container runtime) and 4 (images). */
export const cis = cisDocker;

/** OWASP Docker Security Cheat Sheet, by rule number. */
export const owasp = (rule: number): ExternalReference => ({
  source: 'OWASP Docker Security Cheat Sheet',
  id: `RULE #${rule}`,
  url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
});

/**
 * Runs `check` over every service of a Compose file and sets each finding's object range. A setting
 * several services inherit from one anchor (`<<: *base`) is reported once, for the first of them.
 */
export function eachService(file: YamlFile, check: (service: ComposeService) => RawFinding[]): RawFinding[] {
  const out: RawFinding[] = [];
  const seen = new Set<string>();
  for (const service of composeServices(file)) {
    for (const f of check(service)) {
      const r = f.range;
      const key = `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}:${f.messageId ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ objectRange: service.range, ...f });
    }
  }
  return out;
}

/** Range of a node of the service's document, without the trailing line break a block collection ends with. */
export function rangeOf(service: ComposeService, node: Node): RawFinding['range'] {
  const o = service.document.offsets(node);
  let end = o.end;
  while (end > o.start && /\s/.test(service.file.text[end - 1] ?? '')) end--;
  return service.file.lines.rangeOf(o.start, end);
}

/** A fix from edits, or undefined when there are none. */
export function fixOf(title: Localized, edits: readonly TextEdit[] | undefined): Fix | undefined {
  return edits && edits.length > 0 ? { title, edits } : undefined;
}

/** Sets `path` in the service's own map (undefined when the service is not editable). */
export function setInService(service: ComposeService, path: readonly string[], valueYaml: string): TextEdit[] | undefined {
  if (!service.editable) return undefined;
  return setIn(service.document, service.file.lines, service.node, path, valueYaml);
}

/** Appends to a list of the service's own map, creating it (undefined when not certain). */
export function appendInService(service: ComposeService, path: readonly string[], itemYaml: string): TextEdit[] | undefined {
  if (!service.editable) return undefined;
  return appendIn(service.document, service.file.lines, service.node, path, itemYaml);
}

/** Replaces a scalar's text, keeping its quotes. */
export function replaceScalar(service: ComposeService, node: Node, text: string): TextEdit[] | undefined {
  if (!node.range) return undefined;
  const o = service.document.offsets(node);
  const source = service.file.text.slice(o.start, o.end);
  const quote = source[0] === '"' || source[0] === "'" ? source[0] : '';
  if (quote && source[source.length - 1] !== quote) return undefined;
  return [{ range: service.file.lines.rangeOf(o.start, o.end), newText: `${quote}${text}${quote}` }];
}

/** Adds the finding's fix only when there is one. */
export const withFix = (finding: RawFinding, fix: Fix | undefined): RawFinding => (fix ? { ...finding, fix } : finding);

/**
 * A bind mount's host path as written, interpolated with the defaults the file gives
 * (`${DATA:-/srv}/db` is `/srv/db`) and trailing slashes removed; undefined when it depends on the
 * environment.
 */
export function hostPath(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  const path = expandVariables(source.trim(), 'compose', nothingSet);
  if (path === undefined) return undefined;
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** Range of a scalar's text without its quotes (the whole node for anything else). */
export function innerRange(service: ComposeService, node: Node): RawFinding['range'] {
  const o = service.document.offsets(node);
  const text = service.file.text;
  const q = text[o.start];
  if ((q === '"' || q === "'") && o.end - o.start >= 2 && text[o.end - 1] === q) return service.file.lines.rangeOf(o.start + 1, o.end - 1);
  return service.file.lines.rangeOf(o.start, o.end);
}

/** The service's own list setting `key` (not inherited through `<<:` or `extends:`, not an alias), for editing. */
export function ownList(service: ComposeService, key: string): YAMLSeq | undefined {
  const entry = lookup(service, key);
  return entry?.own && isSeq(entry.pair.value) ? entry.pair.value : undefined;
}

/** Removes the service's own setting `key` (undefined when inherited or the service's only key). */
export function removeInService(service: ComposeService, key: string): TextEdit[] | undefined {
  const entry = lookup(service, key);
  if (!entry?.own) return undefined;
  return removePair(service.document, service.file.lines, service.node, entry.pair);
}

/** Removes items of the service's own list `key`, and the key when none are left. */
export function removeItemsInService(service: ComposeService, key: string, items: readonly Node[]): TextEdit[] | undefined {
  const list = ownList(service, key);
  if (!list || !items.every((i) => list.items.includes(i))) return undefined;
  return removeItemsIn(service.document, service.file.lines, service.node, [key], items);
}

/** Replaces a scalar of the service's own text, keeping its quotes; a plain scalar gets `quote` when given. */
export function replaceOwnScalar(service: ComposeService, node: Node, text: string, quote = ''): TextEdit[] | undefined {
  if (!service.editable || !node.range) return undefined;
  const o = service.document.offsets(node);
  const source = service.file.text.slice(o.start, o.end);
  const quoted = source[0] === '"' || source[0] === "'";
  if (quoted ? source.length < 2 || source[source.length - 1] !== source[0] : /^[|>]/.test(source)) return undefined;
  const q = quoted ? source[0]! : quote;
  if (q === "'" ? text.includes("'") : q === '"' ? /["\\]/.test(text) : false) return undefined;
  return [{ range: service.file.lines.rangeOf(o.start, o.end), newText: `${q}${text}${q}` }];
}

/** The value of a setting when it is written in the service's own map (not inherited, not an alias). */
export const ownValue = (entry: Entry | undefined): Node | undefined => (entry?.own && entry.value && entry.value === entry.pair.value ? entry.value : undefined);
