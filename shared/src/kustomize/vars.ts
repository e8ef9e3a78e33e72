// Legacy `vars`: `$(NAME)` in the varReference fields is replaced by a field of a named resource.
// After kustomize api/internal/accumulator/resaccumulator.go (MergeVars, ResolveVars) and
// api/filters/refvar/{refvar,expand}.go. Copyright 2019 The Kubernetes Authors, Apache-2.0.
import { walkFieldSpec, type FieldSpec } from './field-spec';
import { findSlots, valueAt } from './field-path';
import { getString, isMap, type Json, type JsonMap } from './json';
import { KustomizeError } from './loader';
import { allIds, splitApiVersion, type Resource } from './resource';

/** One var. */
export interface Var {
  readonly name: string;
  readonly objref: JsonMap;
  readonly fieldpath: string;
  readonly file: string;
}

/** Reads the `vars` list of a kustomization. */
export function parseVars(v: Json | undefined, file: string): Var[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isMap).map((m) => ({
    name: getString(m, 'name'),
    objref: isMap(m['objref']) ? m['objref'] : (Object.create(null) as JsonMap),
    fieldpath: getString(m, 'fieldref', 'fieldpath') || 'metadata.name',
    file,
  }));
}

/**
 * Adds a kustomization's vars, refusing a name twice, and binds each to the one resource of that
 * kustomization's build it names (kustomize's ResAccumulator.MergeVars), so that the same objref in
 * two sibling bases names two objects.
 */
export function mergeVars(into: Var[], more: readonly Var[], resources: readonly Resource[]): void {
  for (const v of more) {
    if (into.some((x) => x.name === v.name)) throw new KustomizeError(`var '${v.name}' already encountered`, v.file);
    const { group, version } = splitApiVersion(getString(v.objref, 'apiVersion'));
    const kind = getString(v.objref, 'kind'), name = getString(v.objref, 'name'), ns = getString(v.objref, 'namespace');
    const found = resources.filter((r) =>
      allIds(r).some((id) => id.kind === kind && id.name === name && id.version === version && id.group === group && (!ns || id.namespace === ns)),
    );
    if (found.length > 1) throw new KustomizeError(`found ${found.length} resId matches for var ${v.name} (unable to disambiguate)`, v.file);
    if (found.length === 1) (found[0]!.refVarNames ??= []).push(v.name);
    into.push(v);
  }
}

/** Merges a child build's vars, already bound to its resources. */
export function mergeBoundVars(into: Var[], more: readonly Var[]): void {
  for (const v of more) {
    if (into.some((x) => x.name === v.name)) throw new KustomizeError(`var '${v.name}' already encountered`, v.file);
    into.push(v);
  }
}

function targetOf(resources: readonly Resource[], v: Var): Resource {
  const found = resources.find((r) => r.refVarNames?.includes(v.name));
  if (!found) throw new KustomizeError(`var '${v.name}' cannot be mapped to a field in the set of known resources`, v.file);
  return found;
}

/** Expands `$(NAME)`; `$$` is a literal `$`. A whole-field reference keeps the value's type. */
export function expand(s: string, lookup: (name: string) => Json | undefined): Json {
  const whole = /^\$\(([^)]*)\)$/.exec(s);
  if (whole) {
    const v = lookup(whole[1]!);
    if (v !== undefined) return v;
  }
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '$' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const next = s[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const end = s.indexOf(')', i + 2);
      if (end < 0) {
        out += s.slice(i);
        break;
      }
      const name = s.slice(i + 2, end);
      const v = lookup(name);
      out += v === undefined ? `$(${name})` : typeof v === 'string' ? v : JSON.stringify(v);
      i = end;
    } else out += c;
  }
  return out;
}

function replaceIn(v: Json, lookup: (name: string) => Json | undefined): Json {
  if (typeof v === 'string') return expand(v, lookup);
  if (Array.isArray(v)) return v.map((e) => (typeof e === 'string' ? expand(e, lookup) : e));
  if (isMap(v)) for (const k of Object.keys(v)) if (typeof v[k] === 'string') v[k] = expand(v[k] as string, lookup);
  return v;
}

/** Replaces every `$(VAR)` in the varReference fields. */
export function resolveVars(resources: readonly Resource[], vars: readonly Var[], specs: readonly FieldSpec[]): void {
  if (vars.length === 0) return;
  const values = new Map<string, Json>();
  for (const v of vars) {
    const slots = findSlots(targetOf(resources, v).obj, v.fieldpath);
    if (slots.length === 0) throw new KustomizeError(`field specified in var '${v.name}' not found in corresponding resource`, v.file);
    values.set(v.name, valueAt(slots[0]!));
  }
  const lookup = (name: string): Json | undefined => values.get(name);
  for (const r of resources) {
    for (const fs of specs) {
      walkFieldSpec(r.obj, { ...fs, create: false }, 'none', ({ parent, key }) => {
        parent[key] = replaceIn(parent[key]!, lookup);
      });
    }
  }
}
