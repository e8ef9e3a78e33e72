import fc from 'fast-check';
import { parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { FileKind } from '../../shared/src/types';

/**
 * Mutations of real files for property-based fuzzing. A mutation is plain data (an operation and
 * numbers), so fast-check can generate and shrink it; `applyMutation` turns it into text.
 */

/** The mutation operations. */
export const OPS = [
  'truncate', 'delete-lines', 'duplicate-lines', 'swap-lines', 'tabs', 'indent-shift', 'indent-scale',
  'wrong-type', 'map-for-scalar', 'huge-number', 'deep-nesting', 'alias-bomb', 'crlf', 'bom', 'nul',
  'control-char', 'long-line', 'token', 'splice', 'random-text', 'set-path',
  'yaml11-bool', 'duplicate-key', 'merge-key', 'empty-documents', 'quoted-continuation',
] as const;

/** One mutation: an operation and its parameters. */
export interface Mutation {
  readonly op: (typeof OPS)[number];
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly s: string;
}

/** Scalars put where a map or sequence belongs (`securityContext: 5`, `containers: "x"`, `services: []`). */
export const WRONG_VALUES = ['5', '"x"', '[]', '{}', 'null', '~', 'true', '-1', '""', "'0'", '[1, 2]', '{a: 1}', '*nope', '!!binary aGk=', '|\n  text', '0x1F', '1e400', '.nan', '- x'];
/** Keys where rules expect maps or sequences. */
export const TARGET_KEYS = ['securityContext', 'containers', 'initContainers', 'services', 'spec', 'template', 'metadata', 'env', 'ports', 'volumes', 'volumeMounts', 'capabilities', 'resources', 'limits', 'image', 'command', 'labels', 'annotations', 'build', 'deploy', 'environment', 'cap_add', 'cap_drop', 'security_opt', 'privileged', 'user', 'runAsUser', 'rules', 'subjects', 'hostPath', 'items', 'data', 'secrets', 'networks', 'logging'];
const HUGE = ['99999999999999999999999999999999', '1e400', '-1e400', '-0', '0x7fffffffffffffff', '.inf', '-.inf', '.NaN', '9007199254740993', '0o777777777777777777777', '1_000_000', '4294967296', '-2147483649', '1' + '0'.repeat(400)];
const YAML_TOKENS = ['---\n', '...\n', '- ', ': ', '{', '}', '[', ']', ',', '&a ', '*a', '!!str ', '!!map ', '!custom ', '<<: *a\n', '? ', '|\n', '>-\n', '# c\n', '"', "'", '\\', '\t', '${VAR}', '{{ .Values.x }}', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '\n  ', '\n    - ', 'apiVersion: v1\nkind: Pod\n', 'services:\n', ':\n', 'null', '@', '`', '\r'];
const DOCKER_TOKENS = ['FROM ', 'FROM scratch\n', ' AS build', 'RUN ', 'USER root\n', 'USER 0:0\n', 'ADD ', 'COPY ', '--chown=', '--from=', '--chmod=', 'ENV ', 'ARG ', 'EXPOSE ', 'HEALTHCHECK NONE\n', 'CMD ', 'ENTRYPOINT ', '["', '", "', '"]', '\\\n', '<<EOF\n', '\nEOF\n', '# escape=`\n', '# syntax=docker/dockerfile:1\n', '${', '}', '$', ':latest', '@sha256:', 'ONBUILD ', 'SHELL ["powershell"]\n', 'curl -k http://x | sh', 'apt-get install -y x', 'sudo ', 'chmod 777 /', '--mount=type=secret,id=a ', 'PASSWORD=hunter2', '\n', '`', ' && ', ';', '#', '\t'];
/** goyaml v2's booleans, which the API server reads and YAML 1.2 does not (docs/yaml-reading.md). */
const YAML11_BOOLEANS = ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'True', 'FALSE', '"yes"', "'on'"];
const CONTROL = ['\u0001', '\u2028', '\u2029', '\u0085', '\ud800', '\udc00', '\v', '\f', '\u200b', '\r', '\ufeff', '\u007f', '\ud83d\ude00'];

/** An arbitrary mutation. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(...OPS),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  s: fc.string({ unit: 'binary', maxLength: 40 }),
});

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Lines of `text` after replacing `count` lines at `at` with `insert`. */
function spliceLines(text: string, at: number, count: number, insert: readonly string[]): string {
  const lines = text.split('\n');
  lines.splice(at % (lines.length + 1), count, ...insert);
  return lines.join('\n');
}

