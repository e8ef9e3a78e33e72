/** What several Pod Security Standards checks ask alike: the values the admission controller allows, and where a pod unmasks /proc. */
import type { Pair } from 'yaml';
import { getIn, pairIn, type ContainerRef, type PodSpecRef } from '../../../parse/kubernetes';
import { isMap, mapPair, scalarBool, scalarString, type YAMLMap } from '../../../parse/yaml';

/** PSA's allowed legacy annotation values: empty, `runtime/default`, `localhost/*`. */
export const allowedAppArmorAnnotation = (v: string): boolean => v === '' || v === 'runtime/default' || v.startsWith('localhost/');

/** SELinux types PSA allows (the empty type included). */
export const SELINUX_TYPES: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);

/** Seccomp profile types PSA accepts. */
export const validSeccompType = (t: string | undefined): boolean => t === 'RuntimeDefault' || t === 'Localhost';

/** The pair to report for a seccompProfile map with a bad type (the type, else the profile key). */
export function badSeccompPair(sc: YAMLMap | undefined): Pair | undefined {
  const profilePair = mapPair(sc, 'seccompProfile');
  if (!profilePair || !isMap(profilePair.value)) return undefined;
  const typePair = mapPair(profilePair.value, 'type');
  return validSeccompType(scalarString(typePair?.value)) ? undefined : (typePair ?? profilePair);
}

/** True when the pod runs in a user namespace (`hostUsers: false`). */
export const inUserNamespace = (pod: PodSpecRef): boolean => scalarBool(getIn(pod.spec, ['hostUsers'])) === false;

/** Containers whose procMount is set to anything but Default, with the offending pair. */
export function unmaskedProcMounts(pod: PodSpecRef): { c: ContainerRef; pair: Pair }[] {
  return pod.containers.flatMap((c) => {
    const pair = pairIn(c.securityContext, ['procMount']);
    const v = scalarString(pair?.value);
    return pair && v !== undefined && v !== 'Default' ? [{ c, pair }] : [];
  });
}
