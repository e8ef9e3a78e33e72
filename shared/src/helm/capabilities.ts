// `.Capabilities` of `helm template`, after Helm's pkg/chart/common/capabilities.go (Copyright The
// Helm Authors, Apache-2.0; see NOTICE-HELM.md): no cluster is asked, so the Kubernetes version is
// the default (or --kube-version) and the API versions are client-go's known group/versions plus
// --api-versions.
import { goFunc } from './template/func';
import { goStruct, type GoStruct } from './template/values';

/** The Kubernetes version as Helm holds it. */
export interface KubeVersion {
  /** As given, with a leading v (e.g. v1.33.4-gke.1245000). */
  readonly version: string;
  /** For constraint checks: v + numeric components only. */
  readonly normalized: string;
  readonly major: string;
  readonly minor: string;
}

/** The Kubernetes version Helm assumes without --kube-version (Helm built against client-go 0.34). */
export const DEFAULT_KUBE_VERSION = 'v1.34.0';

/** The group/versions Helm's default capability set holds (zz_generated_known_versions.go). */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1', 'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1', 'apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1', 'authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1',
  'autoscaling/v1', 'autoscaling/v2', 'batch/v1', 'batch/v1beta1', 'certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1',
  'certificates.k8s.io/v1alpha1', 'coordination.k8s.io/v1alpha2', 'coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1',
  'discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1', 'events.k8s.io/v1', 'events.k8s.io/v1beta1', 'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta1', 'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3', 'lifecycle.k8s.io/v1alpha1', 'networking.k8s.io/v1', 'networking.k8s.io/v1beta1',
  'node.k8s.io/v1', 'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1', 'policy/v1beta1', 'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1', 'resource.k8s.io/v1', 'resource.k8s.io/v1beta2',
  'resource.k8s.io/v1beta1', 'resource.k8s.io/v1alpha3', 'scheduling.k8s.io/v1alpha3', 'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1', 'storage.k8s.io/v1beta1', 'storage.k8s.io/v1', 'storage.k8s.io/v1alpha1', 'storagemigration.k8s.io/v1',
  'storagemigration.k8s.io/v1beta1', 'apiextensions.k8s.io/v1beta1', 'apiextensions.k8s.io/v1',
];

/** The Helm release this renderer reproduces, as `.Capabilities.HelmVersion` reports it. */
export const HELM_VERSION = { version: 'v4.0.0', gitCommit: '', gitTreeState: '', goVersion: 'go1.25.0', kubeClientVersion: 'v1.34' };

/** ParseKubeVersion (k8s ParseGeneric: at least major.minor, anything after the numbers dropped); undefined when invalid. */
export function parseKubeVersion(text: string): KubeVersion | undefined {
  const m = /^\s*v?([0-9]+(?:\.[0-9]+)+)(.*)$/.exec(text);
  if (!m) return undefined;
  const rest = m[2]!;
  if (rest !== '' && !/^[-+.]/.test(rest)) return undefined;
  const parts = m[1]!.split('.').map((p) => String(Number(p)));
  return { version: text.startsWith('v') ? text : `v${text}`, normalized: `v${parts.join('.')}`, major: parts[0]!, minor: parts[1]! };
}

/** The `.Capabilities` struct for templates. */
export function capabilitiesStruct(kube: KubeVersion, apiVersions: readonly string[]): GoStruct {
  const kubeVersion = goStruct(
    'common.KubeVersion',
    {
      Version: kube.version,
      Major: kube.major,
      Minor: kube.minor,
      String: goFunc([], undefined, () => kube.normalized),
      GitVersion: goFunc([], undefined, () => kube.version),
    },
    { stringer: () => kube.normalized },
  );
  const list = [...apiVersions];
  const versionSet = goStruct('common.VersionSet', { Has: goFunc(['string'], undefined, (v: string) => list.includes(v)) }, { underlying: list });
  const helmVersion = goStruct('version.BuildInfo', {
    Version: HELM_VERSION.version,
    GitCommit: HELM_VERSION.gitCommit,
    GitTreeState: HELM_VERSION.gitTreeState,
    GoVersion: HELM_VERSION.goVersion,
    KubeClientVersion: HELM_VERSION.kubeClientVersion,
  });
  return goStruct('*common.Capabilities', { KubeVersion: kubeVersion, APIVersions: versionSet, HelmVersion: helmVersion }, { pointer: true });
}
