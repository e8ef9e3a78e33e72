// Port of Helm's pkg/strvals/parser.go (Copyright The Helm Authors, Apache-2.0; see
// NOTICE-HELM.md): the `--set name=value,a.b[0].c=x` syntax of --set, --set-string, --set-file and
// --set-json, with `\` escaping the next character.
import { isMap, newMap, toGo, type GoMap, type GoValue } from './go-value';

/** How the value text of one assignment becomes a value. */
export type ValueReader = (text: string) => GoValue;

const MAX_INDEX = 65536;
const MAX_NESTED_NAME_LEVEL = 30;

/** A --set line Helm refuses, with Helm's message. */
export class StrvalsError extends Error {}

class Eof extends Error {}

interface Scanner {
  readonly runes: string[];
  pos: number;
}

function readRune(sc: Scanner): string | undefined {
  return sc.pos < sc.runes.length ? sc.runes[sc.pos++] : undefined;
}

/** Reads up to a stop rune, un-escaping `\x`; `last` is the stop rune, or undefined at the end. */
function runesUntil(sc: Scanner, stop: string): { v: string; last: string | undefined } {
  let v = '';
  for (;;) {
    const r = readRune(sc);
    if (r === undefined) throw Object.assign(new Eof(), { partial: v });
    if (stop.includes(r)) return { v, last: r };
    if (r === '\\') {
      const next = readRune(sc);
      if (next === undefined) throw Object.assign(new Eof(), { partial: v });
      v += next;
    } else v += r;
  }
}

function partialOf(e: unknown): string {
  return (e as { partial?: string }).partial ?? '';
}

/** typedVal: true/false/null in any case, integers not starting with 0 as int64, the rest as strings. */
export function typedVal(val: string, forceString: boolean): GoValue {
  if (forceString) return val;
  const lower = val.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (val === '0') return 0n;
  if (val.length !== 0 && val[0] !== '0' && /^[-+]?[0-9]+$/.test(val)) {
    const n = BigInt(val);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return n;
  }
  return val;
}

function setKey(data: GoMap, key: string, val: GoValue): void {
  if (key.length === 0) return;
  data[key] = val;
}

function setIndex(list: GoValue[], index: number, val: GoValue): GoValue[] {
  if (index < 0) throw new StrvalsError(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) throw new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  while (list.length <= index) list.push(null);
  list[index] = val;
  return list;
}

function typeName(v: GoValue | undefined): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Reads the first JSON value of the rest of the input (as Go's json.Decoder.Decode does). */
function decodeJson(sc: Scanner): GoValue {
  const rest = sc.runes.slice(sc.pos).join('');
  let i = 0;
  while (i < rest.length && /\s/.test(rest[i]!)) i++;
  const start = i;
  let depth = 0;
  let inString = false;
  for (; i < rest.length; i++) {
    const c = rest[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) {
          i++;
          break;
        }
      }
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        i++;
        break;
      }
    } else if (depth === 0 && /[\s,]/.test(c) && i > start) break;
  }
  const text = rest.slice(start, i);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StrvalsError(`invalid character in JSON value ${JSON.stringify(text)}`);
  }
  sc.pos += Array.from(rest.slice(0, i)).length;
  return toGo(parsed);
}

/** Skips blanks and one comma; true when the value is empty. */
function emptyVal(sc: Scanner): boolean {
  for (;;) {
    const r = readRune(sc);
    if (r === undefined || r === ',') return true;
    if (!/\s/u.test(r)) {
      sc.pos--;
      return false;
    }
  }
}

