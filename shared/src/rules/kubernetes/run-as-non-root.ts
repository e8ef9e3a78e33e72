import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, effective, pairIn, podSetting, podSpecs, type ContainerRef } from '../../parse/kubernetes';
import { scalarBool, scalarString } from '../../parse/yaml';
import type { Localized, RawFinding } from '../../types';
import { RESTRICTED_LEVELS, containerFinding, findingOn, setFix, valueRange, withFix } from './support/findings';

const TITLE: Localized = { en: 'Set runAsNonRoot: true', de: 'runAsNonRoot: true setzen' };

/** The non-zero UID the container runs as (its own runAsUser, else the pod's), or undefined. */
function nonRootUid(c: ContainerRef): string | undefined {
  const uid = scalarString(effective(c, ['runAsUser'])?.node);
  return uid !== undefined && /^\d+$/.test(uid) && Number(uid) !== 0 ? uid : undefined;
}

/** True when the container is set to run as UID 0 (its own runAsUser, else the pod's): runAsNonRoot: true beside it stops the container from starting. */
const rootUid = (c: ContainerRef): boolean => scalarString(effective(c, ['runAsUser'])?.node) === '0';

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
  external: [{ source: 'Pod Security Standards', id: 'restricted/runAsNonRoot' }, owaspK8s('K01')],
  equivalents: ['pss:restricted/runAsNonRoot', 'kube-linter:run-as-non-root', 'checkov:CKV_K8S_23', 'trivy:KSV012', 'kubescape:C-0013'],
  messages: {
    default: {
      en: 'Container "{container}" may run as root: neither it nor the pod sets runAsNonRoot: true.',
      de: 'Container "{container}" darf als root laufen: weder er noch der Pod setzt runAsNonRoot: true.',
    },
    uid: {
      en: 'Container "{container}" runs as UID {uid}, not root, but runAsNonRoot: true is not set, so nothing enforces a non-root user (a changed runAsUser or image could run as root); set runAsNonRoot: true.',
      de: 'Container "{container}" läuft als UID {uid}, nicht als root, aber runAsNonRoot: true ist nicht gesetzt, daher erzwingt nichts einen Nicht-root-Benutzer (ein geändertes runAsUser oder Image könnte als root laufen); runAsNonRoot: true setzen.',
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
      const podValue = scalarBool(podSetting(pod, ['runAsNonRoot'])?.value);
      if (podPair && pod.securityContext && scalarBool(podPair.value) === false) {
        // with runAsUser: 0 the kubelet refuses to start a container under runAsNonRoot: true, so that needs a UID chosen first
        const fix = pod.containers.some(rootUid) ? undefined : setFix(file, pod.document, pod.securityContext, ['runAsNonRoot'], 'true', TITLE);
        out.push(withFix(findingOn(pod.object, valueRange(pod.document, podPair), { messageId: 'false' }), fix));
      }
      for (const c of pod.containers) {
        const own = pairIn(c.securityContext, ['runAsNonRoot']);
        const ownSet = own && own.value !== null && own.value !== undefined && scalarBool(own.value) !== undefined;
        if (ownSet && scalarBool(own.value) === true) continue;
        if (!ownSet && podValue === true) continue;
        const fix = rootUid(c) ? undefined : setFix(file, pod.document, c.node, ['securityContext', 'runAsNonRoot'], 'true', TITLE);
        const uid = ownSet ? undefined : nonRootUid(c);
        const finding = ownSet
          ? containerFinding(c, own, { messageId: 'false' })
          : containerFinding(c, undefined, { ...(uid ? { messageId: 'uid' } : {}), args: { container: containerName(c), ...(uid ? { uid } : {}) } });
        out.push(withFix(finding, fix));
      }
    }
    return out;
  },
});