/** A nested structure `depth` levels deep in one of four shapes. */
export function deepNesting(depth: number, shape: number): string {
  switch (shape % 4) {
    case 0:
      return Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x';
    case 1:
      return `deep: ${'['.repeat(depth)}1${']'.repeat(depth)}`;
    case 2:
      return `deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    default:
      return `deep:\n${'- '.repeat(depth)}x`;
  }
}

/** The classic billion-laughs alias bomb, `levels` deep. */
export function aliasBomb(levels: number): string {
  const out = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) out.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return out.join('\n');
}

/** A 10,000-character line in one of several shapes. */
function longLine(kind: FileKind, shape: number): string {
  const x = 'x'.repeat(10_000);
  if (kind === 'dockerfile') return pick([`RUN echo ${x}`, `# ${x}`, `ENV A=${x}`, `FROM ${x}`, `RUN ${'a && '.repeat(2000)}b`, `LABEL ${'a=b '.repeat(3000)}`], shape);
  return pick([`long: ${x}`, `long: "${x}"`, `# ${x}`, `- ${x}`, `${x}: 1`, `long: [${'a,'.repeat(5000)}]`, `long: {${'a: 1, '.repeat(2000)}}`], shape);
}

/** Replaces the value of the first `key:` line at or after `from` (map or scalar) with `value`; drops its nested block when `drop`. */
function replaceValue(text: string, matcher: (key: string) => boolean, from: number, value: string, drop: boolean): string {
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const i = (from + k) % lines.length;
    const m = /^(\s*(?:-\s+)?)([\w.-]+):(\s.*)?$/.exec(lines[i]!.replace(/\r$/, ''));
    if (!m || !matcher(m[2]!)) continue;
    let end = i + 1;
    if (drop) while (end < lines.length && (lines[end]!.trim() === '' || indentOf(lines[end]!) > indentOf(lines[i]!))) end++;
    lines.splice(i, end - i, `${m[1]}${m[2]}: ${value}`);
    return lines.join('\n');
  }
  return text;
}

/** Sets a random path of a parsed YAML document to an arbitrary value (via the yaml library). */
function setPath(text: string, at: number, valueText: string): string {
  try {
    const doc = parseDocument(text, { uniqueKeys: false });
    if (doc.errors.length > 0) return text;
    const paths: (string | number)[][] = [];
    const stack: { node: unknown; path: (string | number)[] }[] = [{ node: doc.contents, path: [] }];
    while (stack.length > 0 && paths.length < 2000) {
      const { node, path } = stack.pop()!;
      if (path.length > 0) paths.push(path);
      if (isMap(node)) for (const p of node.items) stack.push({ node: p.value, path: [...path, String((p.key as Node & { value?: unknown })?.value ?? p.key)] });
      else if (isSeq(node)) node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    }
    if (paths.length === 0) return text;
    let value: unknown;
    try {
      value = JSON.parse(valueText);
    } catch {
      value = valueText;
    }
    doc.setIn(pick(paths, at), value);
    return String(doc);
  } catch {
    return text;
  }
}

