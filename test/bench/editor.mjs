#!/usr/bin/env node
// Editor latency of the language server, measured as an editor sees it: the built server
// (dist/server.js) over stdio, single-character incremental edits, time until the
// publishDiagnostics of that document version arrives.
//   manifest5k       100 edits on a generated 5,000-line multi-document manifest (goal p95 ≤ 50 ms)
//   argoInstall      100 edits on $BOLLWERK_CORPUS/realworld/files/argoproj__argo-cd/manifests/ha/install.yaml (goal p95 ≤ 100 ms)
//   startToFirstDiagnostics  process spawn to the first diagnostics of a small Dockerfile (median of 5; goal ≤ 300 ms)
// Usage: node test/bench/editor.mjs (after `node esbuild.mjs`); test/bench/run.mjs imports measureEditor().
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const root = fileURLToPath(new URL('../..', import.meta.url));
// BOLLWERK_BENCH_SERVER: another build of the server, to compare two builds in interleaved runs.
const serverPath = resolve(process.env.BOLLWERK_BENCH_SERVER ?? join(root, 'dist', 'server.js'));
const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(root, '..', 'shared', 'corpus'));
const ARGO = join(corpus, 'realworld', 'files', 'argoproj__argo-cd', 'manifests', 'ha', 'install.yaml');

/** Starts the server and returns a connection plus a way to await a document version's diagnostics. */
async function startServer() {
  const t0 = performance.now();
  const nodeArgs = (process.env.BOLLWERK_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean); // e.g. --cpu-prof for profiling
  const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const key = `${p.uri}@${p.version}`;
    const w = waiters.get(key);
    if (w) {
      waiters.delete(key);
      w({ at: performance.now(), count: p.diagnostics.length });
    }
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: true } },
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
  return { t0, connection, diagnosticsOf, stop, cpuMs };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (x) => Math.round(x * 10) / 10;

/** Lines where appending one character keeps the YAML valid: plain `name: value` scalars. */
function editableLines(text) {
  const out = [];
  text.split('\n').forEach((line, n) => {
    if (/^\s+name: [A-Za-z0-9][A-Za-z0-9_.-]*$/.test(line)) out.push({ line: n, character: line.length });
  });
  return out;
}

/** Opens a document and measures 100 single-character edits: send → diagnostics of that version. */
export async function measureEdits(uri, text, edits = 100) {
  const s = await startServer();
  try {
    const first = s.diagnosticsOf(uri, 1);
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const opened = await first;
    const spots = editableLines(text);
    if (spots.length === 0) throw new Error(`no editable line in ${uri}`);
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
    // Per-edit values have the 10 ms resolution of /proc; the mean over all edits is finer.
    const cpuStats = cpu.length ? { p50: round(percentile(cpu, 50)), p95: round(percentile(cpu, 95)), mean: round(cpu.reduce((a, b) => a + b, 0) / cpu.length) } : undefined;
    return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), diagnostics: opened.count, serverCpu: cpuStats };
  } finally {
    await s.stop();
  }
}

/** A generated multi-document manifest of `lines` lines (Deployments and Services). */
export function generateManifest(lines = 5000) {
  const out = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: app-${i}`, '  namespace: erp', 'spec:', '  replicas: 2',
      '  selector:', '    matchLabels:', `      app: app-${i}`, '  template:', '    metadata:', '      labels:', `        app: app-${i}`, '    spec:',
      '      containers:', `        - name: app-${i}`, `          image: registry.example.com/erp/app-${i}:1.${i}`, '          ports:', '            - containerPort: 8080',
      '          securityContext:', '            allowPrivilegeEscalation: false', '---', 'apiVersion: v1', 'kind: Service', 'metadata:', `  name: svc-${i}`, 'spec:',
      '  selector:', `    app: app-${i}`, '  ports:', '    - port: 80', '      targetPort: 8080',
    );
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}

/** Spawn to the first diagnostics of a small Dockerfile, median of `runs` starts. */
export async function measureStart(runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const s = await startServer();
    try {
      const uri = 'file:///bench/Dockerfile';
      const first = s.diagnosticsOf(uri, 1);
      await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nADD app.txt /app/\nRUN apk add curl\n' } });
      const { at } = await first;
      times.push(at - s.t0);
    } finally {
      await s.stop();
    }
  }
  times.sort((a, b) => a - b);
  return round(percentile(times, 50));
}

/** Runs the three measurements; the built server must exist (`node esbuild.mjs`). */
export async function measureEditor() {
  const r = await measureEditorDetailed();
  return { manifest5k: { p50: r.manifest5k.p50, p95: r.manifest5k.p95 }, argoInstall: { p50: r.argoInstall.p50, p95: r.argoInstall.p95 }, startToFirstDiagnostics: r.startToFirstDiagnostics };
}

/** The same measurements with the server's CPU time per edit (10 ms resolution) and the load average. */
export async function measureEditorDetailed() {
  if (!existsSync(serverPath)) throw new Error(`${serverPath} not found: run \`node esbuild.mjs\` first`);
  if (!existsSync(ARGO)) throw new Error(`corpus file not found at ${ARGO}: set BOLLWERK_CORPUS to the corpus directory`);
  const manifest5k = await measureEdits('file:///bench/manifest5k.yaml', generateManifest(5000));
  const argoInstall = await measureEdits(pathToFileURL(ARGO).toString(), readFileSync(ARGO, 'utf8'));
  const startToFirstDiagnostics = await measureStart();
  return { manifest5k, argoInstall, startToFirstDiagnostics, loadAverage: loadavg()[0] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const goals = { manifest5k: 50, argoInstall: 100 };
  measureEditorDetailed().then(
    (r) => {
      for (const k of ['manifest5k', 'argoInstall']) {
        const cpu = r[k].serverCpu ? `; server CPU per edit p50 ${r[k].serverCpu.p50} ms p95 ${r[k].serverCpu.p95} ms mean ${r[k].serverCpu.mean} ms` : '';
        console.log(`${k.padEnd(24)} p50 ${r[k].p50} ms  p95 ${r[k].p95} ms  (goal p95 ≤ ${goals[k]} ms${cpu})`);
      }
      console.log(`${'startToFirstDiagnostics'.padEnd(24)} ${r.startToFirstDiagnostics} ms  (goal ≤ 300 ms)`);
      console.log(`load average during the run: ${r.loadAverage.toFixed(1)} on ${availableParallelism()} cores`);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
