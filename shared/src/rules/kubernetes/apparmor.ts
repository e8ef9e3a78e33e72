import type { Pair } from 'yaml';
import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { pairIn, podSpecs, type PodSpecRef } from '../../parse/kubernetes';
import { isMap, mapGet, mapPair, scalarString, type YAMLMap } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { BASELINE_LEVELS, baselineControl, findingOn, replaceFix, setFix, valueRange, withFix } from './support/findings';
import { allowedAppArmorAnnotation } from './support/pod-security';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** PSA's allowed `appArmorProfile.type` values. */
const allowedType = (t: string | undefined): boolean => t === 'RuntimeDefault' || t === 'Localhost';

/** appArmorProfile maps with a type PSA does not allow, with the map holding their securityContext. */
function badTypePairs(pod: PodSpecRef): { owner: YAMLMap; pair: Pair }[] {
  const out: { owner: YAMLMap; pair: Pair }[] = [];
  for (const owner of [pod.spec, ...pod.containers.map((c) => c.node)]) {
    const sc = mapGet(owner, 'securityContext');
    const profile = mapGet(sc, 'appArmorProfile');
    if (!isMap(profile)) continue;
    const typePair = pairIn(profile, ['type']);
    if (!allowedType(scalarString(typePair?.value))) out.push({ owner, pair: typePair ?? pairIn(sc, ['appArmorProfile'])! });
  }
  return out;
}

function badAnnotations(pod: PodSpecRef): Pair[] {
  const annotations = mapGet(pod.metadata, 'annotations');
  if (!isMap(annotations)) return [];
  return (annotations.items as Pair[]).filter((p) => {
    const key = scalarString(p.key);
    const value = scalarString(p.value) ?? '';
    return key?.startsWith(ANNOTATION_PREFIX) === true && !allowedAppArmorAnnotation(value);
  });
}

/** AppArmor disabled or overridden (PSS baseline `appArmorProfile`), by field and legacy annotation. */
export const apparmor = defineYamlRule({
  id: 'k8s/apparmor',
  kind: 'kubernetes',
  title: { en: 'AppArmor must not be disabled', de: 'AppArmor darf nicht abgeschaltet werden' },
  severity: 'error',
  levels: BASELINE_LEVELS,
  references: ['CL-2.2.2', 'POL-4.1.1'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/appArmorProfile' }, owaspK8s('K01')],
  equivalents: [...baselineControl('appArmorProfile'), 'trivy:KSV002'],
  messages: {
    default: {
      en: 'AppArmor profile "{profile}" is not allowed; use RuntimeDefault or a Localhost profile.',
      de: 'AppArmor-Profil "{profile}" ist nicht erlaubt; RuntimeDefault oder ein Localhost-Profil verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'The runtime\'s default AppArmor profile confines what a container may do on the host; Unconfined removes that layer.',
      de: 'Das Standard-AppArmor-Profil der Laufzeit begrenzt, was ein Container auf dem Host darf; Unconfined entfernt diese Schicht.',
    },
    fix: { en: 'Set appArmorProfile.type to RuntimeDefault or Localhost (or remove the override).', de: 'appArmorProfile.type auf RuntimeDefault oder Localhost setzen (oder die Überschreibung entfernen).' },
    bad: 'securityContext:\n  appArmorProfile:\n    type: Unconfined',
    good: 'securityContext:\n  appArmorProfile:\n    type: RuntimeDefault',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      for (const pair of badAnnotations(pod)) {
        const fix = scalarString(pair.value) === 'unconfined' ? replaceFix(file, pod.document, pair, 'runtime/default', { en: 'Set the annotation to runtime/default', de: 'Annotation auf runtime/default setzen' }) : undefined;
        out.push(withFix(findingOn(pod.object, valueRange(pod.document, pair), { args: { profile: scalarString(pair.value) ?? '' } }), fix));
      }
      for (const { owner, pair } of badTypePairs(pod)) {
        // The API server refuses localhostProfile beside any type but Localhost.
        const profile = mapGet(mapGet(owner, 'securityContext'), 'appArmorProfile');
        const fix = mapPair(profile, 'localhostProfile') ? undefined : setFix(file, pod.document, owner, ['securityContext', 'appArmorProfile', 'type'], 'RuntimeDefault', { en: 'Set appArmorProfile.type: RuntimeDefault', de: 'appArmorProfile.type: RuntimeDefault setzen' });
        out.push(withFix(findingOn(pod.object, valueRange(pod.document, pair), { args: { profile: scalarString(pair.value) ?? '' } }), fix));
      }
    }
    return out;
  },
});

