// `.Files`, after Helm's pkg/engine/files.go (Copyright The Helm Authors, Apache-2.0; see
// NOTICE-HELM.md): the chart's non-template files with Get, GetBytes, Glob, Lines, AsConfig and
// AsSecrets.
import type { ChartFile } from './chart';
import { globMatch } from './go-match';
import { newMap, type GoMap } from './go-value';
import { toYaml } from './to-yaml';
import { goFunc } from './template/func';
import { goStruct, type GoStruct } from './template/values';

const decoder = new TextDecoder();
const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The `.Files` value of a chart: a map of path to bytes with Helm's methods. */
export function filesStruct(files: ReadonlyMap<string, Uint8Array>): GoStruct {
  const map: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
  for (const [k, v] of files) map[k] = v;
  const getBytes = (name: string): Uint8Array => map[name] ?? new Uint8Array();
  const fields = {
    GetBytes: goFunc(['string'], undefined, getBytes),
    Get: goFunc(['string'], undefined, (name: string) => decoder.decode(getBytes(name))),
    Glob: goFunc(['string'], undefined, (pattern: string) => {
      let match: (n: string) => boolean;
      try {
        globMatch(pattern, '');
        match = (n) => globMatch(pattern, n);
      } catch {
        match = () => true;
      }
      return filesStruct(new Map(Object.keys(map).filter(match).map((k) => [k, map[k]!])));
    }),
    AsConfig: goFunc([], undefined, () => {
      const m: GoMap = newMap();
      for (const k of Object.keys(map)) m[base(k)] = decoder.decode(map[k]!);
      return Object.keys(map).length === 0 ? '{}' : toYaml(m);
    }),
    AsSecrets: goFunc([], undefined, () => {
      const m: GoMap = newMap();
      for (const k of Object.keys(map)) m[base(k)] = base64(map[k]!);
      return Object.keys(map).length === 0 ? '{}' : toYaml(m);
    }),
    Lines: goFunc(['string'], undefined, (path: string) => {
      const bytes = map[path];
      if (!bytes) return [];
      let s = decoder.decode(bytes);
      if (s.endsWith('\n')) s = s.slice(0, -1);
      return s.split('\n');
    }),
  };
  return goStruct('engine.files', fields, { underlying: map });
}

/** The `.Files` of a chart's loaded files. */
export function chartFiles(files: readonly ChartFile[]): GoStruct {
  return filesStruct(new Map(files.map((f) => [f.name, f.data])));
}
