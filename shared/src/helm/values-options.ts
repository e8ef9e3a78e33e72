// The user's values of a `helm template` run, after Helm's pkg/cli/values/options.go (Copyright
// The Helm Authors, Apache-2.0; see NOTICE-HELM.md): -f files in order, then --set-json, --set,
// --set-string and --set-file.
import { isMap, newMap, toGo, type GoMap } from './go-value';
import { ChartError, loadValues, mergeMaps } from './loader';
import { parseSet, parseSetFile, parseSetJson, parseSetString } from './strvals';

/** One -f file as the host read it. */
export interface ValuesFile {
  /** The name as the user gave it, for messages. */
  readonly name: string;
  readonly text: string;
}

/** Values given on the command line. */
export interface ValueOptions {
  readonly valuesFiles?: readonly ValuesFile[];
  readonly setJson?: readonly string[];
  readonly set?: readonly string[];
  readonly setString?: readonly string[];
  readonly setFile?: readonly string[];
  /** Reads a --set-file path (host I/O); throws with a message when it cannot. */
  readonly readFile?: (path: string) => string;
}

/** A value option Helm refuses, with Helm's message. */
export class ValuesError extends Error {}

/** MergeValues: the user's values map. */
export function mergeUserValues(o: ValueOptions): GoMap {
  let base = newMap();
  for (const f of o.valuesFiles ?? []) {
    let current: GoMap;
    try {
      current = loadValues(f.text, f.name);
    } catch (e) {
      throw new ValuesError(`failed to parse ${f.name}: ${e instanceof ChartError ? e.message.replace(/^cannot load [^:]+: /, '') : String(e)}`);
    }
    base = mergeMaps(base, current);
  }
  for (const value of o.setJson ?? []) {
    const trimmed = value.trim();
    if (trimmed.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch {
        throw new ValuesError(`failed parsing --set-json data JSON: ${value}`);
      }
      const m = toGo(parsed);
      if (!isMap(m)) throw new ValuesError(`failed parsing --set-json data JSON: ${value}`);
      base = mergeMaps(base, m);
    } else {
      try {
        parseSetJson(value, base);
      } catch {
        throw new ValuesError(`failed parsing --set-json data ${value}`);
      }
    }
  }
  const each = (list: readonly string[] | undefined, what: string, parse: (s: string, into: GoMap) => void): void => {
    for (const value of list ?? []) {
      try {
        parse(value, base);
      } catch (e) {
        throw new ValuesError(`failed parsing ${what} data: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  each(o.set, '--set', parseSet);
  each(o.setString, '--set-string', parseSetString);
  const read = o.readFile ?? ((p: string): string => {
    throw new Error(`open ${p}: no such file or directory`);
  });
  each(o.setFile, '--set-file', (s, into) => parseSetFile(s, into, read));
  return base;
}
