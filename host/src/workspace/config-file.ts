import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfigText, type Config } from '../../../shared/src/config';

/** A configuration as loaded: the file it came from (if any), its directory and its problems. */
export interface LoadedConfig {
  readonly config: Config;
  /** The configuration file read, or undefined when none was found. */
  readonly file: string | undefined;
  /** The directory `ignorePaths` are relative to. */
  readonly root: string;
  /** Problems, each as `file: key: message`; empty when the configuration is valid. */
  readonly problems: readonly string[];
}

/** The `.bollwerk.yaml` in `dir` or its ancestors up to the repository root (a directory with `.git`). */
export function findConfigFile(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const candidate = join(d, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(d, '.git')) || dirname(d) === d) return undefined;
  }
}

/**
 * Loads the configuration: `explicit` (from `--config`) when given, else the `.bollwerk.yaml`
 * found from `cwd` upwards. A missing explicit file, a YAML syntax error, an unknown key or a
 * wrong value is a problem; the caller decides whether problems are fatal.
 */
export function loadConfig(explicit: string | undefined, cwd: string): LoadedConfig {
  const file = explicit !== undefined ? resolve(cwd, explicit) : findConfigFile(cwd);
  if (file === undefined) return { config: DEFAULT_CONFIG, file: undefined, root: resolve(cwd), problems: [] };
  const root = dirname(file);
  let text: string;
  try {
    if (statSync(file).isDirectory()) return { config: DEFAULT_CONFIG, file, root, problems: [`${file}: is a directory, not a configuration file`] };
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`;
    return { config: DEFAULT_CONFIG, file, root, problems: [`${file}: ${why}`] };
  }
  const { config, problems } = parseConfigText(text);
  return { config, file, root, problems: problems.map((p) => `${file}: ${p.path ? `${p.path}: ` : ''}${p.message}`) };
}