/** Applies one mutation to `text` (of `kind`); `seeds` are other texts of the same kind for splicing. */
export function applyMutation(text: string, m: Mutation, kind: FileKind, seeds: readonly string[]): string {
  const len = text.length;
  const lineCount = text.split('\n').length;
  const yaml = kind !== 'dockerfile';
  switch (m.op) {
    case 'truncate': return text.slice(0, m.a % (len + 1));
    case 'delete-lines': return spliceLines(text, m.a, 1 + (m.b % 5), []);
    case 'duplicate-lines': {
      const lines = text.split('\n');
      const at = m.a % lines.length;
      return spliceLines(text, at, 0, lines.slice(at, at + 1 + (m.b % 5)));
    }
    case 'swap-lines': {
      const lines = text.split('\n');
      const i = m.a % lines.length;
      const j = m.b % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 'tabs': return m.b % 2 === 0 ? text.replace(/^( {2})+/gm, (s) => '\t'.repeat(s.length / 2)) : spliceLines(text, m.a, 1, [`\t${text.split('\n')[m.a % lineCount]}`]);
    case 'indent-shift': {
      const lines = text.split('\n');
      const i = m.a % lines.length;
      const shift = (m.b % 9) - 4;
      lines[i] = shift >= 0 ? ' '.repeat(shift) + lines[i] : lines[i]!.slice(Math.min(-shift, indentOf(lines[i]!)));
      return lines.join('\n');
    }
    case 'indent-scale': {
      const factor = pick([0, 0.5, 3, 1.5], m.b);
      return text.replace(/^ +/gm, (s) => ' '.repeat(Math.floor(s.length * factor)));
    }
    case 'wrong-type': {
      const value = pick(WRONG_VALUES, m.b);
      return m.c % 2 === 0
        ? replaceValue(text, (k) => k === pick(TARGET_KEYS, m.a), 0, value, m.c % 4 === 0)
        : replaceValue(text, () => true, m.a % lineCount, value, m.c % 3 !== 0);
    }
    case 'map-for-scalar': return replaceValue(text, () => true, m.a % lineCount, pick(['\n  a: 1', '\n  - x', '{x: [1]}', '[{}]', '&x {a: *x}'], m.b), false);
    case 'huge-number': return yaml ? replaceValue(text, () => true, m.a % lineCount, pick(HUGE, m.b), false) : text.replace(/\b\d+\b/, pick(HUGE, m.b));
    case 'deep-nesting': return spliceLines(text, m.a, 0, [deepNesting(20 + (m.b % 180), m.c)]);
    case 'alias-bomb': return m.c % 2 === 0 ? `${aliasBomb(3 + (m.b % 8))}\n${text}` : spliceLines(text, m.a, 0, ['x: &a {b: &b [1, 2, 3]}', 'y: [*a, *a, *b, *b]', '<<: *a', 'z: *zz']);
    case 'crlf': return pick([text.replace(/\r?\n/g, '\r\n'), text.replace(/\r?\n/g, '\r'), text.replace(/\n/g, (n, i: number) => (i % 3 === 0 ? '\r\n' : n))], m.b);
    case 'bom': return `\ufeff${text}`;
    case 'nul': { const at = m.a % (len + 1); return `${text.slice(0, at)}${m.c % 4 === 0 ? '\u0000' : pick(CONTROL, m.c)}${text.slice(at)}`; }
    case 'control-char': { const at = m.a % (len + 1); return `${text.slice(0, at)}${pick(CONTROL, m.b)}${text.slice(at)}`; }
    case 'long-line': return spliceLines(text, m.a, m.c % 2, [longLine(kind, m.b)]);
    case 'token': { const at = m.a % (len + 1); return `${text.slice(0, at)}${pick(yaml ? YAML_TOKENS : DOCKER_TOKENS, m.b)}${text.slice(at)}`; }
    case 'splice': {
      const other = pick(seeds, m.b).split('\n');
      const from = m.c % other.length;
      return spliceLines(text, m.a, m.c % 3, other.slice(from, from + 1 + (m.a % 20)));
    }
    case 'random-text': { const at = m.a % (len + 1); return `${text.slice(0, at)}${m.s}${text.slice(at)}`; }
    case 'set-path': return yaml ? setPath(text, m.a, m.s) : text;
    case 'yaml11-bool': return yaml ? yaml11Booleans(text, m) : text;
    case 'duplicate-key': return yaml ? duplicateKey(text, m) : text;
    case 'merge-key': return yaml ? mergeKey(text, m) : text;
    case 'empty-documents': return yaml ? spliceLines(text, m.a % 3 === 0 ? 0 : m.a, 0, Array.from({ length: 1 + (m.b % 1200) }, (_, i) => (m.c % 2 === 0 || i % 2 === 0 ? '---' : '# c'))) : text;
    case 'quoted-continuation': return yaml ? quotedContinuation(text, m) : text;
  }
}

/** Replaces `true`/`false` values (every one, or the `a`-th) by YAML 1.1 spellings. */
function yaml11Booleans(text: string, m: Mutation): string {
  let n = 0;
  return text.replace(/(:[ \t]+)(true|false)\b/g, (all, colon: string) => (m.c % 2 === 0 || n++ === m.a % 8 ? colon + pick(YAML11_BOOLEANS, m.b + n) : all));
}

/** Writes a `key: value` line again below itself with another value (`true`, a YAML 1.1 boolean, a map …). */
function duplicateKey(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const candidates = lines.flatMap((l, i) => (/^\s*(?:- )?[\w.-]+:( |$)/.test(l) ? [i] : []));
  if (candidates.length === 0) return text;
  const i = pick(candidates, m.a);
  const line = lines[i]!.replace(/^(\s*)- /, '$1  ');
  const key = /^\s*[\w.-]+:/.exec(line)![0];
  return spliceLines(text, i + 1, 0, [`${key} ${pick(['true', 'yes', 'on', '0', '"x"', '{privileged: true}', '[]', '*a'], m.b)}`]);
}

/** Puts a merge key into a mapping: `<<: *anchor` of a map defined above, or an inline map. */
function mergeKey(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const candidates = lines.flatMap((l, i) => (/^\s+[\w.-]+:( |$)/.test(l) ? [i] : []));
  if (candidates.length === 0) return text;
  const i = pick(candidates, m.a);
  const indent = /^\s*/.exec(lines[i]!)![0];
  const merged = pick(['<<: *m', '<<: [*m, *m]', '<<: {privileged: true, hostPID: yes}', '<<: *missing', '<<: 5'], m.b);
  const withAnchor = spliceLines(text, 0, 0, [`x-merge: &m {privileged: true, runAsUser: 0, allowPrivilegeEscalation: ${m.c % 2 === 0 ? 'on' : 'true'}}`]);
  return spliceLines(withAnchor, i + 2, 0, [`${indent}${merged}`]);
}

/** Continues a quoted value on a line not indented more than its key (goyaml reads it, YAML 1.2 does not). */
function quotedContinuation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const candidates = lines.flatMap((l, i) => (/^\s*[\w.-]+: \S/.test(l) && !/[|>]\s*$/.test(l) ? [i] : []));
  if (candidates.length === 0) return text;
  const i = pick(candidates, m.a);
  const match = /^(\s*[\w.-]+: )([^]*)$/.exec(lines[i]!);
  if (!match) return text;
  const indent = /^\s*/.exec(lines[i]!)![0];
  const q = m.b % 2 === 0 ? '"' : "'";
  lines[i] = `${match[1]}${q}${match[2]!.replace(/["']/g, '')}`;
  lines.splice(i + 1, 0, `${indent.slice(0, m.c % (indent.length + 1))}continued${q}`);
  return lines.join('\n');
}

