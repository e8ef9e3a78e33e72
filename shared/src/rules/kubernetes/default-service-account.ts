import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { pairIn, podSpecs } from '../../parse/kubernetes';
import { mapGet, scalarBool } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, podAnchor, valueRange } from './support/findings';
import { serviceAccountOf } from './support/service-accounts';

/** Pods that run as the namespace's default service account with its token mounted. */
export const defaultServiceAccount = defineYamlRule({
  id: 'k8s/default-service-account',
  kind: 'kubernetes',
  title: { en: 'Use a dedicated service account', de: 'Einen eigenen Service-Account verwenden' },
  severity: 'info',
  levels: ['L2', 'L3'],
  references: ['CSC-5.2.1', 'OTC-C2'],
  external: [owaspK8s('K02')],
  equivalents: ['kube-linter:default-service-account', 'checkov:CKV_K8S_41'],
  messages: {
    default: {
      en: 'The pod runs as the default service account with its token mounted; create a dedicated ServiceAccount with only the permissions it needs.',
      de: 'Der Pod läuft als Standard-Service-Account mit eingehängtem Token; einen eigenen ServiceAccount mit nur den nötigen Rechten anlegen.',
    },
  },
  docs: {
    rationale: {
      en: 'Permissions granted to "default" apply to every pod of the namespace that does not choose another account.',
      de: 'Rechte für "default" gelten für jeden Pod des Namespaces, der kein anderes Konto wählt.',
    },
    fix: { en: 'Set serviceAccountName to a dedicated account, or automountServiceAccountToken: false when no API access is needed.', de: 'serviceAccountName auf ein eigenes Konto setzen oder automountServiceAccountToken: false, wenn kein API-Zugriff nötig ist.' },
    bad: 'spec:\n  containers: []',
    good: 'spec:\n  serviceAccountName: shop-api\n  containers: []',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      if (!pod.podLevel) continue;
      // Without a mounted token the account's permissions are out of reach of the containers.
      if (scalarBool(mapGet(pod.spec, 'automountServiceAccountToken')) === false) continue;
      if (serviceAccountOf(pod) !== 'default') continue;
      const pair = pairIn(pod.spec, ['serviceAccountName']) ?? pairIn(pod.spec, ['serviceAccount']);
      out.push(findingOn(pod.object, pair ? valueRange(pod.document, pair) : podAnchor(pod)));
    }
    return out;
  },
});
