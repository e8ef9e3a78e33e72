// Dotted field paths of vars and replacements (`spec.containers[0].image`, `spec.containers.[name=app].image`,
// `*` for every element), after kyaml's PathGetter and SmarterPathSplitter.
import { isMap, newMap, type Json, type JsonMap } from './json';

/** Splits at dots outside brackets; `a[0]` becomes `a`, `[0]`. */
export function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of path) {
    if (c === '[') {
      if (depth === 0 && cur !== '') {
        out.push(cur);
        cur = '';
      }
      depth++;
    }
    if (c === ']') depth--;
    if (c === '.' && depth === 0) {
      if (cur !== '') out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** A slot that holds a value: the container and its key or index. */
export interface Slot {
  readonly parent: JsonMap | Json[];
  readonly key: string | number;
}

function step(node: Json, seg: string, create: boolean, last: boolean): Slot[] {
  const bracket = /^\[(.*)\]$/.exec(seg);
  if (Array.isArray(node)) {
    if (seg === '*' || seg === '[*]' || seg === '[]') return node.map((_, i) => ({ parent: node, key: i }));
    const inner = bracket ? bracket[1]! : seg;
    if (/^-?\d+$/.test(inner)) {
      const i = Number(inner);
      return i >= 0 && i < node.length ? [{ parent: node, key: i }] : [];
    }
    const eq = inner.indexOf('=');
    if (eq < 0) return [];
    const k = inner.slice(0, eq), v = inner.slice(eq + 1);
    const found = node.flatMap((e, i) => (isMap(e) && String(e[k]) === v ? [{ parent: node, key: i }] : []));
    if (found.length === 0 && create) {
      const m = newMap();
      m[k] = v;
      node.push(m);
      return [{ parent: node, key: node.length - 1 }];
    }
    return found;
  }
  if (!isMap(node)) return [];
  const key = bracket && !bracket[1]!.includes('=') ? bracket[1]! : seg;
  if (!(key in node) || node[key] === null) {
    if (!create) return [];
    node[key] = last ? null : newMap();
  }
  return [{ parent: node, key }];
}

/** Every slot the path reaches (creating missing maps when asked). */
export function findSlots(root: Json, path: string, create = false): Slot[] {
  const segs = splitFieldPath(path);
  let slots: Slot[] = [{ parent: [root], key: 0 }];
  segs.forEach((seg, i) => {
    slots = slots.flatMap((s) => step(valueAt(s), seg, create, i === segs.length - 1));
  });
  return slots;
}

/** The value a slot holds. */
export function valueAt(s: Slot): Json {
  return (s.parent as Record<string | number, Json>)[s.key] as Json;
}

/** Stores a value in a slot. */
export function setAt(s: Slot, v: Json): void {
  (s.parent as Record<string | number, Json>)[s.key] = v;
}