/** Random token soup of a kind (no seed): tokens of the kind's syntax glued with random text. */
export function soupArb(kind: FileKind): fc.Arbitrary<string> {
  const tokens = kind === 'dockerfile' ? DOCKER_TOKENS : YAML_TOKENS.concat(TARGET_KEYS.map((k) => `${k}: `));
  return fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...tokens) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: 80 }).map((parts) => parts.join(''));
}

/** How an input is made: a seed and its mutations, or generated text. Small, so counterexamples stay readable. */
export type Recipe =
  | { readonly type: 'mutated'; readonly seed: number; readonly mutations: readonly Mutation[] }
  | { readonly type: 'soup' | 'random'; readonly text: string };

/** Recipes for inputs of a kind: mostly mutated seeds (1-4 mutations), some token soup, some random strings. */
export function recipeArb(kind: FileKind, seeds: readonly string[]): fc.Arbitrary<Recipe> {
  const mutated = fc
    .record({ seed: fc.nat({ max: seeds.length - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) })
    .map((r): Recipe => ({ type: 'mutated', ...r }));
  return fc.oneof(
    { weight: 12, arbitrary: mutated },
    { weight: 2, arbitrary: soupArb(kind).map((text): Recipe => ({ type: 'soup', text })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }).map((text): Recipe => ({ type: 'random', text })) },
  );
}

/** The input text a recipe describes. */
export function buildInput(recipe: Recipe, kind: FileKind, seeds: readonly string[]): string {
  if (recipe.type !== 'mutated') return recipe.text;
  return recipe.mutations.reduce((t, m) => applyMutation(t, m, kind, seeds), seeds[recipe.seed]!);
}

/** A short description of a recipe for failure messages. */
export function describeRecipe(recipe: Recipe): string {
  if (recipe.type !== 'mutated') return `${recipe.type} ${JSON.stringify(recipe.text.slice(0, 120))}`;
  return `seed #${recipe.seed} + ${recipe.mutations.map((m) => `${m.op}(${m.a},${m.b},${m.c}${m.op === 'random-text' || m.op === 'set-path' ? `,${JSON.stringify(m.s)}` : ''})`).join(' + ')}`;
}
