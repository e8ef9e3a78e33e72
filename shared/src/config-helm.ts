/** The `helm:` section of `.bollwerk.yaml`: how each chart is rendered for linting, by its path. */
import type { ConfigProblem } from './config';

/** How one chart is rendered (`helm template`'s options); absent keys take Helm's defaults. */
export interface ChartRenderConfig {
  /** Values files (-f), relative to the configuration's folder, in order. */
  readonly valuesFiles?: readonly string[];
  /** --set assignments (`a.b=c`). */
  readonly set?: readonly string[];
  /** --set-string assignments. */
  readonly setString?: readonly string[];
  readonly releaseName?: string;
  readonly namespace?: string;
  readonly kubeVersion?: string;
  /** Extra API versions for `.Capabilities.APIVersions`. */
  readonly apiVersions?: readonly string[];
  /**
   * Further value sets the chart is linted with, by name, besides its own (`default`: the chart's
   * values.yaml with the options above). Each renders the chart with its values files and
   * assignments over the chart's values.yaml; release name, namespace and versions are shared.
   */
  readonly valueSets?: Readonly<Record<string, ValueSetConfig>>;
}

/** The values of one value set. */
export interface ValueSetConfig {
  readonly valuesFiles?: readonly string[];
  readonly set?: readonly string[];
  readonly setString?: readonly string[];
}

/** The name of a chart's own value set. */
export const DEFAULT_VALUE_SET = 'default';

const SET_LISTS = ['valuesFiles', 'set', 'setString'] as const;

function normalizeValueSets(raw: unknown, path: string, problems: ConfigProblem[]): Record<string, ValueSetConfig> | undefined {
  if (!isRecord(raw)) {
    problems.push({ path, message: 'must map value set names to values (valuesFiles, set, setString)' });
    return undefined;
  }
  const out: Record<string, ValueSetConfig> = {};
  for (const [name, options] of Object.entries(raw)) {
    const at = `${path}.${name}`;
    if (name === DEFAULT_VALUE_SET) {
      problems.push({ path: at, message: `"${DEFAULT_VALUE_SET}" names the chart's own values; choose another name` });
      continue;
    }
    if (!isRecord(options)) {
      problems.push({ path: at, message: 'must be a mapping of valuesFiles, set, setString' });
      continue;
    }
    const v: { -readonly [K in keyof ValueSetConfig]: ValueSetConfig[K] } = {};
    for (const [key, value] of Object.entries(options)) {
      if (!(SET_LISTS as readonly string[]).includes(key)) problems.push({ path: `${at}.${key}`, message: 'unknown key' });
      else if (Array.isArray(value) && value.every((x) => typeof x === 'string')) v[key as (typeof SET_LISTS)[number]] = value as string[];
      else problems.push({ path: `${at}.${key}`, message: 'must be a list of strings' });
    }
    out[name] = v;
  }
  return out;
}

const LISTS = ['valuesFiles', 'set', 'setString', 'apiVersions'] as const;
const STRINGS = ['releaseName', 'namespace', 'kubeVersion'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the `helm:` section: chart path → render options; problems name the key at fault. */
export function normalizeHelm(raw: unknown, problems: ConfigProblem[]): Readonly<Record<string, ChartRenderConfig>> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    problems.push({ path: 'helm', message: 'must map chart paths to render options' });
    return undefined;
  }
  const out: Record<string, ChartRenderConfig> = {};
  for (const [chart, options] of Object.entries(raw)) {
    const path = `helm.${chart}`;
    if (!isRecord(options)) {
      problems.push({ path, message: 'must be a mapping of render options' });
      continue;
    }
    const c: { -readonly [K in keyof ChartRenderConfig]: ChartRenderConfig[K] } = {};
    for (const [key, value] of Object.entries(options)) {
      if ((LISTS as readonly string[]).includes(key)) {
        if (Array.isArray(value) && value.every((x) => typeof x === 'string')) c[key as (typeof LISTS)[number]] = value as string[];
        else problems.push({ path: `${path}.${key}`, message: 'must be a list of strings' });
      } else if ((STRINGS as readonly string[]).includes(key)) {
        if (typeof value === 'string') c[key as (typeof STRINGS)[number]] = value;
        else problems.push({ path: `${path}.${key}`, message: 'must be a string' });
      } else if (key === 'valueSets') {
        const sets = normalizeValueSets(value, `${path}.${key}`, problems);
        if (sets) c.valueSets = sets;
      } else problems.push({ path: `${path}.${key}`, message: 'unknown key' });
    }
    out[chart.replace(/^\.\/(?=.)/, '').replace(/\/+$/, '') || '.'] = c;
  }
  return out;
}
