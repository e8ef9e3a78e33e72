import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { CONFIG_FILE, DEFAULT_CONFIG, INSECURE_REGISTRIES_IGNORED, insecureRegistriesIgnored, parseConfigText, type Config } from '../../shared/src/config';
import type { BaselineDisplay, BollwerkSettings } from '../../shared/src/protocol';
import { loadBaseline, type LoadedBaseline } from './baseline';
import type { Lang, Level, Severity } from '../../shared/src/types';

/** The settings that apply to one document: the merged configuration and the display language. */
export interface ResolvedSettings {
  readonly config: Config;
  readonly lang: Lang;
  /** Registry lookups for digest pinning are allowed (trusted workspace, enabled in file and settings). */
  readonly pinningAllowed: boolean;
  /** The workspace folder the document belongs to, if any. */
  readonly folderUri: string | undefined;
  /** The baseline of the folder's configuration, when it names a readable one. */
  readonly baseline?: LoadedBaseline;
  /** How baselined findings show (default: as hints). */
  readonly baselineDisplay?: BaselineDisplay;
}

/** What settings resolution needs from the connection. */
export interface SettingsDeps {
  folders(): readonly string[];
  /** The `bollwerk` section for a scope; undefined when the client cannot be asked. */
  pullSection(scopeUri: string): Promise<unknown>;
  readonly trusted: boolean;
  readonly editorLang: Lang | undefined;
  log(message: string): void;
}

/** Per-URI settings, each resolved once and cached as a Promise until {@link SettingsCache.clear}. */
export interface SettingsCache {
  forUri(uri: string): Promise<ResolvedSettings>;
  folderOf(uri: string): string | undefined;
  clear(): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const LEVELS: readonly string[] = ['L1', 'L2', 'L3'];
const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];

/** Validates the raw `bollwerk` section; wrong types are dropped, `null` means "not set". */
export function normalizeSettings(raw: unknown): BollwerkSettings {
  if (!isRecord(raw)) return {};
  const rules: Record<string, Severity | 'off'> = {};
  if (isRecord(raw.rules)) for (const [id, v] of Object.entries(raw.rules)) if (typeof v === 'string' && SEVERITIES.includes(v)) rules[id] = v as Severity | 'off';
  const registries = Array.isArray(raw.trustedRegistries) ? raw.trustedRegistries.filter((r): r is string => typeof r === 'string') : [];
  const p = isRecord(raw.pinning) ? raw.pinning : {};
  const insecure = Array.isArray(p.insecureRegistries) ? p.insecureRegistries.filter((r): r is string => typeof r === 'string' && r !== '') : [];
  const pinning = typeof p.enabled === 'boolean' || insecure.length ? { ...(typeof p.enabled === 'boolean' ? { enabled: p.enabled } : {}), ...(insecure.length ? { insecureRegistries: insecure } : {}) } : undefined;
  return {
    ...(typeof raw.level === 'string' && LEVELS.includes(raw.level) ? { level: raw.level as Level } : {}),
    ...(Object.keys(rules).length ? { rules } : {}),
    ...(registries.length ? { trustedRegistries: registries } : {}),
    ...(pinning ? { pinning } : {}),
    ...(raw.lang === 'en' || raw.lang === 'de' || raw.lang === 'auto' ? { lang: raw.lang } : {}),
    ...(isRecord(raw.baseline) && (raw.baseline.display === 'hide' || raw.baseline.display === 'hint') ? { baseline: { display: raw.baseline.display } } : {}),
  };
}

/**
 * The keys of `.bollwerk.yaml` an untrusted workspace may set: level, rules (severities and
 * off), lang and attestations. trustedRegistries, ignorePaths, maxFileBytes and pinning change
 * what is checked or reached beyond severities, so they keep their defaults there.
 */
export function restrictUntrusted(config: Config): Config {
  return {
    ...DEFAULT_CONFIG,
    level: config.level,
    rules: config.rules,
    attestations: config.attestations,
    ...(config.lang ? { lang: config.lang } : {}),
    pinning: { ...DEFAULT_CONFIG.pinning, enabled: false },
  };
}

/** Editor settings over the folder's configuration file (settings win; pinning needs both to allow it). */
export function mergeSettings(file: Config, settings: BollwerkSettings, trusted: boolean, editorLang: Lang | undefined): Omit<ResolvedSettings, 'folderUri' | 'baseline'> {
  const base = trusted ? file : restrictUntrusted(file);
  const config: Config = {
    ...base,
    level: settings.level ?? base.level,
    rules: { ...base.rules, ...settings.rules },
    trustedRegistries: settings.trustedRegistries ?? base.trustedRegistries,
    // insecure registries only from the user's settings, never from the folder's file
    pinning: { ...base.pinning, insecureRegistries: settings.pinning?.insecureRegistries ?? [] },
  };
  const lang = settings.lang && settings.lang !== 'auto' ? settings.lang : editorLang ?? config.lang ?? 'en';
  const pinningAllowed = trusted && config.pinning.enabled && settings.pinning?.enabled !== false;
  return { config, lang, pinningAllowed, baselineDisplay: settings.baseline?.display ?? 'hint' };
}

/** The workspace folder containing `uri` (longest match). */
export function folderOf(folders: readonly string[], uri: string): string | undefined {
  let best: string | undefined;
  for (const f of folders) {
    const prefix = f.endsWith('/') ? f : `${f}/`;
    if ((uri.startsWith(prefix) || uri === f) && (!best || f.length > best.length)) best = f;
  }
  return best;
}

async function readConfigFile(folderUri: string, log: (m: string) => void): Promise<Config> {
  const uri = URI.parse(folderUri);
  if (uri.scheme !== 'file') return DEFAULT_CONFIG;
  let text: string;
  try {
    text = await readFile(join(uri.fsPath, CONFIG_FILE), 'utf8');
  } catch {
    return DEFAULT_CONFIG;
  }
  const { config, problems } = parseConfigText(text);
  for (const p of problems) log(`${CONFIG_FILE} in ${folderUri}: ${p.path || '(root)'}: ${p.message}`);
  if (insecureRegistriesIgnored(text)) log(`${CONFIG_FILE} in ${folderUri}: ${INSECURE_REGISTRIES_IGNORED.en}`);
  return config;
}

/** Creates the settings cache of one server. */
export function createSettingsCache(deps: SettingsDeps): SettingsCache {
  const cache = new Map<string, Promise<ResolvedSettings>>();
  const resolve = async (scope: string, folderUri: string | undefined): Promise<ResolvedSettings> => {
    const [file, raw] = await Promise.all([
      folderUri ? readConfigFile(folderUri, deps.log) : Promise.resolve(DEFAULT_CONFIG),
      deps.pullSection(scope).catch((e: unknown) => {
        deps.log(`workspace/configuration failed: ${String(e)}`);
        return undefined;
      }),
    ]);
    const merged = mergeSettings(file, normalizeSettings(raw), deps.trusted, deps.editorLang);
    // an untrusted workspace cannot name a baseline: it would hide findings (restrictUntrusted drops the key)
    const baseline = folderUri ? await loadBaseline(folderUri, merged.config.baseline, deps.log) : undefined;
    return { ...merged, folderUri, ...(baseline ? { baseline } : {}) };
  };
  return {
    forUri(uri) {
      const folderUri = folderOf(deps.folders(), uri);
      const scope = folderUri ?? uri;
      let p = cache.get(scope);
      if (!p) cache.set(scope, (p = resolve(scope, folderUri)));
      return p;
    },
    folderOf: (uri) => folderOf(deps.folders(), uri),
    clear: () => cache.clear(),
  };
}
