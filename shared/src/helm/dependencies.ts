// Port of Helm's pkg/chart/v2/util/dependencies.go (Copyright The Helm Authors, Apache-2.0; see
// NOTICE-HELM.md): which subcharts are enabled (condition, tags), aliases, import-values.
import { chartName, setDependencies, type Chart, type Dependency } from './chart';
import { coalesceTables, coalesceValues, mergeTables, mergeValues, type Warn } from './coalesce';
import { deepCopy, hasKey, isMap, newMap, type GoMap, type GoValue } from './go-value';
import { isCompatibleRange } from './compatible';

/** Values.Table: the map at a dotted path, or undefined. */
export function valuesTable(v: GoMap, path: string): GoMap | undefined {
  let cur: GoMap = v;
  for (const key of path.split('.')) {
    const next = hasKey(cur, key) ? cur[key] : undefined;
    if (!isMap(next)) return undefined;
    cur = next;
  }
  return cur;
}

/** Values.PathValue: the non-table value at a dotted path, or undefined. */
export function pathValue(v: GoMap, path: string): GoValue | undefined {
  const parts = path.split('.');
  const key = parts.pop()!;
  const table = parts.length === 0 ? v : valuesTable(v, parts.join('.'));
  if (!table || !hasKey(table, key) || isMap(table[key])) return undefined;
  return table[key];
}

/** ProcessDependencies: drops disabled subcharts, applies aliases and import-values. */
export function processDependencies(c: Chart, v: GoMap, warn: Warn = () => {}): void {
  processDependencyEnabled(c, v, '', warn);
  processDependencyImportValues(c, true, warn);
}

function processConditions(reqs: Dependency[], cvals: GoMap, cpath: string, warn: Warn): void {
  for (const r of reqs) {
    for (const c of r.condition.trim().split(',')) {
      if (c.length === 0) continue;
      const vv = pathValue(cvals, cpath + c);
      if (vv === undefined) continue;
      if (typeof vv === 'boolean') {
        r.enabled = vv;
        break;
      }
      warn(`returned non-bool value path=${c} chart=${r.name}`);
    }
  }
}

function processTags(reqs: Dependency[], cvals: GoMap, warn: Warn): void {
  const vt = valuesTable(cvals, 'tags');
  if (!vt) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags) {
      if (!hasKey(vt, k)) continue;
      const b = vt[k];
      if (typeof b === 'boolean') {
        if (b) hasTrue = true;
        else hasFalse = true;
      } else warn(`returned non-bool value tag=${k} chart=${r.name}`);
    }
    if (!hasTrue && hasFalse) r.enabled = false;
    else if (hasTrue || (!hasTrue && !hasFalse)) r.enabled = true;
  }
}

function aliasDependency(charts: readonly Chart[], dep: Dependency): Chart | undefined {
  for (const c of charts) {
    if (chartName(c) !== dep.name) continue;
    if (!isCompatibleRange(dep.version, c.metadata.version)) continue;
    const out: Chart = { ...c, metadata: { ...c.metadata, dependencies: c.metadata.dependencies.map((d) => ({ ...d })) }, dependencies: [] };
    setDependencies(out, c.dependencies.map((d) => ({ ...d })));
    if (dep.alias !== '') out.metadata.name = dep.alias;
    return out;
  }
  return undefined;
}

function processDependencyEnabled(c: Chart, v: GoMap, path: string, warn: Warn): void {
  const reqs = c.metadata.dependencies;
  if (reqs.length === 0 && !c.metadata.dependencies) return;
  if (reqs.length === 0) return;
  const chartDependencies: Chart[] = [];
  for (const existing of c.dependencies) {
    const listed = reqs.some((req) => chartName(existing) === req.name && isCompatibleRange(req.version, existing.metadata.version));
    if (!listed) chartDependencies.push(existing);
  }
  for (const req of reqs) {
    const dep = aliasDependency(c.dependencies, req);
    if (dep) chartDependencies.push(dep);
    if (req.alias !== '') req.name = req.alias;
  }
  setDependencies(c, chartDependencies);
  for (const r of reqs) r.enabled = true;
  const cvals = coalesceValues(c, v, warn);
  processTags(reqs, cvals, warn);
  processConditions(reqs, cvals, path, warn);
  const removed = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
  const kept = c.dependencies.filter((d) => !removed.has(d.metadata.name));
  const keptMeta = reqs.filter((r) => !removed.has(r.name));
  for (const t of kept) processDependencyEnabled(t, cvals, `${path}${t.metadata.name}.`, warn);
  c.metadata.dependencies = keptMeta;
  setDependencies(c, kept);
}

function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.') return data;
  let cur: GoMap = data;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const m = newMap();
    m[parts[i]!] = cur;
    cur = m;
  }
  return cur;
}

function goString(v: GoValue | undefined): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`;
  if (isMap(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goString(v[k])}`).join(' ')}]`;
  return String(v);
}

function processImportValues(c: Chart, merge: boolean, warn: Warn): void {
  if (c.metadata.dependencies.length === 0) return;
  const cvals = merge ? mergeValues(c, null, warn) : coalesceValues(c, null, warn);
  let b = newMap();
  for (const r of c.metadata.dependencies) {
    const outiv: GoValue[] = [];
    for (const riv of r.importValues) {
      if (isMap(riv)) {
        const child = goString(riv['child']);
        const parent = goString(riv['parent']);
        const out = newMap();
        out['child'] = child;
        out['parent'] = parent;
        outiv.push(out);
        const vv = valuesTable(cvals, `${r.name}.${child}`);
        if (!vv) {
          warn(`ImportValues missing table from chart ${r.name}: ${child}`);
          continue;
        }
        b = merge ? mergeTables(b, pathToMap(parent, deepCopy(vv)), warn) : coalesceTables(b, pathToMap(parent, deepCopy(vv)), warn);
      } else if (typeof riv === 'string') {
        const child = `exports.${riv}`;
        const out = newMap();
        out['child'] = child;
        out['parent'] = '.';
        outiv.push(out);
        const vm = valuesTable(cvals, `${r.name}.${child}`);
        if (!vm) {
          warn(`ImportValues missing table: ${child}`);
          continue;
        }
        b = merge ? mergeTables(b, deepCopy(vm), warn) : coalesceTables(b, deepCopy(vm), warn);
      }
    }
    r.importValues = outiv;
  }
  c.values = merge ? mergeTables(deepCopy(cvals), b, warn) : coalesceTables(trimNilValues(cvals), b, warn);
}

function trimNilValues(vals: GoMap): GoMap {
  const out = deepCopy(vals);
  for (const key of Object.keys(out)) {
    const val = out[key];
    if (val === null) delete out[key];
    else if (isMap(val)) out[key] = trimNilValues(val);
  }
  return out;
}

function processDependencyImportValues(c: Chart, merge: boolean, warn: Warn): void {
  for (const d of c.dependencies) processDependencyImportValues(d, merge, warn);
  processImportValues(c, merge, warn);
}
