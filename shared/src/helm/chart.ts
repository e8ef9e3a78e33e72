// The chart model, after Helm's pkg/chart/v2 (chart.go, metadata.go, dependency.go; Copyright The
// Helm Authors, Apache-2.0; see NOTICE-HELM.md).
import type { GoMap, GoValue } from './go-value';

/** A file of a chart: its path inside the chart and its bytes. */
export interface ChartFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** A `dependencies` entry of Chart.yaml. */
export interface Dependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  importValues: GoValue[];
  alias: string;
}

/** Chart.yaml. */
export interface Metadata {
  name: string;
  version: string;
  apiVersion: string;
  appVersion: string;
  description: string;
  type: string;
  kubeVersion: string;
  home: string;
  icon: string;
  condition: string;
  tags: string;
  deprecated: boolean;
  keywords: string[];
  sources: string[];
  maintainers: GoMap[];
  annotations: Record<string, string>;
  dependencies: Dependency[];
}

/** A loaded chart with its subcharts. */
export interface Chart {
  metadata: Metadata;
  /** Every file as read, for `.Files` of v1 charts and for diagnostics. */
  readonly raw: readonly ChartFile[];
  readonly templates: ChartFile[];
  values: GoMap;
  readonly schema: Uint8Array | undefined;
  readonly files: ChartFile[];
  dependencies: Chart[];
  parent: Chart | undefined;
  /** What renders of this chart keep between runs (the parsed template set); copies share it. */
  readonly renderCache: Map<string, unknown>;
  /** The heads of rendered documents by their text, kept between renders; copies share it. */
  readonly headCache: Map<string, unknown>;
}

/** Chart.Name(). */
export const chartName = (c: Chart): string => c.metadata.name;

/** Chart.ChartFullPath(): `parent/charts/name`, the prefix of template names. */
export function chartFullPath(c: Chart): string {
  return c.parent ? `${chartFullPath(c.parent)}/charts/${c.metadata.name}` : c.metadata.name;
}

/** Chart.ChartPath(): `parent.name`, as values paths name subcharts. */
export function chartPath(c: Chart): string {
  return c.parent ? `${chartPath(c.parent)}.${c.metadata.name}` : c.metadata.name;
}

/** The CRD files of a chart and its subcharts (Chart.CRDObjects), in Helm's order. */
export function crdObjects(c: Chart): { name: string; filename: string; file: ChartFile }[] {
  const out: { name: string; filename: string; file: ChartFile }[] = [];
  for (const f of c.files) {
    if (f.name.startsWith('crds/') && (f.name.endsWith('.yaml') || f.name.endsWith('.yml') || f.name.endsWith('.json'))) {
      out.push({ name: f.name, filename: `${chartFullPath(c)}/${f.name}`, file: f });
    }
  }
  for (const d of c.dependencies) out.push(...crdObjects(d));
  return out;
}

/** Sets a chart's subcharts and their parent links (Chart.SetDependencies). */
export function setDependencies(c: Chart, deps: Chart[]): void {
  c.dependencies = [];
  for (const d of deps) {
    d.parent = c;
    c.dependencies.push(d);
  }
}

/** A copy that a render may change (dependencies, aliases, imported values) without touching the original. */
export function cloneChart(c: Chart): Chart {
  const copy: Chart = {
    ...c,
    metadata: { ...c.metadata, dependencies: c.metadata.dependencies.map((d) => ({ ...d, tags: [...d.tags], importValues: [...d.importValues] })) },
    templates: [...c.templates],
    files: [...c.files],
    dependencies: [],
    parent: undefined,
  };
  setDependencies(copy, c.dependencies.map(cloneChart));
  return copy;
}
