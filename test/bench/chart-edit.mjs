#!/usr/bin/env node
// Editor latency in a Helm chart, measured as an editor sees it: the built server (dist/server.js)
// over stdio with the argo-cd chart of $BOLLWERK_CORPUS/helm/charts/argo-cd as its workspace folder,
// single-character edits, time until the publishDiagnostics of that document version arrives
// (each edit renders the chart again and lints what changed).
//   template  100 edits in templates/argocd-server/deployment.yaml (goal p95 ≤ 100 ms)
//   values    30 edits of one value in values.yaml that many templates print (no goal: every template it feeds is linted again)
// Usage: node test/bench/chart-edit.mjs (after `node esbuild.mjs`); test/bench/run.mjs runs it with BENCH_PART=chart-edit.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const root = fileURLToPath(new URL('../..', import.meta.url));
const serverPath = resolve(process.env.BOLLWERK_BENCH_SERVER ?? join(root, 'dist', 'server.js'));
const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(root, '..', 'shared', 'corpus'));
const CHART = join(corpus, 'helm', 'charts', 'argo-cd');
const TEMPLATE = join(CHART, 'templates', 'argocd-server', 'deployment.yaml');
const VALUES = join(CHART, 'values.yaml');
export const GOAL_P95_MS = 100;

/** Starts the server on the chart folder; returns the connection and a way to await a document version's diagnostics. */
async function startServer() {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiters.get(`${p.uri}@${p.version}`);
    if (w) {
      waiters.delete(`${p.uri}@${p.version}`);
      w({ at: performance.now(), count: p.diagnostics.length });
    }
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const folder = pathToFileURL(CHART).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: 'argo-cd' }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: true, workspaceFolders: true } },
    initializationOptions: { locale: 'en' },
  });
  await connection.sendNotification('initialized', {});
  const diagnosticsOf = (uri, version, timeoutMs = 60000) =>
    new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}@${version}`)), timeoutMs);
      waiters.set(`${uri}@${version}`, (v) => (clearTimeout(timer), resolvePromise(v)));
    });
  const stop = async () => {
    await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]).catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    setTimeout(() => child.kill(), 200).unref();
    connection.dispose();
  };
  /** CPU milliseconds the server process used so far (Linux /proc; undefined elsewhere). */
  const cpuMs = () => {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in clock ticks (USER_HZ = 100)
    } catch {
      return undefined;
    }
  };
  return { connection, diagnosticsOf, stop, cpuMs };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (x) => Math.round(x * 10) / 10;

/** Measures `edits` one-character insertions at the end of the lines `pattern` matches (spread over them). */
async function measure(s, path, pattern, edits, maxSpots = Infinity) {
  const uri = pathToFileURL(path).toString();
  const text = readFileSync(path, 'utf8');
  const first = s.diagnosticsOf(uri, 1);
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const opened = await first;
  const spots = [];
  text.split('\n').forEach((line, n) => {
    if (pattern.test(line) && spots.length < maxSpots) spots.push({ line: n, character: line.length });
  });
  if (spots.length === 0) throw new Error(`no line to edit in ${path}`);
  const shifted = new Map();
  const times = [];
  const cpu = [];
  for (let i = 0; i < edits; i++) {
    const spot = spots[Math.floor((i * spots.length) / edits)];
    const character = spot.character + (shifted.get(spot.line) ?? 0);
    shifted.set(spot.line, (shifted.get(spot.line) ?? 0) + 1);
    const version = i + 2;
    const done = s.diagnosticsOf(uri, version);
    const cpuBefore = s.cpuMs();
    const start = performance.now();
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: spot.line, character }, end: { line: spot.line, character } }, text: 'x' }],
    });
    const { at } = await done;
    times.push(at - start);
    const cpuAfter = s.cpuMs();
    if (cpuBefore !== undefined && cpuAfter !== undefined) cpu.push(cpuAfter - cpuBefore);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // per-edit CPU has the 10 ms resolution of /proc; on a busy machine it is the steadier number
  const serverCpu = cpu.length ? { p50: round(percentile(cpu, 50)), p95: round(percentile(cpu, 95)), mean: round(cpu.reduce((a, b) => a + b, 0) / cpu.length) } : undefined;
  return { edits, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times[times.length - 1]), diagnostics: opened.count, serverCpu };
}

/** Both measurements in one server (the template first, as an editor opens it). */
export async function measureChartEdits() {
  if (!existsSync(serverPath)) throw new Error(`${serverPath} not found: run \`node esbuild.mjs\` first`);
  if (!existsSync(TEMPLATE)) throw new Error(`corpus chart not found at ${CHART}: set BOLLWERK_CORPUS to the corpus directory`);
  const s = await startServer();
  try {
    // configMapKeyRef names in the template: plain scalars, the chart renders with any of them
    const template = await measure(s, TEMPLATE, /^\s+name: [A-Za-z0-9][A-Za-z0-9_.-]*$/, 100);
    // the application controller's name, printed into the names and labels of its objects
    const values = await measure(s, VALUES, /^  name: application-controller$/, 30, 1);
    return { template, values, loadAverage: loadavg()[0] };
  } finally {
    await s.stop();
  }
}

/** Prints a result as run.mjs and the command line show it. */
export function describeChartEdits(r) {
  const cpu = (x) => (x.serverCpu ? `; server CPU per edit p50 ${x.serverCpu.p50} ms, p95 ${x.serverCpu.p95} ms, mean ${x.serverCpu.mean} ms` : '');
  return [
    `chart edit→diagnostics, argo-cd template: p50 ${r.template.p50} ms, p95 ${r.template.p95} ms, max ${r.template.max} ms over ${r.template.edits} edits (goal p95 ≤ ${GOAL_P95_MS} ms) ${r.template.p95 <= GOAL_P95_MS ? 'met' : 'NOT met'}${cpu(r.template)}`,
    `chart edit→diagnostics, argo-cd values.yaml (a name many templates print): p50 ${r.values.p50} ms, p95 ${r.values.p95} ms over ${r.values.edits} edits${cpu(r.values)}`,
    `load average during the run: ${r.loadAverage.toFixed(1)} on ${availableParallelism()} cores`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  measureChartEdits().then(
    (r) => console.log(describeChartEdits(r)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
