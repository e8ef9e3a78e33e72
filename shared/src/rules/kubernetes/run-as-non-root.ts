import { defineYamlRule } from '../../define';
import { containerName, pairIn, podSpecs } from '../../parse/kubernetes';
import { scalarBool } from '../../parse/yaml';
import type { Localized, RawFinding } from '../../types';
import { RESTRICTED_LEVELS, containerFinding, findingOn, setFix, valueRange, withFix } from './support/findings';

const TITLE: Localized = { en: 'Set runAsNonRoot: true', de: 'runAsNonRoot: true setzen' };

/**
 * runAsNonRoot must be true for every container, itself or inherited from the pod, and never
 * false anywhere (PSS restricted `runAsNonRoot`, decided as PSA does).
 */
export const runAsNonRoot = defineYamlRule({
  id: 'k8s/run-as-non-root',
  kind: 'kubernetes',
  title: { en: 'Containers must run as non-root', de: 'Container müssen ohne root laufen' },
  severity: 'warning',
  levels: RESTRICTED_LEVELS,
  references: ['CSVS-3.1', 'CL-2.1.1', 'CSC-2.1.1', 'ART-3.2', 'POL-2.2.1'],
  external: [{ source: 'Pod Security Standards', id: 'restricted/runAsNonRoot' }],
  equivalents: ['pss:restricted/runAsNonRoot', 'kube-linter:run-as-non-root', 'checkov:CKV_K8S_23', 'trivy:KSV012'],
  messages: {
    default: {
      en: 'Container "{container}" may run as root: neither it nor the pod sets runAsNonRoot: true.',
      de: 'Container "{container}" darf als root laufen: weder er noch der Pod setzt runAsNonRoot: true.',
    },
    false: {
      en: 'runAsNonRoot: false allows root; set it to true.',
      de: 'runAsNonRoot: false erlaubt root; auf true setzen.',
    },
  },
  docs: {
    rationale: {
      en: 'root in a container is root on the node once an isolation layer fails; runAsNonRoot makes the kubelet refuse images that would run as UID 0.',
      de: 'root im Container ist root auf dem Knoten, sobald eine Isolationsschicht versagt; runAsNonRoot lässt das Kubelet Images ablehnen, die als UID 0 liefen.',
    },
    fix: { en: 'Set securityContext.runAsNonRoot: true on the pod or on each container, and give the image a non-root USER.', de: 'securityContext.runAsNonRoot: true am Pod oder an jedem Container setzen und dem Image einen Nicht-root-USER geben.' },
    bad: 'containers:\n- name: app\n  image: app:1.0',
    good: 'securityContext:\n  runAsNonRoot: true\ncontainers:\n- name: app\n  image: app:1.0',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      const podPair = pairIn(pod.securityContext, ['runAsNonRoot']);
      const podValue = scalarBool(podPair?.value);
      if (podPair && podValue === false) {
        const fix = setFix(file, pod.document, pod.spec, ['securityContext', 'runAsNonRoot'], 'true', TITLE);
        out.push(withFix(findingOn(pod.object, valueRange(pod.document, podPair), { messageId: 'false' }), fix));
      }
      for (const c of pod.containers) {
        const own = pairIn(c.securityContext, ['runAsNonRoot']);
        const ownSet = own && own.value !== null && own.value !== undefined && scalarBool(own.value) !== undefined;
        if (ownSet && scalarBool(own.value) === true) continue;
        if (!ownSet && podValue === true) continue;
        const fix = setFix(file, pod.document, c.node, ['securityContext', 'runAsNonRoot'], 'true', TITLE);
        out.push(withFix(ownSet ? containerFinding(c, own, { messageId: 'false' }) : containerFinding(c, undefined, { args: { container: containerName(c) } }), fix));
      }
    }
    return out;
  },
});
