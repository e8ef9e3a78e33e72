import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { isKind, namespaceOf, pairIn, podSpecs } from '../../parse/kubernetes';
import { mapGet, mapPair, scalarBool, type YamlFile } from '../../parse/yaml';
import type { Localized, RawFinding } from '../../types';
import { findingOn, nameRange, podAnchor, setFix, valueRange, withFix } from './support/findings';
import { serviceAccountOf } from './support/service-accounts';

const TITLE: Localized = { en: 'Set automountServiceAccountToken: false', de: 'automountServiceAccountToken: false setzen' };
const CORE = /^v1$/;


/** ServiceAccounts of the file that switch automounting off, by namespace/name. */
function optedOutAccounts(file: YamlFile): Set<string> {
  return new Set(
    file.objects
      .filter((o) => isKind(o, 'ServiceAccount', CORE) && scalarBool(mapGet(o.node, 'automountServiceAccountToken')) === false)
      .map((o) => `${namespaceOf(o)}/${o.name ?? ''}`),
  );
}

/** Service-account tokens mounted into pods that do not need the Kubernetes API. */
export const automountServiceAccountToken = defineYamlRule({
  id: 'k8s/automount-service-account-token',
  kind: 'kubernetes',
  title: { en: 'Do not mount service-account tokens by default', de: 'Service-Account-Tokens nicht standardmäßig einhängen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CSC-5.2.1', 'OTC-C2'],
  external: [owaspK8s('K02')],
  equivalents: ['checkov:CKV_K8S_38', 'trivy:KSV036', 'kube-linter:automount-service-account-token', 'kubescape:C-0034'],
  messages: {
    default: {
      en: 'The pod gets a service-account token mounted; set automountServiceAccountToken: false unless it calls the Kubernetes API.',
      de: 'Dem Pod wird ein Service-Account-Token eingehängt; automountServiceAccountToken: false setzen, sofern er die Kubernetes-API nicht nutzt.',
    },
    serviceAccount: {
      en: 'ServiceAccount "{name}" lets every pod that uses it mount its token; set automountServiceAccountToken: false and opt in per pod.',
      de: 'ServiceAccount "{name}" lässt jeden Pod, der ihn nutzt, sein Token einhängen; automountServiceAccountToken: false setzen und pro Pod freischalten.',
    },
  },
  docs: {
    rationale: {
      en: 'A mounted token lets anyone who takes over the container talk to the API server with the pod\'s permissions.',
      de: 'Ein eingehängtes Token erlaubt jedem, der den Container übernimmt, mit den Rechten des Pods den API-Server anzusprechen.',
    },
    fix: { en: 'Set automountServiceAccountToken: false on the pod (or its ServiceAccount) and enable it only where needed.', de: 'automountServiceAccountToken: false am Pod (oder seinem ServiceAccount) setzen und nur wo nötig einschalten.' },
    bad: 'spec:\n  containers: []',
    good: 'spec:\n  automountServiceAccountToken: false\n  containers: []',
  },
  fixable: true,
  // A ServiceAccount that opts out in one document decides about pods in the others.
  crossDocument: true,
  check(file) {
    const out: RawFinding[] = [];
    const optedOut = optedOutAccounts(file);
    for (const pod of podSpecs(file)) {
      if (!pod.podLevel) continue;
      const pair = pairIn(pod.spec, ['automountServiceAccountToken']);
      const value = scalarBool(pair?.value);
      if (value === false) continue;
      if (value === undefined && optedOut.has(`${namespaceOf(pod.object)}/${serviceAccountOf(pod)}`)) continue;
      const fix = setFix(file, pod.document, pod.spec, ['automountServiceAccountToken'], 'false', TITLE);
      out.push(withFix(findingOn(pod.object, pair ? valueRange(pod.document, pair) : podAnchor(pod)), fix));
    }
    for (const o of file.objects) {
      if (!isKind(o, 'ServiceAccount', CORE)) continue;
      const pair = mapPair(o.node, 'automountServiceAccountToken');
      if (scalarBool(pair?.value) === false) continue;
      const range = pair ? valueRange(o.document, pair) : nameRange(o);
      const fix = setFix(file, o.document, o.node, ['automountServiceAccountToken'], 'false', TITLE);
      out.push(withFix(findingOn(o, range, { messageId: 'serviceAccount', args: { name: o.name ?? '' } }), fix));
    }
    return out;
  },
});
