import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, isWindowsPod, podSpecs } from '../../parse/kubernetes';
import { isMap, mapGet, scalarString } from '../../parse/yaml';
import type { Localized, RawFinding } from '../../types';
import { RESTRICTED_LEVELS, containerFinding, findingOn, setFix, valueRange, withFix } from './support/findings';
import { badSeccompPair } from './support/pod-security';

const TITLE: Localized = { en: 'Set seccompProfile type RuntimeDefault', de: 'seccompProfile-Typ RuntimeDefault setzen' };

/**
 * Seccomp must be set for every container, itself or inherited from the pod
 * (PSS restricted `seccompProfile_restricted`; Windows pods are exempt).
 */
export const seccompRestricted = defineYamlRule({
  id: 'k8s/seccomp-restricted',
  kind: 'kubernetes',
  title: { en: 'Every container needs a seccomp profile', de: 'Jeder Container braucht ein Seccomp-Profil' },
  severity: 'warning',
  levels: RESTRICTED_LEVELS,
  references: ['CL-2.2.1', 'POL-3.1.1', 'POL-3.1.2', 'ART-3.3'],
  external: [{ source: 'Pod Security Standards', id: 'restricted/seccompProfile_restricted' }, owaspK8s('K01')],
  equivalents: ['pss:restricted/seccompProfile_restricted', 'checkov:CKV_K8S_31', 'trivy:KSV030'],
  messages: {
    default: {
      en: 'Container "{container}" has no seccomp profile of its own or from the pod; set seccompProfile.type: RuntimeDefault.',
      de: 'Container "{container}" hat kein Seccomp-Profil, weder eigenes noch vom Pod; seccompProfile.type: RuntimeDefault setzen.',
    },
    bad: {
      en: 'Seccomp profile "{profile}" is not allowed by the restricted profile; use RuntimeDefault or Localhost.',
      de: 'Seccomp-Profil "{profile}" ist im Restricted-Profil nicht erlaubt; RuntimeDefault oder Localhost verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'Kubernetes runs containers Unconfined unless a seccomp profile is requested; RuntimeDefault blocks the rarely needed, dangerous system calls. As in Pod Security Admission\'s current policy only the seccompProfile field counts (the pre-1.19 annotations no longer take effect), and Windows pods are exempt.',
      de: 'Kubernetes startet Container ohne Seccomp, solange kein Profil angefordert wird; RuntimeDefault sperrt selten gebrauchte, gefährliche Systemaufrufe. Wie in der aktuellen Richtlinie von Pod Security Admission zählt nur das Feld seccompProfile (die Annotationen von vor 1.19 wirken nicht mehr), und Windows-Pods sind ausgenommen.',
    },
    fix: { en: 'Set securityContext.seccompProfile.type: RuntimeDefault on the pod or on each container.', de: 'securityContext.seccompProfile.type: RuntimeDefault am Pod oder an jedem Container setzen.' },
    bad: 'containers:\n- name: app\n  image: app:1.0',
    good: 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault\ncontainers:\n- name: app\n  image: app:1.0',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      if (isWindowsPod(pod)) continue;
      const podBad = badSeccompPair(pod.securityContext);
      // a profile the pod inherits (PodSpecRef.inherited) counts when the pod sets none of its own
      const scope = isSetProfile(pod.securityContext) ? pod.securityContext : pod.inherited;
      const podSet = isSetProfile(scope) && !badSeccompPair(scope);
      if (podBad && pod.securityContext) {
        const fix = setFix(file, pod.document, pod.securityContext, ['seccompProfile', 'type'], 'RuntimeDefault', TITLE);
        out.push(withFix(findingOn(pod.object, valueRange(pod.document, podBad), { messageId: 'bad', args: { profile: scalarString(podBad.value) ?? '' } }), fix));
      }
      for (const c of pod.containers) {
        const ownIsMap = isSetProfile(c.securityContext);
        const bad = badSeccompPair(c.securityContext);
        if (bad) {
          const fix = setFix(file, pod.document, c.node, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault', TITLE);
          out.push(withFix(findingOn(pod.object, valueRange(pod.document, bad), { messageId: 'bad', args: { profile: scalarString(bad.value) ?? '' } }), fix));
        } else if (!ownIsMap && !podSet) {
          const fix = setFix(file, pod.document, c.node, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault', TITLE);
          out.push(withFix(containerFinding(c, undefined, { args: { container: containerName(c) } }), fix));
        }
      }
    }
    return out;
  },
});

/** True when a securityContext sets seccompProfile to a map (Go's non-nil pointer). */
const isSetProfile = (sc: unknown): boolean => isMap(mapGet(sc, 'seccompProfile'));
