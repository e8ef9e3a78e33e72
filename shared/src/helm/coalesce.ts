// Port of Helm's pkg/chart/common/util/coalesce.go (Copyright The Helm Authors, Apache-2.0; see
// NOTICE-HELM.md): user values over chart defaults, subchart values under the subchart's name,
// `global` copied down, null deleting a default.
import { chartName, type Chart } from './chart';
import { deepCopy, hasKey, isMap, newMap, type GoMap, type GoValue } from './go-value';

/** Where coalescing warnings go (Helm logs them). */
export type Warn = (message: string) => void;

const GLOBAL = 'global';
const concatPrefix = (a: string, b: string): string => (a === '' ? b : `${a}.${b}`);

/** CoalesceValues: the chart's values with `vals` on top, nulls removing keys. */
export function coalesceValues(chart: Chart, vals: GoMap | null, warn: Warn = () => {}): GoMap {
  return coalesce(warn, chart, deepCopy(vals ?? newMap()), '', false);
}

/** MergeValues: as CoalesceValues, but nulls are kept. */
export function mergeValues(chart: Chart, vals: GoMap | null, warn: Warn = () => {}): GoMap {
  return coalesce(warn, chart, deepCopy(vals ?? newMap()), '', true);
}

function coalesce(warn: Warn, ch: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
  coalesceChartValues(warn, ch, dest, prefix, merge);
  return coalesceDeps(warn, ch, dest, prefix, merge);
}

function coalesceDeps(warn: Warn, ch: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
  for (const sub of ch.dependencies) {
    const name = chartName(sub);
    if (!hasKey(dest, name)) dest[name] = newMap();
    else if (!isMap(dest[name])) throw new Error(`type mismatch on ${name}: %!t(${goTypeName(dest[name]!)}=${goPrint(dest[name]!)})`);
    const dv = dest[name] as GoMap;
    const subPrefix = concatPrefix(prefix, chartName(ch));
    coalesceGlobals(warn, dv, dest, subPrefix);
    dest[name] = coalesce(warn, sub, dv, subPrefix, merge);
  }
  return dest;
}

/** A value for a warning, as Go's %v would print it roughly (maps as map[…], never a throw). */
function goPrint(v: GoValue): string {
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (isMap(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goPrint(v[k]!)}`).join(' ')}]`;
  return String(v);
}

function goTypeName(v: GoValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'interface {}';
}

function coalesceGlobals(warn: Warn, dest: GoMap, src: GoMap, prefix: string): void {
  let dg: GoMap;
  let sg: GoMap;
  if (!hasKey(dest, GLOBAL)) dg = newMap();
  else if (isMap(dest[GLOBAL])) dg = dest[GLOBAL] as GoMap;
  else return warn(`warning: skipping globals because destination ${GLOBAL} is not a table.`);
  if (!hasKey(src, GLOBAL)) sg = newMap();
  else if (isMap(src[GLOBAL])) sg = src[GLOBAL] as GoMap;
  else return warn(`warning: skipping globals because source ${GLOBAL} is not a table.`);
  for (const key of Object.keys(sg)) {
    const val = sg[key]!;
    if (isMap(val)) {
      const vv = copyMap(val);
      if (!hasKey(dg, key)) dg[key] = vv;
      else {
        const destv = dg[key];
        if (!isMap(destv)) warn(`Conflict: cannot merge map onto non-map for "${key}". Skipping.`);
        else {
          coalesceTablesFullKey(warn, vv, destv, concatPrefix(prefix, key), true);
          dg[key] = vv;
        }
      }
    } else if (hasKey(dg, key) && isMap(dg[key])) warn(`key ${key} is table. Skipping`);
    else dg[key] = val;
  }
  dest[GLOBAL] = dg;
}

function copyMap(src: GoMap): GoMap {
  const m = newMap();
  for (const k of Object.keys(src)) m[k] = src[k]!;
  return m;
}

function coalesceChartValues(warn: Warn, c: Chart, v: GoMap, prefix: string, merge: boolean): void {
  const subPrefix = concatPrefix(prefix, chartName(c));
  const vc = deepCopy(c.values);
  for (const key of Object.keys(vc)) {
    const val = vc[key]!;
    if (hasKey(v, key)) {
      const value = v[key]!;
      if (value === null && !merge) delete v[key];
      else if (isMap(value)) {
        if (!isMap(val)) {
          if (val !== null) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        } else {
          const childMerge = c.dependencies.some((d) => chartName(d) === key) ? true : merge;
          if (!childMerge && prefix !== '') cleanNilValues(val);
          coalesceTablesFullKey(warn, value, val, concatPrefix(subPrefix, key), childMerge);
        }
      }
    } else {
      if (!merge && prefix !== '') {
        if (val === null) continue;
        if (isMap(val)) cleanNilValues(val);
      }
      v[key] = val;
    }
  }
}

/** CoalesceTables: src under dst, dst authoritative. */
export function coalesceTables(dst: GoMap, src: GoMap, warn: Warn = () => {}): GoMap {
  return coalesceTablesFullKey(warn, dst, src, '', false);
}

/** MergeTables: as CoalesceTables, keeping nulls. */
export function mergeTables(dst: GoMap, src: GoMap, warn: Warn = () => {}): GoMap {
  return coalesceTablesFullKey(warn, dst, src, '', true);
}

function coalesceTablesFullKey(warn: Warn, dst: GoMap | null, src: GoMap | null, prefix: string, merge: boolean): GoMap {
  if (src === null) return dst ?? newMap();
  if (dst === null) return src;
  const srcOriginalNonNil = new Set(Object.keys(src).filter((k) => src[k] !== null));
  for (const key of Object.keys(dst)) if (dst[key] === null) src[key] = null;
  for (const key of Object.keys(src)) {
    const val = src[key]!;
    const fullkey = concatPrefix(prefix, key);
    const ok = hasKey(dst, key);
    const dv = dst[key];
    if (ok && !merge && dv === null && srcOriginalNonNil.has(key)) delete dst[key];
    else if (!ok) dst[key] = val;
    else if (isMap(val)) {
      if (isMap(dv)) coalesceTablesFullKey(warn, dv, val, fullkey, merge);
      else warn(`warning: cannot overwrite table with non table for ${fullkey} (${goPrint(val)})`);
    } else if (isMap(dv) && val !== null) warn(`warning: destination for ${fullkey} is a table. Ignoring non-table value (${goPrint(val)})`);
  }
  return dst;
}

function cleanNilValues(m: GoMap): void {
  for (const key of Object.keys(m)) {
    const val = m[key];
    if (val === null) delete m[key];
    else if (isMap(val)) cleanNilValues(val);
  }
}
