import { parse as parseYamlText } from 'yaml';
import { normalizeHelm, type ChartRenderConfig } from './config-helm';
import type { Lang, Level, Severity } from './types';

/** A manual checklist item the team attests as done. */
export interface Attestation {
  readonly item: string;
  readonly by: string;
  readonly date: string;
  readonly note?: string;
}

/** Digest pinning settings. */
export interface PinningConfig {
  /** Registry lookups allowed at all (the editor also needs a trusted workspace). */
  readonly enabled: boolean;
  /**
   * Registries reached over plain HTTP besides loopback ones (`host:port`). Only the user sets
   * them (a command-line flag, the environment, user or machine settings of the editor): a
   * configuration file comes with a repository, which must not turn TLS off for its own images.
   */
  readonly insecureRegistries: readonly string[];
  /** Seconds a resolved digest is reused. */
  readonly cacheSeconds: number;
  /** Milliseconds before a registry request is abandoned. */
  readonly timeoutMs: number;
}

/** The effective configuration (`.bollwerk.yaml` merged with defaults and overrides). */
export interface Config {
  readonly level: Level;
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  readonly trustedRegistries: readonly string[];
  readonly ignorePaths: readonly string[];
  /**
   * Test data that directory scans skip (and count), as .gitignore patterns relative to each
   * scanned directory; a file opened in the editor or named on the command line is still checked.
   */
  readonly testDataPaths: readonly string[];
  readonly attestations: readonly Attestation[];
  readonly lang?: Lang;
  readonly pinning: PinningConfig;
  /** Files larger than this are skipped with a note. */
  readonly maxFileBytes: number;
  /** The baseline file (relative to the configuration's directory): its findings are not reported. */
  readonly baseline?: string;
  /** How charts are rendered for linting, by chart path relative to the configuration's folder. */
  readonly helm?: Readonly<Record<string, ChartRenderConfig>>;
}

/** The folders that hold test data by convention (fixtures of linters, test suites, golden files). */
export const DEFAULT_TEST_DATA_PATHS: readonly string[] = ['test/', 'tests/', 'testdata/', 'test-data/', 'test_data/', 'fixtures/', '__fixtures__/', '__tests__/', '__snapshots__/'];

/** The name of the configuration file at the workspace root. */
export { CONFIG_FILE } from './config-file-name';

/**
 * Defaults: the rules of CSVS level L2 (what a team acts on; L3 adds digest pins, per-application
 * AppArmor and seccomp profiles, pull policy and the like, which fire on nearly every object), no
 * trusted-registry restriction, test data skipped in directory scans.
 */
export const DEFAULT_CONFIG: Config = {
  level: 'L2',
  rules: {},
  trustedRegistries: [],
  ignorePaths: [],
  testDataPaths: DEFAULT_TEST_DATA_PATHS,
  attestations: [],
  pinning: { enabled: true, insecureRegistries: [], cacheSeconds: 3600, timeoutMs: 10000 },
  maxFileBytes: 10 * 1024 * 1024,
};

/** A problem found in a configuration, with the key it concerns. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

const LEVELS: readonly string[] = ['L1', 'L2', 'L3'];
const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const stringList = (v: unknown, path: string, problems: ConfigProblem[]): string[] => {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    problems.push({ path, message: 'must be a list of strings' });
    return [];
  }
  return v as string[];
};

/**
 * Validates and normalises a raw configuration object. Unknown keys and wrong types are
 * reported as problems; the valid part still applies.
 */
