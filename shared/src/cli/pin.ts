import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Config } from '../config';
import { isTemplated } from '../parse/kind';
import { cachedClient, cacheDir, fileCache, memoryCache } from '../registry/cache';
import { createRegistryClient } from '../registry/client';
import { dockerCredentials } from '../registry/credentials';
import { unifiedDiff } from '../registry/diff';
import { reason } from '../registry/messages';
import { pinText, where, type SiteOutcome } from '../registry/pin';
import type { Lang } from '../types';
import { findFiles } from '../workspace/walk';
import { loadConfig } from '../workspace/config-file';
import { readSource } from '../workspace/source';

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
}

const USAGE = `Usage: bollwerk pin [paths…] [--dry-run] [--update] [--no-cache] [--config FILE] [--lang en|de]

Pins the images of Dockerfiles (FROM, COPY --from), Compose files (image:) and Kubernetes
manifests (image: of every container) to their registry digest: name:tag@sha256:…
  --dry-run   show a unified diff, write nothing
  --update    re-resolve references already pinned and replace digests whose tag moved
  --no-cache  ask the registry even when a recent answer is cached
Exit codes: 0 all pinned, 1 some reference could not be pinned, 2 usage error.
`;

function parseArgs(args: readonly string[]): PinArgs | string {
  const paths: string[] = [];
  let dryRun = false;
  let update = false;
  let noCache = false;
  let config: string | undefined;
  let lang: Lang | undefined;
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
    } else if (flag === '--') paths.push(...args.slice(i + 1)), (i = args.length);
    else if (flag.startsWith('-')) return `unknown option ${flag}`;
    else paths.push(a);
  }
  return { paths, dryRun, update, noCache, config, lang };
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
  const config: Config = loaded.config;
  const lang = parsed.lang ?? config.lang ?? envLang(io.env);
  if (!config.pinning.enabled) {
    io.stderr.write(`bollwerk pin: ${reason('disabled', {})[lang]}\n`);
    return 1;
  }
  const roots = (parsed.paths.length ? parsed.paths : ['.']).map((p) => resolve(io.cwd, p));
  const found = findFiles(roots, { ignorePaths: config.ignorePaths, testDataPaths: config.testDataPaths, ignoreBase: loaded.root });
  for (const problem of found.problems) io.stderr.write(`${problem.path}: ${problem.message}\n`);
  if (found.files.length === 0 && found.problems.length > 0) return 2;

  const cache = parsed.noCache ? memoryCache(config.pinning.cacheSeconds) : fileCache(join(cacheDir(io.env), 'digests.json'), config.pinning.cacheSeconds);
  const base = createRegistryClient({ timeoutMs: config.pinning.timeoutMs, insecureRegistries: config.pinning.insecureRegistries, env: io.env, credentials: dockerCredentials(io.env) });
  // --update must see where the tag points now, so it never reads cached answers.
  const client = cachedClient(base, parsed.update ? memoryCache(config.pinning.cacheSeconds) : cache);
  const counts = { pinned: 0, updated: 0, unchanged: 0, failed: 0, files: 0 };
  for (const file of found.files) {
    const source = readSource(file, config.maxFileBytes);
    if ('note' in source) continue;
    if (isTemplated(file, source.text)) continue;
    const result = await pinText(file, source.text, client, { update: parsed.update, timeoutMs: config.pinning.timeoutMs });
    const shown = relative(io.cwd, file) || file;
    for (const o of result.outcomes) {
      const { line, failed } = describe(o, lang);
      (failed ? io.stderr : io.stdout).write(`${shown}:${where(o.site.range)}: ${line}\n`);
      const s = o.pin.status;
      if (s === 'failed') counts.failed++;
      else if (s === 'pinned') counts.pinned++;
      else if (s === 'updated') counts.updated++;
      else counts.unchanged++;
    }
    if (!result.changed) continue;
    if (parsed.dryRun) io.stdout.write(unifiedDiff(shown, source.text, result.text));
    else {
      writeFileSync(file, (source.bom ? '\ufeff' : '') + result.text);
      counts.files++;
    }
  }
  if ('save' in cache && typeof cache.save === 'function' && !parsed.noCache) cache.save();
  const summary =
    lang === 'de'
      ? `${counts.pinned} gepinnt, ${counts.updated} aktualisiert, ${counts.unchanged} unverändert, ${counts.failed} nicht pinnbar; ${parsed.dryRun ? 'Probelauf, nichts geschrieben' : `${counts.files} Dateien geschrieben`}\n`
      : `${counts.pinned} pinned, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} not pinnable; ${parsed.dryRun ? 'dry run, nothing written' : `${counts.files} files written`}\n`;
  io.stdout.write(summary);
  return counts.failed > 0 ? 1 : 0;
}
