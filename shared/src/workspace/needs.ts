// What the enabled workspace rules read (WorkspaceRule.needs), and parsing only that: a scan lints
// files anywhere (worker threads) but keeps for the workspace rules only these parsed files.
import type { Config } from '../config';
import { checkLimits } from '../limits';
import { allRules, isEnabled, parseFile } from '../lint';
import { detectKind, isComposeName, isDockerfileName, isTemplated, isYamlName } from '../parse/kind';
import { parseYaml } from '../parse/yaml';
import type { FileKind, ParsedFile, Rule, WorkspaceRule } from '../types';
import { hasDockerignore, readSource } from './source';

/** The union of the enabled workspace rules' needs. */
export interface ScanNeeds {
  readonly fileKinds: ReadonlySet<FileKind>;
  /** Kubernetes object kinds read; undefined: every document. */
  readonly kubernetesKinds: ReadonlySet<string> | undefined;
}

const ALL_KINDS: readonly FileKind[] = ['dockerfile', 'compose', 'kubernetes'];

/** What the enabled workspace rules read; undefined when none is enabled. A rule without `needs` reads everything. */
export function workspaceNeeds(config: Config, rules: readonly Rule[] = allRules()): ScanNeeds | undefined {
  const enabled = rules.filter((r): r is WorkspaceRule => r.scope === 'workspace' && isEnabled(r, config));
  if (enabled.length === 0) return undefined;
  const fileKinds = new Set<FileKind>();
  let k8s: Set<string> | undefined = new Set();
  for (const rule of enabled) {
    const needs = rule.needs ?? { fileKinds: ALL_KINDS };
    for (const k of needs.fileKinds) fileKinds.add(k);
    if (!needs.fileKinds.includes('kubernetes')) continue;
    if (!needs.kubernetesKinds) k8s = undefined;
    else if (k8s) for (const k of needs.kubernetesKinds) k8s.add(k);
  }
  return { fileKinds, kubernetesKinds: k8s };
}

const KIND_VALUE = /^kind:[ \t]+(?:([A-Za-z][A-Za-z0-9]*)|"([A-Za-z][A-Za-z0-9]*)"|'([A-Za-z][A-Za-z0-9]*)')[ \t]*(?:#.*)?$/;
const ROOT_KEY = /^[A-Za-z_][\w.\/-]*[ \t]*:(?:[ \t]|$)/;
const MARKER_ONLY = /^---[ \t]*(?:#.*)?$/;

/**
 * Whether a YAML chunk (splitDocuments) may hold an object of the given kinds. False only when it
 * certainly does not: its root is a block map at column 0 and every column-0 `kind:` holds a plain
 * or simply quoted name outside `kinds` (and not a `…List`). Anything unusual (flow or indented
 * roots, JSON, tags, anchors, `?` keys, several documents) counts as a match.
 */
export function chunkMayHold(chunk: string, kinds: ReadonlySet<string>): boolean {
  let rootSeen = false;
  let kindSeen = false;
  for (const raw of chunk.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!rootSeen) {
      if (/^\s*(?:#.*)?$/.test(line) || line.startsWith('%') || MARKER_ONLY.test(line)) continue;
      if (!ROOT_KEY.test(line)) return true;
      rootSeen = true;
    }
    const c = line.charCodeAt(0);
    if (c === 63 /* ? */ || line.startsWith('...') || line.startsWith('---')) return true;
    if (c !== 107 /* k */ && c !== 34 && c !== 39) continue;
    if (!/^(?:kind|"kind"|'kind')[ \t]*:/.test(line)) continue;
    const m = KIND_VALUE.exec(line);
    if (!m) return true;
    const kind = m[1] ?? m[2] ?? m[3]!;
    if (kinds.has(kind) || kind.endsWith('List')) return true;
    kindSeen = true;
  }
  return !kindSeen;
}

/** Whether a file of this name may be of a needed kind, judged by its name alone. */
function nameMayBeNeeded(uri: string, needs: ScanNeeds): boolean {
  if (isDockerfileName(uri)) return needs.fileKinds.has('dockerfile');
  if (isComposeName(uri)) return needs.fileKinds.has('compose');
  return isYamlName(uri) && (needs.fileKinds.has('compose') || needs.fileKinds.has('kubernetes'));
}

/**
 * Reads and parses one file for the workspace rules as lintText would (same kind detection,
 * limits and skips), but only when it is of a needed kind; of Kubernetes files only the
 * documents that may hold a needed kind. Undefined when nothing of it is needed or it is skipped.
 */
export function parseNeeded(path: string, uri: string, config: Config, needs: ScanNeeds): ParsedFile | undefined {
  if (!nameMayBeNeeded(uri, needs)) return undefined;
  const source = readSource(path, config.maxFileBytes);
  if ('note' in source) return undefined;
  const text = source.text;
  const kind = detectKind(uri, text);
  if (!kind || !needs.fileKinds.has(kind)) return undefined;
  const limited = checkLimits(text, kind, config.maxFileBytes);
  if (limited.skip || text.includes('\u0000')) return undefined;
  if (kind !== 'dockerfile' && isTemplated(uri, text)) return undefined;
  if (kind === 'dockerfile') return parseFile(uri, limited.text, kind, { hasDockerignore: hasDockerignore(path) });
  const k8s = needs.kubernetesKinds;
  if (kind === 'compose' || !k8s) return parseFile(uri, limited.text, kind);
  return parseYaml(uri, limited.text, kind, { chunkFilter: (chunk) => chunkMayHold(chunk, k8s) });
}
