import type { Pair } from 'yaml';
import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { podSpecs, type PodSpecRef } from '../../parse/kubernetes';
import { isMap, mapGet, mapPair, scalarString, type YAMLMap } from '../../parse/yaml';
import type { Fix, RawFinding, YamlFile } from '../../types';
import { BASELINE_LEVELS, baselineControl, findingOn, replaceFix, setFix, valueRange, withFix } from './support/findings';
import { badSeccompPair } from './support/pod-security';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Legacy annotation values PSA accepts: `runtime/default`, `docker/default`, `localhost/*`. */
const validAnnotation = (v: string): boolean => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');

function badAnnotationPairs(pod: PodSpecRef): Pair[] {
  const annotations = mapGet(pod.metadata, 'annotations');
  if (!isMap(annotations)) return [];
  const keys = new Set([POD_ANNOTATION, ...pod.containers.flatMap((c) => (c.name ? [CONTAINER_PREFIX + c.name] : []))]);
  return (annotations.items as Pair[]).filter((p) => keys.has(scalarString(p.key) ?? '') && !validAnnotation(scalarString(p.value) ?? ''));
}

/**
 * Sets seccompProfile.type to RuntimeDefault, unless the profile names a localhost profile (the
 * API server refuses localhostProfile beside any other type).
 */
function runtimeDefaultFix(file: YamlFile, pod: PodSpecRef, owner: YAMLMap): Fix | undefined {
  const profile = mapGet(mapGet(owner, 'securityContext'), 'seccompProfile');
  if (mapPair(profile, 'localhostProfile')) return undefined;
  return setFix(file, pod.document, owner, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault', { en: 'Set seccompProfile.type: RuntimeDefault', de: 'seccompProfile.type: RuntimeDefault setzen' });
}

/** Seccomp explicitly disabled (PSS baseline `seccompProfile_baseline`), by field and legacy annotation. */
export const seccompBaseline = defineYamlRule({
  id: 'k8s/seccomp-baseline',
  kind: 'kubernetes',
  title: { en: 'Seccomp must not be disabled', de: 'Seccomp darf nicht abgeschaltet werden' },
  severity: 'error',
  levels: BASELINE_LEVELS,
  references: ['CL-2.2.1', 'POL-3.1.1'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/seccompProfile_baseline' }, owaspK8s('K01')],
  equivalents: [...baselineControl('seccompProfile_baseline'), 'trivy:KSV104'],
  messages: {
    default: {
      en: 'Seccomp profile "{profile}" disables system-call filtering; use RuntimeDefault or a Localhost profile.',
      de: 'Seccomp-Profil "{profile}" schaltet die Systemaufruf-Filterung ab; RuntimeDefault oder ein Localhost-Profil verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'Without seccomp a container may call every system call of the host kernel, including those used in kernel exploits.',
      de: 'Ohne Seccomp darf ein Container jeden Systemaufruf des Host-Kernels nutzen, auch die für Kernel-Exploits.',
    },
    fix: { en: 'Set seccompProfile.type to RuntimeDefault.', de: 'seccompProfile.type auf RuntimeDefault setzen.' },
    bad: 'seccompProfile:\n  type: Unconfined',
    good: 'seccompProfile:\n  type: RuntimeDefault',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      const finding = (pair: Pair, fix: Fix | undefined): RawFinding => withFix(findingOn(pod.object, valueRange(pod.document, pair), { args: { profile: scalarString(pair.value) ?? '' } }), fix);
      for (const pair of badAnnotationPairs(pod)) {
        const fix = scalarString(pair.value) === 'unconfined' ? replaceFix(file, pod.document, pair, 'runtime/default', { en: 'Set the annotation to runtime/default', de: 'Annotation auf runtime/default setzen' }) : undefined;
        out.push(finding(pair, fix));
      }
      for (const owner of [pod.spec, ...pod.containers.map((c) => c.node)]) {
        const pair = badSeccompPair(mapGet(owner, 'securityContext') as YAMLMap | undefined);
        if (pair) out.push(finding(pair, runtimeDefaultFix(file, pod, owner)));
      }
    }
    return out;
  },
});
