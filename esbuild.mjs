// Bundles the extension (client), the language server and the CLI into dist/.
// --watch rebuilds on change; --production minifies and drops source maps.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { writeNotices } from './scripts/third-party-notices.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
};

const CLI_BUNDLE = 'dist/cli-main.js';

/**
 * After each build of dist/cli-main.js: its last line names the build (a hash of its content), and
 * the code cache of the build before is removed (cli/src/launch.ts ignores a cache of another
 * build anyway). writeCodeCache makes the new one once all bundles are built.
 */
function codeCache() {
  return {
    name: 'code-cache',
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length) return;
        const hash = createHash('sha256').update(readFileSync(CLI_BUNDLE)).digest('hex').slice(0, 32);
        appendFileSync(CLI_BUNDLE, `\n// build ${hash}\n`);
        rmSync(`${CLI_BUNDLE}.cache`, { force: true });
      });
    },
  };
}

/**
 * One run of the command line with BOLLWERK_WRITE_CODE_CACHE=1 over the sample and over
 * test/fixtures/code-cache, whose Dockerfiles reach the parser's and the rules' paths (JSON forms,
 * here-documents, quoting, redirections, suppressions, fixes): the cache then holds what a scan
 * compiles. A function left out is compiled on its first call; of the corpus's Dockerfiles, the
 * sample alone left 125 functions to compile during the scan.
 */
function writeCodeCache() {
  const r = spawnSync(process.execPath, ['dist/cli.js', 'test/fixtures/sample', 'test/fixtures/code-cache', '--format', 'json', '--fail-on', 'never'], {
    env: { ...process.env, BOLLWERK_WRITE_CODE_CACHE: '1', BOLLWERK_THREADS: '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 || !existsSync(`${CLI_BUNDLE}.cache`)) console.warn(`esbuild.mjs: no code cache for the command line (it runs without one): ${r.stderr || r.error || 'not written'}`);
}

/**
 * Parts of the command line in bundles of their own, loaded by a `require` of the module only when
 * a command needs them; in the bundle that require names the file beside it.
 * - `bollwerk pin` (dist/cli-pin.js): the registry client brings undici, which doubled
 *   dist/cli-main.js (1.0 -> 2.1 MB) that every scan loads. main.ts requires './pin' only for the
 *   pin command.
 * - the deployable units of a scan (dist/cli-render.js): the Helm renderer and the kustomize
 *   builder, which scan.ts (and fix.ts, for --fix) require only when a scan finds a chart or a
 *   kustomization, and the scan worker only when the language server asks it for the deploy stages.
 */
const APART = [
  { request: './pin', importer: 'main.ts', bundle: './cli-pin.js' },
  { request: './deployables', importer: 'scan.ts', bundle: './cli-render.js' },
  { request: './deployables', importer: 'fix.ts', bundle: './cli-render.js' },
  { request: './deployables', importer: 'worker.ts', bundle: './cli-render.js' },
];
function bundlesApart() {
  return {
    name: 'bundles-apart',
    setup(build) {
      build.onResolve({ filter: /^\.\/(pin|deployables)$/ }, (args) => {
        const apart = APART.find((a) => a.request === args.path && args.importer.endsWith(a.importer));
        return apart ? { path: apart.bundle, external: true } : undefined;
      });
    },
  };
}

const builds = [
  // The client is the only bundle that may import `vscode`.
  { ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // Server and CLI must not import `vscode`: it is not external here, so a stray import fails the build.
  { ...common, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The CLI: the bin (dist/cli.js, cli/src/launch.ts) loads the bundle (dist/cli-main.js) with V8's code cache.
  { ...common, entryPoints: { cli: 'cli/src/launch.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: { 'cli-main': 'cli/src/main.ts' }, outdir: 'dist', plugins: [bundlesApart(), codeCache()] },
  { ...common, entryPoints: { 'cli-pin': 'cli/src/pin.ts' }, outdir: 'dist' },
  // one bundle of the renderer and the builder for both of its requirers (the scan's passes, --fix)
  { ...common, entryPoints: { 'cli-render': 'cli/src/render-bundle.ts' }, outdir: 'dist' },
  // The worker threads of workspace scans (host/src/workspace/pool.ts looks for it beside the bundle);
  // they lint single files; the language server's scan worker then runs the deploy stages, from
  // dist/cli-render.js.
  { ...common, entryPoints: { 'scan-worker': 'host/src/workspace/worker.ts' }, outdir: 'dist', plugins: [bundlesApart()] },
  // The benchmark's baseline: only parsing, with the product's parsers (test/bench/parse-only.ts).
  { ...common, entryPoints: { 'bench-parse-only': 'test/bench/parse-only.ts' }, outdir: 'dist' },
  // The benchmark of charts and kustomizations (test/bench/deployables.ts).
  { ...common, entryPoints: { 'bench-deployables': 'test/bench/deployables.ts' }, outdir: 'dist' },
];

const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  // the shipped bundles' inputs (the benchmark's bundles are not shipped); dist/inputs.json lets tests check what went in
  const shipped = results.filter((_, k) => !Object.keys(builds[k].entryPoints).some((e) => e.startsWith('bench-'))).map((r) => r.metafile);
  writeFileSync('dist/inputs.json', JSON.stringify(Object.fromEntries(shipped.map((m) => [Object.keys(m.outputs).find((o) => o.endsWith('.js')), Object.keys(m.inputs)]))));
  writeNotices(process.cwd(), shipped);
  writeCodeCache();
}
