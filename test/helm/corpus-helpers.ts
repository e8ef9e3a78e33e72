// Runs the cases of the Helm corpus (../shared/corpus/helm/index.json) through helmTemplate.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { helmTemplate, type TemplateResult } from '../../shared/src/helm/template-command';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import { diskTree } from '../../host/src/workspace/file-tree';

/** The Helm corpus folder. */
export const HELM_CORPUS = join(resolve(process.env.BOLLWERK_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus')), 'helm');

/** One record of index.json (the fields the tests use). */
export interface HelmCase {
  readonly id: string;
  readonly kind: 'golden' | 'pipeline' | 'unittest' | 'render-only';
  readonly chart: string;
  readonly releaseName: string | null;
  readonly nameTemplate: string | null;
  readonly namespace: string | null;
  readonly valuesFiles: string[];
  readonly set: string[];
  readonly setString: string[];
  readonly setFile: string[];
  readonly kubeVersion: string | null;
  readonly apiVersions: string[];
  readonly includeCrds: boolean;
  readonly skipTests: boolean;
  readonly noHooks: boolean;
  readonly debug: boolean;
  readonly showOnly: string[];
  readonly golden: string | null;
  readonly goldenSkipLines: number;
  readonly expectError: boolean;
  readonly generatedBy: string | null;
}

/** The cases of the corpus index. */
export function helmCases(): HelmCase[] {
  return (JSON.parse(readFileSync(join(HELM_CORPUS, 'index.json'), 'utf8')) as { cases: HelmCase[] }).cases;
}

/** Renders a case as its command line would. */
export function renderCase(c: HelmCase): TemplateResult {
  const read = (p: string): string => readFileSync(join(HELM_CORPUS, p), 'utf8');
  return helmTemplate({
    tree: diskTree(join(HELM_CORPUS, c.chart)),
    releaseName: c.releaseName ?? undefined,
    nameTemplate: c.nameTemplate ?? undefined,
    namespace: c.namespace ?? undefined,
    kubeVersion: c.kubeVersion ?? undefined,
    apiVersions: c.apiVersions,
    includeCrds: c.includeCrds,
    skipTests: c.skipTests,
    noHooks: c.noHooks,
    debug: c.debug,
    showOnly: c.showOnly,
    valuesFiles: c.valuesFiles.map((f) => ({ name: f, text: read(f) })),
    set: c.set,
    setString: c.setString,
    setFile: c.setFile,
    readFile: (p) => read(join(c.chart, p)),
    sprig: sprigFuncs(),
    // the Calico manifests were made with Helm 3, Helm's own goldens with Helm 4
    helmMajor: /helm v3/.test(c.generatedBy ?? '') ? 3 : 4,
  });
}

/** The golden text as helm wrote it: CRLF as LF, leading lines of other tools dropped. */
export function goldenText(c: HelmCase): string {
  return readFileSync(join(HELM_CORPUS, c.golden!), 'utf8').replace(/\r\n/g, '\n').split('\n').slice(c.goldenSkipLines).join('\n');
}
