// values.schema.json validation, as Helm's pkg/chart/common/util/jsonschema.go does it (the chart
// and every subchart with values, each against its own schema), with ajv in place of
// santhosh-tekuri/jsonschema and its messages worded as that library's (`- at '/path': …`).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { chartName, type Chart } from './chart';
import { hasKey, isMap, type GoMap } from './go-value';

const decoder = new TextDecoder();
const cache = new Map<string, ValidateFunction | string>();
const MAX_CACHE = 64;

function compile(text: string): ValidateFunction | string {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  let result: ValidateFunction | string;
  try {
    const schema = JSON.parse(text) as Record<string, unknown>;
    const draft2020 = typeof schema['$schema'] === 'string' && /2020-12|2019-09/.test(schema['$schema']);
    const ajv = draft2020 ? new Ajv2020({ strict: false, allErrors: true, verbose: true, validateFormats: true }) : new Ajv({ strict: false, allErrors: true, verbose: true, validateFormats: true });
    addFormats(ajv);
    if (!draft2020) delete schema['$schema'];
    result = ajv.compile(schema);
  } catch (e) {
    result = `unable to validate schema: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(text, result);
  return result;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'number' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function message(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `got ${jsonType(e.data)}, want ${String(p['type']).replace(',', ' or ')}`;
    case 'required':
      return `missing property '${String(p['missingProperty'])}'`;
    case 'additionalProperties':
      return `additional properties '${String(p['additionalProperty'])}' not allowed`;
    case 'enum':
      return `value must be one of ${(p['allowedValues'] as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
    case 'const':
      return `value must be ${JSON.stringify(p['allowedValue'])}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${e.keyword}: got ${JSON.stringify(e.data)}, want ${String(p['limit'])}`;
    case 'pattern':
      return `'${String(e.data)}' does not match pattern '${String(p['pattern'])}'`;
    case 'format':
      return `'${String(e.data)}' is not valid ${String(p['format'])}`;
    default:
      return e.message ?? e.keyword;
  }
}

/** The values as JSON sees them: int64 as numbers, maps as plain objects. */
function plainJson(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plainJson);
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: plainJson(v[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** ValidateAgainstSingleSchema: the problems of values against one schema text, or '' when they pass. */
export function validateSingle(values: GoMap, schemaBytes: Uint8Array): string {
  const validate = compile(decoder.decode(schemaBytes));
  if (typeof validate === 'string') return `${validate}\n`;
  // as JSON: Helm validates the values after a JSON round trip
  const data = plainJson(values);
  if (validate(data)) return '';
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'allOf') continue;
    const line = `- at '${e.instancePath}': ${message(e)}`;
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
  }
  if (lines.length === 0) lines.push("- at '': validation failed");
  return `${lines.join('\n')}\n`;
}

/** ValidateAgainstSchema: the chart and each subchart that has values; '' when all pass. */
export function validateAgainstSchema(c: Chart, values: GoMap): string {
  let out = '';
  if (c.schema) {
    const err = validateSingle(values, c.schema);
    if (err) out += `${chartName(c)}:\n${err}`;
  }
  for (const sub of c.dependencies) {
    const name = chartName(sub);
    if (!hasKey(values, name) || values[name] === null) continue;
    const raw = values[name];
    if (!isMap(raw)) {
      out += `${name}:\ninvalid type for values: expected object (map), got ${Array.isArray(raw) ? '[]interface {}' : typeof raw}\n`;
      continue;
    }
    out += validateAgainstSchema(sub, raw);
  }
  return out;
}
