// The large-repository workload of the benchmark: the corpus's realworld/files copied ten times into
// a temporary folder (made at bench time, never committed, removed afterwards), scanned by the CLI
// beside the same scan of one copy. The goals: peak RSS at most LARGE_REPO_GOALS.cliPeakRssMb on ten
// copies, and the time of ten copies at most LARGE_REPO_GOALS.cliTimeRatio times the time of one.
//
// The language server's side of the workload is measured by test/bench/large-repo-server.mjs when it
// is there: it exports measureLargeRepoServer(workload, options), which gets the workload of
// largeRepoWorkload() and returns { rows, goals } in the shape of measureLargeRepo's answer (see
// LargeRepoRow); its rows are printed in the same table.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The goals of the workload (issue 22): the CLI on ten copies against one. */
export const LARGE_REPO_GOALS = { copies: 10, cliPeakRssMb: 500, cliTimeRatio: 11 };

function countFiles(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? countFiles(join(dir, e.name)) : e.isFile() ? 1 : 0;
  return n;
}

/**
 * Makes the workload in `work` (a temporary folder the caller removes; `cleanup` removes the copies
 * alone): `one` is realworld/files itself, `ten` a folder holding `copies` copies of it (copy-0 …).
 */
export function largeRepoWorkload({ realworld, work, copies = LARGE_REPO_GOALS.copies }) {
  const one = join(realworld, 'files');
  if (!existsSync(one) || !statSync(one).isDirectory()) throw new Error(`large-repo: ${one} is not a folder`);
  const ten = mkdtempSync(join(work, 'large-repo-'));
  for (let i = 0; i < copies; i++) cpSync(one, join(ten, `copy-${i}`), { recursive: true });
  const files = { one: countFiles(one), ten: countFiles(ten) };
  return { one, ten, copies, files, cleanup: () => rmSync(ten, { recursive: true, force: true }) };
}

/**
 * One row of the workload's table: what was measured on one copy and on ten. `wallMs`, `cpuMs` and
 * `maxRssKb` as run.mjs's measure() gives them.
 * @typedef {{ side: string, what: string, one: { wallMs: number, cpuMs: number, maxRssKb: number }, ten: { wallMs: number, cpuMs: number, maxRssKb: number } }} LargeRepoRow
 */

const best = (samples) => ({ wallMs: Math.min(...samples.map((s) => s.wallMs)), cpuMs: Math.min(...samples.map((s) => s.cpuMs)), maxRssKb: Math.max(...samples.map((s) => s.maxRssKb)) });

/**
 * Measures the CLI's `scan --format json` on one copy and on ten (`runs` times each, interleaved;
 * fastest time, largest peak RSS), then the server's side when test/bench/large-repo-server.mjs is
 * there. `measure(args, env)` is run.mjs's: it runs `node args…` and returns wall ms, CPU ms and peak RSS.
 */
export async function measureLargeRepo({ realworld, work, cli, measure, runs = 1, log = (m) => process.stderr.write(`${m}\n`) }) {
  const workload = largeRepoWorkload({ realworld, work });
  try {
    log(`large-repo: ${workload.files.one} files, ${workload.copies} copies: ${workload.files.ten} files`);
    const scan = (dir, out) => [cli, dir, '--format', 'json', '--output', join(work, out), '--fail-on', 'never'];
    const samples = { one: [], ten: [] };
    for (let i = 0; i < runs; i++) {
      log(`large-repo run ${i + 1}/${runs}: CLI on one copy`);
      samples.one.push(measure(scan(workload.one, 'large-repo-1x.json')));
      log(`large-repo run ${i + 1}/${runs}: CLI on ${workload.copies} copies`);
      samples.ten.push(measure(scan(workload.ten, 'large-repo-10x.json')));
    }
    /** @type {LargeRepoRow[]} */
    const rows = [{ side: 'cli', what: 'bollwerk scan --format json', one: best(samples.one), ten: best(samples.ten) }];
    const cliRow = rows[0];
    const goals = [
      { what: `CLI peak RSS on ${workload.copies} copies ≤ ${LARGE_REPO_GOALS.cliPeakRssMb} MB`, value: cliRow.ten.maxRssKb / 1024, unit: 'MB', met: cliRow.ten.maxRssKb / 1024 <= LARGE_REPO_GOALS.cliPeakRssMb },
      { what: `CLI time on ${workload.copies} copies ≤ ${LARGE_REPO_GOALS.cliTimeRatio}× one copy (wall)`, value: cliRow.ten.wallMs / cliRow.one.wallMs, unit: '×', met: cliRow.ten.wallMs / cliRow.one.wallMs <= LARGE_REPO_GOALS.cliTimeRatio },
      { what: `the same in CPU time (steadier on a busy machine)`, value: cliRow.ten.cpuMs / cliRow.one.cpuMs, unit: '×', met: cliRow.ten.cpuMs / cliRow.one.cpuMs <= LARGE_REPO_GOALS.cliTimeRatio },
    ];
    const serverModule = new URL('./large-repo-server.mjs', import.meta.url);
    if (existsSync(serverModule)) {
      const { measureLargeRepoServer } = await import(pathToFileURL(serverModule.pathname).href);
      const server = await measureLargeRepoServer(workload, { work, runs, log });
      rows.push(...server.rows);
      goals.push(...server.goals);
      return { files: workload.files, copies: workload.copies, rows, goals, server: server.details };
    }
    return { files: workload.files, copies: workload.copies, rows, goals };
  } finally {
    workload.cleanup();
  }
}

/** The workload's table and goals as lines of text. */
export function largeRepoReport(result) {
  const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const fmtMb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
  const head = ['', 'what', `1× (${result.files.one} files): wall, CPU, peak RSS`, `${result.copies}× (${result.files.ten} files): wall, CPU, peak RSS`, `${result.copies}×/1× wall, CPU`];
  const rows = [head, ...result.rows.map((r) => [r.side, r.what, `${fmtS(r.one.wallMs)}, ${fmtS(r.one.cpuMs)}, ${fmtMb(r.one.maxRssKb)}`, `${fmtS(r.ten.wallMs)}, ${fmtS(r.ten.cpuMs)}, ${fmtMb(r.ten.maxRssKb)}`, `${(r.ten.wallMs / r.one.wallMs).toFixed(1)}×, ${(r.ten.cpuMs / r.one.cpuMs).toFixed(1)}×`])];
  if (!result.rows.some((r) => r.side === 'server')) rows.push(['server', '(test/bench/large-repo-server.mjs not present)', '', '', '']);
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = [`(8) large repository: realworld/files and ${result.copies} copies of it`];
  for (const r of rows) lines.push(`  ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd());
  const value = (g) => (g.unit === 'MB' ? `${g.value.toFixed(g.value < 10 ? 2 : 0)} MB` : g.unit === 'ms' ? `${g.value} ms` : `${g.value.toFixed(2)}×`);
  for (const g of result.goals) lines.push(`    ${g.what}: ${value(g)} ${g.met ? 'met' : 'NOT met'}`);
  return lines;
}
