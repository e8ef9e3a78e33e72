import type { Pair } from 'yaml';
import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, getIn, isWindowsPod, podSpecs, type ContainerRef } from '../../parse/kubernetes';
import { isMap, mapGet, mapPair, scalarString, type YAMLMap } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { allowedAppArmorAnnotation, SELINUX_TYPES } from './support/pod-security';
import { containerFinding } from './support/findings';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** An AppArmor setting in force for a container: its type and, when set on the container itself, the pair to report on. */
interface AppArmorSetting {
  readonly type: string | undefined;
  readonly own: Pair | undefined;
}

const ANNOTATION_TYPES: Readonly<Record<string, string>> = { 'runtime/default': 'RuntimeDefault', unconfined: 'Unconfined' };

function fieldSetting(sc: YAMLMap | undefined): { type: string | undefined; pair: Pair } | undefined {
  const profile = mapPair(sc, 'appArmorProfile');
  if (!profile || !isMap(profile.value)) return undefined;
  const type = mapPair(profile.value, 'type');
  return { type: scalarString(type?.value), pair: type ?? profile };
}

function annotationSetting(c: ContainerRef): { type: string | undefined; pair: Pair } | undefined {
  if (c.name === undefined) return undefined;
  const pair = mapPair(mapGet(c.pod.metadata, 'annotations'), `${ANNOTATION_PREFIX}${c.name}`);
  const value = scalarString(pair?.value) ?? '';
  if (!pair || value === '') return undefined;
  if (!allowedAppArmorAnnotation(value)) return { type: value, pair };
  return { type: value.startsWith('localhost/') ? 'Localhost' : ANNOTATION_TYPES[value], pair };
}

/** The AppArmor profile in force for a container, as the kubelet resolves it: container field, legacy annotation, pod field. */
export function effectiveAppArmor(c: ContainerRef): AppArmorSetting {
  const own = fieldSetting(c.securityContext) ?? annotationSetting(c);
  if (own) return { type: own.type, own: own.pair };
  return { type: (fieldSetting(c.pod.securityContext) ?? fieldSetting(c.pod.inherited))?.type, own: undefined };
}

/** True when the container (or its pod) sets an SELinux type of its own (not one of the generic container types). */
export function hasCustomSeLinuxType(c: ContainerRef): boolean {
  const type = scalarString(getIn(c.securityContext, ['seLinuxOptions', 'type'])) ?? scalarString(getIn(c.pod.securityContext, ['seLinuxOptions', 'type'])) ?? scalarString(getIn(c.pod.inherited, ['seLinuxOptions', 'type']));
  return type !== undefined && !SELINUX_TYPES.has(type);
}

/** Containers without an application-specific MAC profile: no Localhost AppArmor profile, no custom SELinux type (POL-4.1.2). */
export const apparmorProfile = defineYamlRule({
  id: 'k8s/apparmor-profile',
  kind: 'kubernetes',
  title: { en: 'Give each container its own AppArmor or SELinux profile', de: 'Jedem Container ein eigenes AppArmor- oder SELinux-Profil geben' },
  severity: 'info',
  levels: ['L3'],
  references: ['POL-4.1.2'],
  external: [owaspK8s('K01')],
  messages: {
    runtimeDefault: {
      en: 'Container "{container}" runs with the runtime\'s default AppArmor profile (RuntimeDefault): allowed by the Pod Security Standards, but not a profile specific to this application. Assign a Localhost AppArmor profile or a custom SELinux type.',
      de: 'Container "{container}" läuft mit dem Standard-AppArmor-Profil der Laufzeit (RuntimeDefault): nach den Pod Security Standards erlaubt, aber kein Profil speziell für diese Anwendung. Ein Localhost-AppArmor-Profil oder einen eigenen SELinux-Typ zuweisen.',
    },
    none: {
      en: 'Container "{container}" sets neither a Localhost AppArmor profile nor a custom SELinux type; it gets at most the runtime\'s generic profile. Assign a profile written for this application.',
      de: 'Container "{container}" setzt weder ein Localhost-AppArmor-Profil noch einen eigenen SELinux-Typ; er erhält höchstens das allgemeine Profil der Laufzeit. Ein für diese Anwendung geschriebenes Profil zuweisen.',
    },
  },
  docs: {
    rationale: {
      en: 'The runtime\'s default AppArmor profile and the generic SELinux types (container_t, container_init_t, container_kvm_t) confine every container alike. The policy asks for a profile per application that grants only what it needs. The rule resolves each container\'s AppArmor profile as the kubelet does (container securityContext.appArmorProfile, then the legacy annotation container.apparmor.security.beta.kubernetes.io/<name>, then the pod\'s securityContext.appArmorProfile) and accepts type Localhost, or a custom seLinuxOptions.type on the container or pod. Unconfined and invalid profiles are left to k8s/apparmor, Windows pods are skipped. A manifest shows that a specific profile is assigned, not what it contains: review the profile itself.',
      de: 'Das Standard-AppArmor-Profil der Laufzeit und die allgemeinen SELinux-Typen (container_t, container_init_t, container_kvm_t) begrenzen jeden Container gleich. Die Richtlinie verlangt je Anwendung ein Profil, das nur das Nötige erlaubt. Die Regel bestimmt das AppArmor-Profil jedes Containers wie das Kubelet (securityContext.appArmorProfile des Containers, dann die alte Annotation container.apparmor.security.beta.kubernetes.io/<name>, dann securityContext.appArmorProfile des Pods) und akzeptiert den Typ Localhost oder einen eigenen seLinuxOptions.type an Container oder Pod. Unconfined und ungültige Profile überlässt sie k8s/apparmor, Windows-Pods werden übergangen. Ein Manifest zeigt nur, dass ein bestimmtes Profil zugewiesen ist, nicht was es enthält: das Profil selbst prüfen.',
    },
    fix: {
      en: 'Write an AppArmor profile for the application, load it on the nodes and set securityContext.appArmorProfile: {type: Localhost, localhostProfile: <name>} (or assign a custom SELinux type).',
      de: 'Ein AppArmor-Profil für die Anwendung schreiben, auf den Knoten laden und securityContext.appArmorProfile: {type: Localhost, localhostProfile: <name>} setzen (oder einen eigenen SELinux-Typ zuweisen).',
    },
    bad: 'containers:\n- name: api\n  securityContext:\n    appArmorProfile: {type: RuntimeDefault}',
    good: 'containers:\n- name: api\n  securityContext:\n    appArmorProfile: {type: Localhost, localhostProfile: k8s-api}',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      if (isWindowsPod(pod)) continue;
      for (const c of pod.containers) {
        const { type, own } = effectiveAppArmor(c);
        // Localhost is a specific profile; Unconfined, unknown or missing types are k8s/apparmor's findings.
        const judged = type === 'RuntimeDefault' || (type === undefined && own === undefined);
        if (!judged || hasCustomSeLinuxType(c)) continue;
        out.push(containerFinding(c, own, { messageId: type === 'RuntimeDefault' ? 'runtimeDefault' : 'none', args: { container: containerName(c) } }));
      }
    }
    return out;
  },
});