export function normalizeConfig(raw: unknown, base: Config = DEFAULT_CONFIG): { config: Config; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  if (raw === undefined || raw === null) return { config: base, problems };
  if (!isRecord(raw)) return { config: base, problems: [{ path: '', message: 'the configuration must be a mapping' }] };
  const known = new Set(['level', 'rules', 'trustedRegistries', 'ignorePaths', 'testDataPaths', 'attestations', 'lang', 'pinning', 'maxFileBytes', 'baseline', 'helm', '$schema']);
  for (const key of Object.keys(raw)) if (!known.has(key)) problems.push({ path: key, message: 'unknown key' });

  let level = base.level;
  if (raw.level !== undefined) {
    if (typeof raw.level === 'string' && LEVELS.includes(raw.level)) level = raw.level as Level;
    else problems.push({ path: 'level', message: 'must be L1, L2 or L3' });
  }
  const rules: Record<string, Severity | 'off'> = { ...base.rules };
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) problems.push({ path: 'rules', message: 'must map rule ids to error, warning, info or off' });
    else
      for (const [id, v] of Object.entries(raw.rules)) {
        const value = v === false ? 'off' : v;
        if (typeof value === 'string' && SEVERITIES.includes(value)) rules[id] = value as Severity | 'off';
        else problems.push({ path: `rules.${id}`, message: 'must be error, warning, info or off' });
      }
  }
  const attestations: Attestation[] = [...base.attestations];
  if (raw.attestations !== undefined) {
    if (!Array.isArray(raw.attestations)) problems.push({ path: 'attestations', message: 'must be a list' });
    else
      raw.attestations.forEach((a, i) => {
        if (isRecord(a) && typeof a.item === 'string' && typeof a.by === 'string' && (typeof a.date === 'string' || a.date instanceof Date)) {
          const date = a.date instanceof Date ? a.date.toISOString().slice(0, 10) : a.date;
          attestations.push({ item: a.item, by: a.by, date, ...(typeof a.note === 'string' ? { note: a.note } : {}) });
        } else problems.push({ path: `attestations[${i}]`, message: 'needs item, by and date' });
      });
  }
  let lang = base.lang;
  if (raw.lang !== undefined) {
    if (raw.lang === 'en' || raw.lang === 'de') lang = raw.lang;
    else problems.push({ path: 'lang', message: 'must be en or de' });
  }
  let pinning = base.pinning;
  if (raw.pinning !== undefined) {
    if (!isRecord(raw.pinning)) problems.push({ path: 'pinning', message: 'must be a mapping' });
    else {
      const p = raw.pinning;
      pinning = {
        enabled: typeof p.enabled === 'boolean' ? p.enabled : base.pinning.enabled,
        // never from a file: see PinningConfig.insecureRegistries and insecureRegistriesIgnored
        insecureRegistries: base.pinning.insecureRegistries,
        cacheSeconds: typeof p.cacheSeconds === 'number' && p.cacheSeconds >= 0 ? p.cacheSeconds : base.pinning.cacheSeconds,
        timeoutMs: typeof p.timeoutMs === 'number' && p.timeoutMs > 0 ? p.timeoutMs : base.pinning.timeoutMs,
      };
      if (p.enabled !== undefined && typeof p.enabled !== 'boolean') problems.push({ path: 'pinning.enabled', message: 'must be true or false' });
    }
  }
  let maxFileBytes = base.maxFileBytes;
  if (raw.maxFileBytes !== undefined) {
    if (typeof raw.maxFileBytes === 'number' && raw.maxFileBytes > 0) maxFileBytes = raw.maxFileBytes;
    else problems.push({ path: 'maxFileBytes', message: 'must be a positive number' });
  }
  let baseline = base.baseline;
  if (raw.baseline !== undefined && raw.baseline !== null) {
    if (typeof raw.baseline === 'string' && raw.baseline !== '') baseline = raw.baseline;
    else problems.push({ path: 'baseline', message: 'must be the path of a baseline file' });
  }
  const helm = raw.helm === undefined ? base.helm : normalizeHelm(raw.helm, problems);
  return {
    config: {
      level,
      rules,
      trustedRegistries: raw.trustedRegistries === undefined ? base.trustedRegistries : stringList(raw.trustedRegistries, 'trustedRegistries', problems),
      ignorePaths: raw.ignorePaths === undefined ? base.ignorePaths : stringList(raw.ignorePaths, 'ignorePaths', problems),
      testDataPaths: raw.testDataPaths === undefined ? base.testDataPaths : stringList(raw.testDataPaths, 'testDataPaths', problems),
      attestations,
      ...(lang ? { lang } : {}),
      pinning,
      maxFileBytes,
      ...(baseline !== undefined ? { baseline } : {}),
      ...(helm ? { helm } : {}),
    },
    problems,
  };
}

/** True when a configuration file's text names `pinning.insecureRegistries`, which is not read from files. */
export function insecureRegistriesIgnored(text: string): boolean {
  try {
    const raw: unknown = parseYamlText(text);
    return isRecord(raw) && isRecord(raw.pinning) && raw.pinning.insecureRegistries !== undefined;
  } catch {
    return false;
  }
}

/** What the user is told when a configuration file names insecure registries. */
export const INSECURE_REGISTRIES_IGNORED = {
  en: 'pinning.insecureRegistries is ignored in a configuration file: a repository cannot turn TLS off; use --insecure-registry, BOLLWERK_INSECURE_REGISTRIES or the editor setting bollwerk.pinning.insecureRegistries',
  de: 'pinning.insecureRegistries wird in einer Konfigurationsdatei ignoriert: ein Repository kann TLS nicht abschalten; --insecure-registry, BOLLWERK_INSECURE_REGISTRIES oder die Editor-Einstellung bollwerk.pinning.insecureRegistries verwenden',
} as const;

/** Parses the text of a `.bollwerk.yaml`. A YAML syntax error is one problem; nothing throws. */
export function parseConfigText(text: string, base: Config = DEFAULT_CONFIG): { config: Config; problems: ConfigProblem[] } {
  let raw: unknown;
  try {
    raw = parseYamlText(text, { maxAliasCount: 100, prettyErrors: false });
  } catch (e) {
    return { config: base, problems: [{ path: '', message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  return normalizeConfig(raw, base);
}
