// `bollwerk render CHART`: prints what `helm template` prints for a chart folder or packaged
// chart, rendered in this process. Flags follow Helm's. A folder with a kustomization file is
// meant for the kustomize builder, which `render` does not run yet.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { helmTemplate } from '../../shared/src/helm/template-command';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import type { ValuesFile } from '../../shared/src/helm/values-options';
import { diskTree } from '../../host/src/workspace/file-tree';
import { UsageError } from './args';
import type { CliIo } from './commands';

const USAGE = `Usage: bollwerk render [NAME] CHART [options]

Renders a Helm chart (a folder with Chart.yaml, or a packaged .tgz) and prints exactly what
'helm template' prints. Nothing is downloaded and no cluster is asked.
  -f, --values FILE          values file (repeatable, later files win)
      --set K=V              set values (repeatable; Helm's a.b[0]=x syntax)
      --set-string K=V       set string values
      --set-file K=PATH      set values from files
      --set-json K=JSON      set JSON values
      --release-name NAME    release name (default release-name)
      --name-template TPL    release name from a template
  -n, --namespace NS         namespace (default default)
      --kube-version V       Kubernetes version for Capabilities (default v1.34.0)
  -a, --api-versions LIST    extra API versions for Capabilities (repeatable, comma-separated)
      --include-crds         print the files of crds/ first
      --skip-tests           leave out test hooks
      --no-hooks             leave out every hook
  -s, --show-only PATH       only print templates matching PATH (repeatable)
      --debug                print the rendered documents also when they are invalid
      --helm-version 3|4     reproduce the output of Helm 3 or Helm 4 (default 4)
Exit codes: 0 rendered, 1 the chart does not render, 2 usage error.
`;

/** The parsed flags of `render`. */
interface RenderArgs {
  positional: string[];
  values: string[];
  set: string[];
  setString: string[];
  setFile: string[];
  setJson: string[];
  releaseName: string | undefined;
  nameTemplate: string | undefined;
  namespace: string | undefined;
  kubeVersion: string | undefined;
  helmVersion: string | undefined;
  apiVersions: string[];
  showOnly: string[];
  includeCrds: boolean;
  skipTests: boolean;
  noHooks: boolean;
  debug: boolean;
  help: boolean;
}

const VALUE_FLAGS: Record<string, keyof RenderArgs> = {
  '-f': 'values', '--values': 'values', '--set': 'set', '--set-string': 'setString', '--set-file': 'setFile', '--set-json': 'setJson',
  '--release-name': 'releaseName', '--name-template': 'nameTemplate', '-n': 'namespace', '--namespace': 'namespace',
  '--kube-version': 'kubeVersion', '--helm-version': 'helmVersion', '-a': 'apiVersions', '--api-versions': 'apiVersions', '-s': 'showOnly', '--show-only': 'showOnly',
};
const BOOL_FLAGS: Record<string, 'includeCrds' | 'skipTests' | 'noHooks' | 'debug' | 'help'> = {
  '--include-crds': 'includeCrds', '--skip-tests': 'skipTests', '--no-hooks': 'noHooks', '--debug': 'debug', '--help': 'help', '-h': 'help',
};
/** Flags Helm reads as comma-separated lists (StringSlice); the others take each value whole. */
const COMMA_LISTS = new Set<keyof RenderArgs>(['values', 'apiVersions']);

