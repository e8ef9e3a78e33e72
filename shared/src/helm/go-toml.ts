// Helm's toToml and fromToml (BurntSushi/toml): the encoder's layout is rebuilt here (keys sorted,
// plain values before tables, sub-tables indented by two spaces, floats always with a decimal point);
// decoding uses smol-toml with integers as int64.
import { parse as parseToml } from 'smol-toml';
import { isMap, toGo, type GoMap, type GoValue } from './go-value';
import { GoStruct } from './template/values';

const BARE = /^[A-Za-z0-9_-]+$/;

function quoteKey(k: string): string {
  return BARE.test(k) ? k : quoteString(k);
}

function quoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function plain(v: unknown): unknown {
  return v instanceof GoStruct && v.options.underlying !== undefined ? v.options.underlying : v;
}

const isTable = (v: unknown): boolean => isMap(plain(v));
const isTableArray = (v: unknown): boolean => {
  const p = plain(v);
  return Array.isArray(p) && p.length > 0 && p.every(isTable);
};

function scalar(v: unknown): string {
  const p = plain(v);
  if (typeof p === 'string') return quoteString(p);
  if (typeof p === 'boolean' || typeof p === 'bigint') return String(p);
  if (typeof p === 'number') {
    if (Number.isNaN(p)) return 'nan';
    if (!Number.isFinite(p)) return p > 0 ? 'inf' : '-inf';
    const s = Number.isInteger(p) && Math.abs(p) < 1e21 ? p.toFixed(0) : String(p);
    return s.includes('.') || s.includes('e') ? s : `${s}.0`;
  }
  if (Array.isArray(p)) return `[${p.filter((x) => x !== null && x !== undefined).map(scalar).join(', ')}]`;
  if (isMap(p)) {
    const keys = Object.keys(p).sort();
    return `{${keys.map((k) => `${quoteKey(k)} = ${scalar(p[k])}`).join(', ')}}`;
  }
  return quoteString(String(p));
}

/** toToml: the TOML text of a map as BurntSushi/toml writes it (an error text for non-maps). */
export function toToml(v: unknown): string {
  const root = plain(v);
  if (!isMap(root)) return 'toml: top-level values must be Go maps or structs';
  const out: string[] = [];
  const written = (): boolean => out.length > 0;
  const table = (path: string[], m: GoMap): void => {
    const keys = Object.keys(m).sort();
    for (const k of keys) {
      const x = m[k];
      if (x === null || x === undefined || isTable(x) || isTableArray(x)) continue;
      out.push(`${'  '.repeat(path.length)}${quoteKey(k)} = ${scalar(x)}\n`);
    }
    for (const k of keys) {
      const x = m[k];
      const sub = [...path, k];
      const subIndent = '  '.repeat(sub.length - 1);
      const name = sub.map(quoteKey).join('.');
      if (isTable(x)) {
        if (sub.length === 1 && written()) out.push('\n');
        out.push(`${subIndent}[${name}]\n`);
        table(sub, plain(x) as GoMap);
      } else if (isTableArray(x)) {
        for (const item of plain(x) as unknown[]) {
          if (sub.length === 1 && written()) out.push('\n');
          out.push(`${subIndent}[[${name}]]\n`);
          table(sub, plain(item) as GoMap);
        }
      }
    }
  };
  table([], root);
  return out.join('');
}

/** fromToml: the map of a TOML text; a parse error goes into the `Error` key, as Helm does. */
export function fromToml(text: string): GoMap {
  try {
    const v = toGo(parseToml(text, { integersAsBigInt: true }) as unknown);
    return isMap(v) ? v : (Object.create(null) as GoMap);
  } catch (e) {
    const m = Object.create(null) as GoMap;
    m['Error'] = (e instanceof Error ? e.message : String(e)) as GoValue;
    return m;
  }
}
