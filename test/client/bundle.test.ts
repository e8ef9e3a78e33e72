import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import * as esbuild from 'esbuild';

const ROOT = join(__dirname, '..', '..');

// The extension only starts the language server and shows what it answers: the rule engine, the
// parsers and their libraries belong to the server's bundle. Bundled as esbuild.mjs's production
// build does it.
it('the extension bundle carries no rule engine, parser or YAML library', async () => {
  const r = await esbuild.build({
    entryPoints: [join(ROOT, 'client/src/extension.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: true,
    legalComments: 'none',
    write: false,
    metafile: true,
    outfile: join(ROOT, 'out', 'bundle-check.js'),
    absWorkingDir: ROOT,
  });
  const inputs = Object.keys(r.metafile.inputs);
  const forbidden = inputs.filter((p) =>
    /^shared\/src\/(rules|parse|facts|helm|kustomize|report|lint|lint-documents|engine-rules|config|config-edit|yaml-edit)(\/|\.ts$)/.test(p) || /node_modules\/(yaml|dockerfile-ast|dockerfile-utils|dockerfile-language-service|undici)\//.test(p),
  );
  assert.deepEqual(forbidden, []);
  const size = r.outputFiles[0]!.contents.length;
  // the language client library itself is about 435 KB of it, the checklist texts in two languages about 110 KB
  assert.ok(size < 600_000, `dist/extension.js is ${size} bytes minified`);
});
