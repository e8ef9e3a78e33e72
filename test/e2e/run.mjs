#!/usr/bin/env node
// End-to-end tests in a real VS Code: the VS Code server of the npm package code-server, in its
// test-runner mode, driven by Debian's Chromium through playwright-core (test/e2e/README.md).
// Installs the runtime into test/e2e/.runtime on first use, builds the extension, bundles the test
// modules, runs them in the extension host of a temporary workspace, then takes the screenshot of
// the UI (screenshot.mjs). Prints one line per test and closes with "N passed, N failed".
// Usage: node test/e2e/run.mjs [--no-screenshot | --screenshot-only] [--update-screenshots] [--keep] [--verbose] [--grep TEXT]
// --grep runs only the extension-host tests whose name contains TEXT (no grammar test, no screenshot).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleTests, freePort, root, waitForHttp } from './harness.mjs';
import { ensureRuntime, findChromium } from './runtime.mjs';
import { takeScreenshot } from './screenshot.mjs';

const flags = new Set(process.argv.slice(2));
const grepAt = process.argv.indexOf('--grep');
const grep = grepAt >= 0 ? process.argv[grepAt + 1] : undefined;
const verbose = flags.has('--verbose');
const started = Date.now();
const results = [];
const record = (name, ok, ms, error) => {
  results.push({ name, ok, ms, error });
  console.log(`${ok ? '✔' : '✖'} ${name} (${ms} ms)${ok || !error ? '' : `\n  ${String(error).split('\n').join('\n  ')}`}`);
};

function build() {
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the extension build failed');
}

/** The suppression-grammar test against VS Code's own Dockerfile and YAML grammars from the runtime. */
function grammarTest() {
  const tap = join(tmpdir(), `bollwerk-grammar-${process.pid}.tap`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', `--test-reporter-destination=${tap}`, 'test/syntaxes/suppression-grammar.test.ts'], {
    cwd: root,
    env: { ...process.env, BOLLWERK_REAL_GRAMMARS: '1' },
    encoding: 'utf8',
  });
  const out = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  rmSync(tap, { force: true });
  const tests = [...out.matchAll(/^ {4}(not ok|ok) \d+ - (.+)$/gm)];
  if (tests.length === 0) record('suppression grammar with VS Code grammars', false, Date.now() - t0, r.stderr || out || 'no test ran');
  for (const [, status, name] of tests) record(`grammar: ${name}`, status === 'ok', 0, status === 'ok' ? undefined : out);
}

/** Runs the test modules in the extension host of a code-server in test-runner mode. */
async function extensionHostTests(rt, chromiumPath, testsBundle) {
  const work = mkdtempSync(join(tmpdir(), 'bollwerk-e2e-'));
  const workspace = join(work, 'workspace');
  cpSync(join(root, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
  const data = join(work, 'server');
  mkdirSync(join(data, 'data', 'User'), { recursive: true });
  writeFileSync(join(data, 'data', 'User', 'settings.json'), JSON.stringify({ 'chat.disableAIFeatures': true, 'security.workspace.trust.enabled': false }));
  const resultsFile = join(work, 'results.json');
  const port = await freePort();
  const server = spawn(
    rt.node24,
    [rt.serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry', '--reconnection-grace-time', '0', '--server-data-dir', data, '--user-data-dir', join(data, 'data'), '--extensions-dir', join(data, 'ext')],
    { env: { ...process.env, BOLLWERK_E2E_RESULTS: resultsFile, XDG_CONFIG_HOME: join(work, 'config'), ...(grep ? { BOLLWERK_E2E_GREP: grep } : {}) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const serverLog = [];
  const keepLog = (chunk) => {
    serverLog.push(String(chunk));
    if (verbose) process.stdout.write(`[server] ${chunk}`);
  };
  server.stdout.on('data', keepLog);
  server.stderr.on('data', keepLog);
  const { chromium } = createRequire(import.meta.url)(rt.playwright);
  let browser;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/version`, 30_000);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const page = await browser.newPage();
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    await page.exposeFunction('codeAutomationLog', (line) => verbose && console.log(`[host] ${line}`));
    if (verbose) page.on('console', (m) => console.log(`[page] ${m.text()}`));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [['extensionDevelopmentPath', remote(root.replace(/\/$/, ''))], ['extensionTestsPath', remote(testsBundle)], ['skipWelcome', 'true']];
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 300_000));
    const code = await Promise.race([exited, timeout]);
    if (!existsSync(resultsFile)) {
      record('extension host tests', false, Date.now() - started, `no results (exit ${code}); server log:\n${serverLog.join('').slice(-4000)}`);
      return;
    }
    const { results: hostResults } = JSON.parse(readFileSync(resultsFile, 'utf8'));
    for (const r of hostResults) record(r.name, r.ok, r.ms, r.error);
    if (code !== 0 && hostResults.every((r) => r.ok)) record('extension host exit code', false, 0, `exit ${code}`);
  } finally {
    await browser?.close().catch(() => {});
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    if (!flags.has('--keep')) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

async function main() {
  const rt = ensureRuntime();
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error('Chromium is missing: apt-get install -y chromium (see .ci/run)');
  build();
  if (!flags.has('--screenshot-only')) {
    const testsBundle = await bundleTests();
    if (!grep) grammarTest();
    await extensionHostTests(rt, chromiumPath, testsBundle);
  }
  if (!flags.has('--no-screenshot') && !grep) {
    const t0 = Date.now();
    try {
      const shot = await takeScreenshot({ rt, chromiumPath, root, verbose, update: flags.has('--update-screenshots') });
      record(`screenshot: ${shot.checks.join(', ')} → ${shot.path}`, true, Date.now() - t0);
    } catch (e) {
      record('screenshot of the checklist view beside a Dockerfile with a hover', false, Date.now() - t0, e instanceof Error ? e.stack : String(e));
    }
  }
}

try {
  await main();
} catch (e) {
  record('e2e setup', false, Date.now() - started, e instanceof Error ? e.stack : String(e));
}
const failed = results.filter((r) => !r.ok).length;
console.log(`\ne2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
