#!/usr/bin/env node
// Writes THIRD-PARTY-NOTICES.md: the licence of every package the bundles in dist/ carry (the CLI,
// its scan worker, the language server and the extension), found from esbuild's metafile of the same
// entry points, with each package's licence text. `npm pack` and `npm run package` run it first.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';

const entries = {
  'cli-main': 'shared/src/cli/main.ts',
  'scan-worker': 'shared/src/workspace/worker.ts',
  server: 'server/src/main.ts',
  extension: 'client/src/extension.ts',
};
const result = await esbuild.build({ entryPoints: entries, bundle: true, platform: 'node', format: 'cjs', outdir: 'dist', write: false, metafile: true, external: ['vscode'], logLevel: 'error' });

/** The package directory of a bundled input (the innermost node_modules/<name> or node_modules/@scope/name). */
function packageDir(input) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return m ? m[1] : undefined;
}

const dirs = new Set(Object.keys(result.metafile.inputs).map(packageDir).filter(Boolean));
const packages = [...dirs]
  .map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    return { name: pkg.name, version: pkg.version, license: typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see package'), text: file ? readFileSync(join(dir, file), 'utf8').trim() : undefined, dir };
  })
  .filter((p, i, all) => all.findIndex((q) => q.name === p.name && q.version === p.version) === i)
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const missing = packages.filter((p) => p.text === undefined);
if (missing.length) {
  // a package without a licence file: say so in the notice instead of leaving it out
  for (const p of missing) p.text = `${p.name} declares the licence ${p.license} and ships no licence text; see ${dirname(p.dir)}/${p.name}/package.json.`;
}
const body = packages.map((p) => `## ${p.name} ${p.version} (${p.license})\n\n\`\`\`\n${p.text}\n\`\`\`\n`).join('\n');
writeFileSync(
  'THIRD-PARTY-NOTICES.md',
  `# Third-party notices\n\nThe bundles in \`dist/\` (the \`bollwerk\` command line, \`bollwerk-language-server\` and the VS Code extension) include the following packages. Their licences follow.\n\n${body}`,
);
console.log(`THIRD-PARTY-NOTICES.md: ${packages.length} packages`);
