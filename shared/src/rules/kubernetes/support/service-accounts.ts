/** The service account a pod runs as, which the service-account rules read alike. */
import type { PodSpecRef } from '../../../parse/kubernetes';
import { mapGet, scalarString } from '../../../parse/yaml';

/** The service account a pod runs as. */
export function serviceAccountOf(pod: PodSpecRef): string {
  return scalarString(mapGet(pod.spec, 'serviceAccountName')) ?? scalarString(mapGet(pod.spec, 'serviceAccount')) ?? 'default';
}
