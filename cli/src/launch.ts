// The `bollwerk` bin (dist/cli.js): loads the command line's bundle (dist/cli-main.js) with V8's
// code cache, when the build left one beside it (dist/cli-main.js.cache).
//
// A CLI run is short: compiling the bundle and then each function on its first call took about a
// quarter of the time of `bollwerk --version` and 20-30 ms of every scan. The build runs the command
// line once over the sample with BOLLWERK_WRITE_CODE_CACHE=1, so the cache holds the bytecode of
// everything a scan calls. The cache's first line names the bundle's build (its content hash, in the
// bundle's last line): a cache of another build is ignored, and V8 itself rejects one of another
// Node version or V8 setting. Without a usable cache the bundle is compiled as usual.
import './v8-flags';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const BUILD_LINE = /\/\/ build ([0-9a-f]{16,})\s*$/;

/** How the bundle was compiled: with the cache, or why not. */
type CacheUse = 'used' | 'absent' | 'other build' | 'rejected by V8';

function readCache(path: string, build: string | undefined): { data?: Buffer; use: CacheUse } {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return { use: 'absent' };
  }
  const nl = buf.indexOf(10);
  if (build === undefined || nl < 0 || buf.toString('latin1', 0, nl) !== build) return { use: 'other build' };
  return { data: buf.subarray(nl + 1), use: 'used' };
}

const file = join(__dirname, 'cli-main.js');
const cacheFile = `${file}.cache`;
const source = readFileSync(file, 'utf8');
const build = BUILD_LINE.exec(source.slice(-200))?.[1];
const cache = readCache(cacheFile, build);
const script = new Script(wrap(source), { filename: file, ...(cache.data ? { cachedData: cache.data } : {}) });
const use: CacheUse = cache.data && script.cachedDataRejected ? 'rejected by V8' : cache.use;
if (process.env.BOLLWERK_DEBUG) process.stderr.write(`bollwerk: code cache ${use}\n`);
if (process.env.BOLLWERK_WRITE_CODE_CACHE && build) {
  // written at exit, when the run has compiled what it called
  process.on('exit', () => {
    // renamed into place, so that a run starting meanwhile reads the old cache or the new one, not half of one
    const partial = `${cacheFile}.${process.pid}`;
    writeFileSync(partial, Buffer.concat([Buffer.from(`${build}\n`, 'latin1'), script.createCachedData()]));
    renameSync(partial, cacheFile);
  });
}
const mod: { exports: { runCli?: () => void } } = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
mod.exports.runCli!();
