// Helm's own template functions, after pkg/engine/funcs.go (Copyright The Helm Authors,
// Apache-2.0; see NOTICE-HELM.md): the YAML, JSON and TOML converters and the `lookup` stand-in of
// `helm template` (no cluster: an empty map). include, tpl, required and fail are bound per render
// in render.ts.
import { toGo, type GoMap } from './go-value';
import { marshalJson as goMarshalJson, parseJson } from './sprig/encoding';
import { fromToml, toToml } from './go-toml';
import { readYaml, YamlError } from './go-yaml';
import { isMap, newMap } from './go-value';
import { MarshalError, marshalYaml, toYaml } from './to-yaml';
import { FuncError, goFunc, type FuncMap } from './template/index';

function safeToYaml(v: unknown): string {
  try {
    return toYaml(v);
  } catch {
    return '';
  }
}

function fromYaml(text: string): GoMap {
  try {
    const v = readYaml(text);
    if (v === null) return newMap();
    if (isMap(v)) return v;
    const m = newMap();
    m['Error'] = `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number'} into Go value of type map[string]interface {}`;
    return m;
  } catch (e) {
    const m = newMap();
    m['Error'] = e instanceof YamlError ? e.message : String(e);
    return m;
  }
}

function fromYamlArray(text: string): unknown[] {
  try {
    const v = readYaml(text);
    if (v === null) return [];
    if (Array.isArray(v)) return v;
    return [`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${isMap(v) ? 'object' : typeof v === 'string' ? 'string' : 'number'} into Go value of type []interface {}`];
  } catch (e) {
    return [e instanceof YamlError ? e.message : String(e)];
  }
}

function fromJson(text: string): GoMap {
  try {
    const v = toGo(parseJson(text));
    if (isMap(v)) return v;
    const m = newMap();
    m['Error'] = `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : 'number'} into Go value of type map[string]interface {}`;
    return m;
  } catch (e) {
    const m = newMap();
    m['Error'] = e instanceof Error ? e.message : String(e);
    return m;
  }
}

function fromJsonArray(text: string): unknown[] {
  try {
    const v = toGo(parseJson(text));
    if (Array.isArray(v)) return v;
    return [`json: cannot unmarshal ${isMap(v) ? 'object' : typeof v === 'string' ? 'string' : 'number'} into Go value of type []interface {}`];
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
}

/** The functions Helm adds to Sprig's (funcs.go `funcMap` extras, without the late-bound ones). */
export function helmFuncs(): FuncMap {
  return {
    toToml: goFunc(['any'], undefined, (v: unknown) => toToml(v)),
    fromToml: goFunc(['string'], undefined, (s: string) => fromToml(s)),
    toYaml: goFunc(['any'], undefined, (v: unknown) => safeToYaml(v)),
    mustToYaml: goFunc(['any'], undefined, (v: unknown) => {
      try {
        return marshalYaml(v).replace(/\n$/, '');
      } catch (e) {
        throw new FuncError(e instanceof MarshalError ? e.message : String(e));
      }
    }),
    toYamlPretty: goFunc(['any'], undefined, (v: unknown) => safeToYaml(v)),
    fromYaml: goFunc(['string'], undefined, (s: string) => fromYaml(s)),
    fromYamlArray: goFunc(['string'], undefined, (s: string) => fromYamlArray(s)),
    toJson: goFunc(['any'], undefined, (v: unknown) => {
      try {
        return goMarshalJson(v, true, '');
      } catch {
        return '';
      }
    }),
    mustToJson: goFunc(['any'], undefined, (v: unknown) => {
      try {
        return goMarshalJson(v, true, '');
      } catch (e) {
        throw new FuncError(e instanceof Error ? e.message : String(e));
      }
    }),
    fromJson: goFunc(['string'], undefined, (s: string) => fromJson(s)),
    fromJsonArray: goFunc(['string'], undefined, (s: string) => fromJsonArray(s)),
    lookup: goFunc(['string', 'string', 'string', 'string'], undefined, () => toGo({})),
  };
}
