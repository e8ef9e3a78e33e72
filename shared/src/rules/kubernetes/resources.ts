import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, containersOf, getIn, type ContainerRef } from '../../parse/kubernetes';
import { isMap, mapGet, scalarString } from '../../parse/yaml';
import { combineEdits, withSnippets, type Placeholder } from '../../snippet';
import type { Fix, RawFinding, TextEdit, YamlFile } from '../../types';
import { setIn } from '../../yaml-edit';
import { containerFinding, withFix } from './support/findings';

const FIELDS = [['requests', 'cpu'], ['requests', 'memory'], ['limits', 'cpu'], ['limits', 'memory']] as const;

/** Starting values of the fix (a small service), each a snippet placeholder to tune where the editor supports that. */
const DEFAULTS: Readonly<Record<string, Readonly<Record<string, readonly [number, string]>>>> = {
  requests: { cpu: [1, '100m'], memory: [2, '128Mi'] },
  limits: { cpu: [3, '500m'], memory: [4, '256Mi'] },
};

const isEmpty = (node: unknown): boolean => node === null || node === undefined || (isMap(node) ? node.items.length === 0 : scalarString(node) === '' || scalarString(node) === 'null' || scalarString(node) === '~');

/** A group's keys as YAML text: flow `{cpu: 100m, memory: 128Mi}` or block lines below the key. */
function groupText(group: string, keys: readonly string[], flow: boolean, value: Placeholder): string {
  const pairs = keys.map((k) => `${k}: ${value(DEFAULTS[group]![k]![0], DEFAULTS[group]![k]![1])}`);
  return flow ? `{${pairs.join(', ')}}` : pairs.map((p) => `\n${p}`).join('');
}

/**
 * The edits adding the missing requests and limits: the whole `resources` when it is absent or
 * empty, else each missing group or key, in the style (block or flow) of the map it goes into.
 */
function resourceEdits(file: YamlFile, c: ContainerRef, missing: readonly (readonly [string, string])[], value: Placeholder): TextEdit[] | undefined {
  const doc = c.pod.document;
  const resources = mapGet(c.node, 'resources');
  const groups = ['requests', 'limits'].filter((g) => missing.some(([m]) => m === g));
  if (isEmpty(resources)) {
    const flow = c.node.flow || (isMap(resources) && resources.flow);
    const text = flow
      ? `{${groups.map((g) => `${g}: ${groupText(g, ['cpu', 'memory'], true, value)}`).join(', ')}}`
      : groups.map((g) => `\n${g}:${groupText(g, ['cpu', 'memory'], false, value).replace(/\n/g, '\n  ')}`).join('');
    return setIn(doc, file.lines, c.node, ['resources'], text);
  }
  if (!isMap(resources)) return undefined;
  return combineEdits(groups.map((g) => {
    const node = mapGet(resources, g);
    const keys = missing.filter(([m]) => m === g).map(([, k]) => k);
    if (isEmpty(node)) {
      const flow = resources.flow || (isMap(node) && node.flow) || false;
      return setIn(doc, file.lines, c.node, ['resources', g], groupText(g, keys, flow, value));
    }
    if (!isMap(node)) return undefined;
    return combineEdits(keys.map((k) => setIn(doc, file.lines, c.node, ['resources', g, k], value(DEFAULTS[g]![k]![0], DEFAULTS[g]![k]![1]))));
  }));
}

function resourcesFix(file: YamlFile, c: ContainerRef, missing: readonly (readonly [string, string])[]): Fix | undefined {
  const made = withSnippets((value) => resourceEdits(file, c, missing, value));
  return made && { title: { en: 'Add requests and limits (tune the values)', de: 'Requests und Limits ergänzen (Werte anpassen)' }, ...made };
}

/** Containers without CPU/memory requests and limits. */
export const resources = defineYamlRule({
  id: 'k8s/resources',
  kind: 'kubernetes',
  title: { en: 'Set CPU and memory requests and limits', de: 'CPU- und Speicher-Requests und -Limits setzen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-2.2.3', 'CSC-2.2.1'],
  external: [owaspK8s('K01')],
  equivalents: [
    'kube-linter:unset-cpu-requirements', 'kube-linter:unset-memory-requirements', 'checkov:CKV_K8S_10',
    'checkov:CKV_K8S_11', 'checkov:CKV_K8S_12', 'checkov:CKV_K8S_13', 'trivy:KSV011', 'trivy:KSV015', 'trivy:KSV016',
    'trivy:KSV018', 'kubescape:C-0004', 'kubescape:C-0050',
  ],
  messages: {
    default: {
      en: 'Container "{container}" does not set {missing}; one container can starve the node without them.',
      de: 'Container "{container}" setzt {missing} nicht; ohne sie kann ein Container den Knoten aushungern.',
    },
  },
  docs: {
    rationale: {
      en: 'Requests let the scheduler place pods; limits cap what a runaway or compromised container can consume.',
      de: 'Requests lassen den Scheduler Pods platzieren; Limits begrenzen, was ein entgleister oder übernommener Container verbraucht.',
    },
    fix: { en: 'Set resources.requests and resources.limits for cpu and memory.', de: 'resources.requests und resources.limits für cpu und memory setzen.' },
    bad: 'containers:\n- name: app\n  image: app:1.0',
    good: 'containers:\n- name: app\n  image: app:1.0\n  resources:\n    requests: {cpu: 100m, memory: 128Mi}\n    limits: {cpu: 500m, memory: 256Mi}',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const c of containersOf(file)) {
      // Ephemeral containers cannot declare resources.
      if (c.group === 'ephemeralContainers') continue;
      const missing = FIELDS.filter((f) => scalarString(getIn(c.node, ['resources', ...f])) === undefined);
      if (missing.length === 0) continue;
      // A key that is there but not a scalar (a template leftover, a map) is not overwritten.
      const fix = missing.some((f) => getIn(c.node, ['resources', ...f]) !== undefined && !isEmpty(getIn(c.node, ['resources', ...f]))) ? undefined : resourcesFix(file, c, missing);
      out.push(withFix(containerFinding(c, undefined, { args: { container: containerName(c), missing: missing.map((f) => f.join('.')).join(', ') } }), fix));
    }
    return out;
  },
});
