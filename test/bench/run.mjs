#!/usr/bin/env node
// Speed benchmark (the goals are in README.md, "Benchmark"), every number measured in this one run on this machine:
//  (1) the CLI over corpus/realworld/files vs only parsing the same files with the same parsers;
//  (2) the CLI over the corpus's Dockerfiles vs dockerfile-ast's bare parse of the same files (the parser
//      under the rules: what the rules add on top of it); for comparison dockerfilelint's command line (and
//      its rules alone) and dockerfile-utils' validator;
//  (3) edit→diagnostics in the language server; (4) server start to first diagnostics;
//  (5) peak RSS of a full-corpus scan; (6) every chart of the Helm corpus rendered and linted, and (7)
//  Argo CD's install tree built and linted, each against yaml's parse of its output (one process,
//  test/bench/deployables.ts); (8) time and peak RSS of the CLI on realworld/files copied ten
//  times (test/bench/large-repo.mjs) beside one copy; the long fuzz run (BENCH_FUZZ_PER_KIND, default 100,000); and, with
//  BENCH_INSTRUCTIONS=1, instruction counts (valgrind) of the one-thread CLI and the bare parse on a sample.
// Each command runs as its own node process, BENCH_RUNS times (default 3; the short Dockerfile
// commands three times as often), interleaved; the
// fastest wall time counts (the least disturbed by other load), CPU time (user + system of the
// process, from process.resourceUsage) is shown beside it: on a busy machine it is the steadier
// of the two.
// Writes test-output/bench.json. Usage: npm run bench (builds dist/cli.js first); BENCH_PART=dockerfiles
// runs (2) alone, BENCH_PART=deployables (6) and (7) alone, BENCH_PART=chart-edit (3h), edit→diagnostics in a
// Helm chart, alone; BENCH_PART=large-repo (8) alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corpus = resolve(root, process.env.BOLLWERK_CORPUS ?? '../shared/corpus');
const realworld = join(corpus, 'realworld');
if (!existsSync(join(realworld, 'index.tsv'))) {
  console.error(`bench: corpus not found at ${corpus} (set BOLLWERK_CORPUS to the folder holding realworld/)`);
  process.exit(2);
}
const cli = join(root, 'dist/cli.js');
if (!existsSync(cli) || !existsSync(join(root, 'dist/bench-parse-only.js'))) {
  console.error('bench: dist/cli.js or dist/bench-parse-only.js is missing; run `node esbuild.mjs` first (npm run bench does)');
  process.exit(2);
}
// (3h): edit→diagnostics in a template of the argo-cd chart (test/bench/chart-edit.mjs)
async function chartEdits() {
  const { measureChartEdits, describeChartEdits } = await import('./chart-edit.mjs');
  const r = await measureChartEdits();
  console.log(describeChartEdits(r).split('\n').map((l, i) => (i === 0 ? `(3h) ${l}` : `     ${l}`)).join('\n'));
  return r;
}
if (process.env.BENCH_PART === 'chart-edit') {
  const chartEdit = await chartEdits();
  mkdirSync(join(root, 'test-output'), { recursive: true });
  writeFileSync(join(root, 'test-output/bench-chart-edit.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, chartEdit }, null, 2)}\n`);
  process.exit(0);
}
const runs = Number(process.env.BENCH_RUNS ?? 3);

/** Goals of (6) and (7): per chart (ms), and the ratios against yaml's parse of the output. */
const CHART_MS_GOAL = 300;
const CHARTS_RATIO_GOAL = 2;
const ARGO_RATIO_GOAL = 2;

/**
 * (6) and (7): dist/bench-deployables.js in a process of its own, BENCH_RUNS interleaved rounds;
 * prints the results and returns them. Both wall and CPU time are shown; the goals are judged on both.
 */
function measureDeployables() {
  const script = join(root, 'dist/bench-deployables.js');
  if (!existsSync(script)) {
    console.error('bench: dist/bench-deployables.js is missing; run `node esbuild.mjs` first (npm run bench does)');
    process.exit(2);
  }
  process.stderr.write(`deployables: ${runs} rounds\n`);
  const r = spawnSync(process.execPath, [script], { cwd: root, env: { ...process.env, BOLLWERK_CORPUS: corpus, BENCH_RUNS: String(runs) }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`bench-deployables exited ${r.status}: ${r.stderr}`);
  const d = JSON.parse(r.stdout);
  const ms = (t) => `${t.wall.toFixed(0)} ms wall, ${t.cpu.toFixed(0)} ms CPU`;
  const slowest = (key) => d.charts.reduce((a, c) => (c.lint[key] > a.lint[key] ? c : a));
  const over = d.charts.filter((c) => c.lint.wall > CHART_MS_GOAL || c.lint.cpu > CHART_MS_GOAL);
  const ratio = (a, b) => ({ wall: a.wall / b.wall, cpu: a.cpu / b.cpu });
  const charts = ratio(d.chartsLint, d.chartsParse);
  const argo = ratio(d.argo.lint, d.argo.parse);
  const met = (x, goal) => (x.wall <= goal && x.cpu <= goal ? 'met' : 'NOT met');
  console.log(`(6) each of ${d.charts.length} corpus charts rendered and linted: slowest ${slowest('wall').id} ${ms(slowest('wall').lint)} (goal ≤ ${CHART_MS_GOAL} ms) ${over.length === 0 ? 'met' : `NOT met for ${over.map((c) => `${c.id} (${ms(c.lint)})`).join(', ')}`}`);
  console.log(`(6) all charts rendered and linted (${ms(d.chartsLint)}) vs yaml's parse of their output (${ms(d.chartsParse)}): ${charts.wall.toFixed(2)}× wall, ${charts.cpu.toFixed(2)}× CPU (goal ≤ ${CHARTS_RATIO_GOAL}) ${met(charts, CHARTS_RATIO_GOAL)}`);
  console.log(`(7) Argo CD's install tree built and linted (${ms(d.argo.lint)}) vs yaml's parse of its output (${ms(d.argo.parse)}): ${argo.wall.toFixed(2)}× wall, ${argo.cpu.toFixed(2)}× CPU (goal ≤ ${ARGO_RATIO_GOAL}) ${met(argo, ARGO_RATIO_GOAL)}`);
  return { ...d, chartsRatio: charts, argoRatio: argo };
}
if (process.env.BENCH_PART === 'deployables') {
  measureDeployables();
  process.exit(0);
}
// the CLI's default: min(CPUs, 4) - 1 worker threads besides the main thread for ≥ 4 MiB of files on > 1 CPU (pool.ts)
const cpus = (await import('node:os')).availableParallelism();
const defaultWorkers = cpus > 1 ? Math.min(cpus, 4) - 1 : 0;
const work = mkdtempSync(join(tmpdir(), 'bollwerk-bench-'));
const probeOut = join(work, 'probe.jsonl');
const probe = join(root, 'test/bench/probe.cjs');
const dockerfilelintBin = join(root, 'node_modules/dockerfilelint/bin/dockerfilelint');
// the commands that exit with their number of findings (see measure): dockerfilelint's command line
const FINDING_COUNT_STATUS = new Set(['dockerfilelint']);

// the corpus's own classification: kind <TAB> path (relative to realworld/)
const index = readFileSync(join(realworld, 'index.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
const inFiles = index.filter(([, p]) => p.startsWith('files/'));
const allList = join(work, 'all.tsv');
writeFileSync(allList, inFiles.map(([k, p]) => `${k}\t${join(realworld, p)}`).join('\n'));
const dockerfiles = inFiles.filter(([k]) => k === 'dockerfile').map(([, p]) => join(realworld, p));
const dockerList = join(work, 'dockerfiles.txt');
writeFileSync(dockerList, dockerfiles.join('\n'));
const dockerTsv = join(work, 'dockerfiles.tsv');
writeFileSync(dockerTsv, dockerfiles.map((p) => `dockerfile\t${p}`).join('\n'));

/**
 * Runs `node args…` once; returns wall ms, CPU ms and peak RSS (KiB) of that process. With
 * `findingCountStatus` the command exits with its number of findings, and its run counts when the
 * preload of dockerfilelint-go-on.cjs reported at exit and no stack trace was printed.
 */
function measure(args, env = {}, findingCountStatus = false) {
  rmSync(probeOut, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', probe, ...args], {
    cwd: root,
    env: { ...process.env, BENCH_PROBE_OUT: probeOut, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (findingCountStatus ? r.status === null || !/threw on \d+ file/.test(r.stderr) || /\n\s+at /.test(r.stderr) : r.status !== 0 && r.status !== 1) {
    throw new Error(`${args.join(' ').slice(0, 200)} exited ${r.status}: ${r.stderr}`);
  }
  const lines = existsSync(probeOut) ? readFileSync(probeOut, 'utf8').trim().split('\n') : [];
  const p = lines.length ? JSON.parse(lines[lines.length - 1]) : { cpuMs: NaN, maxRssKb: NaN };
  return { wallMs, cpuMs: p.cpuMs, maxRssKb: p.maxRssKb };
}

// the V8 setting the CLI gives itself (cli/src/v8-flags.ts), for a bare parse under the same setting
const v8FlagsSource = readFileSync(join(root, 'cli/src/v8-flags.ts'), 'utf8');
const flagValue = (name) => new RegExp(`${name} = ([\\d_]+)`).exec(v8FlagsSource)[1].replaceAll('_', '');
const cliV8Flags = [`--interrupt-budget=${flagValue('CLI_INTERRUPT_BUDGET')}`, `--max-inlined-bytecode-size=${flagValue('CLI_MAX_INLINED_BYTECODE_SIZE')}`, `--heap-growing-percent=${flagValue('CLI_HEAP_GROWING_PERCENT')}`];
// a flag the CLI sets that this list leaves out would make (1v) compare against the wrong setting
if ((v8FlagsSource.match(/setFlagsFromString\(/g) ?? []).length !== cliV8Flags.length) {
  console.error('bench: cli/src/v8-flags.ts sets other V8 flags than test/bench/run.mjs gives the bare parse of (1v); update cliV8Flags');
  process.exit(2);
}
const cliV8Flag = cliV8Flags.join(' ');

const commands = {
  cliCorpus: [cli, join(realworld, 'files'), '--format', 'json', '--output', join(work, 'out.json'), '--fail-on', 'never'],
  parseCorpus: [join(root, 'dist/bench-parse-only.js'), `@${allList}`],
  // the same bare parse under the CLI's V8 setting: how much of the CLI's speed is that setting's
  parseCorpusCliV8: [...cliV8Flags, join(root, 'dist/bench-parse-only.js'), `@${allList}`],
  // the same scan in the main thread only (BOLLWERK_THREADS=0)
  cliCorpusOneThread: [cli, join(realworld, 'files'), '--format', 'json', '--output', join(work, 'out-one-thread.json'), '--fail-on', 'never'],
  cliDockerfiles: [cli, ...dockerfiles, '--format', 'json', '--output', join(work, 'out-docker.json'), '--fail-on', 'never'],
  // dockerfilelint's own command line with its JSON report, as a user runs it, over the same files
  // (preloaded: a file its rules throw on counts as without issues instead of ending the run)
  dockerfilelint: ['--require', join(root, 'test/bench/dockerfilelint-go-on.cjs'), dockerfilelintBin, '-o', 'json', ...dockerfiles],
  // dockerfilelint's rules alone: lib/index.js run() per file, without its command line and report
  dockerfilelintRules: [join(root, 'test/bench/dockerfilelint-run.cjs'), `@${dockerList}`],
  dockerfileUtils: [join(root, 'test/bench/utils-validate.mjs'), `@${dockerList}`],
  // the product's Dockerfile model over the same files (dockerfile-ast with the BuildKit adjustments; arguments, flags, properties)
  parseDockerfiles: [join(root, 'dist/bench-parse-only.js'), `@${dockerTsv}`],
  // the floor of (2): dockerfile-ast's bare parse of the same Dockerfiles
  parseDockerfilesAst: [join(root, 'test/bench/parse-only.mjs'), `@${dockerTsv}`],
};
// BENCH_PART=dockerfiles: only the Dockerfile commands and (2)
const dockerfilesOnly = process.env.BENCH_PART === 'dockerfiles';

// (8) the large repository (test/bench/large-repo.mjs): realworld/files and ten copies of it, made in
// the work folder at bench time; BENCH_LARGE_RUNS runs each (default 1: ten copies take ten times as long)
const largeRuns = Number(process.env.BENCH_LARGE_RUNS ?? 1);
async function largeRepo() {
  const { largeRepoReport, measureLargeRepo } = await import('./large-repo.mjs');
  const result = await measureLargeRepo({ realworld, work, cli, measure, runs: largeRuns });
  console.log('');
  for (const line of largeRepoReport(result)) console.log(line);
  return result;
}
// BENCH_PART=large-repo: only (8); writes test-output/bench-large-repo.json
if (process.env.BENCH_PART === 'large-repo') {
  try {
    const result = await largeRepo();
    mkdirSync(join(root, 'test-output'), { recursive: true });
    writeFileSync(join(root, 'test-output/bench-large-repo.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus, runs: largeRuns, largeRepo: result }, null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
}

// The Dockerfile commands take about a second or less, where this machine's noise is largest relative
// to the time: they run SHORT_FACTOR times as often (all of them, so each side of a ratio gets the same),
// interleaved among themselves after the long runs.
const SHORT = new Set(['cliDockerfiles', 'dockerfilelint', 'dockerfilelintRules', 'dockerfileUtils', 'parseDockerfiles', 'parseDockerfilesAst']);
const SHORT_FACTOR = 3;
const shortRuns = runs * SHORT_FACTOR;
const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < (dockerfilesOnly ? 0 : runs); i++) {
  for (const [name, args] of Object.entries(commands)) {
    if (SHORT.has(name)) continue;
    process.stderr.write(`run ${i + 1}/${runs}: ${name}\n`);
    samples[name].push(measure(args, name === 'cliCorpusOneThread' ? { BOLLWERK_THREADS: '0' } : {}));
  }
}
for (let i = 0; i < shortRuns; i++) {
  for (const [name, args] of Object.entries(commands)) {
    if (!SHORT.has(name)) continue;
    process.stderr.write(`run ${i + 1}/${shortRuns}: ${name}\n`);
    samples[name].push(measure(args, {}, FINDING_COUNT_STATUS.has(name)));
  }
}
const best = Object.fromEntries(
  Object.entries(samples).filter(([, s]) => s.length > 0).map(([k, s]) => [k, { wallMs: Math.min(...s.map((x) => x.wallMs)), cpuMs: Math.min(...s.map((x) => x.cpuMs)), maxRssKb: Math.max(...s.map((x) => x.maxRssKb)), runs: s }]),
);
const ratio = (a, b, key = 'wallMs') => best[a][key] / best[b][key];
const scanned = JSON.parse(readFileSync(join(work, dockerfilesOnly ? 'out-docker.json' : 'out.json'), 'utf8')).summary;
const comparisons = [
  { id: '1', what: `CLI over realworld/files (default: ${defaultWorkers} worker thread(s) besides the main thread) vs bare parse`, a: 'cliCorpus', b: 'parseCorpus', goal: 1.3 },
  { id: '1s', what: 'the same, CLI in the main thread only (BOLLWERK_THREADS=0)', a: 'cliCorpusOneThread', b: 'parseCorpus', goal: 1.3 },
  { id: '1v', what: `the same, one thread vs the bare parse under the CLI's V8 setting (${cliV8Flag})`, a: 'cliCorpusOneThread', b: 'parseCorpusCliV8', goal: 1.3 },
  { id: '2', what: "CLI over Dockerfiles vs dockerfile-ast's bare parse of the same files", a: 'cliDockerfiles', b: 'parseDockerfilesAst', goal: 1.3 },
  // for comparison only: the tools Bollwerk is compared with by users
  { id: '2a', what: "CLI over Dockerfiles vs dockerfilelint's command line (-o json), for comparison", a: 'cliDockerfiles', b: 'dockerfilelint', goal: null },
  { id: '2b', what: 'CLI over Dockerfiles vs dockerfile-utils validator, for comparison', a: 'cliDockerfiles', b: 'dockerfileUtils', goal: null },
]
  .filter((c) => best[c.a] && best[c.b])
  .map((c) => ({ ...c, ratio: ratio(c.a, c.b), cpuRatio: ratio(c.a, c.b, 'cpuMs'), met: c.goal === null ? null : ratio(c.a, c.b) <= c.goal }));
const peakRssMb = best.cliCorpus ? best.cliCorpus.maxRssKb / 1024 : null;

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const rows = [['', 'command', 'wall (best)', 'CPU (best)', 'peak RSS']];
for (const [k, b] of Object.entries(best)) rows.push(['', k, fmt(b.wallMs), fmt(b.cpuMs), `${(b.maxRssKb / 1024).toFixed(0)} MB`]);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`Bollwerk benchmark — ${inFiles.length} corpus files (${dockerfiles.length} Dockerfiles), ${runs} runs each (the Dockerfile commands ${shortRuns}), CLI checked ${scanned.filesChecked} files`);
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
console.log('');
for (const c of comparisons) {
  const goal = c.goal === null ? '' : ` (goal ≤ ${c.goal}) ${c.met ? 'met' : 'NOT met'}`;
  console.log(`(${c.id}) ${c.what}: ${c.ratio.toFixed(2)}× wall, ${c.cpuRatio.toFixed(2)}× CPU${goal}`);
  if (c.id === '2a') {
    console.log(`    (the same vs dockerfilelint's rules alone, lib/index.js run() per file without its command line and report: ${ratio('cliDockerfiles', 'dockerfilelintRules').toFixed(2)}× wall, ${ratio('cliDockerfiles', 'dockerfilelintRules', 'cpuMs').toFixed(2)}× CPU)`);
  }
}
console.log(`    (dockerfile-ast's bare parse: ${fmt(best.parseDockerfilesAst.wallMs)} wall, ${fmt(best.parseDockerfilesAst.cpuMs)} CPU; the rules' Dockerfile model alone, dockerfile-ast with arguments, flags and properties read: ${fmt(best.parseDockerfiles.wallMs)} wall, ${fmt(best.parseDockerfiles.cpuMs)} CPU = ${ratio('parseDockerfiles', 'parseDockerfilesAst', 'cpuMs').toFixed(2)}× the bare parse in CPU)`);
if (dockerfilesOnly) {
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
console.log(`(5) peak RSS of a full-corpus scan: ${peakRssMb.toFixed(0)} MB`);
const deployables = measureDeployables();
const largeRepoResult = await largeRepo();

// Optional (BENCH_INSTRUCTIONS=1, needs valgrind): instructions executed, counted by callgrind
// whatever else the machine does, by the one-thread CLI and by the bare parse over every 10th
// corpus file (a whole-corpus run under valgrind would take many minutes), both under the CLI's V8
// setting, so that the count compares the work done and not V8's compiler.
let instructions = null;
if (process.env.BENCH_INSTRUCTIONS === '1') {
  const sample = inFiles.filter((_, i) => i % 10 === 9);
  const sampleTsv = join(work, 'sample.tsv');
  writeFileSync(sampleTsv, sample.map(([k, p]) => `${k}\t${join(realworld, p)}`).join('\n'));
  const count = (args, env = {}) => {
    const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const m = /Collected : (\d+)/.exec(r.stderr ?? '');
    if (!m) throw new Error(`valgrind gave no instruction count (is it installed?): ${String(r.stderr).slice(-300)}`);
    return Number(m[1]);
  };
  const cliIr = count([cli, ...sample.map(([, p]) => join(realworld, p)), '--format', 'json', '--output', join(work, 'out-sample.json'), '--fail-on', 'never'], { BOLLWERK_THREADS: '0' });
  const parseIr = count([...cliV8Flags, join(root, 'dist/bench-parse-only.js'), `@${sampleTsv}`]);
  instructions = { files: sample.length, cli: cliIr, parse: parseIr, ratio: cliIr / parseIr };
  console.log(`(1i) instructions over every 10th corpus file (${sample.length} files), CLI in one thread vs bare parse (both under ${cliV8Flag}): ${(cliIr / 1e9).toFixed(2)} G vs ${(parseIr / 1e9).toFixed(2)} G = ${instructions.ratio.toFixed(2)}×`);
}

// (3) and (4): editor latency through the built language server (test/bench/editor.mjs).
const { measureEditorDetailed } = await import('./editor.mjs');
const editor = await measureEditorDetailed();
console.log('');
for (const [k, goal] of [['manifest5k', 50], ['argoInstall', 100]]) {
  const cpu = editor[k].serverCpu ? `; server CPU per edit p50 ${editor[k].serverCpu.p50} ms, p95 ${editor[k].serverCpu.p95} ms` : '';
  console.log(`(3) edit→diagnostics ${k}: p50 ${editor[k].p50} ms, p95 ${editor[k].p95} ms (goal p95 ≤ ${goal} ms) ${editor[k].p95 <= goal ? 'met' : 'NOT met'}${cpu}`);
}
console.log(`(4) server start to first diagnostics: ${editor.startToFirstDiagnostics} ms (goal ≤ 300 ms) ${editor.startToFirstDiagnostics <= 300 ? 'met' : 'NOT met'}`);
console.log(`    load average during the editor runs: ${editor.loadAverage.toFixed(1)}`);
const chartEdit = await chartEdits();

// The long fuzz run (test/bench/fuzz.mjs): BENCH_FUZZ_PER_KIND inputs per file kind (default 100,000; 0 skips it).
const fuzzPerKind = Number(process.env.BENCH_FUZZ_PER_KIND ?? 100_000);
let fuzz = null;
if (fuzzPerKind > 0) {
  console.log('');
  const { runLongFuzz } = await import('./fuzz.mjs');
  fuzz = await runLongFuzz({ perKind: fuzzPerKind });
}

mkdirSync(join(root, 'test-output'), { recursive: true });
writeFileSync(
  join(root, 'test-output/bench.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, runs, corpusFiles: inFiles.length, dockerfiles: dockerfiles.length, filesChecked: scanned.filesChecked, results: best, comparisons, instructions, peakRssMb, deployables, largeRepo: largeRepoResult, editor, chartEdit, fuzz }, null, 2)}\n`,
);
rmSync(work, { recursive: true, force: true });
