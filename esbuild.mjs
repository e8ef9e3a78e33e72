// Bundles the extension (client), the language server and the CLI into dist/.
// --watch rebuilds on change; --production minifies and drops source maps.
import * as esbuild from 'esbuild';

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
};

const builds = [
  // The client is the only bundle that may import `vscode`.
  { ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // Server and CLI must not import `vscode`: it is not external here, so a stray import fails the build.
  { ...common, entryPoints: { server: 'server/src/main.ts', cli: 'shared/src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The worker threads of workspace scans (shared/src/workspace/pool.ts looks for it beside the bundle).
  { ...common, entryPoints: { 'scan-worker': 'shared/src/workspace/worker.ts' }, outdir: 'dist' },
  // The benchmark's baseline: only parsing, with the product's parsers (test/bench/parse-only.ts).
  { ...common, entryPoints: { 'bench-parse-only': 'test/bench/parse-only.ts' }, outdir: 'dist' },
];

const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
