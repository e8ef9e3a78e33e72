// Screenshot of what a person sees: the packaged extension (VSIX) installed into code-server in
// UI mode, the Bollwerk checklist view beside an open Dockerfile with the hover of a finding.
// Saved to test-output/; with --update-screenshots also to client/media/screenshots/ (README).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForHttp } from './harness.mjs';

const VIEWPORT = { width: 1440, height: 860 };

function run(cmd, args, options) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Builds the production bundles and packages the VSIX into `dir`. */
function packageVsix(root, dir) {
  run(process.execPath, ['esbuild.mjs', '--production'], { cwd: root });
  const vsix = join(dir, 'bollwerk.vsix');
  run(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: root });
  return vsix;
}

/** Drags the sash right of the side bar so that item texts and their status fit. */
async function widenSidebar(page, sidebar, width) {
  const box = await sidebar.boundingBox();
  if (!box || box.width >= width) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
}

/** Takes the screenshot; returns its path and what was checked on the page. Throws when the page does not show it. */
export async function takeScreenshot({ rt, chromiumPath, root, verbose = false, update = false }) {
  const work = mkdtempSync(join(tmpdir(), 'bollwerk-shot-'));
  const workspace = join(work, 'workspace');
  cpSync(join(root, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
  const userData = join(work, 'user');
  const extensions = join(work, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'chat.disableAIFeatures': true,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.colorTheme': 'Default Dark Modern',
      'security.workspace.trust.enabled': false,
      'extensions.ignoreRecommendations': true,
      'editor.minimap.enabled': false,
      'editor.hover.delay': 150,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    }),
  );
  const env = { ...process.env, XDG_CONFIG_HOME: join(work, 'config'), XDG_DATA_HOME: join(work, 'data') };
  const vsix = packageVsix(root, work);
  run(rt.node24, [rt.codeServerBin, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], { env });
  const port = await freePort();
  const server = spawn(
    rt.node24,
    [rt.codeServerBin, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensions, workspace],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  if (verbose) {
    server.stdout.on('data', (c) => process.stdout.write(`[code-server] ${c}`));
    server.stderr.on('data', (c) => process.stdout.write(`[code-server] ${c}`));
  }
  const { chromium } = createRequire(import.meta.url)(rt.playwright);
  let browser;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const checks = [];

    // Open the Dockerfile with Quick Open.
    const editorArea = page.locator('.part.editor');
    await editorArea.waitFor();
    await page.keyboard.press('Control+P');
    const quickInput = page.locator('.quick-input-widget input');
    await quickInput.waitFor({ timeout: 20_000 });
    await quickInput.fill('Dockerfile');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /^Dockerfile/ }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'Dockerfile' }).waitFor({ timeout: 20_000 });
    const squiggle = page.locator('.part.editor .squiggly-error').first();
    await squiggle.waitFor({ state: 'attached', timeout: 60_000 });
    checks.push('Dockerfile with an error squiggle');

    // Show the checklist view and expand CSVS and its failed item CSVS-3.1.
    const activity = page.locator('.activitybar [aria-label^="Bollwerk"]').first();
    await activity.waitFor({ timeout: 30_000 });
    await activity.click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar.waitFor();
    await widenSidebar(page, sidebar, 600);
    const csvsRow = sidebar.locator('.monaco-list-row', { hasText: 'OWASP Container Security Verification Standard' }).first();
    await csvsRow.waitFor({ timeout: 60_000 });
    await csvsRow.click();
    const itemRow = sidebar.locator('.monaco-list-row', { hasText: 'CSVS-3.1 ' }).first();
    await itemRow.waitFor({ timeout: 30_000 });
    await itemRow.click();
    await sidebar.locator('.monaco-list-row', { hasText: 'Dockerfile:2' }).first().waitFor({ timeout: 30_000 });
    checks.push('checklist view with CSVS-3.1 failed and its finding');
    const description = await itemRow.locator('.label-description').first().textContent();
    if (!/L2 L3/.test(description ?? '')) throw new Error(`CSVS-3.1 shows "${description}", expected its levels`);

    // Hover the FROM instruction of the finding.
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('the squiggle has no position');
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'CL-2.1.1' }).first();
    const hoverDeadline = Date.now() + 30_000;
    for (;;) {
      await page.mouse.move(box.x + Math.min(20, box.width / 2), box.y + box.height / 2, { steps: 4 });
      try {
        await hover.waitFor({ state: 'visible', timeout: 4_000 });
        break;
      } catch (e) {
        if (Date.now() > hoverDeadline) throw e;
        await page.mouse.move(box.x + 400, box.y + 300);
      }
    }
    checks.push('hover citing CL-2.1.1');

    const saved = [];
    const save = async (name, target = page) => {
      mkdirSync(join(root, 'test-output'), { recursive: true });
      const file = join(root, 'test-output', name);
      await target.screenshot({ path: file });
      saved.push(file);
      if (update) {
        mkdirSync(join(root, 'client/media/screenshots'), { recursive: true });
        copyFileSync(file, join(root, 'client/media/screenshots', name));
      }
      return file;
    };
    const path = await save('checklist-hover.png');

    // The quick-fix menu on the same finding.
    await page.keyboard.press('Escape');
    await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    await page.locator('.monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
    // The code actions arrive asynchronously after the cursor moved: ask again until the menu
    // lists the fix, within a deadline.
    const menu = page.locator('.action-widget').filter({ hasText: /USER/ }).first();
    const menuDeadline = Date.now() + 30_000;
    for (;;) {
      await page.keyboard.press('Control+.');
      try {
        await menu.waitFor({ state: 'visible', timeout: 3_000 });
        break;
      } catch (e) {
        if (Date.now() > menuDeadline) throw e;
        await page.keyboard.press('Escape');
        await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
      }
    }
    checks.push('quick-fix menu offering the USER fix');
    await save('quick-fix.png');
    await page.keyboard.press('Escape');

    // The HTML compliance report of the same workspace, as an auditor opens it.
    const report = join(work, 'report.html');
    run(process.execPath, [join(root, 'dist/cli.js'), 'checklist', workspace, '--format', 'html', '--output', report, '--lang', 'en'], { cwd: workspace });
    const reportPage = await browser.newPage({ viewport: { width: 1100, height: 860 } });
    await reportPage.goto(`file://${report}`);
    await reportPage.getByText('CSVS-3.1', { exact: false }).first().waitFor({ timeout: 10_000 });
    checks.push('HTML compliance report');
    await save('compliance-report.png', reportPage);
    return { path, saved, checks };
  } finally {
    await browser?.close().catch(() => {});
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(work, { recursive: true, force: true });
  }
}
