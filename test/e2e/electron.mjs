#!/usr/bin/env node
// The same end-to-end test modules (test/e2e/suite) under @vscode/test-electron, for machines that
// can download a desktop VS Code (a developer's desktop, hosted CI). NOT run on the project's own
// machines and CI: they reach only the npm registry and Debian's archive, and test-electron
// downloads VS Code from its update service. There, test/e2e/run.mjs runs the modules in
// code-server's VS Code instead.
// Usage: node test/e2e/electron.mjs [--version stable|insiders|1.x.y]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { bundleTests } from './harness.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const versionFlag = process.argv.indexOf('--version');
const version = versionFlag > 0 ? process.argv[versionFlag + 1] : 'stable';

const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
await bundleTests();

const work = mkdtempSync(join(tmpdir(), 'bollwerk-electron-'));
const workspace = join(work, 'workspace');
cpSync(join(root, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
let code = 1;
try {
  code = await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/e2e/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${join(work, 'user')}`],
    extensionTestsEnv: { BOLLWERK_E2E_RESULTS: join(work, 'results.json') },
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(code);