/** Parses the arguments after `bollwerk render`; throws UsageError. */
export function parseRenderArgs(argv: readonly string[]): RenderArgs {
  const a: RenderArgs = {
    positional: [], values: [], set: [], setString: [], setFile: [], setJson: [], releaseName: undefined, nameTemplate: undefined,
    namespace: undefined, kubeVersion: undefined, helmVersion: undefined, apiVersions: [], showOnly: [], includeCrds: false, skipTests: false, noHooks: false, debug: false, help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      a.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      a.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const flag = BOOL_FLAGS[name];
    if (flag) {
      if (eq > 0 && arg.startsWith('--')) throw new UsageError(`option ${name} takes no value`);
      a[flag] = true;
      continue;
    }
    const key = VALUE_FLAGS[name];
    if (!key) throw new UsageError(`unknown option ${name} for 'bollwerk render'`);
    const value = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`option ${name} needs a value`);
    const target = a[key];
    if (Array.isArray(target)) target.push(...(COMMA_LISTS.has(key) ? value.split(',').filter((v) => v !== '') : [value]));
    else (a as unknown as Record<string, unknown>)[key] = value;
  }
  if (a.help) return a;
  if (a.helmVersion !== undefined && a.helmVersion !== '3' && a.helmVersion !== '4') throw new UsageError(`invalid value '${a.helmVersion}' for --helm-version (expected 3|4)`);
  if (a.positional.length === 0) throw new UsageError("'bollwerk render' needs a chart path");
  if (a.positional.length > 2) throw new UsageError(`'bollwerk render' takes at most a release name and a chart (got ${a.positional.length} arguments)`);
  if (a.positional.length === 2) {
    if (a.releaseName !== undefined) throw new UsageError('give the release name either as an argument or with --release-name');
    a.releaseName = a.positional[0];
  }
  return a;
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** What the path holds: a chart folder, a packaged chart, a kustomization folder, or nothing to render. */
export function renderKind(path: string): 'chart' | 'archive' | 'kustomization' | 'unknown' {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 'unknown';
  if (st.isFile()) return 'archive';
  if (existsSync(join(path, 'Chart.yaml'))) return 'chart';
  if (KUSTOMIZATION_FILES.some((f) => existsSync(join(path, f)))) return 'kustomization';
  return 'chart';
}

/**
 * Whether `bollwerk render` is asked to build a kustomization: one of its plain arguments names a
 * folder with a kustomization file and no Chart.yaml. Decided before the arguments are parsed, as
 * the two renderers take different flags.
 */
export function holdsKustomization(argv: readonly string[], cwd: string): boolean {
  return argv.some((arg) => !arg.startsWith('-') && renderKind(resolve(cwd, arg)) === 'kustomization');
}

function readUserFile(path: string, cwd: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) throw new Error(`${path}: values from URLs are not read (no network); download the file first`);
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (e) {
    throw new Error(`open ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : ((e as Error).message ?? 'cannot read')}`);
  }
}

/** Runs `bollwerk render`; returns the exit code. */
export function runRender(argv: readonly string[], io: CliIo): number {
  const a = parseRenderArgs(argv);
  if (a.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const chartArg = a.positional[a.positional.length - 1]!;
  const chartPath = resolve(io.cwd, chartArg);
  if (!existsSync(chartPath)) throw new UsageError(`chart path not found: ${chartArg}`);
  const kind = renderKind(chartPath);
  let valuesFiles: ValuesFile[];
  try {
    valuesFiles = a.values.map((f) => ({ name: f, text: readUserFile(f, io.cwd) }));
  } catch (e) {
    io.stderr.write(`Error: ${(e as Error).message}\n`);
    return 1;
  }
  const tree = kind === 'archive' ? diskTree(dirname(chartPath)) : diskTree(chartPath);
  const standIns = new Set<string>();
  const result = helmTemplate({
    tree,
    chartPath: kind === 'archive' ? basename(chartPath) : '',
    releaseName: a.releaseName,
    nameTemplate: a.nameTemplate,
    namespace: a.namespace,
    kubeVersion: a.kubeVersion,
    apiVersions: a.apiVersions,
    includeCrds: a.includeCrds,
    skipTests: a.skipTests,
    noHooks: a.noHooks,
    debug: a.debug,
    showOnly: a.showOnly,
    valuesFiles,
    set: a.set,
    setString: a.setString,
    setFile: a.setFile,
    setJson: a.setJson,
    readFile: (p) => readUserFile(p, io.cwd),
    sprig: sprigFuncs({ onStandIn: (name) => standIns.add(name) }),
    helmMajor: a.helmVersion === '3' ? 3 : 4,
  });
  io.stdout.write(result.stdout);
  // helm would print random or time-dependent values here; ours are fixed, and the user should know
  if (standIns.size > 0) io.stderr.write(`bollwerk: note: ${[...standIns].sort().join(', ')} gave fixed stand-in values (random, time and certificate functions are not random here)\n`);
  if (result.error === undefined) return 0;
  io.stderr.write(`Error: ${result.error}\n`);
  return 1;
}
