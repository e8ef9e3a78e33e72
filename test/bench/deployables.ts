// The speed of the deployable units (README "Benchmark", (6) and (7)), measured in one process:
//  (6) every chart of the Helm corpus (the golden cases that render, the render-only charts with each
//      of their value sets) rendered and linted by lintChart, as a scan or the editor does it, beside
//      yaml's parseAllDocuments of its rendered output (what `helm template` prints for the case);
//  (7) Argo CD's install tree (the kustomize corpus's argocd-install case) built and linted by
//      lintKustomizations, beside yaml's parseAllDocuments of its build output (the committed golden).
// Rounds are interleaved (render and lint, then parse, case after case); per case the fastest round
// counts, the first round is shown too (each case's first render runs its templates' code cold).
// Each step is timed in wall time and in CPU time of the process (process.cpuUsage): on a machine
// shared with other work the CPU time is the steadier of the two.
// Prints one JSON object on stdout. Bundled by esbuild.mjs into dist/bench-deployables.js; run by
// test/bench/run.mjs (BENCH_PART=deployables) with BOLLWERK_CORPUS set and BENCH_RUNS rounds.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lintChart } from '../../shared/src/helm/lint-chart';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import { lintKustomizations } from '../../shared/src/kustomize/lint';
import { diskTree } from '../../host/src/workspace/file-tree';
import { goldenText, helmCases, HELM_CORPUS, renderCase } from '../helm/corpus-helpers';

// the same options as test/bench/parse-only.mjs
const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false, maxAliasCount: 100, strict: false };
const rounds = Number(process.env.BENCH_RUNS ?? 3);
const corpus = resolve(process.env.BOLLWERK_CORPUS ?? '../shared/corpus');
const sprig = sprigFuncs();

/** Wall and CPU milliseconds of a call. */
function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = f();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { value, wall, cpu: (cpu.user + cpu.system) / 1000 };
}
const parsed = (text: string): number => parseAllDocuments(text, YAML_OPTIONS).length;

interface Timed {
  readonly id: string;
  readonly lint: { wall: number; cpu: number }[];
  readonly parse: { wall: number; cpu: number }[];
  readonly run: () => number;
  readonly output: string;
}

// (6) the charts: every case that renders (no expected error) of the golden and render-only kinds
const charts: Timed[] = helmCases()
  .filter((c) => (c.kind === 'golden' || c.kind === 'render-only') && !c.expectError)
  .map((c) => {
    const chartDir = join(HELM_CORPUS, c.chart);
    const valuesFiles = c.valuesFiles.map((f) => ({ name: join(HELM_CORPUS, f), text: readFileSync(join(HELM_CORPUS, f), 'utf8') }));
    const rendered = renderCase(c);
    if (rendered.error !== undefined) throw new Error(`${c.id} does not render: ${rendered.error}`);
    const output = c.golden ? goldenText(c) : rendered.stdout;
    const run = (): number =>
      lintChart(diskTree(chartDir), '', {
        sprig,
        valuesFiles,
        set: c.set,
        setString: c.setString,
        ...(c.releaseName ? { releaseName: c.releaseName } : {}),
        ...(c.namespace ? { namespace: c.namespace } : {}),
        ...(c.kubeVersion ? { kubeVersion: c.kubeVersion } : {}),
        apiVersions: c.apiVersions,
      }).results.length;
    return { id: c.id, lint: [], parse: [], run, output };
  });

// (7) Argo CD's install tree: the kustomization and the bases it reads lie below manifests/
interface KustomizeCase {
  readonly id: string;
  readonly kustomizationDir: string;
  readonly golden: string;
  readonly goldenSkipLines: number;
}
const kustomizeRoot = join(corpus, 'kustomize');
const argo = (JSON.parse(readFileSync(join(kustomizeRoot, 'index.json'), 'utf8')) as { cases: KustomizeCase[] }).cases.find((c) => c.id === 'argocd-install');
if (!argo) throw new Error('the kustomize corpus has no argocd-install case');
const manifests = join(kustomizeRoot, argo.kustomizationDir, '..');
const unit = argo.kustomizationDir.split('/').pop()!;
const argoCase: Timed = {
  id: argo.id,
  lint: [],
  parse: [],
  run: () => {
    const r = lintKustomizations(diskTree(manifests), { dirs: [unit] });
    if (r.findings.some((f) => f.ruleId === 'kustomize/build-error')) throw new Error('argocd-install does not build');
    return r.findings.length;
  },
  output: readFileSync(join(kustomizeRoot, argo.golden), 'utf8').split('\n').slice(argo.goldenSkipLines).join('\n'),
};

const all = [...charts, argoCase];
const findings = new Map<string, number>();
const documents = new Map<string, number>();
for (let round = 0; round < rounds; round++) {
  for (const c of all) {
    const lint = timed(c.run);
    findings.set(c.id, lint.value);
    c.lint.push(lint);
    const parse = timed(() => parsed(c.output));
    documents.set(c.id, parse.value);
    c.parse.push(parse);
  }
}

const best = (list: readonly { wall: number; cpu: number }[]): { wall: number; cpu: number } => ({ wall: Math.min(...list.map((x) => x.wall)), cpu: Math.min(...list.map((x) => x.cpu)) });
const summary = (c: Timed): Record<string, unknown> => ({
  id: c.id,
  lint: best(c.lint),
  firstLint: c.lint[0],
  parse: best(c.parse),
  outputBytes: c.output.length,
  documents: documents.get(c.id),
  findings: findings.get(c.id),
});
const total = (list: readonly Timed[], key: 'lint' | 'parse'): { wall: number; cpu: number } =>
  list.map((c) => best(c[key])).reduce((s, b) => ({ wall: s.wall + b.wall, cpu: s.cpu + b.cpu }), { wall: 0, cpu: 0 });
process.stdout.write(
  `${JSON.stringify({
    rounds,
    charts: charts.map(summary),
    chartsLint: total(charts, 'lint'),
    chartsParse: total(charts, 'parse'),
    argo: summary(argoCase),
  })}\n`,
);
