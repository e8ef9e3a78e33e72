import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { INSECURE_REGISTRIES_IGNORED, insecureRegistriesIgnored, type Config } from '../../shared/src/config';
import { isTemplated } from '../../shared/src/parse/kind';
import { cachedClient, cacheDir, fileCache, memoryCache } from '../../host/src/registry/cache';
import { createRegistryClient } from '../../host/src/registry/client';
import { dockerCredentials } from '../../host/src/registry/credentials';
import { unifiedDiff } from '../../host/src/registry/diff';
import { reason } from '../../host/src/registry/messages';
import { pinText, where, type SiteOutcome } from '../../host/src/registry/pin';
import type { Lang } from '../../shared/src/types';
import { findFiles } from '../../host/src/workspace/walk';
import { loadConfig } from '../../host/src/workspace/config-file';
import { readSource } from '../../host/src/workspace/source';
import { writeBack, writeRoots } from '../../host/src/workspace/write-back';
import { escapeControls } from '../../shared/src/report/escape';

/** Where `bollwerk pin` reads and writes. */
export interface PinIo {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

interface PinArgs {
  readonly paths: string[];
  readonly dryRun: boolean;
  readonly update: boolean;
  readonly noCache: boolean;
  readonly config: string | undefined;
  readonly lang: Lang | undefined;
  /** `--insecure-registry` values, in order. */
  readonly insecure: string[];
}

const USAGE = `Usage: bollwerk pin [paths…] [--dry-run] [--update] [--no-cache] [--insecure-registry HOST:PORT…] [--config FILE] [--lang en|de]

Pins the images of Dockerfiles (FROM, COPY --from), Compose files (image:) and Kubernetes
manifests (image: of every container) to their registry digest: name:tag@sha256:…
  --dry-run   show a unified diff, write nothing
  --update    re-resolve references already pinned and replace digests whose tag moved
  --no-cache  ask the registry even when a recent answer is cached
  --insecure-registry HOST:PORT
              reach this registry over plain HTTP when HTTPS fails (repeatable; also
              BOLLWERK_INSECURE_REGISTRIES, comma-separated); never with credentials
Exit codes: 0 all pinned, 1 some reference could not be pinned or a file not written, 2 usage error.
`;

function parseArgs(args: readonly string[]): PinArgs | string {
  const paths: string[] = [];
  let dryRun = false;
  let update = false;
  let noCache = false;
  let config: string | undefined;
  let lang: Lang | undefined;
  const insecure: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (flag === '--dry-run') dryRun = true;
    else if (flag === '--update') update = true;
    else if (flag === '--no-cache') noCache = true;
    else if (flag === '--config') {
      config = value();
      if (!config) return '--config needs a file';
    } else if (flag === '--lang') {
      const v = value();
      if (v !== 'en' && v !== 'de') return '--lang must be en or de';
      lang = v;
    } else if (flag === '--insecure-registry') {
      const v = value();
      if (!v || !REGISTRY_HOST.test(v)) return '--insecure-registry needs a registry host[:port]';
      insecure.push(v);
    } else if (flag === '--') paths.push(...args.slice(i + 1)), (i = args.length);
    else if (flag.startsWith('-')) return `unknown option ${flag}`;
    else paths.push(a);
  }
  return { paths, dryRun, update, noCache, config, lang, insecure };
}

/** A registry host with an optional port: a name, an IPv4 address or a bracketed IPv6 address. */
const REGISTRY_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Insecure registries the user named: `--insecure-registry` and `BOLLWERK_INSECURE_REGISTRIES`. */
function userInsecureRegistries(flags: readonly string[], env: PinIo['env']): string[] | string {
  const fromEnv = (env.BOLLWERK_INSECURE_REGISTRIES ?? '').split(/[\s,]+/).filter(Boolean);
  const bad = fromEnv.find((h) => !REGISTRY_HOST.test(h));
  if (bad !== undefined) return `BOLLWERK_INSECURE_REGISTRIES: ${JSON.stringify(bad)} is not a registry host[:port]`;
  return [...new Set([...flags, ...fromEnv])];
}

/** A file's text, or '' when it cannot be read (the configuration loader has reported that already). */
function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

const envLang = (env: PinIo['env']): Lang => (/^de/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'de' : 'en');

function describe(o: SiteOutcome, lang: Lang): { line: string; failed: boolean } {
  const p = o.pin;
  switch (p.status) {
    case 'pinned':
      return { line: `${o.site.text} -> ${p.newText}${p.multiPlatform ? (lang === 'de' ? ' (Multi-Plattform-Index)' : ' (multi-platform index)') : ''}`, failed: false };
    case 'updated':
      return { line: `${o.site.text} -> ${p.newText} (${lang === 'de' ? 'Tag wurde verschoben' : 'tag moved'})`, failed: false };
    case 'up-to-date':
      return { line: `${o.site.text} (${lang === 'de' ? 'Digest aktuell' : 'digest up to date'})`, failed: false };
    case 'already-pinned':
      return { line: `${o.site.text} (${lang === 'de' ? 'bereits gepinnt' : 'already pinned'})`, failed: false };
    case 'failed':
      return { line: `${lang === 'de' ? 'nicht gepinnt' : 'not pinned'}: ${p.reason[lang]}`, failed: true };
  }
}