/** The strvals parser over one line: `reader` types each value (undefined: JSON values). */
function parser(sc: Scanner, reader: ValueReader | undefined): (data: GoMap) => void {
  const parse = (data: GoMap): void => {
    for (;;) {
      try {
        key(data, 0);
      } catch (e) {
        if (e instanceof Eof) return;
        throw e;
      }
    }
  };

  const read = (text: string): GoValue => (reader ? reader(text) : text);

  function key(data: GoMap, level: number): void {
    let k: string;
    let last: string | undefined;
    try {
      ({ v: k, last } = runesUntil(sc, '=[,.'));
    } catch (e) {
      if (e instanceof Eof && partialOf(e).length !== 0) throw new StrvalsError(`key "${partialOf(e)}" has no value`);
      throw e;
    }
    if (last === '[') {
      const i = keyIndex();
      const existing = data[k];
      if (existing !== undefined && !Array.isArray(existing)) throw new StrvalsError(`unable to parse key: interface conversion: interface {} is ${typeName(existing)}, not []interface {}`);
      const list = Array.isArray(existing) ? existing : [];
      let result: GoValue[] = list;
      try {
        result = listItem(list, i, level);
      } finally {
        setKey(data, k, result);
      }
      return;
    }
    if (last === '=') {
      if (!reader) {
        if (emptyVal(sc)) return setKey(data, k, null);
        setKey(data, k, decodeJson(sc));
        emptyVal(sc);
        return;
      }
      const vl = valList();
      if (vl.kind === 'list') return setKey(data, k, vl.list);
      if (vl.kind === 'eof') {
        setKey(data, k, '');
        throw new Eof();
      }
      const rs = val();
      setKey(data, k, read(rs.v));
      if (rs.eof) throw new Eof();
      return;
    }
    if (last === ',') {
      setKey(data, k, '');
      throw new StrvalsError(`key "${k}" has no value (cannot end with ,)`);
    }
    // last === '.'
    if (level + 1 > MAX_NESTED_NAME_LEVEL) throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
    const existing = data[k];
    if (existing !== undefined && !isMap(existing)) throw new StrvalsError(`unable to parse key: interface conversion: interface {} is ${typeName(existing)}, not map[string]interface {}`);
    const inner = isMap(existing) ? existing : newMap();
    let err: unknown;
    try {
      key(inner, level + 1);
    } catch (e) {
      err = e;
    }
    if (err === undefined && Object.keys(inner).length === 0) throw new StrvalsError(`key map "${k}" has no value`);
    if (Object.keys(inner).length !== 0) setKey(data, k, inner);
    if (err !== undefined) throw err;
  }

  function keyIndex(): number {
    let v: string;
    try {
      ({ v } = runesUntil(sc, ']'));
    } catch {
      throw new StrvalsError('error parsing index: EOF');
    }
    if (!/^[-+]?[0-9]+$/.test(v)) throw new StrvalsError(`error parsing index: strconv.Atoi: parsing "${v}": invalid syntax`);
    return Number(v);
  }

  function listItem(list: GoValue[], i: number, level: number): GoValue[] {
    if (i < 0) throw new StrvalsError(`negative ${i} index not allowed`);
    let k: string;
    let last: string | undefined;
    try {
      ({ v: k, last } = runesUntil(sc, '[.='));
    } catch (e) {
      if (partialOf(e).length > 0) throw new StrvalsError(`unexpected data at end of array index: "${partialOf(e)}"`);
      throw e;
    }
    if (k.length > 0) throw new StrvalsError(`unexpected data at end of array index: "${k}"`);
    if (last === '=') {
      if (!reader) {
        if (emptyVal(sc)) return setIndex(list, i, null);
        setIndex(list, i, decodeJson(sc));
        emptyVal(sc);
        return list;
      }
      const vl = valList();
      if (vl.kind === 'list') return setIndex(list, i, vl.list);
      if (vl.kind === 'eof') return setIndex(list, i, '');
      const rs = val();
      return setIndex(list, i, read(rs.v));
    }
    if (last === '[') {
      const next = keyIndex();
      const existed = list.length > i ? list[i] : undefined;
      if (existed !== undefined && existed !== null && !Array.isArray(existed)) throw new StrvalsError(`unable to parse key: interface conversion: interface {} is ${typeName(existed)}, not []interface {}`);
      const inner = listItem(Array.isArray(existed) ? existed : [], next, level);
      return setIndex(list, i, inner);
    }
    // last === '.'
    let inner = newMap();
    if (list.length > i) {
      const cur = list[i];
      if (isMap(cur)) inner = cur;
      else list[i] = inner;
    }
    key(inner, level);
    return setIndex(list, i, inner);
  }

  function val(): { v: string; eof: boolean } {
    try {
      return { ...runesUntil(sc, ','), eof: false };
    } catch (e) {
      if (e instanceof Eof) return { v: partialOf(e), eof: true };
      throw e;
    }
  }

  function valList(): { kind: 'list'; list: GoValue[] } | { kind: 'eof' } | { kind: 'not-list' } {
    const r = readRune(sc);
    if (r === undefined) return { kind: 'eof' };
    if (r !== '{') {
      sc.pos--;
      return { kind: 'not-list' };
    }
    const list: GoValue[] = [];
    for (;;) {
      let rs: string;
      let last: string | undefined;
      try {
        ({ v: rs, last } = runesUntil(sc, ',}'));
      } catch (e) {
        if (e instanceof Eof) throw new StrvalsError("list must terminate with '}'");
        throw e;
      }
      if (last === '}') {
        const next = readRune(sc);
        if (next !== undefined && next !== ',') sc.pos--;
        list.push(read(rs));
        return { kind: 'list', list };
      }
      list.push(read(rs));
    }
  }
  return parse;
}

function scanner(s: string): Scanner {
  return { runes: Array.from(s), pos: 0 };
}

/** ParseInto: merges one --set line into dest (typed values). */
export function parseSet(s: string, dest: GoMap): void {
  parser(scanner(s), (t) => typedVal(t, false))(dest);
}

/** ParseIntoString: --set-string, every value a string. */
export function parseSetString(s: string, dest: GoMap): void {
  parser(scanner(s), (t) => typedVal(t, true))(dest);
}

/** ParseJSON: --set-json, every value JSON (empty is null). */
export function parseSetJson(s: string, dest: GoMap): void {
  parser(scanner(s), undefined)(dest);
}

/** ParseIntoFile: --set-file, every value the text of the file it names, read by `readFile`. */
export function parseSetFile(s: string, dest: GoMap, readFile: (path: string) => string): void {
  parser(scanner(s), (t) => readFile(t))(dest);
}