/** `bollwerk pin [paths…]`: resolves and writes digests; returns the exit code. */
export async function runPin(args: string[], io: PinIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`bollwerk pin: ${parsed}\n${USAGE}`);
    return 2;
  }
  const loaded = loadConfig(parsed.config, io.cwd);
  if (loaded.problems.length > 0 && parsed.config !== undefined) {
    io.stderr.write(`bollwerk pin: ${loaded.problems.join('\n')}\n`);
    return 2;
  }
  const insecure = userInsecureRegistries(parsed.insecure, io.env);
  if (typeof insecure === 'string') {
    io.stderr.write(`bollwerk pin: ${escapeControls(insecure)}\n`);
    return 2;
  }
  const config: Config = { ...loaded.config, pinning: { ...loaded.config.pinning, insecureRegistries: insecure } };
  const lang = parsed.lang ?? config.lang ?? envLang(io.env);
  if (loaded.file !== undefined && insecureRegistriesIgnored(readText(loaded.file))) {
    io.stderr.write(`bollwerk pin: ${escapeControls(relative(io.cwd, loaded.file) || loaded.file)}: ${INSECURE_REGISTRIES_IGNORED[lang]}\n`);
  }
  if (!config.pinning.enabled) {
    io.stderr.write(`bollwerk pin: ${reason('disabled', {})[lang]}\n`);
    return 1;
  }
  const scanRoots = (parsed.paths.length ? parsed.paths : ['.']).map((p) => resolve(io.cwd, p));
  const found = findFiles(scanRoots, { ignorePaths: config.ignorePaths, testDataPaths: config.testDataPaths, ignoreBase: loaded.root });
  for (const problem of found.problems) io.stderr.write(`${escapeControls(problem.path)}: ${escapeControls(problem.message)}\n`);
  if (found.files.length === 0 && found.problems.length > 0) return 2;

  const cache = parsed.noCache ? memoryCache(config.pinning.cacheSeconds) : fileCache(join(cacheDir(io.env), 'digests.json'), config.pinning.cacheSeconds);
  const base = createRegistryClient({ timeoutMs: config.pinning.timeoutMs, insecureRegistries: config.pinning.insecureRegistries, env: io.env, credentials: dockerCredentials(io.env) });
  // --update must see where the tag points now, so it never reads cached answers.
  const client = cachedClient(base, parsed.update ? memoryCache(config.pinning.cacheSeconds) : cache);
  const counts = { pinned: 0, updated: 0, unchanged: 0, failed: 0, files: 0, skipped: 0 };
  const roots = writeRoots(scanRoots);
  for (const file of found.files) {
    const source = readSource(file, config.maxFileBytes);
    if ('note' in source) continue;
    if (isTemplated(file, source.text)) continue;
    const result = await pinText(file, source.text, client, { update: parsed.update, timeoutMs: config.pinning.timeoutMs });
    const shown = escapeControls(relative(io.cwd, file) || file);
    for (const o of result.outcomes) {
      const { line, failed } = describe(o, lang);
      (failed ? io.stderr : io.stdout).write(`${shown}:${where(o.site.range)}: ${escapeControls(line)}\n`);
      const s = o.pin.status;
      if (s === 'failed') counts.failed++;
      else if (s === 'pinned') counts.pinned++;
      else if (s === 'updated') counts.updated++;
      else counts.unchanged++;
    }
    if (!result.changed) continue;
    if (parsed.dryRun) io.stdout.write(unifiedDiff(shown, source.text, result.text));
    else {
      // the registry took its time: the file is written only if it still holds what was read
      const bom = source.bom ? '\ufeff' : '';
      const written = writeBack(file, bom + source.text, bom + result.text, roots);
      if (written.written) counts.files++;
      else {
        io.stderr.write(`${shown}: ${escapeControls(written.message[lang])}\n`);
        counts.skipped++;
      }
    }
  }
  if ('save' in cache && typeof cache.save === 'function' && !parsed.noCache) cache.save();
  const summary =
    lang === 'de'
      ? `${counts.pinned} gepinnt, ${counts.updated} aktualisiert, ${counts.unchanged} unverändert, ${counts.failed} nicht pinnbar; ${parsed.dryRun ? 'Probelauf, nichts geschrieben' : `${counts.files} Dateien geschrieben${counts.skipped ? `, ${counts.skipped} nicht geschrieben` : ''}`}\n`
      : `${counts.pinned} pinned, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} not pinnable; ${parsed.dryRun ? 'dry run, nothing written' : `${counts.files} files written${counts.skipped ? `, ${counts.skipped} not written` : ''}`}\n`;
  io.stdout.write(summary);
  return counts.failed > 0 || counts.skipped > 0 ? 1 : 0;
}
export { imageUserRefiner } from './resolve-images';
